import Foundation
import Yams

/// Collects the problems found while reading one file.
final class Diagnostics {
    let file: String
    private(set) var issues: [ScenarioIssue] = []

    init(file: String) { self.file = file }

    func add(_ path: String, _ line: Int?, _ message: String) {
        issues.append(ScenarioIssue(file: file, path: path, line: line, message: message))
    }
}

/// A YAML node with the field path that leads to it; reading a value
/// either returns it or records what was expected and returns nil.
struct YAMLField {
    let node: Node
    let path: String
    let diagnostics: Diagnostics

    var line: Int? { node.mark?.line }

    func fail(_ expected: String) {
        diagnostics.add(path, line, "expected \(expected), found \(found)")
    }

    func problem(_ message: String) {
        diagnostics.add(path, line, message)
    }

    private var found: String {
        switch node {
        case .scalar(let s):
            if s.string.isEmpty || s.string == "~" || s.string == "null" { return "nothing" }
            return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func child(_ key: String, _ node: Node) -> YAMLField {
        YAMLField(node: node, path: path.isEmpty ? key : "\(path).\(key)", diagnostics: diagnostics)
    }

    /// Reads a mapping whose keys must come from `allowed`; reports unknown
    /// and duplicate keys, and missing `required` ones.
    func mapping(allowed: [String], required: [String] = []) -> YAMLMapping? {
        guard case .mapping(let m) = node else {
            fail("a mapping with fields \(allowed.joined(separator: ", "))")
            return nil
        }
        var fields: [String: YAMLField] = [:]
        fields.reserveCapacity(m.count)   // no regrowth, field by field
        for (k, v) in m {
            guard case .scalar(let ks) = k else {
                diagnostics.add(path, k.mark?.line, "expected field names to be plain words")
                continue
            }
            let name = ks.string
            let f = child(name, v)
            if !allowed.contains(name) {
                let hint = YAMLField.closest(name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                diagnostics.add(f.path, k.mark?.line,
                                "unknown field '\(name)'\(hint); expected one of \(allowed.joined(separator: ", "))")
            } else if fields[name] != nil {
                diagnostics.add(f.path, k.mark?.line, "field '\(name)' is given twice")
            } else {
                fields[name] = f
            }
        }
        for r in required where fields[r] == nil {
            diagnostics.add(path.isEmpty ? r : "\(path).\(r)", line, "missing required field '\(r)'")
        }
        return YAMLMapping(fields: fields)
    }

    /// Reads a list.
    func list() -> [YAMLField]? {
        guard case .sequence(let s) = node else {
            fail("a list")
            return nil
        }
        return s.enumerated().map { i, n in
            YAMLField(node: n, path: "\(path)[\(i)]", diagnostics: diagnostics)
        }
    }

    /// A mapping entry without any check (for cross-field messages that
    /// only need a line number).
    func peek(_ key: String) -> YAMLField? {
        guard case .mapping(let m) = node else { return nil }
        for (k, v) in m where k.scalar?.string == key { return child(key, v) }
        return nil
    }

    /// A list's items without any check.
    func peekItems() -> [YAMLField] {
        guard case .sequence(let s) = node else { return [] }
        return s.enumerated().map { i, n in YAMLField(node: n, path: "\(path)[\(i)]", diagnostics: diagnostics) }
    }

    /// A plain scalar's text.
    var scalarText: String? {
        if case .scalar(let s) = node { return s.string }
        return nil
    }

    func string() -> String? {
        guard case .scalar(let s) = node else {
            fail("a text value")
            return nil
        }
        let isNull = s.style == .plain && (s.string == "~" || s.string == "null")
        if isNull || s.string.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains) {
            fail("a non-empty text value")
            return nil
        }
        return s.string
    }

    func int(min: Int = 0, max: Int = Int.max) -> Int? {
        guard let text = scalarText, let v = Int(YAMLField.withoutSeparators(text)) else {
            fail(min == 0 ? "a whole number ≥ 0" : "a whole number ≥ \(min)")
            return nil
        }
        guard v >= min, v <= max else {
            let range = max == Int.max ? "≥ \(min)" : "from \(min) to \(max)"
            fail("a whole number \(range)")
            return nil
        }
        return v
    }

    func uint64() -> UInt64? {
        guard let text = scalarText, let v = UInt64(YAMLField.withoutSeparators(text)) else {
            fail("a whole number from 0 to 18446744073709551615")
            return nil
        }
        return v
    }

    func double(min: Double = -.infinity, max: Double = .infinity, what: String = "a number") -> Double? {
        guard let text = scalarText, let v = YAMLField.parseDouble(text) else {
            fail(what)
            return nil
        }
        guard v.isFinite else {
            fail("a finite number")
            return nil
        }
        guard v >= min, v <= max else {
            if max == .infinity { fail("a number ≥ \(YAMLField.plain(min))") } else {
                fail("a number from \(YAMLField.plain(min)) to \(YAMLField.plain(max))")
            }
            return nil
        }
        return v
    }

    func bool() -> Bool? {
        switch scalarText {
        case "true", "True", "TRUE", "yes": return true
        case "false", "False", "FALSE", "no": return false
        default:
            fail("true or false")
            return nil
        }
    }

    func date() -> CalendarDate? {
        guard let text = scalarText, let d = CalendarDate(iso: text) else {
            fail("a date YYYY-MM-DD")
            return nil
        }
        return d
    }

    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> T? where T.RawValue == String {
        guard let text = scalarText, let v = T(rawValue: text) else {
            fail("one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return v
    }

    /// A point `[x, y]` with finite coordinates; in degrees, x is a
    /// longitude in [-180, 180] and y a latitude in [-90, 90].
    func point(units: CoordinateUnits) -> Point? {
        guard let items = list(), items.count == 2 else {
            if case .sequence = node { fail("a point [x, y] with two numbers") }
            return nil
        }
        let what = units == .degrees ? ["a longitude", "a latitude"] : ["a number (feet)", "a number (feet)"]
        let f = Limits.coordinateFeet
        let lim: [(Double, Double)] = units == .degrees ? [(-180, 180), (-90, 90)] : [(-f, f), (-f, f)]
        guard let x = items[0].double(min: lim[0].0, max: lim[0].1, what: what[0]),
              let y = items[1].double(min: lim[1].0, max: lim[1].1, what: what[1]) else { return nil }
        return Point(x, y)
    }

    /// A simple polygon `[[x, y], ...]`: 3 to `Limits.polygonVertices`
    /// distinct vertices enclosing an area, no edge crossing another.
    func polygon(units: CoordinateUnits) -> Polygon? {
        guard let items = list() else { return nil }
        guard items.count <= Limits.polygonVertices else {
            problem("expected a polygon of at most \(Limits.polygonVertices) vertices, found \(items.count)")
            return nil
        }
        let pts = items.compactMap { $0.point(units: units) }
        guard pts.count == items.count else { return nil }
        let poly = Polygon(pts)
        guard Set(poly.vertices).count >= 3, poly.area > 0 else {
            fail("a polygon of at least three distinct [x, y] points enclosing an area")
            return nil
        }
        if let (i, j) = poly.firstCrossing() {
            problem("expected a simple polygon; its edge from vertex \(i) crosses the edge from vertex \(j)")
            return nil
        }
        return poly
    }

    /// A number's text without the `_` separators YAML allows in it. (A
    /// plain filter: Foundation's `replacingOccurrences`, once per number,
    /// was a third of a scenario's load, which a sweep makes once a cell.)
    static func withoutSeparators(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "_" }))
    }

    static func parseDouble(_ text: String) -> Double? {
        let t = withoutSeparators(text)
        switch t {
        case ".nan", ".NaN", ".NAN": return .nan
        case ".inf", "+.inf", ".Inf": return .infinity
        case "-.inf", "-.Inf": return -.infinity
        default: return Double(t)
        }
    }

    static func plain(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    static func closest(_ name: String, in options: [String]) -> String? {
        let lower = name.lowercased()
        return options.first { $0.lowercased() == lower }
            ?? options.map { ($0, editDistance($0.lowercased(), lower)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
            ?? options.first { lower.count >= 4 && ($0.lowercased().hasPrefix(lower) || lower.hasPrefix($0.lowercased())) }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}

/// The fields of a mapping that passed the unknown-field check.
struct YAMLMapping {
    let fields: [String: YAMLField]

    subscript(_ key: String) -> YAMLField? { fields[key] }
}
