import AllocSim

/// The HTML report of a Monte Carlo batch (`allocsim run`).
public struct BatchReport {
    public let tables: BatchTables
    public let seed: UInt64
    public let scenarioPath: String

    public init(tables: BatchTables, seed: UInt64, scenarioPath: String) {
        self.tables = tables
        self.seed = seed
        self.scenarioPath = scenarioPath
    }

    public var html: String {
        let s = tables.runner.prepared.scenario
        let acc = tables.acc
        let layout = tables.runner.layout
        func metric(_ name: String) -> MetricSummary? {
            layout.names.firstIndex(of: name).map { acc.metrics[$0].summary }
        }
        var body = "<h1>\(HTML.escape(s.name))</h1>\n"
        body += "<p class=muted>Monte Carlo batch of \(acc.replicates) replicates under 25 GAR §14302 — scenario "
            + "\(HTML.escape(scenarioPath)), seed \(seed). Intervals are 95% Wilson intervals.</p>\n<div class=cards>"
        for type in tables.offeredTypes {
            if let m = metric("awards.\(type.rawValue)") {
                body += HTML.card("\(type.rawValue) awards (mean)", FixedFormat.decimal(m.mean, digits: 2))
            }
            if let m = metric("awards.\(type.rawValue).by_lottery") {
                body += HTML.card("\(type.rawValue) awards decided by lottery", FixedFormat.decimal(m.mean, digits: 2))
            }
        }
        if let m = metric("fees.net") { body += HTML.card("net application fees (mean)", FixedFormat.dollars(m.mean)) }
        body += "</div>\n"
        var headline = CSVTable(header: ["metric", "mean", "95% of replicates between", "MCSE"])
        for name in tables.offeredTypes.flatMap({ ["awards.\($0.rawValue)", "awards.\($0.rawValue).by_lottery",
                                                    "chaas.unserved.\($0.rawValue)", "patients.served.\($0.rawValue)"] })
            + ["status.withdrawn", "status.ineligible", "fees.net"] {
            guard let m = metric(name) else { continue }
            headline.rows.append([name, FixedFormat.decimal(m.mean, digits: 3),
                                  "\(FixedFormat.compact(m.p05, maxDigits: 2)) – \(FixedFormat.compact(m.p95, maxDigits: 2))",
                                  FixedFormat.decimal(m.mcse, digits: 4)])
        }
        body += "<h2>Headline metrics</h2>\n" + HTML.table(headline, numericFrom: 1)
        body += PolicyTable.html(s)
        body += "<h2>Award probability by village</h2>\n"
        for type in tables.offeredTypes {
            let rows = tables.villages.rows.filter { $0[0] == type.rawValue }.map {
                (label: "\($0[2]) (\($0[1]))", p: Double($0[4]) ?? 0, low: Double($0[5]) ?? 0, high: Double($0[6]) ?? 0)
            }
            body += "<h3>\(type.rawValue)</h3>\n" + SVGChart.probabilityBars(rows, title: "\(type.rawValue) award probability by village")
        }
        body += "<h2>Award probability by CHAA</h2>\n"
        for type in tables.offeredTypes {
            let rows = tables.chaas.rows.filter { $0[0] == type.rawValue }.map {
                (label: $0[1], p: Double($0[3]) ?? 0, low: Double($0[4]) ?? 0, high: Double($0[5]) ?? 0)
            }
            body += "<h3>\(type.rawValue)</h3>\n" + SVGChart.probabilityBars(rows, title: "\(type.rawValue) award probability by CHAA")
        }
        body += "<h2>Distributions over replicates</h2>\n"
        let histograms = tables.offeredTypes.flatMap { ["awards.\($0.rawValue)", "awards.\($0.rawValue).by_lottery"] }
            + ["lottery.draws", "fees.net"]
        for name in histograms {
            if let i = layout.names.firstIndex(of: name) { body += SVGChart.histogram(acc.metrics[i], title: name) }
        }
        for (i, name) in tables.runner.plantMetricNames.enumerated() where name == "plant.fees" || name == "plant.forgone" {
            body += SVGChart.histogram(acc.plantMetrics[i], title: name == "plant.forgone" ? "waiver cost (plant.forgone)" : name)
        }
        if s.fees.registry != nil {
            var registry = CSVTable(header: ["registry cards (§14102(a)(4), (b))", "mean per replicate", "p05", "p95"])
            for (name, label) in [("fees.registry.patient", "patient cards, $150"), ("fees.registry.reduced", "SNAP cards, $75"),
                                  ("fees.registry.caregiver", "caregiver cards, $200"), ("fees.registry", "registry revenue")] {
                if let m = metric(name) {
                    registry.rows.append([label, FixedFormat.dollars(m.mean), FixedFormat.dollars(m.p05), FixedFormat.dollars(m.p95)])
                }
            }
            body += "<h2>Registry card revenue</h2>\n" + HTML.table(registry, numericFrom: 1)
        }
        body += "<h2>Why applications dropped out or lost</h2>\n"
        var reasons = CSVTable(header: ["reason", "mean per replicate", "p95"])
        for name in layout.names where name.hasPrefix("reason.") {
            if let m = metric(name) { reasons.rows.append([String(name.dropFirst(7)), CSVNumber.stat(m.mean), CSVNumber.stat(m.p95)]) }
        }
        body += HTML.table(reasons, numericFrom: 1)
        if let fees = tables.fees { body += "<h2>Plant-set fees (RI §1.12 F)</h2>\n" + HTML.table(fees, numericFrom: 1) }
        let map = MapSVG.svg(s)
        if !map.isEmpty { body += "<h2>Schematic map</h2>\n" + map }
        body += "<h2>Every metric</h2>\n" + HTML.table(tables.summary, numericFrom: 1)
        if let apps = tables.applications { body += "<h2>Explicit applications</h2>\n" + HTML.table(apps, numericFrom: 1) }
        return HTML.page(title: "\(s.name) — Monte Carlo batch", body: body)
    }
}
