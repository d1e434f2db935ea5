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

    /// The batch in sentences: awards and how often a lottery decided them,
    /// the least-served CHAA, what the buffers excluded, the fees.
    public var summary: [String] {
        let s = tables.runner.prepared.scenario
        let layout = tables.runner.layout
        func mean(_ name: String) -> Double? { layout.names.firstIndex(of: name).map { tables.acc.metric($0).summary.mean } }
        func pct(_ p: Double) -> String { FixedFormat.decimal(100 * p, digits: 0) + "%" }
        var out: [String] = []
        for type in tables.offeredTypes {
            let name = type.rawValue
            guard let k = s.certificates[type], let awards = mean("awards.\(name)") else { continue }
            var sentence = "On average \(FixedFormat.decimal(awards, digits: 2)) of \(k) \(name) certificates are awarded"
            if let lot = mean("awards.\(name).by_lottery") {
                sentence += ", \(FixedFormat.decimal(lot, digits: 2)) of them decided by lottery"
            }
            out.append(sentence + ".")
            // The CHAA least likely to get one.
            let rows = tables.chaas.rows.filter { $0[0] == name }
            if let least = rows.min(by: { (Double($0[3]) ?? 0) < (Double($1[3]) ?? 0) }), let p = Double(least[3]), p < 1 {
                out.append("\(least[1]) CHAA gets a \(name) in \(pct(p)) of replicates, the least of any CHAA.")
            }
            // Villages that almost never get one.
            let rare = tables.villages.rows.filter { $0[0] == name && (Double($0[4]) ?? 0) < 0.05 }.map { $0[2] }
            if !rare.isEmpty {
                let shown = rare.count > 6 ? rare.prefix(6).joined(separator: ", ") + " and \(rare.count - 6) more" : rare.joined(separator: ", ")
                out.append("\(rare.count) \(rare.count == 1 ? "village gets" : "villages get") a \(name) in fewer than 5% of replicates: \(shown).")
            }
        }
        if let school = mean("reason.school-buffer"), let stop = mean("reason.bus-stop-buffer"), school + stop > 0 {
            out.append("\(FixedFormat.decimal(school + stop, digits: 2)) applications per round fall within a school or "
                       + "school bus stop buffer.")
        }
        if let net = mean("fees.net"), let paid = mean("fees.applications"), let refunds = mean("fees.refunds") {
            out.append("Applications pay \(FixedFormat.dollars(paid)) per round on average and \(FixedFormat.dollars(refunds)) "
                       + "is refunded; net application fees average \(FixedFormat.dollars(net)) per round.")
        }
        return out
    }

    public var html: String {
        let s = tables.runner.prepared.scenario
        let acc = tables.acc
        let layout = tables.runner.layout
        func metric(_ name: String) -> MetricSummary? {
            layout.names.firstIndex(of: name).map { acc.metric($0).summary }
        }
        var body = "<h1>\(HTML.escape(s.name))</h1>\n"
        body += "<p class=muted>Monte Carlo batch of \(acc.replicates) replicates under 25 GAR §14302 — scenario "
            + "\(HTML.escape(scenarioPath)), seed \(seed). Intervals are 95% Wilson intervals.</p>\n"
        body += "<div class=summary>" + summary.map { "<p>\(HTML.escape($0))</p>" }.joined() + "</div>\n<div class=cards>"
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
        // Headline metrics in people's words; the machine name in small print.
        var rows = ""
        for name in tables.offeredTypes.flatMap({ ["awards.\($0.rawValue)", "awards.\($0.rawValue).by_lottery",
                                                    "chaas.unserved.\($0.rawValue)", "patients.served.\($0.rawValue)"] })
            + ["status.withdrawn", "status.ineligible", "fees.net"] {
            guard let m = metric(name) else { continue }
            let f = { (v: Double) in MetricLabel.format(v, name) }
            rows += "<tr><td>\(MetricLabel.html(name))</td><td class=n>\(HTML.escape(f(m.mean)))</td>"
                + "<td class=n>\(HTML.escape(f(m.p05))) – \(HTML.escape(f(m.p95)))</td>"
                + "<td class=n>\(HTML.escape(FixedFormat.decimal(m.mcse, digits: 4)))</td></tr>\n"
        }
        body += "<h2>Headline metrics</h2>\n<table><thead><tr><th>metric</th><th>mean</th><th>90% of replicates between</th>"
            + "<th>MCSE</th></tr></thead><tbody>\n" + rows + "</tbody></table>\n"
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
            if let i = layout.names.firstIndex(of: name) { body += SVGChart.histogram(acc.metric(i), title: name) }
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
        // The map coloured by the first offered type's chance of an award.
        var shares: [String: Double] = [:]
        let mapType = tables.offeredTypes.first
        for r in tables.villages.rows where r[0] == mapType?.rawValue { shares[r[2]] = Double(r[4]) ?? 0 }
        let map = MapSVG.svg(s, shares: shares, shareTitle: "chance of a \(mapType?.rawValue ?? "") award")
        if !map.isEmpty { body += "<h2>Schematic map</h2>\n" + map }
        body += "<h2>Every metric</h2>\n<p class=muted>As in summary.csv, in people's words; the CSV keeps six decimals.</p>\n"
        body += "<table><thead><tr><th>metric</th><th>mean</th><th>sd</th><th>p05</th><th>p50</th><th>p95</th><th>MCSE</th>"
            + "</tr></thead><tbody>\n"
        for (i, name) in layout.names.enumerated() where acc.metric(i).count > 0 {
            let m = acc.metric(i).summary
            let cells = [m.mean, m.sd, m.p05, m.p50, m.p95].map { HTML.escape(MetricLabel.format($0, name)) }
                + [HTML.escape(FixedFormat.decimal(m.mcse, digits: 4))]
            body += "<tr><td>\(MetricLabel.html(name))</td>" + cells.map { "<td class=n>\($0)</td>" }.joined() + "</tr>\n"
        }
        body += "</tbody></table>\n"
        if let apps = tables.applications { body += "<h2>Explicit applications</h2>\n" + HTML.table(apps, numericFrom: 1) }
        return HTML.page(title: "\(s.name) — Monte Carlo batch", body: body)
    }
}
