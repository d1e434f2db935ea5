import AllocSim

/// The scorecard seed's points, as `Scenarios/data/make_scorecard.py`
/// tidied them (its table is generated into `ScorecardSeedPoints.swift`).
public enum ScorecardSeed {
    /// Every jurisdiction's points on the issue named as in `scorecard.csv`.
    public static func points(_ issue: String) -> [(jurisdiction: String, points: Double)]? {
        guard let row = issues.first(where: { $0.1 == issue }) else { return nil }
        return zip(jurisdictions, row.3).map { ($0, $1) }
    }

    /// Every (category, issue, max points) of the seed, in its order.
    public static var issueList: [(category: String, issue: String, maxPoints: Int)] { issues.map { ($0.0, $0.1, $0.2) } }
    public static var jurisdictionCodes: [String] { jurisdictions }
}

/// `allocsim scorecard`: `scorecard.csv` (one row per measurable issue)
/// and the report, the scenario's points beside every jurisdiction's.
public struct ScorecardReport {
    public let scorecard: ScenarioScorecard
    public let scenario: Scenario
    public let scenarioPath: String
    public let seed: UInt64

    public init(scorecard: ScenarioScorecard, scenario: Scenario, scenarioPath: String, seed: UInt64) {
        self.scorecard = scorecard
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.seed = seed
    }

    public static let header = ["issue", "max_points", "figure", "measured", "points", "rubric_line", "points_min", "points_max",
                                "points_mean", "jurisdictions_above", "jurisdictions_same", "jurisdictions_below"]

    /// How many jurisdictions scored more, the same, and less than `points`.
    static func standing(_ issue: ScorecardIssue, _ points: Int) -> (above: Int, same: Int, below: Int) {
        let all = ScorecardSeed.points(issue.seedName) ?? []
        let p = Double(points)
        return (all.filter { $0.points > p }.count, all.filter { $0.points == p }.count, all.filter { $0.points < p }.count)
    }

    public var table: CSVTable {
        var t = CSVTable(header: ScorecardReport.header)
        for r in scorecard.rows {
            let figure = r.figure.map { FixedFormat.compact($0, maxDigits: 6) } ?? ""
            guard let points = r.points, let line = r.line else {
                t.rows.append([r.issue.seedName, String(r.issue.maxPoints), figure, r.text, "", "not scored", "", "", "", "", "", ""])
                continue
            }
            let s = ScorecardReport.standing(r.issue, points)
            let l = r.issue.lines[line]
            t.rows.append([r.issue.seedName, String(r.issue.maxPoints), figure, r.text, String(points),
                           "\(l.condition) → \(l.points)", String(r.minPoints!), String(r.maxPoints!),
                           CSVNumber.stat(r.meanPoints!), String(s.above), String(s.same), String(s.below)])
        }
        return t
    }

    /// The scenario's points on the scored issues, and each jurisdiction's
    /// on the same issues, best first.
    public var totals: (scenario: Int, maximum: Int, jurisdictions: [(String, Double)]) {
        let scored = scorecard.rows.filter(\.scored)
        let mine = scored.reduce(0) { $0 + $1.points! }
        let most = scored.reduce(0) { $0 + $1.issue.maxPoints }
        var sums = Dictionary(uniqueKeysWithValues: ScorecardSeed.jurisdictionCodes.map { ($0, 0.0) })
        for r in scored { for (j, p) in ScorecardSeed.points(r.issue.seedName) ?? [] { sums[j]! += p } }
        let ranked = ScorecardSeed.jurisdictionCodes.map { ($0, sums[$0]!) }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        return (mine, most, ranked)
    }

