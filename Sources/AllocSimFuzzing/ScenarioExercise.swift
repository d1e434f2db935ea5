import AllocSim
import AllocSimReports
import Foundation

/// What the fuzzer does with one input, and what the replay tests do with
/// every input it ever found troublesome (issue: nothing a user owns is
/// lost, no input crashes the tool).
///
/// The bytes are read as a scenario file; when they validate, one audited
/// round runs over the explicit applications and a 20-replicate batch runs
/// on one thread, and every CSV and HTML output is rendered in memory. A
/// trap anywhere is the finding; a validation error is a fine answer, but
/// it must name a field path (or the file as a whole).
public enum ScenarioExercise {
    /// How an input ended.
    public enum Outcome: Sendable, Equatable {
        /// Rejected at validation, with every message.
        case rejected([String])
        /// Validated and ran; the number of output bytes rendered.
        case ran(outputBytes: Int)
    }

    public static let replicates = 20

    /// Runs one input end to end, in memory.
    public static func run(_ bytes: Data) -> Outcome {
        guard let text = String(data: bytes, encoding: .utf8) else { return .rejected(["not UTF-8"]) }
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(yaml: text, file: "fuzz.yaml")
        } catch {
            return .rejected(error.issues.map(\.description))
        }
        return .ran(outputBytes: run(scenario))
    }

    /// Runs a validated scenario: one round (when it has explicit
    /// applications), a batch of `replicates`, its scorecard and (with a
    /// `program:` section) a year of the program, every output rendered;
    /// returns the number of output bytes.
    public static func run(_ scenario: Scenario, replicates: Int = replicates) -> Int {
        let prepared = PreparedScenario(scenario)
        var size = 0
        if !scenario.applications.explicit.isEmpty {
            let result = prepared.allocateExplicit(seed: scenario.seed)
            size += RoundTables.awards(prepared, result).text.utf8.count
            size += RoundTables.lottery(prepared, result).text.utf8.count
            // Exact odds within a small budget, else the labelled estimate.
            let odds = (try? prepared.exactOdds(limit: 2_000)).map(RoundOdds.init)
                ?? RoundOdds(sampling: prepared, seed: scenario.seed, replicates: 20, fallback: "fuzz budget")
            size += OddsTables.applications(prepared, odds).text.utf8.count + OddsTables.places(prepared, odds).text.utf8.count
            size += RoundReport(prepared: prepared, result: result, seed: scenario.seed, scenarioPath: "fuzz.yaml", odds: odds)
                .html.utf8.count
        }
        let runner = BatchRunner(prepared)
        let acc = runner.run(seed: scenario.seed, range: 0..<replicates, threads: 1)
        let tables = BatchTables(runner: runner, accumulator: acc)
        for (_, text) in tables.files { size += text.utf8.count }
        size += BatchReport(tables: tables, seed: scenario.seed, scenarioPath: "fuzz.yaml").html.utf8.count
        let card = ScenarioScorecard(runner, seed: scenario.seed, replicates: replicates, threads: 1)
        let scorecard = ScorecardReport(scorecard: card, scenario: scenario, scenarioPath: "fuzz.yaml", seed: scenario.seed)
        size += scorecard.table.text.utf8.count + scorecard.html.utf8.count
        // A program, one year of two replicates, traced and reported.
        if let program = ProgramRunner(prepared, years: 1) {
            let acc = program.run(seed: scenario.seed, replicates: 2, threads: 1)
            let report = ProgramReport(runner: program, accumulator: acc, replicates: 2, seed: scenario.seed, scenarioPath: "fuzz.yaml")
            size += report.timeline.text.utf8.count + report.html.utf8.count
            size += ProgramReport.events(program.trace(seed: scenario.seed, replicate: 0)).text.utf8.count
        }
        return size
    }
}
