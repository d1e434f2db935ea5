import AllocSim
import AllocSimReports
import ArgumentParser
import Foundation

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid, a list or a Latin hypercube of parameter values.",
        discussion: """
        Any numeric or enumerated scenario field can be swept by its path. Writes DIR/cells.csv
        (cell id and values), DIR/results.csv (cell, metric, mean, sd, p05, p50, p95, mcse),
        DIR/state/ (what merge needs), DIR/report.html and DIR/sweep.json.

        Which parameters matter: --sobol N runs Saltelli's design (N·(d+2) cells for d parameters) and
        writes sensitivity.csv with first- and total-order Sobol indices and 95% bootstrap intervals;
        --morris R runs R Morris trajectories (R·(d+1) cells) and writes μ*, μ and σ. Their --param
        values are ranges LO:HI (whole-number ends: an integer parameter, rounded on the design) or
        levels A,B,C (an enumerated field); design.csv says what each cell is in the design. Results are written as
        cells finish; --resume continues a killed sweep. --shard I/N runs a deterministic share;
        `allocsim merge` combines shards into exactly what one unsharded run gives.

        Examples:
          allocsim sweep Scenarios/guam.yaml --param certificates.dispensary=2,3,4 \\
              --param policy.scoring=lexicographic,patients-per-facility --replicates 2000 --out /tmp/sweep
          allocsim sweep Scenarios/guam.yaml --lhs 50 --param policy.schoolBufferFeet=500:1500 \\
              --param certificates.cultivation=5:15 --out /tmp/lhs
          allocsim sweep Scenarios/guam.yaml --sobol 64 --param certificates.dispensary=2:6 \\
              --param policy.schoolBufferFeet=500.0:1500.0 --param policy.scoring=lexicographic,patients-per-facility \\
              --replicates 500 --out /tmp/sobol
          allocsim sweep Scenarios/guam.yaml --cells cells.csv --shard 2/4 --out /tmp/shard2
          allocsim sweep Scenarios/guam.yaml --param certificates.dispensary=2,3,4 \\
              --slurm-script sweep.sh --shards 8 --out /scratch/sweep
        """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(name: .customLong("param"), help: "KEY=V1,V2,... (grid) or KEY=LO:HI (with --lhs). Repeatable.")
    var params: [String] = []
    @Option(help: "A CSV of cells: a header of keys, a row of values per cell.") var cells: String?
    @Option(help: "A Latin hypercube of N cells over the --param ranges.") var lhs: Int?
    @Option(help: "Sobol sensitivity analysis: N samples of Saltelli's design over the --param ranges or levels.") var sobol: Int?
    @Option(help: "Morris screening: R trajectories over the --param ranges or levels.") var morris: Int?
    @Option(help: "Grid levels of --morris (an even number).") var morrisLevels = 4
    @Option(help: "Replicates per cell (default: the scenario's).") var replicates: Int?
    @Option(help: "Random seed (default: the scenario's).") var seed: UInt64?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Run shard I of N (1-based).") var shard: String?
    @Flag(help: "Continue a sweep in DIR, skipping finished cells.") var resume = false
    @Flag(name: .customLong("independent-streams"),
          help: "Give each cell its own random streams (default: common random numbers across cells).")
    var independentStreams = false
    @Flag(help: "No progress bar.") var quiet = false
    @Option(name: .customLong("slurm-script"), help: "Write a Slurm job-array script instead of running.") var slurmScript: String?
    @Option(help: "Shards (array tasks) for --slurm-script.") var shards: Int = 10
    @Option(help: "Output folder.") var out: String

    func run() throws {
        let doc: ScenarioDocument
        do { doc = try ScenarioDocument.read(path: scenario) } catch { throw CLIFailure(error) }
        let base: Scenario
        do { base = try doc.load() } catch { throw CLIFailure(error) }
        let (plan, design, sensitivity) = try makePlan(seed: seed ?? base.seed)
        let runner = SweepRunner(document: doc, plan: plan)
        let n = replicates ?? base.replicates
        let seed = self.seed ?? base.seed
        try checkCounts(replicates: n, threads: threads)
        // The places every cell has (validateAll): the per-level tables' labels.
        let places: SweepPlaces
        do { places = try runner.validateAll(threads: OptionChecks.workerThreads(threads)) ?? SweepPlaces(base) } catch {
            throw CLIFailure.badInput(error.description)
        }
        if let script = slurmScript {
            try writeSlurm(script, seed: seed, replicates: n)
            return
        }
        var part = Shard.whole
        if let text = shard {
            guard let s = Shard(text) else {
                throw CLIFailure.badInput("--shard: expected I/N with 1 ≤ I ≤ N ≤ \(Limits.shards), found '\(text)'")
            }
            part = s
        }
        var description = SweepDescription(version: AllocSimVersion.string, scenarioFile: scenario,
                                           scenarioSHA256: Fingerprint.sha256Hex(doc.bytes), seed: seed, replicates: n,
                                           design: design, keys: plan.keys, cellCount: plan.cells.count, shard: part)
        description.independentStreams = independentStreams
        // The sweep writes into --out as it goes (so a killed sweep keeps
        // its finished cells): the same refusals as any output folder, and
        // a lock so two sweeps never write one folder at once.
        let lock: OutputLock
        do {
            let target = try OutputTarget.check(out, inputs: [scenario] + (cells.map { [$0] } ?? []))
            lock = try OutputLock(target: target)
        } catch {
            throw CLIFailure(error)
        }
        defer { lock.release() }
        let folder = SweepFolder(path: out)
        try prepareFolder(folder, description, plan, design: sensitivity.map { SensitivityTables.design($0).text }, places: places)
        // Units finished by an earlier run count only if their state reads
        // back; they are read once, here, and only their result rows kept.
        let earlier = folder.states()
        let done = Set(earlier.map { SweepFolder.stateName(cell: $0.cell, range: $0.range) })
        // Result rows of complete cells; accumulators are not kept (their
        // state files are), so memory does not grow with cells.
        // Per complete cell: its results rows, then its villages, CHAAs and
        // applications rows.
        var earlierRows: [Int: [[[String]]]] = [:]
        for (cell, state) in SweepTables.complete(earlier, replicates: n).complete {
            earlierRows[cell] = [SweepTables.rows(cell: cell, state)] + SweepTables.levelRows(cell: cell, state, places: places)
        }
        let finishedRows = LockedBox<[Int: [[[String]]]]>(earlierRows)
        let units = part.units(cells: plan.cells.count, replicates: n)
            .filter { !done.contains(SweepFolder.stateName(cell: $0.cell, range: $0.range)) }
        let progress = BatchProgress()
        let total = units.reduce(0) { $0 + $1.range.count }
        let bar = ProgressBar(total: total, progress: progress, quiet: quiet)
        let writeFailure = LockedBox<String?>(nil)
        bar.start()
        let started = Date()
        do {
            try runner.run(units: units, seed: seed, threads: OptionChecks.workerThreads(threads),
                           independentStreams: independentStreams, progress: progress) { cell, range, batch, acc in
                // On this unit's thread: its state file is its own; the
                // rows and results.csv are shared, and written under the lock.
                let state = BatchAccumulator.State(accumulator: acc, metricNames: batch.layout.names,
                                                   plantNames: batch.plantMetricNames)
                do {
                    try folder.saveState(cell: cell, range: range,
                                         text: acc.stateText(metricNames: state.metricNames, plantNames: state.plantNames))
                } catch {
                    writeFailure.value = "\(error)"
                    progress.cancel()
                    return
                }
                guard range.count == n else { return }
                let rows = SweepTables.rows(cell: cell, state)
                let all = [rows] + SweepTables.levelRows(cell: cell, state, places: places)
                finishedRows.withLock { finished in
                    finished[cell] = all
                    do { try folder.appendResults(rows) } catch {
                        writeFailure.value = "\(error)"
                        progress.cancel()
                    }
                }
            }
        } catch {
            bar.finish()
            throw CLIFailure.badInput("\(error)")
        }
        bar.finish()
        if let failure = writeFailure.value { throw CLIFailure.badInput(failure) }
        let complete = try finish(folder, description, plan, replicates: n, rows: finishedRows.value, places: places)
        say("\(units.count) units (\(total) replicates) in \(FixedFormat.decimal(Date().timeIntervalSince(started), digits: 2)) s; "
              + "\(complete) of \(plan.cells.count) cells complete in \(out)"
              + (part.count > 1 ? " (shard \(part); combine shards with allocsim merge)" : ""))
    }

    /// The plan from --param, --cells, --lhs, --sobol or --morris, and the
    /// sensitivity design behind it.
    func makePlan(seed: UInt64) throws(CLIFailure) -> (SweepPlan, String, SensitivityDesign?) {
        let designs = [lhs != nil, sobol != nil, morris != nil, cells != nil].filter { $0 }.count
        guard designs <= 1 else { throw CLIFailure.badInput("sweep: give one of --cells, --lhs, --sobol and --morris") }
        if let file = cells {
            guard params.isEmpty else { throw CLIFailure.badInput("--cells: give the cells in the file, without --param") }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIFailure.badInput("\(file): cannot read the cells file")
            }
            let t = CSVTable.parse(text)
            guard !t.header.isEmpty, !t.rows.isEmpty else { throw CLIFailure.badInput("\(file): expected a header of keys and at least one row") }
            for (i, r) in t.rows.enumerated() where r.count != t.header.count {
                throw CLIFailure.badInput("\(file): row \(i + 2) has \(r.count) values; expected \(t.header.count)")
            }
            try checkKeys(t.header)
            guard t.rows.count <= Limits.sweepCells else {
                throw CLIFailure.badInput("\(file): \(t.rows.count) cells; expected at most \(Limits.sweepCells)")
            }
            return (SweepPlan(keys: t.header, cells: t.rows), "cells from \(file)", nil)
        }
        guard !params.isEmpty else { throw CLIFailure.badInput("sweep: expected at least one --param KEY=V1,V2,... (or --cells FILE)") }
        var parsed: [(String, String)] = []
        for p in params {
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex, p.index(after: eq) != p.endIndex else {
                throw CLIFailure.badInput("--param '\(p)': expected KEY=V1,V2,... or KEY=LO:HI")
            }
            parsed.append((String(p[..<eq]), String(p[p.index(after: eq)...])))
        }
        try checkKeys(parsed.map(\.0))
        if sobol != nil || morris != nil {
            let d = try sensitivityDesign(parsed, seed: seed)
            return (d.plan, d.method == .sobol ? "sobol (Saltelli) of \(sobol!) samples" : "morris of \(morris!) trajectories, \(morrisLevels) levels", d)
        }
        if let n = lhs {
            guard (1...Limits.sweepCells).contains(n) else {
                throw CLIFailure.badInput("--lhs: expected a whole number from 1 to \(Limits.sweepCells), found \(n)")
            }
            var ranges: [(key: String, low: Double, high: Double, whole: Bool)] = []
            for (key, value) in parsed {
                let ends = value.split(separator: ":").map(String.init)
                guard ends.count == 2, let lo = Double(ends[0]), let hi = Double(ends[1]), lo.isFinite, hi.isFinite, lo <= hi else {
                    throw CLIFailure.badInput("--param \(key): expected a range LO:HI of numbers with LO ≤ HI for --lhs, found '\(value)'")
                }
                ranges.append((key, lo, hi, Int(ends[0]) != nil && Int(ends[1]) != nil))
            }
            return (SweepPlan.latinHypercube(n, ranges: ranges, seed: seed).plan, "latin hypercube of \(n)", nil)
        }
        var grid: [(key: String, values: [String])] = []
        for (key, value) in parsed {
            let values = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !values.contains(where: \.isEmpty) else {
                throw CLIFailure.badInput("--param \(key): expected comma-separated values, found '\(value)'")
            }
            grid.append((key, values))
        }
        let cellCount = grid.reduce(1.0) { $0 * Double($1.values.count) }
        guard cellCount <= Double(Limits.sweepCells) else {
            throw CLIFailure.badInput("--param: the grid has \(String(format: "%.0f", cellCount)) cells; expected at most \(Limits.sweepCells)")
        }
        return (SweepPlan.factorial(grid), "full factorial", nil)
    }

    func checkCounts(replicates n: Int, threads: Int?) throws(CLIFailure) {
        guard (1...Limits.replicates).contains(n) else {
            throw CLIFailure.badInput("--replicates: expected a whole number from 1 to \(Limits.replicates), found \(n)")
        }
        if let t = threads, !(1...Limits.threads).contains(t) {
            throw CLIFailure.badInput("--threads: expected a whole number from 1 to \(Limits.threads), found \(t)")
        }
        guard (1...Limits.shards).contains(shards) else {
            throw CLIFailure.badInput("--shards: expected a whole number from 1 to \(Limits.shards), found \(shards)")
        }
    }

    func checkKeys(_ keys: [String]) throws(CLIFailure) {
        var seen = Set<String>()
        for k in keys where !seen.insert(k).inserted { throw CLIFailure.badInput("--param \(k): given twice") }
    }

    func prepareFolder(_ folder: SweepFolder, _ d: SweepDescription, _ plan: SweepPlan, design: String?,
                       places: SweepPlaces) throws(CLIFailure) {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        if existing.isEmpty {
            do {
                try folder.create(sweepJSON: d.json, cells: SweepTables.cells(plan))
                try folder.atomicWrite("parameters.csv", SweepTables.parameters(plan).text)
                try folder.atomicWrite("places.csv", SweepTables.places(places).text)
                if let design { try folder.atomicWrite("design.csv", design) }
            } catch { throw CLIFailure(error) }
            return
        }
        guard resume else {
            throw CLIFailure.badInput("\(out): already exists and is not empty; use --resume to continue the sweep in it, or another --out")
        }
        guard let text = folder.read("sweep.json"), let old = SweepDescription.parse(text) else {
            throw CLIFailure.badInput("\(out): --resume expected a sweep folder (with sweep.json)")
        }
        // The same sweep: everything but the scenario's path as typed (the
        // file itself is compared by its SHA-256).
        var sameFile = old
        sameFile.scenarioFile = d.scenarioFile
        guard sameFile == d, folder.read("cells.csv") == SweepTables.cells(plan).text, folder.read("design.csv") == design else {
            throw CLIFailure.badInput("\(out): holds a different sweep (scenario, seed, replicates, cells or shard differ); "
                                      + "--resume continues only the same sweep")
        }
    }

    /// Rewrites results.csv in cell order from the complete cells' `rows`,
    /// and writes the report and manifest; returns how many cells are complete.
    func finish(_ folder: SweepFolder, _ d: SweepDescription, _ plan: SweepPlan, replicates: Int,
                rows: [Int: [[[String]]]], places: SweepPlaces) throws(CLIFailure) -> Int {
        let cells = rows.keys.sorted()
        let results = CSVTable(header: SweepTables.resultsHeader, rows: cells.flatMap { rows[$0]![0] })
        let levels = SweepTables.levelFiles(places).enumerated().map { k, file in
            (file.name, CSVTable(header: file.header, rows: cells.flatMap { rows[$0]![k + 1] }))
        }
        // Sobol and Morris indices once every cell is in (a shard leaves them to merge).
        let design = folder.read("design.csv")
        let sensitivity = rows.count == plan.cells.count ? SweepTables.sensitivity(design, keys: plan.keys,
                                                                                 results: results, seed: d.seed) : nil
        var files = ["sweep.json", "cells.csv", "parameters.csv", "places.csv", "results.csv"] + levels.map(\.0)
            + ["state/", "report.html"]
        if design != nil { files.insert("design.csv", at: 2) }
        if sensitivity != nil { files.insert("sensitivity.csv", at: files.firstIndex(of: "state/")!) }
        let manifest = Outputs.manifest(command: "sweep", scenarioPath: scenario, scenarioSHA: d.scenarioSHA256,
                                        scenarioName: "", seed: d.seed, replicates: replicates, threads: threads,
                                        files: files)
        do {
            try folder.atomicWrite("results.csv", results.text)
            for (name, table) in levels { try folder.atomicWrite(name, table.text) }
            if let sensitivity { try folder.atomicWrite("sensitivity.csv", sensitivity.text) }
            try folder.atomicWrite("report.html", SweepReport(description: d, plan: plan, results: results, sensitivity: sensitivity).html)
            try folder.atomicWrite("manifest.json", manifest.json)
        } catch {
            throw CLIFailure(error)
        }
        return rows.count
    }

    func writeSlurm(_ path: String, seed: UInt64, replicates: Int) throws(CLIFailure) {
        let abs = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.path }
        var sweepArgs = [scenario]
        if let c = cells { sweepArgs += ["--cells", c] }
        if let n = lhs { sweepArgs += ["--lhs", String(n)] }
        if let n = sobol { sweepArgs += ["--sobol", String(n)] }
        if let r = morris { sweepArgs += ["--morris", String(r), "--morris-levels", String(morrisLevels)] }
        for p in params { sweepArgs += ["--param", p] }
        sweepArgs += ["--seed", String(seed), "--replicates", String(replicates), "--quiet", "--resume"]
        if independentStreams { sweepArgs.append("--independent-streams") }
        if let t = threads { sweepArgs += ["--threads", String(t)] }
        let script = SlurmScript(allocsim: URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path,
                                 sweepArguments: sweepArgs, shards: shards, threads: threads ?? 1, out: abs(out),
                                 path: abs(path), directory: FileManager.default.currentDirectoryPath)
        // Never overwrite a file allocsim did not write.
        if let existing = try? String(contentsOfFile: path, encoding: .utf8),
           !existing.contains("# Written by `allocsim sweep --slurm-script`") {
            throw CLIFailure.badInput("\(path): refusing to overwrite this file: allocsim did not write it; choose another --slurm-script")
        }
        if FileManager.default.fileExists(atPath: path), (try? String(contentsOfFile: path, encoding: .utf8)) == nil {
            throw CLIFailure.badInput("\(path): refusing to overwrite this file: allocsim did not write it; choose another --slurm-script")
        }
        if let word = script.unsafeWord {
            throw CLIFailure.badInput("--slurm-script: '\(word)' holds a control character; expected paths and "
                                      + "arguments that can be written into a shell script")
        }
        do {
            try script.text.write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
        } catch {
            throw CLIFailure.badInput("\(path): cannot write the Slurm script: \(error.localizedDescription)")
        }
        say("wrote \(path): \(shards) array tasks, then a merge into \(abs(out))/merged. Submit with: bash \(path)")
    }
}

/// A value shared with a callback that runs under the runner's lock.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ v: T) { stored = v }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
    /// `body` on the value, under the lock: for a change that reads it
    /// first (through `value`, a get and a set apart, another thread's
    /// change could come between them).
    func withLock<R>(_ body: (inout T) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&stored)
    }
}