    public var html: String {
        let (mine, most, ranked) = totals
        let better = ranked.filter { $0.1 > Double(mine) }.count
        var body = "<h1>Scorecard: \(HTML.escape(scenario.name))</h1>\n"
        body += "<p class=muted>Scenario \(HTML.escape(scenarioPath)), seed \(seed), \(scorecard.replicates) replicates. "
            + "The state-by-state scorecard of medical-cannabis laws (seed 004, tidied in Scenarios/data/scorecard.csv) scored "
            + "46 issues for 36 jurisdictions; the \(scorecard.rows.count) issues below are the ones a scenario states or a "
            + "simulation measures, each graded by a rubric read off the scorecard's own provisions and points.</p>\n"
        body += "<div class=summary><p>" + HTML.escape(
            "On the \(scorecard.rows.filter(\.scored).count) issues this scenario can be scored on, it earns \(mine) of \(most) points; "
                + "\(better) of the \(ranked.count) jurisdictions earned more on the same issues.") + "</p></div>\n"
        body += "<h2>Issue by issue</h2>\n<p class=muted>Points most replicates receive; where the figure depends on the round, "
            + "the range across replicates. \"Above / same / below\": jurisdictions scoring more, the same, less.</p>\n"
        var t = CSVTable(header: ["issue", "measured", "points", "range", "rubric line", "above / same / below"])
        for r in scorecard.rows {
            guard let p = r.points, let line = r.line else {
                t.rows.append([r.issue.seedName, r.text, "not scored", "", "", ""])
                continue
            }
            let s = ScorecardReport.standing(r.issue, p)
            let range = !r.issue.isRandom ? "fixed" : r.minPoints == r.maxPoints ? "every replicate"
                : "\(r.minPoints!) to \(r.maxPoints!)"
            t.rows.append([r.issue.seedName, r.text, "\(p) of \(r.issue.maxPoints)", range, r.issue.lines[line].condition,
                           "\(s.above) / \(s.same) / \(s.below)"])
        }
        body += HTML.table(t)
        body += "<h2>Beside every jurisdiction</h2>\n<p class=muted>Each dot is a jurisdiction's points on the issue "
            + "(hover for its code); the red line is this scenario, the red band its range across replicates.</p>\n"
        for r in scorecard.rows where r.scored { body += ScorecardReport.dotPlot(r) }
        body += "<h3>All jurisdictions on these issues</h3>\n"
        var rt = CSVTable(header: ["rank", "jurisdiction", "points"])
        var placed = false
        for (k, (j, p)) in ranked.enumerated() {
            if !placed && Double(mine) >= p {
                rt.rows.append(["", "this scenario", String(mine)])
                placed = true
            }
            rt.rows.append([String(k + 1), j, FixedFormat.compact(p)])
        }
        if !placed { rt.rows.append(["", "this scenario", String(mine)]) }
        body += HTML.table(rt, numericFrom: 2)
        body += rubricSection
        body += PolicyTable.html(scenario)
        return HTML.page(title: "Scorecard: \(scenario.name)", body: body)
    }

    /// The rubric, line by line with its evidence, and what is left out.
    var rubricSection: String {
        var out = "<h2>The rubric</h2>\n<p class=muted>Read off the scorecard's provisions and points side by side; the first "
            + "matching line gives the points. Each issue names the jurisdictions the lines do not reproduce.</p>\n"
        var t = CSVTable(header: ["issue", "figure", "line", "points", "read from"])
        for issue in ScorecardIssue.allCases {
            for (k, l) in issue.lines.enumerated() {
                t.rows.append([k == 0 ? issue.seedName : "", k == 0 ? issue.figure : "", l.condition, String(l.points), l.evidence])
            }
            t.rows.append(["", "", "not reproduced", "", issue.exceptions])
        }
        out += HTML.table(t)
        out += "<p class=muted>Not scored, as a simulation of rounds and fees cannot see them: "
            + HTML.escape(ScorecardIssue.unscored.joined(separator: "; ")) + ".</p>\n"
        return out
    }

