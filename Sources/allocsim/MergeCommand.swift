import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shards of a sweep into what one unsharded run gives.",
        discussion: """
        Each shard folder keeps every finished unit's exact accumulator (state/); merging adds them,
        so cells.csv, results.csv, state/ and report.html equal an unsharded run's byte for byte.
        Shards of different scenarios, seeds, replicates, cells or versions are refused.

        Example:
          allocsim merge /tmp/shard1 /tmp/shard2 /tmp/shard3 --out /tmp/merged
        """
    )

    @Argument(help: "Shard folders written by allocsim sweep --shard I/N.") var shards: [String]
    @Option(help: "Output folder; replaced only when the merge completes.") var out: String

    func run() throws {
        let folder = try openOutputs(out, command: "merge", inputs: shards)
        var described: [(String, SweepDescription, String)] = []
        for dir in shards {
            let folder = SweepFolder(path: dir)
            guard let text = folder.read("sweep.json"), let d = SweepDescription.parse(text) else {
                throw CLIFailure.badInput("\(dir): expected a sweep folder written by allocsim sweep (no readable sweep.json)")
            }
            described.append((dir, d, (folder.read("cells.csv") ?? "") + "\u{0}" + (folder.read("places.csv") ?? "") + "\u{0}"
                                       + (folder.read("design.csv") ?? "")))
        }
        guard let (firstDir, first, inputs) = described.first else { throw CLIFailure.badInput("merge: expected shard folders") }
        for (dir, d, c) in described.dropFirst() {
            var problems: [String] = []
            if d.version != first.version { problems.append("allocsim version \(d.version) vs \(first.version)") }
            if d.scenarioSHA256 != first.scenarioSHA256 { problems.append("a different scenario file (SHA-256)") }
            if d.seed != first.seed { problems.append("seed \(d.seed) vs \(first.seed)") }
            if d.replicates != first.replicates { problems.append("replicates \(d.replicates) vs \(first.replicates)") }
            if d.keys != first.keys || c != inputs || d.design != first.design { problems.append("different cells") }
            if d.independentStreams != first.independentStreams { problems.append("common vs independent streams") }
            if d.shard.count != first.shard.count { problems.append("split into \(d.shard.count) shards vs \(first.shard.count)") }
            if !problems.isEmpty {
                throw CLIFailure.badInput("\(dir): cannot merge with \(firstDir): " + problems.joined(separator: "; "))
            }
        }
        let indices = described.map(\.1.shard.index)
        if let dup = Dictionary(grouping: indices, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw CLIFailure.badInput("merge: shard \(dup)/\(first.shard.count) is given more than once")
        }
        let missing = Set(1...first.shard.count).subtracting(indices).sorted()
        if !missing.isEmpty {
            throw CLIFailure.badInput("merge: missing shard(s) " + missing.map { "\($0)/\(first.shard.count)" }.joined(separator: ", "))
        }
        let states = described.flatMap { SweepFolder(path: $0.0).states() }
        let (complete, partial, overlap) = SweepTables.complete(states, replicates: first.replicates)
        if !overlap.isEmpty { throw CLIFailure.badInput("merge: cells \(overlap) appear in more than one shard") }
        let unfinished = (1...max(1, first.cellCount)).filter { complete[$0] == nil }.prefix(first.cellCount)
        if !unfinished.isEmpty || !partial.isEmpty {
            throw CLIFailure.badInput("merge: cells \(Array(unfinished.prefix(20))) are not finished in the shards given; "
                                      + "rerun those shards with --resume")
        }
        var whole = first
        whole.shard = .whole
        // `inputs` holds cells.csv, places.csv and design.csv, compared as one above.
        let parts = inputs.split(separator: "\u{0}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let cells = parts[0], design = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
        guard parts.count > 1, let places = SweepTables.parsePlaces(parts[1]) else {
            throw CLIFailure.badInput("\(firstDir): expected places.csv, written by allocsim sweep")
        }
        let planTable = CSVTable.parse(cells)
        let plan = SweepPlan(keys: Array(planTable.header.dropFirst()), cells: planTable.rows.map { Array($0.dropFirst()) })
        let results = SweepTables.results(complete)
        var files: [(String, String)] = [("sweep.json", whole.json), ("cells.csv", cells),
                                         ("parameters.csv", SweepTables.parameters(plan).text), ("places.csv", parts[1])]
        if let design { files.append(("design.csv", design)) }
        files.append(("results.csv", results.text))
        let cellIDs = complete.keys.sorted()
        let levelRows = cellIDs.map { SweepTables.levelRows(cell: $0, complete[$0]!, places: places) }
        for (k, file) in SweepTables.levelFiles(places).enumerated() {
            files.append((file.name, CSVTable(header: file.header, rows: levelRows.flatMap { $0[k] }).text))
        }
        let sensitivity = SweepTables.sensitivity(design, keys: plan.keys, results: results, seed: first.seed)
        if let sensitivity { files.append(("sensitivity.csv", sensitivity.text)) }
        for cell in complete.keys.sorted() {
            let s = complete[cell]!
            files.append(("state/" + SweepFolder.stateName(cell: cell, range: 0..<first.replicates),
                          s.accumulator.stateText(metricNames: s.metricNames, plantNames: s.plantNames)))
        }
        files.append(("report.html", SweepReport(description: whole, plan: plan, results: results, sensitivity: sensitivity).html))
        let manifest = Outputs.manifest(command: "merge", scenarioPath: first.scenarioFile, scenarioSHA: first.scenarioSHA256,
                                        scenarioName: "", seed: first.seed, replicates: first.replicates, threads: nil,
                                        files: files.map(\.0).filter { !$0.hasPrefix("state/") } + ["state/"])
        try commitOutputs(folder, files + [("manifest.json", manifest.json)])
        say("merged \(described.count) shards: \(complete.count) cells × \(first.replicates) replicates in \(out)")
    }
}
