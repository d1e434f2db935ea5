import Yams

/// Guards the YAML reader against files that would take it minutes or
/// gigabytes (issue: no input crashes the tool): a size limit, a nesting
/// limit checked on the text before parsing (the composer recurses once
/// per level), and a node budget checked after composing, counting an
/// alias each time it is used (a "billion laughs" document is small but
/// expands without end when walked).
enum YAMLLimits {
    static func tooLarge(_ bytes: Int) -> String {
        "too large: \(bytes) bytes; expected a scenario file of at most \(Limits.fileBytes >> 20) MB"
    }

    /// A conservative estimate of each line's nesting depth: its
    /// indentation, plus the block sequence or mapping markers (`- `, `? `)
    /// that open it, plus the flow brackets (`[`, `{`) open at its end. It
    /// never underestimates, so a file under the limit parses within it.
    static func problemBeforeParsing(_ text: String) -> (line: Int, message: String)? {
        if text.utf8.count > Limits.fileBytes { return (1, tooLarge(text.utf8.count)) }
        var line = 1
        var flow = 0
        var indent = 0
        var markers = 0
        var atStart = true
        var quote: UInt8? = nil
        var comment = false
        func deep(_ d: Int) -> (Int, String) {
            (line, "too deep: nesting of at least \(d) levels; expected at most \(Limits.nesting)")
        }
        var previous: UInt8 = 0
        for c in text.utf8 {
            defer { previous = c }
            if c == UInt8(ascii: "\n") {
                line += 1; indent = 0; markers = 0; atStart = true; comment = false
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { continue }
                continue
            }
            if comment { continue }
            if let q = quote {
                // Only double quotes take backslash escapes; a quote that
                // ends early only makes the estimate larger.
                if c == q && (q == UInt8(ascii: "'") || previous != UInt8(ascii: "\\")) { quote = nil }
                continue
            }
            if atStart {
                if c == UInt8(ascii: " ") { indent += 1; continue }
                if (c == UInt8(ascii: "-") || c == UInt8(ascii: "?")) { markers += 1; continue }
                atStart = false
            }
            switch c {
            case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == 0 || previous == UInt8(ascii: "\n"):
                comment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if opensToken(previous) { quote = c }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
            default:
                break
            }
            let depth = flow + markers + indent / 2
            if depth > Limits.nesting { return deep(depth) }
        }
        return nil
    }

    /// Whether a quote after `previous` starts a quoted scalar (YAML quotes
    /// open a token; inside a plain scalar, as in `Guam's`, they are text).
    static func opensToken(_ previous: UInt8) -> Bool {
        [0, UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
         UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "?")].contains(previous)
    }

    /// Counts nodes, aliases expanded, up to the budget.
    static func problemAfterComposing(_ root: Node) -> String? {
        var budget = Limits.yamlNodes
        var stack: [Node] = [root]
        while let n = stack.popLast() {
            budget -= 1
            if budget < 0 {
                return "too large: more than \(Limits.yamlNodes) YAML values (aliases counted each time they are used); "
                    + "expected a smaller scenario"
            }
            switch n {
            case .mapping(let m): for (k, v) in m { stack.append(k); stack.append(v) }
            case .sequence(let s): stack.append(contentsOf: s)
            case .scalar, .alias: break
            }
        }
        return nil
    }
}
