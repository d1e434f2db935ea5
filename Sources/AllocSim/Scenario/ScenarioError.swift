/// One problem with a scenario file: where it is and what was expected.
public struct ScenarioIssue: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The field path, e.g. `geography.chaas[1].villages[3].patients`
    /// (list indices count from 0).
    public var path: String
    public var line: Int?
    /// What was expected, and what was found where that helps.
    public var message: String

    public init(file: String, path: String, line: Int?, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        let at = line.map { "\(file):\($0)" } ?? file
        return path.isEmpty ? "\(at): \(message)" : "\(at): \(path): \(message)"
    }
}

/// Everything wrong with a scenario file; loading reports all problems it
/// can find, not just the first.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var issues: [ScenarioIssue]

    public init(issues: [ScenarioIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
