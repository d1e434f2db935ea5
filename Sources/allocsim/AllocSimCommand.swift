import ArgumentParser

/// The `allocsim` command: thin subcommands over the AllocSim library.
struct AllocSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocsim",
        abstract: "Simulate medical-cannabis certificate allocation under 25 GAR Ch. 14 and plant-tag fees.",
        discussion: """
        Examples:
          allocsim validate Scenarios/guam-round.yaml
          allocsim allocate Scenarios/guam-round.yaml --out /tmp/round
          allocsim run Scenarios/guam.yaml --replicates 100000 --out /tmp/batch
          allocsim compare Scenarios/guam.yaml --set certificates.dispensary=5 --out /tmp/compare
          allocsim fees --role caregiver --full 1 --reduced 2 --sets 24

        Exit codes: 0 success, 1 snapshot drift, 2 bad input or usage.
        """,
        version: AllocSimVersion.string,
        subcommands: [ValidateCommand.self, AllocateCommand.self, RunCommand.self, CompareCommand.self, SweepCommand.self,
                      MergeCommand.self, DiscoverCommand.self, ScorecardCommand.self, ProgramCommand.self, FeesCommand.self, SnapshotCommand.self]
    )
}

enum AllocSimVersion {
    static let string = "0.1.0"
}
