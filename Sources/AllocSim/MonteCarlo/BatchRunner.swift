import Dispatch
import Synchronization

/// Counts finished replicates across threads, for progress bars, and
/// carries a request to stop.
public final class BatchProgress: Sendable {
    private let done = Atomic<Int>(0)
    private let stop = Atomic<Bool>(false)

    public init() {}

    public var completed: Int { done.load(ordering: .relaxed) }
    public var cancelled: Bool { stop.load(ordering: .relaxed) }
    public func cancel() { stop.store(true, ordering: .relaxed) }
    func add(_ n: Int) { done.add(n, ordering: .relaxed) }
}

/// Runs replicates of a scenario in parallel (SPEC §5).
///
/// Replicate i draws from its own streams `StreamKey(seed, cell, i,
/// purpose)` — `cell` is 0 unless a sweep asks for independent streams —
/// so its result does not depend on which thread runs it; per-thread
/// accumulators merge exactly, so the batch's numbers are the same for any
/// thread count and any split of the replicate range.
public struct BatchRunner: Sendable {
    public let prepared: PreparedScenario
    public let layout: BatchLayout
    let generator: ReplicateGenerator

    public init(_ p: PreparedScenario) {
        prepared = p
        layout = BatchLayout(p)
        generator = ReplicateGenerator(p)
    }

    public var plantMetricNames: [String] {
        prepared.scenario.plantTags?.population == nil ? [] : PlantTagPopulation.metricNames
    }

    func emptyAccumulator() -> BatchAccumulator {
        BatchAccumulator(metricCount: layout.names.count, plantMetricCount: plantMetricNames.count,
                         villages: prepared.territory.villageCount, chaas: prepared.territory.chaaCount,
                         explicit: prepared.explicit.count)
    }

    /// Runs replicates `range` of `cell` on `threads` threads. With
    /// `perReplicate`, every replicate's scalar metrics (`metricNames`
    /// order, NaN where a metric does not apply) are handed over a chunk at
    /// a time: the chunk's number, its replicates and their values, flat.
    public func run(seed: UInt64, cell: UInt64 = 0, range: Range<Int>, threads: Int,
                    progress: BatchProgress = BatchProgress(),
                    perReplicate: (@Sendable (_ chunk: Int, _ replicates: Range<Int>, _ values: [Double]) -> Void)? = nil)
        -> BatchAccumulator {
        let keep = perReplicate != nil
        return ParallelReplicates.run(
            range: range, threads: threads, chunk: 512, progress: progress,
            state: { Worker(self) }, accumulator: emptyAccumulator,
            replicate: { i, worker, acc in
                self.replicate(seed: seed, cell: cell, replicate: UInt64(i), worker: &worker, into: &acc)
                if keep {
                    worker.values.append(to: &worker.kept)
                    worker.kept.append(contentsOf: worker.plant)
                }
            },
            merge: { $0.merge($1) },
            chunkDone: perReplicate.map { hand in
                { chunk, replicates, worker in
                    hand(chunk, replicates, worker.kept)
                    worker.kept.removeAll(keepingCapacity: true)
                }
            })
    }

    /// Every scalar metric a replicate has, in the order `perReplicate`
    /// hands them over: the layout's, then the plant-tag metrics.
    public var metricNames: [String] { layout.names + plantMetricNames }

    /// One thread's streams and scratch space, reused for every replicate
    /// of one runner (`compute`).
    struct Worker {
        let streams: ReplicateStreams
        var apps: [RoundApplication]
        var failures: [EligibilityFailure?]
        var values: MetricValues
        var plant: [Double]
        var places: AwardedPlaces
        var patients: [Int] = []
        var generation = ReplicateGenerator.Scratch()
        var workspace: RoundWorkspace
        var result = RoundResult(outcomes: [], draws: [], drawCount: 0, villagePatients: [])
        var record = BatchLayout.Scratch()
        /// This chunk's per-replicate values (`run(perReplicate:)`).
        var kept: [Double] = []

        init(_ r: BatchRunner) {
            workspace = RoundWorkspace(r.prepared.round)
            streams = ReplicateStreams()
            apps = r.prepared.explicit
            failures = r.prepared.explicitBufferFailures
            values = r.layout.emptyValues()
            plant = Array(repeating: 0, count: r.plantMetricNames.count)
            places = AwardedPlaces(villages: r.prepared.territory.villageCount, chaas: r.prepared.territory.chaaCount)
        }
    }

    /// Runs one replicate in `w` and fills its `values` and `plant`.
    ///
    /// A method of the runner, with the worker passed in: as a method of a
    /// worker holding the runner, each call into the generator, the round
    /// and the layout copied them first (the generator alone is 2 KB),
    /// since they were parts of the value being modified.
    func compute(seed: UInt64, cell: UInt64, replicate: UInt64, worker w: inout Worker) -> RoundResult {
        w.streams.reseed(seed: seed, cell: cell, replicate: replicate)
        // `apps` and `failures` hold the explicit applications, then the
        // last replicate's generated ones, which `generate` overwrites.
        // The last result still shares these buffers: let go first, so
        // they are filled in place.
        w.result.villagePatients = []
        generator.villagePatients(w.streams.patients, into: &w.patients, scratch: &w.generation)
        generator.generate(into: &w.apps, failures: &w.failures, streams: w.streams, scratch: &w.generation)
        prepared.round.run(w.apps, villagePatients: w.patients, bufferFailures: w.failures, lotteries: w.streams.lotteries,
                           audit: false, into: &w.result, workspace: &w.workspace)
        layout.record(w.result, apps: w.apps, chaaPatients: w.workspace.chaaPatients, into: &w.values, scratch: &w.record)
        if let tags = prepared.scenario.plantTags, let population = tags.population {
            population.draw(policy: tags, rng: w.streams.plantTags, into: &w.plant)
        }
        return w.result
    }

    func replicate(seed: UInt64, cell: UInt64, replicate: UInt64, worker w: inout Worker, into acc: inout BatchAccumulator) {
        let result = compute(seed: seed, cell: cell, replicate: replicate, worker: &w)
        acc.add(values: w.values, plant: w.plant, result: result, apps: w.apps, explicitCount: prepared.explicit.count,
                places: &w.places)
    }
}
