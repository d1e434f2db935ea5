import AllocSim

/// `allocsim program`: `timeline.csv` (date, metric, mean, p05, p50, p95
/// over replicates, one row per month and metric), `events.csv` (one traced
/// replicate) and the report: lines over time with 5–95% bands, a table per
/// year and the calendar of the rounds.
public struct ProgramReport {
    public let runner: ProgramRunner
    public let summaries: [MetricSummary]
    public let replicates: Int
    public let seed: UInt64
    public let scenarioPath: String
    /// Each metric's position in `runner.metricNames`.
    let position: [String: Int]

    public init(runner: ProgramRunner, accumulator: ProgramRunner.Accumulator, replicates: Int, seed: UInt64, scenarioPath: String) {
        self.runner = runner
        position = Dictionary(uniqueKeysWithValues: runner.metricNames.enumerated().map { ($1, $0) })
        summaries = accumulator.histograms.map(\.summary)
        self.replicates = replicates
        self.seed = seed
        self.scenarioPath = scenarioPath
    }

    var width: Int { runner.metricNames.count }
    func summary(_ month: Int, _ metric: String) -> MetricSummary? {
        position[metric].map { summaries[month * width + $0] }
    }
    func month(_ m: Int) -> String { String(runner.monthStart(m).description.prefix(7)) }

    public var timeline: CSVTable {
        var t = CSVTable(header: ["date", "metric", "mean", "p05", "p50", "p95", "n"])
        for m in 0..<runner.months {
            let date = month(m)
            for (k, name) in runner.metricNames.enumerated() {
                let s = summaries[m * width + k]
                guard s.n > 0 else { continue }
                t.rows.append([date, name, CSVNumber.stat(s.mean), CSVNumber.stat(s.p05), CSVNumber.stat(s.p50), CSVNumber.stat(s.p95),
                               String(s.n)])
            }
        }
        return t
    }

    public static func events(_ list: [ProgramEvent]) -> CSVTable {
        var t = CSVTable(header: ["date", "event", "rule", "subject", "detail"])
        t.rows = list.map { [$0.date.description, $0.event, $0.rule, $0.subject, $0.detail] }
        return t
    }

    /// Per year: stocks at its last month, flows summed over its months (means).
    public var years: CSVTable {
        let revenue = ProgramMetrics.revenueLines
        var t = CSVTable(header: ["year", "patients", "caregivers", "awards", "facilities operating", "revenue", "waivers forgone"])
        let types = runner.metricNames.filter { $0.hasPrefix("awards.") }
        for y in 0..<(runner.months / 12) {
            let last = y * 12 + 11
            func flow(_ name: String) -> Double { (y * 12...last).reduce(0) { $0 + (summary($1, name)?.mean ?? 0) } }
            let awards = types.reduce(0) { $0 + flow($1) }
            let operating = types.reduce(0.0) { $0 + (summary(last, "facilities." + $1.dropFirst("awards.".count))?.mean ?? 0) }
            t.rows.append([String(runner.monthStart(y * 12).year), FixedFormat.decimal(summary(last, "patients")?.mean ?? 0, digits: 0),
                           FixedFormat.decimal(summary(last, "caregivers")?.mean ?? 0, digits: 0),
                           FixedFormat.decimal(awards, digits: 2), FixedFormat.decimal(operating, digits: 2),
                           FixedFormat.dollars(revenue.reduce(0) { $0 + flow($1) }), FixedFormat.dollars(flow("waivers.forgone"))])
        }
        return t
    }

