import Foundation
import Yams

/// A scenario file composed but not yet validated, so sweep parameters can
/// set any field by its path before the loader checks the result.
public struct ScenarioDocument: @unchecked Sendable {
    public let file: String
    /// The file's bytes, for its SHA-256 in manifests.
    public let bytes: Data
    let root: Node

    /// Reads and composes `path`; syntax errors are reported as by `ScenarioLoader`.
    public static func read(path: String) throws(ScenarioError) -> ScenarioDocument {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > Limits.fileBytes {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", line: nil, message: YAMLLimits.tooLarge(size))])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", line: nil, message: "the scenario file \(why)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", line: nil, message: "expected a UTF-8 text file")])
        }
        return try ScenarioDocument(yaml: text, file: path, bytes: data)
    }

    /// Composes scenario text; `file` names it in messages.
    init(yaml text: String, file: String, bytes: Data) throws(ScenarioError) {
        if let problem = YAMLLimits.problemBeforeParsing(text) {
            throw ScenarioError(issues: [ScenarioIssue(file: file, path: "", line: problem.line, message: problem.message)])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(file: file, path: "", line: ScenarioLoader.yamlErrorLine(error),
                                                       message: "malformed YAML: \(ScenarioLoader.yamlErrorProblem(error))")])
        }
        guard let node else {
            throw ScenarioError(issues: [ScenarioIssue(file: file, path: "", line: nil,
                                                       message: "expected a scenario mapping, found an empty file")])
        }
        if let problem = YAMLLimits.problemAfterComposing(node) {
            throw ScenarioError(issues: [ScenarioIssue(file: file, path: "", line: nil, message: problem)])
        }
        self.init(file: file, bytes: bytes, root: node)
    }

    init(file: String, bytes: Data, root: Node) {
        self.file = file
        self.bytes = bytes
        self.root = root
    }

    /// Validates the document into a scenario.
    public func load() throws(ScenarioError) -> Scenario {
        let d = Diagnostics(file: file)
        let s = ScenarioLoader.read(YAMLField(node: root, path: "", diagnostics: d))
        guard d.issues.isEmpty, let s else { throw ScenarioError(issues: d.issues) }
        return s
    }

    /// What can go wrong setting a field by path.
    public enum PathError: Error, Sendable, CustomStringConvertible {
        case badPath(String)
        case notAMapping(path: String, at: String)
        case noSuchItem(path: String, at: String)

        public var description: String {
            switch self {
            case .badPath(let p): return "'\(p)': expected a field path such as policy.schoolBufferFeet or geography.chaas[0].villages[1].patients"
            case .notAMapping(let p, let at): return "'\(p)': \(at) is not a mapping of fields"
            case .noSuchItem(let p, let at): return "'\(p)': there is no list item \(at)"
            }
        }
    }

    /// A copy with the field at `path` (e.g. `certificates.dispensary`,
    /// `geography.chaas[0].villages[2].patients`) set to the plain scalar
    /// `value`; missing mappings along the path are created, list items must
    /// exist. The loader then checks the value like any other.
    public func setting(_ path: String, to value: String) throws(PathError) -> ScenarioDocument {
        var steps: [PathStep] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), i >= 0 else {
                    throw .badPath(path)
                }
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw .badPath(path)
            }
            steps.append(.key(String(name)))
            steps += indices.map(PathStep.index)
        }
        let leaf = Node.scalar(Node.Scalar(value, .implicit, .plain))
        let updated = try ScenarioDocument.set(root, steps[...], leaf, path: path, done: "")
        return ScenarioDocument(file: file, bytes: bytes, root: updated)
    }

    enum PathStep {
        case key(String)
        case index(Int)
    }

    static func set(_ node: Node?, _ steps: ArraySlice<PathStep>, _ leaf: Node, path: String,
                    done: String) throws(PathError) -> Node {
        guard let step = steps.first else { return leaf }
        let rest = steps.dropFirst()
        switch step {
        case .key(let name):
            let here = done.isEmpty ? name : "\(done).\(name)"
            var pairs: [(Node, Node)] = []
            var style = Node.Mapping.Style.block
            var mark: Mark?
            switch node {
            case nil: break
            case .mapping(let m)?:
                pairs = m.map { ($0.key, $0.value) }
                style = m.style
                mark = m.mark
            default:
                throw .notAMapping(path: path, at: done.isEmpty ? "the file" : done)
            }
            if let i = pairs.firstIndex(where: { $0.0.scalar?.string == name }) {
                pairs[i].1 = try set(pairs[i].1, rest, leaf, path: path, done: here)
            } else {
                pairs.append((Node.scalar(Node.Scalar(name)), try set(nil, rest, leaf, path: path, done: here)))
            }
            return .mapping(Node.Mapping(pairs, .implicit, style, mark))
        case .index(let i):
            let here = "\(done)[\(i)]"
            guard case .sequence(var seq)? = node, seq.indices.contains(i) else { throw .noSuchItem(path: path, at: here) }
            seq[i] = try set(seq[i], rest, leaf, path: path, done: here)
            return .sequence(seq)
        }
    }
}
