import AllocSim
import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without running them.",
        discussion: """
        Every problem is listed with its file, line, field path and what was expected.

        Example:
          allocsim validate Scenarios/*.yaml
        """
    )

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    func run() throws {
        var failures: [String] = []
        for path in scenarios {
            do {
                let s = try ScenarioLoader.load(path: path)
                let villages = s.geography.chaas.reduce(0) { $0 + $1.villages.count }
                say("\(path): ok — '\(s.name)', \(s.geography.chaas.count) CHAAs, \(villages) villages, "
                      + "\(s.applications.explicit.count) explicit applications"
                      + (s.applications.generate == nil ? "" : ", generated applications"))
            } catch {
                failures.append(CLIFailure(error).message)
            }
        }
        if !failures.isEmpty { throw CLIFailure.badInput(failures.joined(separator: "\n")) }
    }
}
