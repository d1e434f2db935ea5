import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Simulate the program over time: registry, caregivers, renewals and a round each year.",
        discussion: """
        Runs the scenario's program: section month by month for --years (default:
        the section's): patients arrive, renew their cards (§14108(a)) or leave;
        caregivers form under the rules the scenario switches on (connecticut-gate,
        rhode-island-f3c, rhode-island-returns, vermont-expiry); with rounds:, a
        §14302 round each year on its calendar (§14302(a)(1)) over that year's
        registry and certificate holders, awards licensed to operate after the
        Appendix A time frame and renewed under §14307; every §14102 fee and RI
        plant-set fee as its own revenue line.

        Writes DIR/timeline.csv (date,metric,mean,p05,p50,p95,n: one row per month
        and metric over the replicates), DIR/events.csv with --trace (every dated
        event of replicate 0, with its rule), DIR/report.html and DIR/manifest.json.
        Results are identical for any --threads.

        Examples:
          allocsim program Scenarios/guam-program.yaml --out /tmp/p
          allocsim program Scenarios/rhode-island-caregivers.yaml --years 5 \\
              --replicates 200 --trace --out /tmp/ri
        """
    )

    @Argument(help: "Scenario file (YAML) with a program: section.") var scenario: String
    @Option(help: "Years to simulate (default: program.years).") var years: Int?
    @Option(help: "Replicates (default: the scenario's).") var replicates: Int?
    @Option(help: "Random seed (default: the scenario's seed).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Flag(help: "Also write events.csv: every dated event of replicate 0.") var trace = false
    @Flag(help: "No progress bar.") var quiet = false
    @Option(help: "Output folder; replaced only when the run completes.") var out: String

    func validate() throws {
        if let y = years, !(1...Limits.programYears).contains(y) {
            throw ValidationError("--years: expected a whole number from 1 to \(Limits.programYears), found \(y)")
        }
        try OptionChecks.replicates(replicates, max: Limits.programReplicates)
        try OptionChecks.threads(threads)
    }

    func run() throws {
        let s = try loadScenario(scenario)
        guard let runner = ProgramRunner(PreparedScenario(s), years: years) else {
            throw CLIFailure.badInput("\(scenario): program: expected a program section (start, years, registry, caregivers, rounds); "
                                      + "see the README, \"The program over time\"")
        }
        if let y = years, let problem = runner.spec.sizeProblem(s, years: y) {
            throw CLIFailure.badInput("\(scenario): --years \(y): \(problem)")
        }
        let n = replicates ?? min(s.replicates, Limits.programReplicates)
        let folder = try openOutputs(out, command: "program", inputs: [scenario])
        let seed = self.seed ?? s.seed
        let threads = OptionChecks.workerThreads(threads)
        let progress = BatchProgress()
        let bar = ProgressBar(total: n, progress: progress, quiet: quiet)
        bar.start()
        let started = Date()
        let acc = runner.run(seed: seed, replicates: n, threads: threads, progress: progress)
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        let report = ProgramReport(runner: runner, accumulator: acc, replicates: n, seed: seed, scenarioPath: scenario)
        var files = [("timeline.csv", report.timeline.text)]
        if trace { files.append(("events.csv", ProgramReport.events(runner.trace(seed: seed, replicate: 0)).text)) }
        files.append(("report.html", report.html))
        let manifest = Outputs.manifest(command: "program", scenarioPath: scenario, scenario: s, seed: seed,
                                        replicates: n, threads: threads, files: files.map(\.0))
        try commitOutputs(folder, files + [("manifest.json", manifest.json)])
        say("\(n) replicates × \(runner.spec.years) years in \(FixedFormat.decimal(seconds, digits: 2)) s on \(threads) threads")
        say("wrote \(out)/" + (files.map(\.0) + ["manifest.json"]).joined(separator: ", "))
    }
}
