import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find the box of parameter ranges where an outcome of a sweep happens (PRIM scenario discovery).",
        discussion: """
        Reads a finished sweep folder (cells.csv, results.csv). A cell is of interest when its mean of
        a metric meets --where; PRIM peels the box of parameter ranges towards the cells of interest and
        writes DIR/boxes.csv (each box of the peeling trajectory: coverage, density, mass and every
        parameter's limits), DIR/report.html and DIR/manifest.json. Numeric parameters are cut at
        quantiles (--alpha of the cells per step), enumerated ones lose a level at a time.

        --where is METRIC OP NUMBER with OP one of == != < <= > >=; with --metric M, METRIC may be the
        last part of a name under M (a CHAA, a tier) or left out for M itself.

        Examples:
          allocsim discover /tmp/lhs --metric awards.dispensary.chaa --where "Southern == 0" --out /tmp/discover
          allocsim discover /tmp/lhs --where "chaas.unserved.dispensary >= 1" --out /tmp/discover-unserved
        """
    )

    @Argument(help: "A sweep folder written by allocsim sweep (or merge).") var sweep: String
    @Option(help: "The metric, or the start of metric names the --where condition completes.") var metric: String?
    @Option(name: .customLong("where"), help: "The outcome of interest: METRIC OP NUMBER, e.g. \"Southern == 0\".") var condition: String
    @Option(help: "Share of the cells inside the box peeled off per step.") var alpha = 0.05
    @Option(help: "Peeling stops before the box holds fewer than this share of the cells.") var minMass = 0.05
    @Option(help: "The chosen box is the densest holding at least this share of the cells of interest.") var minCoverage = 0.5
    @Option(help: "Output folder; replaced only when the run completes.") var out: String

    func validate() throws {
        for (name, v, lo, hi) in [("--alpha", alpha, 0.0, 0.5), ("--min-mass", minMass, 0.0, 1.0), ("--min-coverage", minCoverage, 0.0, 1.0)]
        where !(v > lo && v <= hi) {
            throw ValidationError("\(name): expected a number above \(FixedFormat.compact(lo)) and at most \(FixedFormat.compact(hi)), found \(v)")
        }
    }

    func run() throws {
        let folder = SweepFolder(path: sweep)
        guard let cellsText = folder.read("cells.csv"), let resultsText = folder.read("results.csv") else {
            throw CLIFailure.badInput("\(sweep): expected a sweep folder with cells.csv and results.csv")
        }
        let cells = CSVTable.parse(cellsText), results = CSVTable.parse(resultsText)
        guard let mi = results.header.firstIndex(of: "metric"), let ai = results.header.firstIndex(of: "mean"), cells.rows.count > 0 else {
            throw CLIFailure.badInput("\(sweep)/results.csv: expected metric and mean columns and at least one cell")
        }
        let (name, op, test, threshold) = try parseCondition(Set(results.rows.map { $0[mi] }))
        var means: [Int: Double] = [:]
        for r in results.rows where r[mi] == name { if let c = Int(r[0]), let m = Double(r[ai]) { means[c] = m } }
        let missing = (1...cells.rows.count).filter { means[$0] == nil }
        guard missing.isEmpty else {
            throw CLIFailure.badInput("\(sweep): cells \(Array(missing.prefix(10))) have no result for \(name); "
                                      + "finish the sweep (--resume) or merge its shards first")
        }
        let keys = Array(cells.header.dropFirst())
        let columns: [ScenarioDiscovery.Column] = keys.indices.map { k in
            let values = cells.rows.map { $0[k + 1] }
            let numbers = values.compactMap(Double.init)
            return numbers.count == values.count && numbers.allSatisfy(\.isFinite) ? .numeric(numbers) : .levels(values)
        }
        let interesting = (1...cells.rows.count).map { test(means[$0]!, threshold) }
        let discovery = ScenarioDiscovery(names: keys, columns: columns, interesting: interesting)
        let trajectory = discovery.peel(alpha: alpha, minMass: minMass)
        let chosen = ScenarioDiscovery.chosen(trajectory, minCoverage: minCoverage)
        let text = "\(name) \(op) \(FixedFormat.compact(threshold))"
        let report = DiscoveryReport(sweep: sweep, condition: text, discovery: discovery, trajectory: trajectory, chosen: chosen)
        let output = try openOutputs(out, command: "discover", inputs: [sweep + "/cells.csv", sweep + "/results.csv"])
        let files = [("boxes.csv", report.boxes.text), ("report.html", report.html)]
        let manifest = Outputs.manifest(command: "discover", scenarioPath: sweep, scenarioSHA: Fingerprint.sha256Hex(Data(resultsText.utf8)),
                                        scenarioName: "", seed: 0, replicates: nil, threads: nil, files: files.map(\.0))
        try commitOutputs(output, files + [("manifest.json", manifest.json)])
        let hits = interesting.filter { $0 }.count
        say("\(hits) of \(interesting.count) cells have \(text); \(trajectory.count) boxes on the peeling trajectory")
        if let c = chosen {
            let b = trajectory[c]
            let limits = report.restrictions(c)
            say("chosen box (step \(c)): density \(CSVNumber.stat(b.density)), coverage \(CSVNumber.stat(b.coverage)), \(b.cells) cells"
                + (limits.isEmpty ? "" : ": " + limits.joined(separator: "; ")))
        }
        say("wrote \(out)/boxes.csv, report.html, manifest.json")
    }

    /// `METRIC OP NUMBER` against the sweep's metric names.
    func parseCondition(_ names: Set<String>) throws(CLIFailure) -> (String, String, (Double, Double) -> Bool, Double) {
        let ops: [(String, (Double, Double) -> Bool)] = [("==", { $0 == $1 }), ("!=", { $0 != $1 }), ("<=", { $0 <= $1 }),
                                                         (">=", { $0 >= $1 }), ("<", { $0 < $1 }), (">", { $0 > $1 })]
        for (op, test) in ops {
            guard let r = condition.range(of: op) else { continue }
            let lhs = condition[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            let rhs = condition[r.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let value = Double(rhs), value.isFinite else {
                throw CLIFailure.badInput("--where: expected a number after \(op), found '\(rhs)'")
            }
            var candidates: [String] = []
            if let m = metric { candidates.append(lhs.isEmpty ? m : m + "." + lhs) }
            if !lhs.isEmpty { candidates.append(lhs) }
            guard let name = candidates.first(where: names.contains) else {
                let prefix = metric ?? lhs
                let near = names.filter { $0.hasPrefix(prefix) }.sorted().prefix(8)
                throw CLIFailure.badInput("--where: no metric \(candidates.map { "'\($0)'" }.joined(separator: " or ")) in the sweep's results"
                                          + (near.isEmpty ? "" : "; metrics starting with '\(prefix)': " + near.joined(separator: ", ")))
            }
            return (name, op, test, value)
        }
        throw CLIFailure.badInput("--where: expected METRIC OP NUMBER with OP one of == != < <= > >=, found '\(condition)'")
    }
}
