/// One difference between a recorded snapshot and a fresh run.
public struct SnapshotDrift: Sendable, Hashable {
    public var file: String
    /// The row: its number (1-based, after the header) and its key cells.
    public var row: String
    public var column: String
    public var old: String
    public var new: String

    public init(file: String, row: String, column: String, old: String, new: String) {
        self.file = file
        self.row = row
        self.column = column
        self.old = old
        self.new = new
    }
}

/// Compares CSV outputs cell by cell (issue: snapshots CI trusts):
/// integers and text exactly, other numbers within a relative tolerance.
public enum SnapshotComparison {
    public static let defaultTolerance = 1e-9

    /// The drifts between `old` and `new` versions of `file`.
    public static func compare(file: String, old: CSVTable, new: CSVTable, tolerance: Double) -> [SnapshotDrift] {
        var out: [SnapshotDrift] = []
        if old.header != new.header {
            return [SnapshotDrift(file: file, row: "header", column: "", old: old.header.joined(separator: ","),
                                  new: new.header.joined(separator: ","))]
        }
        let keyColumns = old.header.prefix { !["mean", "p_award", "patients", "status", "step"].contains($0) }.count
        func key(_ r: [String]) -> String { r.prefix(max(1, keyColumns)).joined(separator: " / ") }
        let oldKeys = Dictionary(old.rows.enumerated().map { (key($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        let newKeys = Dictionary(new.rows.enumerated().map { (key($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (i, r) in old.rows.enumerated() {
            let k = key(r)
            guard let j = newKeys[k] else {
                out.append(SnapshotDrift(file: file, row: "\(i + 1): \(k)", column: "(row)", old: "present", new: "missing"))
                continue
            }
            let n = new.rows[j]
            for (c, name) in old.header.enumerated() where c >= keyColumns {
                let a = c < r.count ? r[c] : "", b = c < n.count ? n[c] : ""
                if !same(a, b, tolerance: tolerance) {
                    out.append(SnapshotDrift(file: file, row: "\(i + 1): \(k)", column: name, old: a, new: b))
                }
            }
        }
        for (j, r) in new.rows.enumerated() where oldKeys[key(r)] == nil {
            out.append(SnapshotDrift(file: file, row: "\(j + 1): \(key(r))", column: "(row)", old: "missing", new: "present"))
        }
        return out
    }

    /// Whole numbers and text must match exactly; other numbers within
    /// `tolerance` relative to the larger magnitude.
    public static func same(_ a: String, _ b: String, tolerance: Double) -> Bool {
        if a == b { return true }
        guard let x = Double(a), let y = Double(b), x.isFinite, y.isFinite else { return false }
        let whole = { (s: String) in !s.contains(".") && !s.contains("e") && !s.contains("E") }
        if whole(a) && whole(b) { return false }
        return abs(x - y) <= tolerance * max(abs(x), abs(y))
    }

    /// A readable table of drifts for a terminal.
    public static func table(_ drifts: [SnapshotDrift]) -> String {
        let header = ["file", "row", "column", "old", "new"]
        let rows = drifts.map { [$0.file, $0.row, $0.column, $0.old, $0.new] }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = min(60, max(widths[i], c.count)) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in
                let cell = c.count > 60 ? String(c.prefix(57)) + "..." : c
                return cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
            .joined(separator: "\n")
    }
}
