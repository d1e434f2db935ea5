import AllocSim

/// A sweep's metric against one parameter: a point per cell with its 95%
/// interval of the mean, a light bar for the 5th-95th percentile range of
/// replicates. A numeric parameter gets a numeric axis (a scatter, nice
/// ticks); an enumerated one, one slot per value. Points at the same x are
/// spread a little sideways so none hides another. Every label is placed
/// with its estimated width, so none is clipped or overprinted.
public struct ScatterChart {
    public struct Point: Sendable {
        public var x: String
        public var mean: Double
        public var p05: Double
        public var p95: Double
        public var mcse: Double

        public init(x: String, mean: Double, p05: Double, p95: Double, mcse: Double) {
            self.x = x
            self.mean = mean
            self.p05 = p05
            self.p95 = p95
            self.mcse = mcse
        }
    }

    public let points: [Point]
    public let xTitle: String
    public let yTitle: String
    public let width = 360.0
    public let height = 240.0

    public init(points: [Point], xTitle: String, yTitle: String) {
        self.points = points
        self.xTitle = xTitle
        self.yTitle = yTitle
    }

    /// The laid-out chart: its SVG elements and every text with its place.
    public struct Layout {
        public var shapes: [String] = []
        public var texts: [ChartText] = []
        public var xTicks: [ChartText] = []
        public var yTicks: [ChartText] = []
    }

    public var numeric: Bool { points.allSatisfy { Double($0.x)?.isFinite == true } }

