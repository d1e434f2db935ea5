import AllocSim

/// A CSV table: header and rows of already-formatted fields, written per
/// RFC 4180 (comma separated, records ended by CRLF, fields with commas,
/// quotes or line breaks quoted and quotes doubled), UTF-8.
public struct CSVTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public var text: String {
        var out = CSVTable.line(header)
        for r in rows { out += CSVTable.line(r) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    /// Quotes a field holding a comma, a quote, CR or LF, or a leading or
    /// trailing space (which readers often strip). The test looks at
    /// Unicode scalars, not Characters: Swift reads "\r\n" as one Character,
    /// equal to neither "\r" nor "\n".
    static func quote(_ field: String) -> String {
        let needs = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        if needs {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// Parses CSV text as written by `text` (and RFC 4180 generally).
    public static func parse(_ text: String) -> CSVTable {
        var rows: [[String]] = []
        var field = ""
        var row: [String] = []
        var quoted = false
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else if c != "\r" {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return CSVTable(header: []) }
        return CSVTable(header: header, rows: Array(rows.dropFirst()))
    }
}

/// A list inside one CSV field (`lottery.csv`'s candidates): items joined
/// by `;`, with `\` and `;` inside an item escaped as `\\` and `\;`, so an
/// id holding `;` still reads back as one item.
public enum CSVList {
    public static func join(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;") }
            .joined(separator: ";")
    }

    public static func split(_ field: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for u in field.unicodeScalars {
            if escaped { current.unicodeScalars.append(u); escaped = false }
            else if u == "\\" { escaped = true }
            else if u == ";" { items.append(current); current = "" }
            else { current.unicodeScalars.append(u) }
        }
        items.append(current)
        return field.isEmpty ? [] : items
    }
}

/// Money and counts in CSV: fixed decimals, no locale.
public enum CSVNumber {
    public static func money(_ v: Double) -> String { FixedFormat.decimal(v, digits: 2) }
    public static func stat(_ v: Double) -> String { FixedFormat.decimal(v, digits: 6) }
}