    public var html: String {
        let s = runner.prepared.scenario, spec = runner.spec
        var body = "<h1>The program over time: \(HTML.escape(s.name))</h1>\n"
        body += "<p class=muted>Scenario \(HTML.escape(scenarioPath)), seed \(seed), \(replicates) replicates, \(spec.years) years from "
            + "\(spec.start). Lines are means over replicates, bands the 5th to 95th percentiles; full figures in timeline.csv.</p>\n"
        let last = runner.months - 1
        body += "<div class=cards>"
            + HTML.card("patients at the end", FixedFormat.decimal(summary(last, "patients")?.mean ?? 0, digits: 0))
            + HTML.card("caregivers at the end", FixedFormat.decimal(summary(last, "caregivers")?.mean ?? 0, digits: 0))
            + HTML.card("revenue over the program", FixedFormat.dollars((0...last).reduce(0) { m, k in
                m + ProgramMetrics.revenueLines.reduce(0) { $0 + (summary(k, $1)?.mean ?? 0) } }))
            + "</div>\n"
        body += "<h2>Registry</h2>\n" + chart(["patients", "patients.reduced"], title: "Patients holding cards")
        body += "<h2>Caregivers</h2>\n" + chart(["caregivers"], title: "Caregivers")
        let events = ["caregivers.expired", "caregivers.reassociated", "caregivers.balance_paid", "caregivers.plants_destroyed",
                      "plant_tags.returned", "plant_tags.reassociated"]
        if events.contains(where: { name in (0...last).contains { (summary($0, name)?.mean ?? 0) > 0 } }) {
            body += chart(events, title: "Caregiver events per month (VT 3.7(b) expiries; RI F.3.c outcomes, J returns)")
        }
        let facilities = runner.metricNames.filter { $0.hasPrefix("facilities.") && $0.contains(".chaa.") }
        if !facilities.isEmpty, spec.rounds != nil || facilities.contains(where: { n in (0...last).contains { (summary($0, n)?.mean ?? 0) > 0 } }) {
            body += "<h2>Facilities</h2>\n" + chart(facilities, title: "Operating facilities per CHAA (License to Operate issued)")
            body += chart(["patients.near_dispensary"], title: "Patients in a CHAA with an operating dispensary")
        }
        body += "<h2>Revenue</h2>\n" + stackedRevenue
        if (0...last).contains(where: { (summary($0, "waivers.forgone")?.mean ?? 0) > 0 }) {
            body += chart(["waivers.forgone"], title: "Plant-set fees waived per month (the cost of the waivers)")
        }
        body += "<h2>Year by year</h2>\n" + HTML.table(years, numericFrom: 1)
        let calendars = runner.roundCalendars
        if !calendars.isEmpty {
            var t = CSVTable(header: ["round", "notice by (§14302(a)(1)(A))", "opens", "closes (B)", "determination (C)"])
            for (k, c) in calendars.enumerated() {
                t.rows.append([String(k + 1), c.latestNotice.description, c.opens.description, c.closes.description, c.determination.description])
            }
            body += "<h2>The rounds' calendar</h2>\n" + HTML.table(t)
            if let days = (0...last).compactMap({ summary($0, "round.days_to_first_license") }).first(where: { $0.n > 0 }) {
                body += "<p>Days from the first round's notice to its first License to Operate: "
                    + "\(FixedFormat.decimal(days.mean, digits: 0)) on average (5–95%: \(FixedFormat.decimal(days.p05, digits: 0)) to "
                    + "\(FixedFormat.decimal(days.p95, digits: 0))).</p>\n"
            }
        }
        body += rulesSection
        // The rounds run the engine: its settings and readings, as every round report shows them.
        if spec.rounds != nil { body += PolicyTable.html(s) }
        return HTML.page(title: "Program: \(s.name)", body: body)
    }

    /// The rules and readings in force.
    var rulesSection: String {
        let spec = runner.spec
        var t = CSVTable(header: ["rule", "in force", "section"])
        t.rows.append(["card validity", "\(runner.prepared.scenario.fees.registry?.cards.yearsValid ?? 1) year(s); renewal chance "
                        + FixedFormat.compact(spec.registry.renewal), "§14108(a)"])
        for rule in CaregiverRule.allCases {
            t.rows.append([rule.rawValue, spec.caregivers.rules.contains(rule) ? "on" : "off", rule.section])
        }
        if let r = spec.rounds {
            t.rows.append(["License to Operate", "applied \(r.licenseAppliedDays) calendar days after the determination, issued "
                            + "\(r.licenseWorkingDays) working days later", "§14304, Appendix A"])
            t.rows.append(["renewal", "60 whole days between the License to Operate application and the expiry (a reading)", "§14307(a)"])
            t.rows.append(["facilities a round counts", "certificate holders, licensed or not: a village with a holder is served", "§14302(b)(1)"])
        }
        return "<h2>Rules in force</h2>\n" + HTML.table(t)
    }

