import AllocSim
import AllocSimReports
import Foundation

/// The outputs of a round and of a batch, shared by `allocate`, `run` and
/// `snapshot`, each with its provenance manifest.
enum Outputs {
    static func scenarioSHA(_ path: String) -> String {
        Fingerprint.sha256Hex(FileManager.default.contents(atPath: path) ?? Data())
    }

    static func manifest(command: String, scenarioPath: String, scenario: Scenario, seed: UInt64,
                         replicates: Int?, threads: Int?, files: [String], reforms: [(String, String)] = []) -> Manifest {
        var m = manifest(command: command, scenarioPath: scenarioPath, scenarioSHA: scenarioSHA(scenarioPath),
                         scenarioName: scenario.name, seed: seed, replicates: replicates, threads: threads, files: files)
        // A reform given as a file is named with its hash; one made with
        // --set is the baseline file plus the settings in its label.
        m.reforms = reforms.map { source, label in
            ReformSource(label: label, file: source,
                         sha: FileManager.default.fileExists(atPath: source) ? scenarioSHA(source) : nil)
        }
        return m
    }

    /// The manifest of this invocation (version, git commit, command line).
    static func manifest(command: String, scenarioPath: String, scenarioSHA: String, scenarioName: String,
                         seed: UInt64, replicates: Int?, threads: Int?, files: [String]) -> Manifest {
        Manifest(version: AllocSimVersion.string,
                 gitCommit: Manifest.gitCommit(forExecutable: CommandLine.arguments[0]),
                 command: command, arguments: Array(CommandLine.arguments.dropFirst()),
                 scenarioFile: scenarioPath, scenarioSHA256: scenarioSHA, scenarioName: scenarioName,
                 seed: seed, replicates: replicates, threads: threads, files: files)
    }

    /// `awards.csv` and `lottery.csv` of one audited round, and the report.
    static func round(_ prepared: PreparedScenario, seed: UInt64, scenarioPath: String, odds: RoundOdds? = nil)
        -> (csv: [(String, String)], html: String, result: RoundResult) {
        let result = prepared.allocateExplicit(seed: seed)
        var csv = [("awards.csv", RoundTables.awards(prepared, result).text),
                   ("lottery.csv", RoundTables.lottery(prepared, result).text)]
        if let odds {
            csv += [("odds.csv", OddsTables.applications(prepared, odds).text),
                    ("odds-places.csv", OddsTables.places(prepared, odds).text)]
        }
        let html = RoundReport(prepared: prepared, result: result, seed: seed, scenarioPath: scenarioPath, odds: odds).html
        return (csv, html, result)
    }
}
