import AllocSim
import AllocSimReports

/// An error the commands report: its message and exit code.
struct CLIFailure: Error {
    var message: String
    var code: Int32

    /// Bad input or usage: exit 2.
    static func badInput(_ message: String) -> CLIFailure { CLIFailure(message: message, code: 2) }

    init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    init(_ e: ScenarioError) {
        let n = e.issues.count
        message = e.description + (n > 1 ? "\n\(n) problems found" : "")
        code = 2
    }

    init(_ e: OutputFolder.Failure) {
        message = e.description
        code = 2
    }
}

/// Loads a scenario or fails with exit 2 and every problem listed.
func loadScenario(_ path: String) throws(CLIFailure) -> Scenario {
    do {
        return try ScenarioLoader.load(path: path)
    } catch {
        throw CLIFailure(error)
    }
}

/// Opens `out` for a command's outputs before any work is done, so a
/// refused folder costs nothing: `out` is replaced only when allocsim wrote
/// it for the same `command`, and `inputs` (the files the command reads)
/// may not lie inside it.
func openOutputs(_ out: String, command: String, inputs: [String]) throws(CLIFailure) -> OutputFolder {
    do { return try OutputFolder(path: out, command: command, inputs: inputs) } catch { throw CLIFailure(error) }
}

/// Writes the files into the staging folder and swaps it into place: all
/// or nothing.
func commitOutputs(_ folder: OutputFolder, _ files: [(String, String)]) throws(CLIFailure) {
    do {
        for (name, text) in files { try folder.write(name, text) }
        try folder.commit()
    } catch {
        folder.discard()
        throw CLIFailure(error)
    }
}
