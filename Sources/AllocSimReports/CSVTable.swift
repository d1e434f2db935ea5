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

    static func quote(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
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

/// Money and counts in CSV: fixed decimals, no locale.
public enum CSVNumber {
    public static func money(_ v: Double) -> String { FixedFormat.decimal(v, digits: 2) }
    public static func stat(_ v: Double) -> String { FixedFormat.decimal(v, digits: 6) }
}
