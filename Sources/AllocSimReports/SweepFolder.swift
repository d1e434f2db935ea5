import AllocSim
import Foundation

/// A sweep's output folder, written as it goes so a killed sweep keeps what
/// it finished (issue: sweeps that scale out):
///
/// - `sweep.json` — what the sweep is (scenario, seed, replicates, plan, shard);
/// - `cells.csv` — every cell's parameter values;
/// - `state/cell-NNNNNN.rLO-HI.state` — each finished unit's exact
///   accumulator (what `merge` needs), written atomically;
/// - `results.csv` — rows appended as cells finish, rewritten in cell order
///   when the run completes, with `report.html` and `manifest.json`.
public struct SweepFolder: Sendable {
    public let url: URL

    public init(path: String) { url = URL(fileURLWithPath: path) }

    public var stateDir: URL { url.appendingPathComponent("state") }

    public static func stateName(cell: Int, range: Range<Int>) -> String {
        let c = String(cell)
        return "cell-" + String(repeating: "0", count: max(0, 6 - c.count)) + c + ".r\(range.lowerBound)-\(range.upperBound).state"
    }

    /// Parses a state file name back into (cell, range).
    public static func parseStateName(_ name: String) -> (cell: Int, range: Range<Int>)? {
        guard name.hasPrefix("cell-"), name.hasSuffix(".state") else { return nil }
        let core = name.dropFirst(5).dropLast(6)
        let parts = core.split(separator: ".")
        guard parts.count == 2, let cell = Int(parts[0]), parts[1].hasPrefix("r") else { return nil }
        let bounds = parts[1].dropFirst().split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] < bounds[1] else { return nil }
        return (cell, bounds[0]..<bounds[1])
    }

    /// Creates the folder for a new sweep; fails if it already holds one.
    public func create(sweepJSON: String, cells: CSVTable) throws(OutputFolder.Failure) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: stateDir, withIntermediateDirectories: true)
            try atomicWrite("sweep.json", sweepJSON)
            try atomicWrite("cells.csv", cells.text)
            try atomicWrite("results.csv", CSVTable(header: SweepTables.resultsHeader).text)
        } catch let e as OutputFolder.Failure {
            throw e
        } catch {
            throw .cannotCreate(path: url.path, reason: error.localizedDescription)
        }
    }

    public func read(_ name: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    /// Writes a file by writing a temporary one and renaming it.
    public func atomicWrite(_ name: String, _ text: String) throws(OutputFolder.Failure) {
        let target = url.appendingPathComponent(name)
        let tmp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        do {
            try OutputTarget.writeDurably(Data(text.utf8), to: tmp)
            if rename(tmp.path, target.path) != 0 { throw OutputFolder.Failure.cannotWrite(path: target.path, reason: String(cString: strerror(errno))) }
        } catch let e as OutputFolder.Failure {
            throw e
        } catch {
            throw .cannotWrite(path: target.path, reason: error.localizedDescription)
        }
    }

    public func saveState(cell: Int, range: Range<Int>, text: String) throws(OutputFolder.Failure) {
        try atomicWrite("state/" + SweepFolder.stateName(cell: cell, range: range), text)
    }

    /// Appends rows to results.csv in one write (a full disk is an error,
    /// not a trap; the state file already holds the cell, and the complete
    /// results.csv is rewritten when the sweep finishes).
    public func appendResults(_ rows: [[String]]) throws(OutputFolder.Failure) {
        guard !rows.isEmpty else { return }
        let path = url.appendingPathComponent("results.csv")
        do {
            let h = try FileHandle(forWritingTo: path)
            defer { try? h.close() }
            _ = try h.seekToEnd()
            try h.write(contentsOf: Data(rows.map { CSVTable.line($0) }.joined().utf8))
        } catch {
            throw .cannotWrite(path: path.path, reason: error.localizedDescription)
        }
    }

    /// The names of the state files present.
    public func stateNames() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: stateDir.path)) ?? []).filter { $0.hasSuffix(".state") })
    }

    /// Every readable state in the folder, by (cell, range).
    public func states() -> [(cell: Int, range: Range<Int>, state: BatchAccumulator.State)] {
        return stateNames().sorted().compactMap { name in
            guard let key = SweepFolder.parseStateName(name),
                  let text = try? String(contentsOf: stateDir.appendingPathComponent(name), encoding: .utf8),
                  let state = BatchAccumulator.fromState(text), state.accumulator.replicates == key.range.count
            else { return nil }
            return (key.cell, key.range, state)
        }
    }
}

/// What a sweep is, for `sweep.json`: two shards merge only when these agree.
public struct SweepDescription: Sendable, Hashable {
    public var version: String
    public var scenarioFile: String
    public var scenarioSHA256: String
    public var seed: UInt64
    public var replicates: Int
    public var design: String
    /// Whether the cell enters the stream key (`--independent-streams`);
    /// by default every cell shares replicate i's streams.
    public var independentStreams: Bool = false
    public var keys: [String]
    public var cellCount: Int
    public var shard: Shard

    public init(version: String, scenarioFile: String, scenarioSHA256: String, seed: UInt64, replicates: Int,
                design: String, keys: [String], cellCount: Int, shard: Shard) {
        self.version = version
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.replicates = replicates
        self.design = design
        self.keys = keys
        self.cellCount = cellCount
        self.shard = shard
    }

    public var json: String {
        let str = JSONText.string
        let fields: [(String, String)] = [
            ("tool", str("allocsim")), ("version", str(version)), ("scenario_file", str(scenarioFile)),
            ("scenario_sha256", str(scenarioSHA256)), ("seed", String(seed)), ("replicates", String(replicates)),
            ("design", str(design)), ("streams", str(independentStreams ? "independent" : "common")), ("keys", "[" + keys.map(str).joined(separator: ", ") + "]"),
            ("cells", String(cellCount)), ("shard", str(shard.description)), ("generator", str(RandomStream.generatorName)),
        ]
        return JSONText.object(fields)
    }

    public static func parse(_ text: String) -> SweepDescription? {
        guard let data = text.data(using: .utf8),
              let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = o["version"] as? String, let file = o["scenario_file"] as? String,
              let sha = o["scenario_sha256"] as? String, let seed = (o["seed"] as? NSNumber)?.uint64Value,
              let replicates = (o["replicates"] as? NSNumber)?.intValue, let design = o["design"] as? String,
              let keys = o["keys"] as? [String], let cells = (o["cells"] as? NSNumber)?.intValue,
              let shardText = o["shard"] as? String, let shard = Shard(shardText),
              (1...Limits.replicates).contains(replicates), (1...Limits.sweepCells).contains(cells) else { return nil }
        var d = SweepDescription(version: version, scenarioFile: file, scenarioSHA256: sha, seed: seed,
                                 replicates: replicates, design: design, keys: keys, cellCount: cells, shard: shard)
        guard let streams = o["streams"] as? String, ["common", "independent"].contains(streams) else { return nil }
        d.independentStreams = streams == "independent"
        return d
    }
}
