import AllocSim

/// Inline SVG charts: no scripts, no fonts from the network.
public enum SVGChart {
    /// A horizontal bar chart of probabilities with 95% interval whiskers.
    public static func probabilityBars(_ rows: [(label: String, p: Double, low: Double, high: Double)],
                                       title: String) -> String {
        let rowHeight = 18.0, labelWidth = 190.0, plotWidth = 420.0
        let height = Double(rows.count) * rowHeight + 40
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(labelWidth + plotWidth + 60))\" "
            + "height=\"\(Int(height))\" aria-label=\"\(HTML.escape(title))\"><title>\(HTML.escape(title))</title>"
            + "<desc>Bars: the chance of at least one award; whiskers: 95% Wilson intervals.</desc>\n"
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let x = labelWidth + tick * plotWidth
            s += "<line x1=\"\(f(x))\" y1=\"10\" x2=\"\(f(x))\" y2=\"\(f(height - 22))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(x))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(FixedFormat.compact(tick))</text>\n"
        }
        for (i, r) in rows.enumerated() {
            let y = 10 + Double(i) * rowHeight
            s += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 12))\" text-anchor=\"end\">\(HTML.escape(r.label))</text>"
            s += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(max(0, r.p) * plotWidth))\" height=\"12\" fill=\"#4a78b5\"/>"
            s += "<line x1=\"\(f(labelWidth + r.low * plotWidth))\" y1=\"\(f(y + 9))\" x2=\"\(f(labelWidth + r.high * plotWidth))\" "
                + "y2=\"\(f(y + 9))\" stroke=\"#222\" stroke-width=\"1.5\"/>"
            s += "<text x=\"\(f(labelWidth + plotWidth + 6))\" y=\"\(f(y + 12))\">\(FixedFormat.decimal(r.p, digits: 3))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// Paired differences as dots with 95% interval whiskers, one row per
    /// metric, each on its own symmetric scale around zero (metrics differ
    /// in units), with the zero line marked.
    public static func differenceDots(_ rows: [(label: String, mean: Double, low: Double, high: Double)],
                                      title: String) -> String {
        let rowHeight = 24.0, labelWidth = 230.0, plotWidth = 360.0
        let height = Double(rows.count) * rowHeight + 20
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(labelWidth + plotWidth + 110))\" "
            + "height=\"\(Int(height))\" aria-label=\"\(HTML.escape(title))\"><title>\(HTML.escape(title))</title>\n"
        let zero = labelWidth + plotWidth / 2
        s += "<line x1=\"\(f(zero))\" y1=\"4\" x2=\"\(f(zero))\" y2=\"\(f(height - 8))\" stroke=\"#999\"/>"
        for (i, r) in rows.enumerated() {
            let y = 14 + Double(i) * rowHeight
            let scale = max(abs(r.low), abs(r.high), abs(r.mean), 1e-12)
            func x(_ v: Double) -> Double { zero + v / scale * plotWidth * 0.45 }
            s += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTML.escape(r.label))</text>"
            s += "<line x1=\"\(f(x(r.low)))\" y1=\"\(f(y))\" x2=\"\(f(x(r.high)))\" y2=\"\(f(y))\" stroke=\"#222\" stroke-width=\"1.5\"/>"
            s += "<circle cx=\"\(f(x(r.mean)))\" cy=\"\(f(y))\" r=\"4\" fill=\"#c0392b\"/>"
            s += "<text x=\"\(f(labelWidth + plotWidth + 8))\" y=\"\(f(y + 4))\">\((r.mean > 0 ? "+" : "") + FixedFormat.compact(r.mean, maxDigits: 3))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// A histogram of a metric's exact distribution (one bar per value, or
    /// binned when there are many values).
    public static func histogram(_ h: ValueHistogram, title: String) -> String {
        let values = h.ascending
        guard let first = values.first, let last = values.last, h.count > 0 else { return "" }
        let bins = 24
        var counts: [(label: String, count: Int)]
        if values.count <= bins {
            counts = values.map { (FixedFormat.compact($0.value, maxDigits: 2), $0.count) }
        } else {
            let width = (last.value - first.value) / Double(bins)
            var c = [Int](repeating: 0, count: bins)
            for (v, n) in values { c[min(bins - 1, Int((v - first.value) / width))] += n }
            counts = c.enumerated().map { (ChartAxis.label(first.value + Double($0.offset) * width, step: max(1, width)), $0.element) }
        }
        // A y axis in shares of replicates, with nice ticks.
        let total = Double(h.count)
        let maxShare = Double(counts.map(\.count).max() ?? 1) / total
        let yt = ChartAxis.ticks(0, maxShare, count: 5)
        let ymax = yt.last ?? 1
        let yLabels = yt.map { FixedFormat.compact(100 * $0, maxDigits: 1) + "%" }
        let left = 10 + (yLabels.map { ChartAxis.width($0) }.max() ?? 0) + 6, top = 22.0, plotHeight = 120.0
        let plotWidth = 560 - left - 12
        let barWidth = plotWidth / Double(counts.count)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"560\" height=\"176\" viewBox=\"0 0 560 176\">"
            + "<title>\(HTML.escape(title))</title><desc>Share of \(h.count) replicates at each value of \(HTML.escape(title)).</desc>\n"
        s += "<text x=\"\(f(left))\" y=\"14\">\(HTML.escape(title))</text>\n"
        for (t, label) in zip(yt, yLabels) {
            let y = top + plotHeight - t / ymax * plotHeight
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#eee\"/>"
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"#999\"/>\n"
        // x labels, skipping any that would overprint the one before.
        var lastRight = -Double.infinity
        for (i, b) in counts.enumerated() {
            let hgt = Double(b.count) / total / ymax * plotHeight
            let x = left + Double(i) * barWidth
            s += "<rect x=\"\(f(x + 1))\" y=\"\(f(top + plotHeight - hgt))\" width=\"\(f(max(1, barWidth - 2)))\" "
                + "height=\"\(f(hgt))\" fill=\"#6a9f58\"><title>\(HTML.escape(b.label)): \(b.count) replicates</title></rect>"
            let label = ChartText(x: x + barWidth / 2, y: top + plotHeight + 14, anchor: .middle, text: b.label)
            if label.box.minX > lastRight + 4 && label.box.maxX <= 560 {
                s += label.svg
                lastRight = label.box.maxX
            }
            s += "\n"
        }
        return s + "</svg>\n"
    }

    /// The y-axis labels `histogram` draws, for tests.
    static func histogramYLabels(_ h: ValueHistogram) -> [String] {
        let svg = histogram(h, title: "t")
        return svg.components(separatedBy: "text-anchor=\"end\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    static func f(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
}
