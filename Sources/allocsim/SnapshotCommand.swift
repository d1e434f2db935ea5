import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Record or check regression snapshots of a scenario's outputs.",
        discussion: """
        A snapshot holds the CSV outputs of a fixed-seed batch (and, when the scenario has explicit
        applications, of one audited round) with a manifest.json. `check` reruns with the recorded
        seed and replicates and compares: whole numbers and text exactly, other numbers within a
        relative tolerance. Exit 0 when nothing moved, 1 on drift (with a table of what moved),
        2 when there is no snapshot or the input is bad.

        Examples:
          allocsim snapshot record Scenarios/guam.yaml --dir Reports/snapshots/guam
          allocsim snapshot check Scenarios/guam.yaml --dir Reports/snapshots/guam
        """,
        subcommands: [Record.self, Check.self]
    )

    /// The snapshot's files for a scenario, seed and replicate count.
    static func outputs(_ s: Scenario, path: String, seed: UInt64, replicates: Int) -> [(String, String)] {
        let prepared = PreparedScenario(s)
        var files: [(String, String)] = []
        if !s.applications.explicit.isEmpty {
            files += Outputs.round(prepared, seed: seed, scenarioPath: path).csv
        }
        let runner = BatchRunner(prepared)
        let acc = runner.run(seed: seed, range: 0..<replicates, threads: ProcessInfo.processInfo.activeProcessorCount)
        return files + BatchTables(runner: runner, accumulator: acc).files
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a snapshot (replaces the folder).")

        @Argument(help: "Scenario file (YAML).") var scenario: String
        @Option(help: "Snapshot folder.") var dir: String
        @Option(help: "Random seed (default: the scenario's).") var seed: UInt64?
        @Option(help: "Replicates (default: the scenario's).") var replicates: Int?

        func run() throws {
            let s = try loadScenario(scenario)
            let seed = self.seed ?? s.seed, n = replicates ?? s.replicates
            guard (1...Limits.replicates).contains(n) else {
                throw CLIFailure.badInput("--replicates: expected a whole number from 1 to \(Limits.replicates), found \(n)")
            }
            let folder = try openOutputs(dir, command: "snapshot record", inputs: [scenario])
            let files = SnapshotCommand.outputs(s, path: scenario, seed: seed, replicates: n)
            let manifest = Outputs.manifest(command: "snapshot record", scenarioPath: scenario, scenario: s, seed: seed,
                                            replicates: n, threads: nil, files: files.map(\.0))
            try commitOutputs(folder, files + [("manifest.json", manifest.json)])
            say("recorded \(files.count) files in \(dir) (seed \(seed), \(n) replicates)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rerun and compare with a recorded snapshot.")

        @Argument(help: "Scenario file (YAML).") var scenario: String
        @Option(help: "Snapshot folder.") var dir: String
        @Option(help: "Relative tolerance for non-integer numbers (default 1e-9).") var tolerance: Double = SnapshotComparison.defaultTolerance

        func run() throws {
            let manifestPath = URL(fileURLWithPath: dir).appendingPathComponent("manifest.json").path
            guard let text = try? String(contentsOfFile: manifestPath, encoding: .utf8) else {
                throw CLIFailure.badInput("\(dir): no snapshot here (no manifest.json); record one with\n"
                                          + "  allocsim snapshot record \(scenario) --dir \(dir)")
            }
            guard let recorded = Manifest.parse(text), (1...Limits.replicates).contains(recorded.replicates ?? 1) else {
                throw CLIFailure.badInput("\(manifestPath): expected an allocsim manifest with seed, scenario_sha256, files "
                                          + "and replicates from 1 to \(Limits.replicates)")
            }
            guard tolerance.isFinite, tolerance >= 0 else {
                throw CLIFailure.badInput("--tolerance: expected a number ≥ 0, found \(tolerance)")
            }
            let s = try loadScenario(scenario)
            let fresh = SnapshotCommand.outputs(s, path: scenario, seed: recorded.seed, replicates: recorded.replicates ?? s.replicates)
            var drifts: [SnapshotDrift] = []
            let freshNames = Set(fresh.map(\.0))
            for name in recorded.files where !freshNames.contains(name) {
                drifts.append(SnapshotDrift(file: name, row: "(file)", column: "", old: "present", new: "missing"))
            }
            for (name, text) in fresh {
                let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
                guard recorded.files.contains(name), let old = try? String(contentsOfFile: path, encoding: .utf8) else {
                    drifts.append(SnapshotDrift(file: name, row: "(file)", column: "", old: "missing", new: "present"))
                    continue
                }
                drifts += SnapshotComparison.compare(file: name, old: CSVTable.parse(old), new: CSVTable.parse(text),
                                                     tolerance: tolerance)
            }
            let changed = recorded.sha != Outputs.scenarioSHA(scenario)
            if drifts.isEmpty {
                say("snapshot \(dir) matches: \(fresh.count) files" + (changed ? " (the scenario file changed, its outputs did not)" : ""))
                return
            }
            say("snapshot \(dir) drifted: \(drifts.count) values moved"
                  + (changed ? " (the scenario file changed since it was recorded)" : ""))
            say(SnapshotComparison.table(drifts))
            say("If the change is intended, record anew: allocsim snapshot record \(scenario) --dir \(dir)")
            throw ExitCode(1)
        }
    }
}
