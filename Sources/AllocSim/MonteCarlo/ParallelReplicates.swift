import Dispatch
import Synchronization

/// The replicate loop shared by batches and comparisons: `threads` workers
/// take chunks of `range` in turn, each with its own state (streams,
/// scratch) and accumulator, and the accumulators are merged at the end.
/// Since every replicate's result depends only on its number, and merging
/// is exact, the total is the same for any thread count. `chunkDone` sees
/// each chunk's worker state when the chunk is done (chunks finish out of
/// order; the chunk number says where it goes).
enum ParallelReplicates {
    static func run<State, Accumulator: Sendable>(
        range: Range<Int>, threads: Int, chunk: Int, progress: BatchProgress,
        state makeState: @Sendable () -> State, accumulator empty: @Sendable () -> Accumulator,
        replicate: @Sendable (Int, inout State, inout Accumulator) -> Void,
        merge: (inout Accumulator, Accumulator) -> Void,
        chunkDone: (@Sendable (_ chunk: Int, _ replicates: Range<Int>, inout State) -> Void)? = nil
    ) -> Accumulator {
        let chunks = (range.count + chunk - 1) / chunk
        let next = Atomic<Int>(0)
        let results = Mutex<[Accumulator]>([])
        let workers = max(1, min(threads, chunks))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = makeState()
            var acc = empty()
            while !progress.cancelled {
                let c = next.add(1, ordering: .relaxed).oldValue
                if c >= chunks { break }
                let lo = range.lowerBound + c * chunk
                let hi = min(range.upperBound, lo + chunk)
                for i in lo..<hi { replicate(i, &state, &acc) }
                chunkDone?(c, lo..<hi, &state)
                progress.add(hi - lo)
            }
            results.withLock { $0.append(acc) }
        }
        var total = empty()
        for a in results.withLock({ $0 }) { merge(&total, a) }
        return total
    }
}
