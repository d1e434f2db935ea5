import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Monte Carlo batch of replicates and summarise every metric.",
        discussion: """
        Writes DIR/summary.csv, villages.csv, chaas.csv, applications.csv (explicit applications),
        fees.csv (when plant tags are modelled), report.html and manifest.json (provenance). Results are identical for any
        --threads. --replicate-table adds replicates.csv.gz, one row per replicate and scalar metric
        (replicate,metric,value; about 25 MB per million Guam replicates, see the README). A progress bar shows on standard error when it is a terminal; Ctrl-C stops
        cleanly and leaves no half-written folder.

        Examples:
          allocsim run Scenarios/guam.yaml --out Reports/demo
          allocsim run Scenarios/guam.yaml --replicates 1000000 --threads 2 --quiet --out /tmp/big
        """
    )

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Replicates (default: the scenario's).")
    var replicates: Int?

    @Option(help: "Random seed (default: the scenario's seed).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: "No progress bar.")
    var quiet = false

    @Flag(name: .customLong("replicate-table"),
          help: "Also write replicates.csv.gz: one row per replicate and scalar metric (replicate,metric,value).")
    var replicateTable = false

    @Option(help: "Output folder; replaced only when the run completes.")
    var out: String

    func validate() throws {
        try OptionChecks.replicates(replicates)
        try OptionChecks.threads(threads)
    }

    func run() throws {
        let s = try loadScenario(scenario)
        let folder = try openOutputs(out, command: "run", inputs: [scenario])
        let runner = BatchRunner(PreparedScenario(s))
        let n = replicates ?? s.replicates
        let seed = self.seed ?? s.seed
        let threads = OptionChecks.workerThreads(threads)
        let progress = BatchProgress()
        let bar = ProgressBar(total: n, progress: progress, quiet: quiet)
        bar.start()
        let started = Date()
        var table: ReplicateTable?
        if replicateTable {
            do {
                table = try ReplicateTable(url: try folder.stagingURL(for: ReplicateTable.fileName), metricNames: runner.metricNames)
            } catch {
                folder.discard()
                throw CLIFailure(error)
            }
        }
        var hand: (@Sendable (Int, Range<Int>, [Double]) -> Void)?
        if let t = table { hand = { chunk, replicates, values in t.add(chunk: chunk, replicates: replicates, values: values) } }
        let acc = runner.run(seed: seed, range: 0..<n, threads: threads, progress: progress, perReplicate: hand)
        bar.finish()
        do { try table?.close() } catch {
            folder.discard()
            throw CLIFailure(error)
        }
        let seconds = Date().timeIntervalSince(started)
        let tables = BatchTables(runner: runner, accumulator: acc)
        let html = BatchReport(tables: tables, seed: seed, scenarioPath: scenario).html
        let files = tables.files + [("report.html", html)]
        let listed: [String] = files.map { $0.0 } + (table == nil ? [] : [ReplicateTable.fileName])
        let manifest = Outputs.manifest(command: "run", scenarioPath: scenario, scenario: s, seed: seed,
                                        replicates: n, threads: threads, files: listed)
        try commitOutputs(folder, files + [("manifest.json", manifest.json)])
        say("\(n) replicates in \(FixedFormat.decimal(seconds, digits: 2)) s on \(threads) threads")
        say("wrote \(out)/" + (listed + ["manifest.json"]).joined(separator: ", "))
    }
}
