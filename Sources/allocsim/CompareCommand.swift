import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a reform with a baseline, replicate by replicate on common random numbers.",
        discussion: """
        Both scenarios run on the same random draws in every replicate, and the paired differences
        are aggregated: DIR/differences.csv (metric, baseline, reform, difference, ci_low, ci_high,
        p_higher, p_lower), villages.csv and chaas.csv (chance of at least one award on each side and
        its change), applications.csv (explicit applications), scorecard-changes.csv (each of the
        scorecard's measurable issues graded under both, as `allocsim scorecard` grades one; on the
        first --scorecard-replicates replicates), report.html and manifest.json.
        The reform is a second scenario file, or the baseline with fields set by path (as in
        `allocsim sweep`). The two may differ in policy, fees, certificates, generation and plant
        tags, not in territory or explicit applications. With several reforms, each is compared
        with the baseline in its own subfolder reform-1/, reform-2/, ...

        Examples:
          allocsim compare Scenarios/guam.yaml --set certificates.dispensary=5 --out /tmp/c
          allocsim compare Scenarios/guam.yaml --set policy.schoolBufferFeet=500 --set certificates.dispensary=5 \\
              --label "500 ft, 5 certificates" --out /tmp/c
          allocsim compare Scenarios/guam.yaml reform.yaml --replicates 100000 --out /tmp/c
          allocsim compare Scenarios/guam.yaml --set-group certificates.dispensary=4 \\
              --set-group "certificates.dispensary=5;policy.schoolBufferFeet=500" --out /tmp/two
        """
    )

    @Argument(help: "Baseline scenario file (YAML).") var baseline: String
    @Argument(help: "Reform scenario file (YAML), optional with --set.") var reformFile: String?
    @Option(name: .customLong("reform"), help: "Another reform scenario file. Repeatable.") var reforms: [String] = []
    @Option(name: .customLong("set"), help: "KEY=VALUE set in the baseline to make the reform. Repeatable.")
    var sets: [String] = []
    @Option(name: .customLong("set-group"), help: "A reform as KEY=V;KEY=V set in the baseline. Repeatable.")
    var setGroups: [String] = []
    @Option(name: .customLong("label"), help: "A reform's name in the report, in the order the reforms are given. Repeatable.")
    var labels: [String] = []
    @Option(help: "Replicates (default: the baseline's).") var replicates: Int?
    @Option(help: "Random seed (default: the baseline's).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Flag(name: .customLong("independent-streams"),
          help: "Run the reform on its own random streams (to measure what common random numbers save).")
    var independentStreams = false
    @Option(name: .customLong("scorecard-replicates"),
            help: "Replicates on which both scenarios are graded on the scorecard (scorecard-changes.csv); 0 skips it (default: the replicates, at most 10,000).")
    var scorecardReplicates: Int?
    @Flag(help: "No progress bar.") var quiet = false
    @Option(help: "Output folder; replaced only when the comparison completes.") var out: String

    /// A reform: its scenario, label and where it came from.
    struct Reform {
        var scenario: Scenario
        var label: String
        var source: String
    }

    func run() throws {
        let doc: ScenarioDocument
        do { doc = try ScenarioDocument.read(path: baseline) } catch { throw CLIFailure(error) }
        let base: Scenario
        do { base = try doc.load() } catch { throw CLIFailure(error) }
        let list = try makeReforms(doc)
        let n = replicates ?? base.replicates
        guard (1...Limits.replicates).contains(n) else {
            throw CLIFailure.badInput("--replicates: expected a whole number from 1 to \(Limits.replicates), found \(n)")
        }
        if let t = threads, !(1...Limits.threads).contains(t) {
            throw CLIFailure.badInput("--threads: expected a whole number from 1 to \(Limits.threads), found \(t)")
        }
        let inputs = [baseline] + (reformFile.map { [$0] } ?? []) + reforms
        let folder = try openOutputs(out, command: "compare", inputs: inputs)
        let seed = self.seed ?? base.seed
        let threads = OptionChecks.workerThreads(threads)
        let graded = scorecardReplicates ?? min(n, 10_000)
        guard (0...Limits.replicates).contains(graded) else {
            throw CLIFailure.badInput("--scorecard-replicates: expected a whole number from 0 to \(Limits.replicates), found \(graded)")
        }
        // The baseline's scorecard is the same for every reform: graded once.
        let baseCard = graded == 0 ? nil
            : ScenarioScorecard(BatchRunner(PreparedScenario(base)), seed: seed, replicates: graded, threads: threads)
        var files: [(String, String)] = []
        let started = Date()
        for (k, reform) in list.enumerated() {
            let runner: ComparisonRunner
            do {
                runner = try ComparisonRunner(baseline: PreparedScenario(base), reform: PreparedScenario(reform.scenario))
            } catch {
                throw CLIFailure.badInput("\(reform.source): cannot compare with \(baseline): \(error)")
            }
            let progress = BatchProgress()
            let bar = ProgressBar(total: n, progress: progress, quiet: quiet)
            bar.start()
            let acc = runner.run(seed: seed, range: 0..<n, threads: threads, independentStreams: independentStreams,
                                 progress: progress)
            bar.finish()
            let tables = ComparisonTables(runner: runner, accumulator: acc)
            let prefix = list.count == 1 ? "" : "reform-\(k + 1)/"
            // Same seed and replicates as the baseline's: replicate i uses the same streams on both sides.
            let changes = baseCard.map { b in
                ScorecardChanges(baseline: b, reform: ScenarioScorecard(runner.reform, seed: seed,
                                                                        replicates: graded, threads: threads))
            }
            let report = ComparisonReport(tables: tables, label: reform.label, seed: seed,
                                          files: (baseline: baseline, reform: reform.source), scorecard: changes)
            let extra = changes.map { [("scorecard-changes.csv", $0.table.text)] } ?? []
            files += (tables.files + extra + [("report.html", report.html)]).map { (prefix + $0.0, $0.1) }
            if let d = tables.differenceRows.first(where: { $0.metric.hasPrefix("awards.") }) {
                say("\(reform.label): \(d.metric) \(FixedFormat.decimal(d.baseline ?? 0, digits: 3)) → "
                    + "\(FixedFormat.decimal(d.reform ?? 0, digits: 3)) (difference \(FixedFormat.decimal(d.mean, digits: 3)), "
                    + "95% interval \(FixedFormat.decimal(d.low, digits: 3)) to \(FixedFormat.decimal(d.high, digits: 3)))")
            }
        }
        let manifest = Outputs.manifest(command: "compare", scenarioPath: baseline, scenario: base, seed: seed,
                                        replicates: n, threads: threads, files: files.map(\.0),
                                        reforms: list.map { ($0.source, $0.label) })
        try commitOutputs(folder, files + [("manifest.json", manifest.json)])
        say("\(list.count) reform(s) × \(n) paired replicates in \(FixedFormat.decimal(Date().timeIntervalSince(started), digits: 2)) s; "
            + "wrote \(out)")
    }

    /// The reforms from the second argument, --reform, --set and --set-group.
    func makeReforms(_ doc: ScenarioDocument) throws(CLIFailure) -> [Reform] {
        var list: [Reform] = []
        for file in (reformFile.map { [$0] } ?? []) + reforms {
            do {
                let s = try ScenarioLoader.load(path: file)
                list.append(Reform(scenario: s, label: s.name, source: file))
            } catch {
                throw CLIFailure(error)
            }
        }
        var groups: [[String]] = setGroups.map { $0.split(separator: ";").map(String.init) }
        if !sets.isEmpty { groups.insert(sets, at: 0) }
        for group in groups {
            var d = doc
            for assignment in group {
                guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
                    throw CLIFailure.badInput("--set '\(assignment)': expected KEY=VALUE")
                }
                let key = String(assignment[..<eq]), value = String(assignment[assignment.index(after: eq)...])
                do { d = try d.setting(key, to: value) } catch { throw CLIFailure.badInput("--set \(error)") }
            }
            do {
                let s = try d.load()
                list.append(Reform(scenario: s, label: group.joined(separator: ", "), source: baseline + " with " + group.joined(separator: ", ")))
            } catch {
                throw CLIFailure.badInput("--set \(group.joined(separator: ", ")): the reform does not validate:\n"
                                          + error.issues.map { "  " + $0.description }.joined(separator: "\n"))
            }
        }
        guard !list.isEmpty else {
            throw CLIFailure.badInput("compare: expected a reform: a second scenario file, --reform FILE, --set KEY=VALUE or --set-group")
        }
        guard labels.count <= list.count else {
            throw CLIFailure.badInput("--label: \(labels.count) labels for \(list.count) reform(s)")
        }
        for (i, l) in labels.enumerated() { list[i].label = l }
        return list
    }
}
