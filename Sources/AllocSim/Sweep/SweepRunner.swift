import Dispatch
import Synchronization

/// Runs a sweep's cells (SPEC §5-§6): each cell is the base scenario with
/// the plan's values set, run for the given replicate range. Replicate i
/// of every cell uses the same streams (common random numbers, SPEC §5), so
/// differences between cells are the parameters', not the dice's; with
/// `independentStreams` the cell enters the stream key. Either way any
/// shard split reproduces an unsharded run exactly. Cells run in parallel,
/// one per thread, which keeps the per-cell overhead small; each finished
/// unit is handed to `finished` on the thread that ran it, so the caller
/// can save it at once (calls for different units may overlap: the caller
/// serialises what it shares).
public struct SweepRunner: Sendable {
    public let document: ScenarioDocument
    public let plan: SweepPlan

    public init(document: ScenarioDocument, plan: SweepPlan) {
        self.document = document
        self.plan = plan
    }

    /// The scenario of cell `cell` (1-based).
    public func scenario(cell: Int) throws(SweepError) -> Scenario {
        var doc = document
        for (key, value) in zip(plan.keys, plan.cells[cell - 1]) {
            do { doc = try doc.setting(key, to: value) } catch { throw .path(cell: cell, error) }
        }
        do { return try doc.load() } catch {
            throw .invalid(cell: cell, values: Array(zip(plan.keys, plan.cells[cell - 1])), error)
        }
    }

    /// Checks every cell's scenario before anything runs, and that every
    /// cell has the same CHAAs, villages and explicit applications as the
    /// first (the per-level tables list them once for the whole sweep).
    /// The cells are loaded on `threads` threads, each checked against the
    /// first as it is loaded (so only the first cell's places are kept);
    /// the error reported is the first in cell order, as if the cells had
    /// been checked one by one. Returns those places, which every cell
    /// has (nil when the plan has no cells).
    @discardableResult
    public func validateAll(threads: Int = 1) throws(SweepError) -> SweepPlaces? {
        let n = plan.cells.count
        guard n > 0 else { return nil }
        let first = SweepPlaces(try scenario(cell: 1))
        let problems = Mutex<[Int: SweepError]>([:])
        let next = Atomic<Int>(1)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, n - 1))) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < n else { break }
                let problem: SweepError?
                do throws(SweepError) {
                    problem = SweepPlaces(try scenario(cell: k + 1)) == first ? nil : .placesDiffer(cell: k + 1)
                } catch {
                    problem = error
                }
                if let problem { problems.withLock { $0[k] = problem } }
            }
        }
        if let (_, problem) = problems.withLock({ $0.min { $0.key < $1.key } }) { throw problem }
        return first
    }

    public func run(units: [(cell: Int, range: Range<Int>)], seed: UInt64, threads: Int, independentStreams: Bool = false,
                    progress: BatchProgress = BatchProgress(),
                    finished: @escaping @Sendable (_ cell: Int, _ range: Range<Int>, _ runner: BatchRunner,
                                                   _ acc: BatchAccumulator) -> Void) throws(SweepError) {
        let next = Atomic<Int>(0)
        let failure = Mutex<SweepError?>(nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, units.count))) { _ in
            while !progress.cancelled {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < units.count else { break }
                let u = units[k]
                let s: Scenario
                do throws(SweepError) { s = try scenario(cell: u.cell) } catch {
                    failure.withLock { $0 = $0 ?? error }
                    progress.cancel()
                    break
                }
                let runner = BatchRunner(PreparedScenario(s))
                let acc = runner.run(seed: seed, cell: independentStreams ? UInt64(u.cell) : 0, range: u.range, threads: 1)
                finished(u.cell, u.range, runner, acc)
                progress.add(u.range.count)
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
    }
}

/// A sweep cell whose scenario does not hold together.
public enum SweepError: Error, Sendable, CustomStringConvertible {
    case path(cell: Int, ScenarioDocument.PathError)
    case invalid(cell: Int, values: [(String, String)], ScenarioError)
    case placesDiffer(cell: Int)

    public var description: String {
        switch self {
        case .path(let c, let e): return "sweep cell \(c): --param \(e)"
        case .invalid(let c, let values, let e):
            let set = values.map { "--param \($0.0)=\($0.1)" }.joined(separator: " ")
            return "sweep cell \(c) (\(set)):\n" + e.issues.map { "  " + $0.description }.joined(separator: "\n")
        case .placesDiffer(let c):
            return "sweep cell \(c): its CHAAs, villages or explicit applications differ from cell 1's; expected a sweep "
                + "that changes values, not which places or applications exist"
        }
    }
}

/// The places and applications a sweep's per-level tables list: the same
/// in every cell (`SweepRunner.validateAll`).
public struct SweepPlaces: Sendable, Hashable {
    public var chaaNames: [String]
    public var villageNames: [String]
    public var villageCHAA: [Int]
    public var applicationIDs: [String]

    public init(chaaNames: [String], villageNames: [String], villageCHAA: [Int], applicationIDs: [String]) {
        self.chaaNames = chaaNames
        self.villageNames = villageNames
        self.villageCHAA = villageCHAA
        self.applicationIDs = applicationIDs
    }

    public init(_ s: Scenario) {
        let t = Territory(s.geography)
        self.init(chaaNames: t.chaaNames, villageNames: t.villageNames, villageCHAA: t.villageCHAA,
                  applicationIDs: s.applications.explicit.map(\.id))
    }

    public var chaaVillages: [[Int]] {
        var out = Array(repeating: [Int](), count: chaaNames.count)
        for (v, c) in villageCHAA.enumerated() { out[c].append(v) }
        return out
    }
}
