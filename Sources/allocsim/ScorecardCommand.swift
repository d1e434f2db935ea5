import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Grade a scenario on the state-by-state scorecard's measurable issues, beside every jurisdiction.",
        discussion: """
        Ten of the scorecard's 46 issues are ones a scenario states (card and plant-
        set fees, reduced fees, caregivers, card validity, cultivation and
        cooperatives) or a Monte Carlo batch measures (dispensaries after the round,
        patients in a CHAA with a dispensary, applications ruled out by buffers).
        Each is graded by a rubric read off the scorecard's own provisions and
        points (the README and the report list every line and the jurisdictions it
        came from). Issues whose figure depends on the round get the points most
        replicates receive and the range across replicates.

        Writes DIR/scorecard.csv (issue, max_points, figure, measured, points,
        rubric_line, points_min, points_max, points_mean,
        jurisdictions_above/same/below), DIR/report.html and DIR/manifest.json.

        Examples:
          allocsim scorecard Scenarios/guam.yaml --out /tmp/s
          allocsim scorecard Scenarios/rhode-island-caregivers.yaml --replicates 100 --out /tmp/s-ri
        """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Replicates for the issues that depend on the round (default: the scenario's).") var replicates: Int?
    @Option(help: "Random seed (default: the scenario's seed).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Flag(help: "No progress bar.") var quiet = false
    @Option(help: "Output folder; replaced only when the run completes.") var out: String

    func validate() throws {
        try OptionChecks.replicates(replicates)
        try OptionChecks.threads(threads)
    }

    func run() throws {
        let s = try loadScenario(scenario)
        let folder = try openOutputs(out, command: "scorecard", inputs: [scenario])
        let runner = BatchRunner(PreparedScenario(s))
        let n = replicates ?? s.replicates
        let seed = self.seed ?? s.seed
        let threads = OptionChecks.workerThreads(threads)
        let progress = BatchProgress()
        let bar = ProgressBar(total: n, progress: progress, quiet: quiet)
        bar.start()
        let card = ScenarioScorecard(runner, seed: seed, replicates: n, threads: threads, progress: progress)
        bar.finish()
        let report = ScorecardReport(scorecard: card, scenario: s, scenarioPath: scenario, seed: seed)
        let files = [("scorecard.csv", report.table.text), ("report.html", report.html)]
        let manifest = Outputs.manifest(command: "scorecard", scenarioPath: scenario, scenario: s, seed: seed,
                                        replicates: n, threads: threads, files: files.map(\.0))
        try commitOutputs(folder, files + [("manifest.json", manifest.json)])
        let (mine, most, ranked) = report.totals
        for r in card.rows {
            let points = r.points.map { "\($0)/\(r.issue.maxPoints)" } ?? "not scored"
            say("\(points.padding(toLength: 11, withPad: " ", startingAt: 0)) \(r.issue.seedName): \(r.text)")
        }
        say("\(mine) of \(most) points on the scored issues; \(ranked.filter { $0.1 > Double(mine) }.count) of \(ranked.count) jurisdictions earned more")
        say("wrote \(out)/scorecard.csv, report.html, manifest.json")
    }
}
