import AllocSim

/// Small helpers for self-contained HTML: escaping and page frame.
public enum HTML {
    /// Escapes text for element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A table with escaped header and cells.
    public static func table(_ t: CSVTable, numericFrom: Int = Int.max) -> String {
        var out = "<table><thead><tr>"
        for h in t.header { out += "<th>\(escape(h))</th>" }
        out += "</tr></thead><tbody>\n"
        for r in t.rows {
            out += "<tr>"
            for (i, c) in r.enumerated() { out += i >= numericFrom ? "<td class=n>\(escape(c))</td>" : "<td>\(escape(c))</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;color:#1b1b1b;padding:0 1rem}
    h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
    table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
    th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#666}
    .cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;min-width:10rem}
    .card b{display:block;font-size:1.4rem}svg text{font-size:11px;font-family:inherit}
    .summary{font-size:1.05rem;max-width:52rem}.summary p{margin:.35rem 0}
    tr.awarded td{background:#e6f2e6}tr.total td{font-weight:600;border-top:2px solid #999}ol.draws{font-size:.9rem}
    @page{margin:1.5cm;@bottom-right{content:"page " counter(page)}}
    @media print{body{margin:0;max-width:none}h1,h2,h3{break-after:avoid}table,svg,.card,.summary{break-inside:avoid}}
    """

    /// A complete page: inline CSS, no scripts, no network.
    public static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(style)@page{@bottom-left{content:"\(cssString(title))"}}</style></head>
        <body>
        \(body)
        </body></html>

        """
    }

    /// Text inside a CSS string: quotes, backslashes and anything that
    /// could end the style element escaped as CSS hex escapes.
    static func cssString(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u == "\"" || u == "\\" || u == "<" || u == ">" || u == "&" || u.value < 0x20 || u.value == 0x7F {
                out += "\\" + String(u.value, radix: 16) + " "
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A summary card.
    public static func card(_ label: String, _ value: String) -> String {
        "<div class=card><b>\(escape(value))</b>\(escape(label))</div>"
    }
}
