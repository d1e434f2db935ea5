import AllocSim

/// The HTML report of `allocsim compare`: what changed in the policy, the
/// headline differences as cards and sentences, a dot-and-interval chart of
/// the paired differences, and the villages that gain and lose access.
public struct ComparisonReport {
    public let tables: ComparisonTables
    public let label: String
    public let seed: UInt64
    public let files: (baseline: String, reform: String)
    /// The scorecard's points under both scenarios, when graded.
    public let scorecard: ScorecardChanges?

    public init(tables: ComparisonTables, label: String, seed: UInt64, files: (baseline: String, reform: String),
                scorecard: ScorecardChanges? = nil) {
        self.tables = tables
        self.label = label
        self.seed = seed
        self.files = files
        self.scorecard = scorecard
    }

    func pct(_ p: Double) -> String { FixedFormat.decimal(100 * p, digits: 0) + "%" }

    func signed(_ v: Double, digits: Int) -> String {
        (v > 0 ? "+" : "") + FixedFormat.decimal(v, digits: digits)
    }

    func signedDollars(_ v: Double) -> String {
        v > 0 ? "+" + FixedFormat.dollars(v) : (v < 0 ? "−" + FixedFormat.dollars(-v) : "$0")
    }

    public var html: String {
        let base = tables.runner.baseline.prepared.scenario, reform = tables.runner.reform.prepared.scenario
        let diffs = Dictionary(tables.differenceRows.map { ($0.metric, $0) }, uniquingKeysWith: { a, _ in a })
        var body = "<h1>\(HTML.escape(label))</h1>\n"
        body += "<p class=muted>Reform (\(HTML.escape(files.reform))) against baseline (\(HTML.escape(files.baseline))), "
            + "\(tables.acc.replicates) paired replicates on common random numbers, seed \(seed). Each replicate runs both "
            + "scenarios on the same random draws, so the differences below are the policy's, not chance's; intervals "
            + "are 95% intervals of the mean paired difference.</p>\n"
        // Sentences first.
        var sentences: [String] = []
        for type in tables.offeredTypes {
            let name = type.rawValue
            if let d = diffs["awards.\(name)"], d.pHigher == 0, d.pLower == 0 {
                sentences.append("\(name.capitalized) awards are the same in every replicate.")
                continue
            }
            if let d = diffs["awards.\(name)"], let b = d.baseline, let r = d.reform {
                sentences.append("\(name.capitalized) awards go from \(FixedFormat.decimal(b, digits: 2)) to "
                                 + "\(FixedFormat.decimal(r, digits: 2)) per round on average (\(signed(d.mean, digits: 2)), "
                                 + "95% interval \(FixedFormat.decimal(d.low, digits: 2)) to \(FixedFormat.decimal(d.high, digits: 2))).")
            }
            let chaas = tables.chaas.rows.filter { $0[0] == name }
            if let top = chaas.max(by: { abs(Double($0[4]) ?? 0) < abs(Double($1[4]) ?? 0) }),
               let pb = Double(top[2]), let pr = Double(top[3]), pb != pr {
                sentences.append("With \(label), \(top[1]) CHAA gets a \(name) in \(pct(pr)) of replicates instead of \(pct(pb)).")
            }
        }
        if let d = diffs["fees.net"] {
            sentences.append("Net application fees change by \(signedDollars(d.mean)) per round on average "
                             + "(95% interval \(signedDollars(d.low)) to \(signedDollars(d.high))).")
        }
        body += "<div class=summary>" + sentences.map { "<p>\(HTML.escape($0))</p>" }.joined() + "</div>\n"
        // Cards.
        body += "<div class=cards>"
        for type in tables.offeredTypes {
            if let d = diffs["awards.\(type.rawValue)"], d.pHigher == 0, d.pLower == 0 { continue }
            if let d = diffs["awards.\(type.rawValue)"] {
                body += HTML.card("\(type.rawValue) awards per round", signed(d.mean, digits: 2)
                                  + " (±" + FixedFormat.decimal((d.high - d.low) / 2, digits: 2) + ")")
            }
            if let d = diffs["patients.served.\(type.rawValue)"] {
                body += HTML.card("patients in CHAAs with a \(type.rawValue)", signed(d.mean, digits: 0))
            }
        }
        if let d = diffs["fees.net"] { body += HTML.card("net application fees", signedDollars(d.mean)) }
        body += "</div>\n"
        // What changed.
        var changed = CSVTable(header: ["setting", "baseline", "reform", "section"])
        changed.rows = ScenarioSettings.changes(base, reform).map { [$0.setting, $0.baseline, $0.reform, $0.section] }
        body += "<h2>What changed in the policy</h2>\n"
        body += changed.rows.isEmpty ? "<p>No setting differs: every difference below is exactly zero.</p>\n" : HTML.table(changed)
        // Chart.
        let headline = tables.offeredTypes.flatMap {
            ["awards.\($0.rawValue)", "awards.\($0.rawValue).by_lottery", "chaas.unserved.\($0.rawValue)"]
        } + ["status.ineligible", "status.not-awarded", "lottery.draws"]
        let rows = headline.compactMap { diffs[$0] }
        body += "<h2>Differences, reform minus baseline</h2>\n"
        body += SVGChart.differenceDots(rows.map { (label: $0.metric, mean: $0.mean, low: $0.low, high: $0.high) },
                                        title: "Paired differences with 95% intervals")
        var rowsHTML = ""
        for d in tables.differenceRows where headline.contains(d.metric) || d.metric.hasPrefix("fees.") {
            let f = { (v: Double) in MetricLabel.format(v, d.metric) }
            let cells = [d.baseline.map(f) ?? "", d.reform.map(f) ?? "",
                         (d.mean > 0 ? "+" : "") + f(d.mean), f(d.low) + " to " + f(d.high), pct(d.pHigher), pct(d.pLower)]
            rowsHTML += "<tr><td>\(MetricLabel.html(d.metric))</td>" + cells.map { "<td class=n>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        body += "<table><thead><tr><th>metric</th><th>baseline</th><th>reform</th><th>difference</th><th>95% interval</th>"
            + "<th>reform higher</th><th>reform lower</th></tr></thead><tbody>\n" + rowsHTML + "</tbody></table>\n"
        // Villages that gain and lose.
        let villages = tables.villages.rows.filter { (Double($0[5]) ?? 0) != 0 }
            .sorted { (Double($0[5]) ?? 0) > (Double($1[5]) ?? 0) }
        body += "<h2>Villages that gain and lose access</h2>\n"
        if villages.isEmpty {
            body += "<p>No village's chance of an award changes.</p>\n"
        } else {
            var t = CSVTable(header: ["type", "village", "CHAA", "baseline", "reform", "change"])
            t.rows = villages.map { r in
                [r[0], r[2], r[1], pct(Double(r[3]) ?? 0), pct(Double(r[4]) ?? 0), signed(100 * (Double(r[5]) ?? 0), digits: 1) + " pts"]
            }
            body += HTML.table(t, numericFrom: 3)
        }
        if let scorecard { body += scorecard.section }
        body += "<p class=muted>Full tables: differences.csv, villages.csv, chaas.csv"
            + (tables.applications == nil ? "" : ", applications.csv") + (scorecard == nil ? "" : ", scorecard-changes.csv") + ".</p>\n"
        return HTML.page(title: label, body: body)
    }
}
