import AllocSim
import Foundation

/// JSON text written by hand, so key order and spacing never change.
enum JSONText {
    /// A JSON string literal, with quotes, backslashes and control characters escaped.
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// An object from (key, already-encoded value) pairs, two-space indented.
    static func object(_ fields: [(String, String)]) -> String {
        "{\n" + fields.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}

/// A compared reform as the manifest names it.
public struct ReformSource: Sendable, Hashable {
    public var label: String
    public var file: String
    public var sha: String?

    public init(label: String, file: String, sha: String?) {
        self.label = label
        self.file = file
        self.sha = sha
    }
}

/// The provenance manifest written beside every output (`manifest.json`):
/// what produced it, from what, with which settings — and nothing that
/// changes between two identical runs (no time stamps, no host names), so
/// outputs stay byte-identical.
public struct Manifest: Sendable, Hashable {
    public var tool = "allocsim"
    public var version: String
    /// The git commit of the checkout the binary was built in, when known.
    public var gitCommit: String?
    public var command: String
    public var arguments: [String]
    public var scenarioFile: String
    public var scenarioSHA256: String
    public var scenarioName: String
    public var seed: UInt64
    public var replicates: Int?
    public var threads: Int?
    public var generator = RandomStream.generatorName
    /// Output files written, in order.
    public var files: [String]
    /// `compare`: each reform's label, file and its SHA-256 (nil when it
    /// was made from the baseline with --set).
    public var reforms: [ReformSource] = []

    public init(version: String, gitCommit: String?, command: String, arguments: [String], scenarioFile: String,
                scenarioSHA256: String, scenarioName: String, seed: UInt64, replicates: Int?, threads: Int?,
                files: [String]) {
        self.version = version
        self.gitCommit = gitCommit
        self.command = command
        self.arguments = arguments
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.scenarioName = scenarioName
        self.seed = seed
        self.replicates = replicates
        self.threads = threads
        self.files = files
    }

    /// JSON with a fixed key order and two-space indentation.
    public var json: String {
        let str = JSONText.string
        var fields: [(String, String)] = [
            ("tool", str(tool)), ("version", str(version)), ("git_commit", gitCommit.map(str) ?? "null"),
            ("command", str(command)), ("arguments", "[" + arguments.map(str).joined(separator: ", ") + "]"),
            ("scenario_file", str(scenarioFile)), ("scenario_sha256", str(scenarioSHA256)),
            ("scenario_name", str(scenarioName)), ("seed", String(seed)),
        ]
        fields.append(("replicates", replicates.map(String.init) ?? "null"))
        fields.append(("threads", threads.map(String.init) ?? "null"))
        fields.append(("generator", str(generator)))
        fields.append(("files", "[" + files.map(str).joined(separator: ", ") + "]"))
        if !reforms.isEmpty {
            let items = reforms.map { (r: ReformSource) in
                "{\"label\": \(str(r.label)), \"file\": \(str(r.file)), \"sha256\": \(r.sha.map(str) ?? "null")}"
            }
            fields.append(("reforms", "[" + items.joined(separator: ", ") + "]"))
        }
        return JSONText.object(fields)
    }

    /// Reads the fields `snapshot check` needs back from a manifest.
    public static func parse(_ text: String) -> (seed: UInt64, replicates: Int?, sha: String, files: [String])? {
        guard let data = text.data(using: .utf8),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let seed = (obj["seed"] as? NSNumber)?.uint64Value,
              let sha = obj["scenario_sha256"] as? String,
              let files = obj["files"] as? [String] else { return nil }
        return (seed, (obj["replicates"] as? NSNumber)?.intValue, sha, files)
    }

    /// Who wrote a folder: the manifest's command and listed files, when
    /// the text is allocsim's manifest (`tool` is `allocsim`).
    public static func parseOwnership(_ text: String) -> (command: String, files: [String])? {
        guard text.utf8.count <= 1 << 20, let data = text.data(using: .utf8),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              obj["tool"] as? String == "allocsim", let command = obj["command"] as? String,
              let files = obj["files"] as? [String] else { return nil }
        return (command, files)
    }

    /// The commit of the git checkout that holds `executable`, if any.
    public static func gitCommit(forExecutable executable: String) -> String? {
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let git = dir.appendingPathComponent(".git")
            if FileManager.default.fileExists(atPath: git.path) { return readHead(git) }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static func readHead(_ git: URL) -> String? {
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return head.count == 40 ? head : nil }
        let ref = String(head.dropFirst(5))
        if let direct = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
            return direct.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // Packed refs.
        guard let packed = try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8) else { return nil }
        for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
            return String(line.prefix(40))
        }
        return nil
    }
}