    /// One issue: jurisdictions' points as stacked dots on a 0…max axis.
    static func dotPlot(_ r: ScenarioScorecard.Row) -> String {
        let all = ScorecardSeed.points(r.issue.seedName) ?? []
        let most = Double(r.issue.maxPoints)
        let width = 640.0, left = 30.0, right = 30.0, step = 7.0
        var stacks: [Double: Int] = [:]
        for (_, p) in all { stacks[p, default: 0] += 1 }
        let tallest = Double(stacks.values.max() ?? 1)
        let plotTop = 22.0, base = plotTop + tallest * step + 8
        let height = base + 24
        func x(_ p: Double) -> Double { left + p / most * (width - left - right) }
        func f(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
        var svg = "<svg role=img aria-label=\"\(HTML.escape(r.issue.seedName))\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
            + "width=\"\(f(width))\" height=\"\(f(height))\">"
        svg += "<text x=\"\(f(left))\" y=\"14\" font-weight=\"600\">\(HTML.escape(r.issue.seedName)) (out of \(r.issue.maxPoints))</text>"
        if let lo = r.minPoints, let hi = r.maxPoints, lo != hi {
            svg += "<rect x=\"\(f(x(Double(lo))))\" y=\"\(f(plotTop))\" width=\"\(f(x(Double(hi)) - x(Double(lo))))\" "
                + "height=\"\(f(base - plotTop))\" fill=\"#f4c7c3\"/>"
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(base))\" y2=\"\(f(base))\" stroke=\"#999\"/>"
        let ticks = r.issue.maxPoints <= 5 ? Array(0...r.issue.maxPoints) : stride(from: 0, through: r.issue.maxPoints, by: 5).map { $0 }
        for tick in Set(ticks + [r.issue.maxPoints]).sorted() {
            svg += "<text x=\"\(f(x(Double(tick))))\" y=\"\(f(base + 14))\" text-anchor=\"middle\">\(tick)</text>"
        }
        var seen: [Double: Int] = [:]
        for (j, p) in all {
            let k = seen[p, default: 0]
            seen[p] = k + 1
            svg += "<circle cx=\"\(f(x(p)))\" cy=\"\(f(base - 4 - Double(k) * step))\" r=\"3\" fill=\"#4a6fa5\">"
                + "<title>\(HTML.escape(j)): \(FixedFormat.compact(p))</title></circle>"
        }
        if let p = r.points {
            let px = x(Double(p))
            svg += "<line x1=\"\(f(px))\" x2=\"\(f(px))\" y1=\"\(f(plotTop - 4))\" y2=\"\(f(base))\" stroke=\"#c0392b\" stroke-width=\"2\"/>"
            let anchor = px > width / 2 ? "end" : "start"
            svg += "<text x=\"\(f(px + (anchor == "end" ? -4 : 4)))\" y=\"\(f(plotTop + 6))\" fill=\"#c0392b\" text-anchor=\"\(anchor)\">"
                + "this scenario: \(p)</text>"
        }
        return svg + "</svg>\n"
    }
}

/// `allocsim compare`'s scorecard: each measurable issue's points under the
/// baseline and the reform, on the same replicates (common random numbers).
public struct ScorecardChanges {
    public let baseline: ScenarioScorecard
    public let reform: ScenarioScorecard

    public init(baseline: ScenarioScorecard, reform: ScenarioScorecard) {
        self.baseline = baseline
        self.reform = reform
    }

    static func range(_ r: ScenarioScorecard.Row) -> String {
        guard let lo = r.minPoints, let hi = r.maxPoints else { return "" }
        return lo == hi ? String(lo) : "\(lo) to \(hi)"
    }

    public var table: CSVTable {
        var t = CSVTable(header: ["issue", "max_points", "baseline_points", "reform_points", "change", "baseline_range", "reform_range",
                                  "baseline_measured", "reform_measured"])
        for (b, r) in zip(baseline.rows, reform.rows) {
            let change = b.points.flatMap { bp in r.points.map { String($0 - bp) } } ?? ""
            t.rows.append([b.issue.seedName, String(b.issue.maxPoints), b.points.map(String.init) ?? "", r.points.map(String.init) ?? "",
                           change, ScorecardChanges.range(b), ScorecardChanges.range(r), b.text, r.text])
        }
        return t
    }

    /// The report section: the issues whose points or measured figure change.
    public var section: String {
        var out = "<h2>Scorecard points</h2>\n<p class=muted>The scorecard's measurable issues (see <code>allocsim scorecard</code>), "
            + "graded on the first \(baseline.replicates) paired replicates; points most replicates receive. "
            + "Full table: scorecard-changes.csv.</p>\n"
        var t = CSVTable(header: ["issue", "baseline", "reform", "change", "measured (baseline → reform)"])
        for (b, r) in zip(baseline.rows, reform.rows) where b.points != r.points || b.text != r.text {
            let change = b.points.flatMap { bp in r.points.map { ($0 - bp > 0 ? "+" : "") + String($0 - bp) } } ?? ""
            t.rows.append([b.issue.seedName, b.points.map { "\($0) of \(b.issue.maxPoints)" } ?? "not scored",
                           r.points.map { "\($0) of \(r.issue.maxPoints)" } ?? "not scored", change, "\(b.text) → \(r.text)"])
        }
        out += t.rows.isEmpty ? "<p>No measurable issue changes.</p>\n" : HTML.table(t)
        return out
    }
}
