import AllocSim
import AllocSimReports
import ArgumentParser

struct AllocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Run one audited §14302 round over the scenario's explicit applications.",
        discussion: """
        Writes DIR/awards.csv (one row per application: status, tier, lottery, reason, fees),
        DIR/lottery.csv (one row per draw, to replay the round by hand), DIR/report.html and
        DIR/manifest.json (provenance). With --compare REFORM the round also runs under the reform on the
        same lottery streams: reform-awards.csv, reform-lottery.csv, reform-report.html and changes.csv
        (each application's status, tier and lottery flag under both, and the reform's reason).

        Example:
          allocsim allocate Scenarios/guam-round.yaml --seed 7 --out /tmp/round
          allocsim allocate Scenarios/guam-round.yaml --compare reform.yaml --out /tmp/round-vs-reform
        """
    )

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Random seed (default: the scenario's seed).")
    var seed: UInt64?

    @Option(help: "A reform scenario: run the round under both on the same lottery streams and list what changed.")
    var compare: String?

    @Option(help: "Output folder; replaced only when the run completes.")
    var out: String

    func run() throws {
        let s = try loadScenario(scenario)
        guard !s.applications.explicit.isEmpty else {
            throw CLIFailure.badInput("\(scenario): applications.explicit: expected at least one explicit application "
                                      + "for allocate (use `allocsim run` for generated applications)")
        }
        let reform = try compare.map { path -> Scenario in
            let r = try loadScenario(path)
            guard r.geography == s.geography, r.applications.explicit == s.applications.explicit else {
                throw CLIFailure.badInput("\(path): cannot compare with \(scenario): expected the same geography and "
                                          + "explicit applications (policy, fees and certificates may differ)")
            }
            return r
        }
        let folder = try openOutputs(out, command: "allocate", inputs: [scenario] + (compare.map { [$0] } ?? []))
        let prepared = PreparedScenario(s)
        let seed = self.seed ?? s.seed
        let (csv, html, result) = Outputs.round(prepared, seed: seed, scenarioPath: scenario)
        var files = csv + [("report.html", html)]
        if let reform, let path = compare {
            // The same seed: each type's lottery draws from the same stream.
            let other = PreparedScenario(reform)
            let (reformCSV, reformHTML, reformResult) = Outputs.round(other, seed: seed, scenarioPath: path)
            let changes = RoundTables.changes(prepared, result, other, reformResult)
            files += reformCSV.map { ("reform-" + $0.0, $0.1) } + [("reform-report.html", reformHTML),
                                                                   ("changes.csv", changes.text)]
            let moved = changes.rows.filter { $0.last == "true" }.count
            say("\(moved) of \(result.outcomes.count) applications change status, tier or lottery flag under \(path)")
        }
        let manifest = Outputs.manifest(command: "allocate", scenarioPath: scenario, scenario: s, seed: seed,
                                        replicates: nil, threads: nil, files: files.map(\.0))
        try commitOutputs(folder, files + [("manifest.json", manifest.json)])
        let awarded = result.outcomes.filter { $0.status == .awarded }.count
        say("\(awarded) of \(result.outcomes.count) applications awarded, \(result.draws.count) lottery draws")
        say("wrote \(out)/" + (files.map(\.0) + ["manifest.json"]).joined(separator: ", "))
    }
}
