/// Text bound for a terminal, with control characters made visible: a
/// scenario's names and ids reach error messages and summaries, and an ESC,
/// BEL or NUL in them must not drive the terminal. Line feeds and tabs
/// stay; every other C0 or C1 control and DEL prints as `\u{1B}`.
enum TerminalText {
    static func safe(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for u in text.unicodeScalars {
            let v = u.value
            if (v < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(v) {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// `print` for text that may hold scenario strings.
func say(_ text: String) {
    print(TerminalText.safe(text))
}