    public var layout: Layout {
        var out = Layout()
        guard !points.isEmpty else { return out }
        let fs = 11.0
        // y axis: nice ticks over the percentile ranges (and zero).
        let ymin = min(0, points.map(\.p05).min()!)
        let yt = ChartAxis.ticks(ymin, max(points.map(\.p95).max()!, ymin + 1), count: 5)
        let ystep = yt.count > 1 ? yt[1] - yt[0] : 1
        let yLabels = yt.map { ChartAxis.label($0, step: ystep) }
        let left = 8 + fs + 6 + (yLabels.map { ChartAxis.width($0, fontSize: fs) }.max() ?? 0) + 6
        let top = 24.0, bottom = 18 + 6 + fs + fs
        // Room on the right for half the widest x label (the last tick sits at the edge).
        let right = 8 + ScatterChart.widestXLabel(points, numeric: numeric) / 2
        let plotW = width - left - right, plotH = height - top - bottom
        let ylo = yt.first!, yhi = yt.last!
        func py(_ v: Double) -> Double { top + plotH - (v - ylo) / (yhi - ylo) * plotH }
        // x axis.
        var xs: [Double]
        var xTickValues: [(value: Double, label: String)]
        let xlo: Double, xhi: Double
        if numeric {
            xs = points.map { Double($0.x)! }
            let t = ChartAxis.ticks(xs.min()!, xs.max()!, count: 5)
            let step = t.count > 1 ? t[1] - t[0] : 1
            xlo = t.first!; xhi = t.last!
            xTickValues = t.map { ($0, ChartAxis.label($0, step: step)) }
        } else {
            let categories = Array(Set(points.map(\.x))).sorted()
            xs = points.map { Double(categories.firstIndex(of: $0.x)!) }
            xlo = -0.5; xhi = Double(categories.count) - 0.5
            xTickValues = categories.enumerated().map { (Double($0.offset), $0.element) }
        }
        // Points sharing an x are spread over a band; the axis is inset by
        // half a band so the outermost stay inside the plot.
        var total: [Double: Int] = [:]
        for x in xs { total[x, default: 0] += 1 }
        let band = min(24, plotW * 0.6 / Double(max(1, total.count)))
        let inset = numeric ? band / 2 : 0
        func px(_ v: Double) -> Double {
            left + inset + (xhi > xlo ? (v - xlo) / (xhi - xlo) : 0.5) * (plotW - 2 * inset)
        }
        // Drop x labels that would overprint the one before (every k-th kept).
        var kept: [ChartText] = []
        for (v, label) in xTickValues {
            // Low enough that no y label's box reaches it.
            let t = ChartText(x: px(v), y: top + plotH + 18, anchor: .middle, text: label)
            if let last = kept.last, t.box.minX < last.box.maxX + 4 { continue }
            if t.box.minX < 0 || t.box.maxX > width { continue }
            kept.append(t)
        }
        out.xTicks = kept
        out.yTicks = zip(yt, yLabels).map { ChartText(x: left - 6, y: py($0) + 4, anchor: .end, text: $1) }
        for t in out.yTicks {
            out.shapes.append("<line x1=\"\(f(left))\" y1=\"\(f(t.y - 4))\" x2=\"\(f(left + plotW))\" y2=\"\(f(t.y - 4))\" stroke=\"#eee\"/>")
        }
        out.shapes.append("<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#999\"/>")
        out.shapes.append("<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"#999\"/>")
        // Axis titles (the y title above its axis, with the unit), shortened to fit.
        out.texts.append(ChartText(x: left + plotW / 2, y: height - 6, anchor: .middle,
                                   text: ScatterChart.fit(xTitle, width: plotW, fontSize: fs)))
        let unit = MetricLabel.kind(yTitle) == .money ? " ($)" : (MetricLabel.kind(yTitle) == .patients ? " (patients)" : "")
        out.texts.append(ChartText(x: 4, y: 13, anchor: .start,
                                   text: ScatterChart.fit("↑ " + MetricLabel.label(yTitle) + unit, width: width - 8, fontSize: fs)))
        // Points: spread those sharing an x side by side, in cell order,
        // within a band narrow enough to stay clear of the next x.
        var seen: [Double: Int] = [:]
        for (i, p) in points.enumerated() {
            let k = seen[xs[i], default: 0], n = total[xs[i]]!
            seen[xs[i]] = k + 1
            let gap = n > 1 ? min(5, band / Double(n - 1)) : 0
            let x = px(xs[i]) + (Double(k) - Double(n - 1) / 2) * gap
            out.shapes.append("<line x1=\"\(f(x))\" y1=\"\(f(py(p.p05)))\" x2=\"\(f(x))\" y2=\"\(f(py(p.p95)))\" stroke=\"#c9d7ea\" stroke-width=\"4\"/>")
            let ci = WilsonInterval.z95 * p.mcse
            out.shapes.append("<line x1=\"\(f(x))\" y1=\"\(f(py(p.mean - ci)))\" x2=\"\(f(x))\" y2=\"\(f(py(p.mean + ci)))\" stroke=\"#222\"/>")
            out.shapes.append("<circle cx=\"\(f(x))\" cy=\"\(f(py(p.mean)))\" r=\"2.5\" fill=\"#1f5fa8\"><title>\(HTML.escape(xTitle)) = \(HTML.escape(p.x)): mean \(FixedFormat.compact(p.mean, maxDigits: 4))</title></circle>")
        }
        return out
    }

    /// The widest x tick label a chart of `points` can show.
    static func widestXLabel(_ points: [Point], numeric: Bool) -> Double {
        if numeric {
            let xs = points.map { Double($0.x)! }
            let t = ChartAxis.ticks(xs.min()!, xs.max()!, count: 5)
            let step = t.count > 1 ? t[1] - t[0] : 1
            return t.map { ChartAxis.width(ChartAxis.label($0, step: step)) }.max() ?? 0
        }
        return min(120, points.map { ChartAxis.width($0.x) }.max() ?? 0)
    }

    /// `text` cut with an ellipsis to fit `width` pixels.
    static func fit(_ text: String, width: Double, fontSize: Double) -> String {
        let most = max(4, Int(width / (fontSize * 0.6)))
        return text.count <= most ? text : String(text.prefix(most - 1)) + "…"
    }

    func f(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }

    public var svg: String {
        let l = layout
        guard !points.isEmpty else { return "" }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\">"
        s += "<title>\(HTML.escape(yTitle)) by \(HTML.escape(xTitle))</title>"
        s += "<desc>Cell means of \(HTML.escape(yTitle)) with 95% intervals, and the 5th-95th percentile range of replicates, "
            + "against \(HTML.escape(xTitle)) (\(numeric ? "numeric axis" : "one slot per value")).</desc>\n"
        s += l.shapes.joined(separator: "\n") + "\n"
        s += (l.yTicks + l.xTicks + l.texts).map(\.svg).joined()
        return s + "</svg>\n"
    }
}