    /// Lines with 5–95% bands for `names`, month by month.
    func chart(_ names: [String], title: String) -> String {
        let colours = ["#4a6fa5", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#17a589", "#7f8c8d", "#a04000"]
        let w = 900.0, h = 220.0, left = 60.0, right = 260.0, top = 24.0, bottom = 28.0
        let n = runner.months
        var hi = 0.0
        for name in names { for m in 0..<n { if let s = summary(m, name), s.n > 0 { hi = max(hi, s.p95, s.mean) } } }
        if hi <= 0 { hi = 1 }
        let frame = Frame(w: w, h: h, left: left, right: right, top: top, bottom: bottom, max: hi)
        func x(_ m: Int) -> Double { left + (w - left - right) * (n <= 1 ? 0 : Double(m) / Double(n - 1)) }
        func y(_ v: Double) -> Double { frame.y(v) }
        let f = Frame.f
        var svg = frame.open(title: title) { FixedFormat.compact($0) }
        for m in stride(from: 0, to: n, by: 12) {
            svg += "<text x=\"\(f(x(m)))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">\(runner.monthStart(m).year)</text>"
        }
        for (k, name) in names.enumerated() {
            let colour = colours[k % colours.count]
            let points = (0..<n).compactMap { m in summary(m, name).flatMap { $0.n > 0 ? (m, $0) : nil } }
            guard !points.isEmpty else { continue }
            let upper = points.map { "\(f(x($0.0))),\(f(y($0.1.p95)))" }
            let lower = points.reversed().map { "\(f(x($0.0))),\(f(y($0.1.p05)))" }
            svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.15\"/>"
            svg += "<polyline points=\"\(points.map { "\(f(x($0.0))),\(f(y($0.1.mean)))" }.joined(separator: " "))\" fill=\"none\" "
                + "stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
            svg += "<text x=\"\(f(w - right + 6))\" y=\"\(f(top + 12 + Double(k) * 14))\" fill=\"\(colour)\">"
                + "\(HTML.escape(MetricLabel.label(name)))</text>"
        }
        return svg + "</svg>\n"
    }

    /// Yearly revenue by fee line, stacked bars of the means.
    var stackedRevenue: String {
        let lines = ProgramMetrics.revenueLines.filter { $0 != "revenue.certificate.refunds" }
        let colours = ["#4a6fa5", "#85a3cf", "#2e8b57", "#8e44ad", "#c39bd3", "#d68910", "#c0392b", "#7f8c8d"]
        let yearsCount = runner.months / 12
        var totals: [[Double]] = []
        for y in 0..<yearsCount {
            totals.append(lines.map { name in (y * 12..<(y * 12 + 12)).reduce(0) { $0 + (summary($1, name)?.mean ?? 0) } })
        }
        let hi = max(1, totals.map { $0.reduce(0, +) }.max() ?? 1)
        let w = 900.0, h = 240.0, left = 80.0, right = 260.0, top = 24.0
        let frame = Frame(w: w, h: h, left: left, right: right, top: top, bottom: 28, max: hi)
        let slot = (w - left - right) / Double(max(1, yearsCount))
        func y(_ v: Double) -> Double { frame.y(v) }
        let f = Frame.f
        var svg = frame.open(title: "Revenue per year by fee line (means; refunds not shown)") { FixedFormat.dollars($0) }
        for (k, year) in totals.enumerated() {
            var base = 0.0
            let x0 = left + Double(k) * slot + slot * 0.15
            for (i, v) in year.enumerated() where v > 0 {
                svg += "<rect x=\"\(f(x0))\" y=\"\(f(y(base + v)))\" width=\"\(f(slot * 0.7))\" height=\"\(f(y(base) - y(base + v)))\" "
                    + "fill=\"\(colours[i % colours.count])\"><title>\(HTML.escape(MetricLabel.label(lines[i]))): \(FixedFormat.dollars(v))</title></rect>"
                base += v
            }
            svg += "<text x=\"\(f(x0 + slot * 0.35))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">\(runner.monthStart(k * 12).year)</text>"
        }
        for (i, name) in lines.enumerated() {
            svg += "<rect x=\"\(f(w - right + 6))\" y=\"\(f(top + Double(i) * 15))\" width=\"10\" height=\"10\" fill=\"\(colours[i % colours.count])\"/>"
                + "<text x=\"\(f(w - right + 20))\" y=\"\(f(top + Double(i) * 15 + 9))\">\(HTML.escape(MetricLabel.label(name)))</text>"
        }
        return svg + "</svg>\n"
    }

    /// A chart's box: its margins, a value axis from 0 with nice ticks and
    /// light grid lines, and the title.
    struct Frame {
        let w: Double, h: Double, left: Double, right: Double, top: Double, bottom: Double
        let ticks: [Double]
        let axisMax: Double

        init(w: Double, h: Double, left: Double, right: Double, top: Double, bottom: Double, max hi: Double) {
            (self.w, self.h, self.left, self.right, self.top, self.bottom) = (w, h, left, right, top, bottom)
            ticks = ChartAxis.ticks(0, hi)
            axisMax = ticks.last ?? hi
        }

        static func f(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
        func y(_ v: Double) -> Double { top + (h - top - bottom) * (1 - v / axisMax) }

        /// The opening tag, the title and the grid with its labels.
        func open(title: String, label: (Double) -> String) -> String {
            let f = Frame.f
            var svg = "<svg role=img aria-label=\"\(HTML.escape(title))\" viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\">"
            svg += "<text x=\"\(f(left))\" y=\"14\" font-weight=\"600\">\(HTML.escape(title))</text>"
            for tick in ticks {
                svg += "<line x1=\"\(f(left))\" x2=\"\(f(w - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#eee\"/>"
                    + "<text x=\"\(f(left - 4))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label(tick))</text>"
            }
            return svg
        }
    }
}
