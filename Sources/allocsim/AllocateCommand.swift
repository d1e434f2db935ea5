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
        DIR/manifest.json (provenance).

        Example:
          allocsim allocate Scenarios/guam-round.yaml --seed 7 --out /tmp/round
        """
    )

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Random seed (default: the scenario's seed).")
    var seed: UInt64?

    @Option(help: "Output folder; replaced only when the run completes.")
    var out: String

    func run() throws {
        let s = try loadScenario(scenario)
        guard !s.applications.explicit.isEmpty else {
            throw CLIFailure.badInput("\(scenario): applications.explicit: expected at least one explicit application "
                                      + "for allocate (use `allocsim run` for generated applications)")
        }
        let folder = try openOutputs(out, command: "allocate", inputs: [scenario])
        let prepared = PreparedScenario(s)
        let seed = self.seed ?? s.seed
        let (csv, html, result) = Outputs.round(prepared, seed: seed, scenarioPath: scenario)
        let files = csv + [("report.html", html)]
        let manifest = Outputs.manifest(command: "allocate", scenarioPath: scenario, scenario: s, seed: seed,
                                        replicates: nil, threads: nil, files: files.map(\.0))
        try commitOutputs(folder, files + [("manifest.json", manifest.json)])
        let awarded = result.outcomes.filter { $0.status == .awarded }.count
        say("\(awarded) of \(result.outcomes.count) applications awarded, \(result.draws.count) lottery draws")
        say("wrote \(out)/awards.csv, lottery.csv, report.html, manifest.json")
    }
}
