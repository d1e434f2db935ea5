import AllocSim

/// The HTML report of a sweep: each headline metric against each swept
/// parameter, cell means with 95% intervals of the mean (±1.96 MCSE) and the
/// 5th-95th percentile range of replicates.
public struct SweepReport {
    public let description: SweepDescription
    public let plan: SweepPlan
    public let results: CSVTable

    public init(description: SweepDescription, plan: SweepPlan, results: CSVTable) {
        self.description = description
        self.plan = plan
        self.results = results
    }

    static let headline = ["awards.dispensary", "awards.cultivation", "awards.dispensary.by_lottery",
                           "awards.cultivation.by_lottery", "chaas.unserved.dispensary", "chaas.unserved.cultivation",
                           "status.withdrawn", "status.ineligible", "fees.net", "plant.fees", "plant.forgone"]

    public var html: String {
        var body = "<h1>Parameter sweep of \(HTML.escape(description.scenarioFile))</h1>\n"
        body += "<p class=muted>\(plan.cells.count) cells (\(HTML.escape(description.design))) × \(description.replicates) "
            + "replicates, seed \(description.seed). Points are cell means with 95% intervals of the mean; "
            + "light bars span the 5th to 95th percentile of replicates.</p>\n"
        // cell -> metric -> (mean, p05, p95, mcse)
        var values: [Int: [String: (Double, Double, Double, Double)]] = [:]
        for r in results.rows {
            guard let c = Int(r[0]), let mean = Double(r[2]), let p05 = Double(r[4]), let p95 = Double(r[6]),
                  let mcse = Double(r[7]) else { continue }
            values[c, default: [:]][r[1]] = (mean, p05, p95, mcse)
        }
        let present = SweepReport.headline.filter { m in values.values.contains { $0[m] != nil } }
        for metric in present {
            body += "<h2>\(HTML.escape(metric))</h2>\n<div class=cards>"
            for (k, key) in plan.keys.enumerated() {
                let points = plan.cells.enumerated().compactMap { i, cell -> (String, (Double, Double, Double, Double))? in
                    values[i + 1]?[metric].map { (cell[k], $0) }
                }
                body += SweepReport.chart(points, x: key, y: metric)
            }
            body += "</div>\n"
        }
        if plan.cells.count <= 300 {
            body += "<h2>Cells</h2>\n" + HTML.table(SweepTables.cells(plan), numericFrom: 1)
        }
        return HTML.page(title: "Sweep — \(description.scenarioFile)", body: body)
    }

    static func chart(_ points: [(String, (mean: Double, p05: Double, p95: Double, mcse: Double))], x: String, y: String) -> String {
        guard !points.isEmpty else { return "" }
        let numeric = points.allSatisfy { Double($0.0) != nil }
        let categories = numeric ? [] : Array(Set(points.map(\.0))).sorted()
        let xs = points.map { numeric ? Double($0.0)! : Double(categories.firstIndex(of: $0.0)!) }
        let lo = xs.min()!, hi = xs.max()!
        let ylo = min(0, points.map(\.1.p05).min()!), yhi = max(points.map(\.1.p95).max()!, ylo + 1e-9)
        let w = 340.0, h = 220.0, left = 48.0, bottom = 34.0
        func px(_ v: Double) -> Double { left + (hi > lo ? (v - lo) / (hi - lo) : 0.5) * (w - left - 12) }
        func py(_ v: Double) -> Double { h - bottom - (v - ylo) / (yhi - ylo) * (h - bottom - 12) }
        func f(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(w))\" height=\"\(Int(h))\" "
            + "aria-label=\"\(HTML.escape(y)) by \(HTML.escape(x))\">\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(h - bottom))\" x2=\"\(f(w - 6))\" y2=\"\(f(h - bottom))\" stroke=\"#999\"/>"
        s += "<line x1=\"\(f(left))\" y1=\"8\" x2=\"\(f(left))\" y2=\"\(f(h - bottom))\" stroke=\"#999\"/>\n"
        for v in [ylo, (ylo + yhi) / 2, yhi] {
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(py(v) + 4))\" text-anchor=\"end\">\(FixedFormat.compact(v, maxDigits: 1))</text>"
        }
        let ticks = numeric ? Array(Set(xs)).sorted() : xs.indices.map { Double($0) }.filter { $0 < Double(categories.count) }
        for t in ticks.prefix(12) {
            let label = numeric ? FixedFormat.compact(t, maxDigits: 3) : categories[Int(t)]
            s += "<text x=\"\(f(px(t)))\" y=\"\(f(h - bottom + 14))\" text-anchor=\"middle\">\(HTML.escape(label))</text>"
        }
        s += "<text x=\"\(f((left + w) / 2))\" y=\"\(f(h - 4))\" text-anchor=\"middle\">\(HTML.escape(x))</text>\n"
        for (i, p) in points.enumerated() {
            let x = px(xs[i])
            s += "<line x1=\"\(f(x))\" y1=\"\(f(py(p.1.p05)))\" x2=\"\(f(x))\" y2=\"\(f(py(p.1.p95)))\" stroke=\"#c9d7ea\" stroke-width=\"6\"/>"
            let ci = 1.959963984540054 * p.1.mcse
            s += "<line x1=\"\(f(x))\" y1=\"\(f(py(p.1.mean - ci)))\" x2=\"\(f(x))\" y2=\"\(f(py(p.1.mean + ci)))\" stroke=\"#222\"/>"
            s += "<circle cx=\"\(f(x))\" cy=\"\(f(py(p.1.mean)))\" r=\"3\" fill=\"#1f5fa8\"/>\n"
        }
        return s + "</svg>\n"
    }
}
