import AllocSim

/// The HTML report of a sweep: each headline metric against each swept
/// parameter, cell means with 95% intervals of the mean (±1.96 MCSE) and the
/// 5th-95th percentile range of replicates.
public struct SweepReport {
    public let description: SweepDescription
    public let plan: SweepPlan
    public let results: CSVTable
    /// `sensitivity.csv` of a Sobol or Morris sweep, once every cell is done.
    public var sensitivity: CSVTable?

    public init(description: SweepDescription, plan: SweepPlan, results: CSVTable, sensitivity: CSVTable? = nil) {
        self.description = description
        self.plan = plan
        self.results = results
        self.sensitivity = sensitivity
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
            let m = SweepTables.meanColumn
            guard let c = Int(r[0]), let mean = Double(r[m]), let p05 = Double(r[m + 2]), let p95 = Double(r[m + 4]),
                  let mcse = Double(r[m + 5]) else { continue }
            values[c, default: [:]][r[1]] = (mean, p05, p95, mcse)
        }
        let present = SweepReport.headline.filter { m in values.values.contains { $0[m] != nil } }
        // In words first: how far each headline metric moves across the cells.
        var sentences: [String] = []
        for metric in present.prefix(4) {
            let means = values.values.compactMap { $0[metric]?.0 }
            guard let lo = means.min(), let hi = means.max() else { continue }
            sentences.append("\(MetricLabel.label(metric)) ranges from \(MetricLabel.format(lo, metric)) to "
                             + "\(MetricLabel.format(hi, metric)) across the \(means.count) cells.")
        }
        body += "<div class=summary>" + sentences.map { "<p>\(HTML.escape($0))</p>" }.joined() + "</div>\n"
        if let sensitivity { body += SensitivityTables.section(sensitivity, metrics: present) }
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
        ScatterChart(points: points.map { ScatterChart.Point(x: $0.0, mean: $0.1.mean, p05: $0.1.p05, p95: $0.1.p95, mcse: $0.1.mcse) },
                     xTitle: x, yTitle: y).svg
    }
}
