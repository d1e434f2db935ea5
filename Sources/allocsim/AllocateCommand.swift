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

        With --odds exact (also for the reform under --compare: reform-odds.csv) the round's chances are computed, not sampled: odds.csv gives each
        application's exact chance of an award, of a lottery deciding it and of each tier, as a
        fraction and a decimal; odds-places.csv each village's and CHAA's chance of at least one
        award; the report shows each chance next to the outcome. The computation walks every way
        the lotteries can fall, merging paths that meet again; when it would visit more than
        --odds-limit states it stops with exit 2, or with --odds auto falls back to a Monte Carlo
        estimate over --odds-replicates runs, labelled as such.

        Example:
          allocsim allocate Scenarios/guam-round.yaml --seed 7 --out /tmp/round
          allocsim allocate Scenarios/guam-round.yaml --compare reform.yaml --out /tmp/round-vs-reform
          allocsim allocate Scenarios/guam-round.yaml --odds exact --out /tmp/round-odds
        """
    )

    enum OddsMode: String, ExpressibleByArgument, CaseIterable {
        case exact, auto
    }

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Random seed (default: the scenario's seed).")
    var seed: UInt64?

    @Option(help: "A reform scenario: run the round under both on the same lottery streams and list what changed.")
    var compare: String?

    @Option(help: "Each application's chance: exact (exit 2 when the round is too large) or auto (exact, else a Monte Carlo estimate).")
    var odds: OddsMode?

    @Option(help: "States the exact computation may visit.")
    var oddsLimit = 2_000_000

    @Option(help: "Runs of the round for the --odds auto estimate.")
    var oddsReplicates = 100_000

    @Option(help: "Output folder; replaced only when the run completes.")
    var out: String

    func validate() throws {
        if !(1...Limits.oddsStates).contains(oddsLimit) {
            throw ValidationError("--odds-limit: expected a whole number from 1 to \(Limits.oddsStates), found \(oddsLimit)")
        }
        if !(1...Limits.oddsReplicates).contains(oddsReplicates) {
            throw ValidationError("--odds-replicates: expected a whole number from 1 to \(Limits.oddsReplicates), found \(oddsReplicates)")
        }
        if odds == nil && (oddsLimit != 2_000_000 || oddsReplicates != 100_000) {
            throw ValidationError("--odds-limit and --odds-replicates need --odds exact or --odds auto")
        }
    }

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
        let roundOdds = try odds.map { try computeOdds(prepared, seed: seed, mode: $0, path: scenario) }
        let (csv, html, result) = Outputs.round(prepared, seed: seed, scenarioPath: scenario, odds: roundOdds)
        var files = csv + [("report.html", html)]
        if let reform, let path = compare {
            // The same seed: each type's lottery draws from the same stream.
            let other = PreparedScenario(reform)
            let reformOdds = try odds.map { try computeOdds(other, seed: seed, mode: $0, path: path) }
            let (reformCSV, reformHTML, reformResult) = Outputs.round(other, seed: seed, scenarioPath: path, odds: reformOdds)
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
        if let o = roundOdds {
            say(o.method == .exact ? "exact odds: \(o.work) states of the round visited"
                : "odds estimated from \(o.work) runs of the round (Monte Carlo, 95% Wilson intervals)")
        }
        say("\(awarded) of \(result.outcomes.count) applications awarded, \(result.draws.count) lottery draws")
        say("wrote \(out)/" + (files.map(\.0) + ["manifest.json"]).joined(separator: ", "))
    }

    /// `--odds`: exact, or (auto) exact when the tree of draws fits the
    /// budget and a labelled estimate otherwise.
    func computeOdds(_ p: PreparedScenario, seed: UInt64, mode: OddsMode, path: String) throws -> RoundOdds {
        do {
            return RoundOdds(try p.exactOdds(limit: oddsLimit))
        } catch .tooLarge(let states, let limit) {
            let why = "the exact computation needed more than \(limit) states (--odds-limit)"
            guard mode == .auto else {
                throw CLIFailure.badInput("\(path): --odds exact: \(why); stopped after \(states). Raise --odds-limit, "
                                          + "or use --odds auto for a Monte Carlo estimate")
            }
            say("odds of \(path): \(why); estimating from \(oddsReplicates) runs of the round instead")
            return RoundOdds(sampling: p, seed: seed, replicates: oddsReplicates, fallback: why)
        }
    }
}
