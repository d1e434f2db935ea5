/// The cells of a parameter sweep: which scenario fields it sets, and to
/// what in each cell (values as scenario text, checked by the loader).
public struct SweepPlan: Sendable, Hashable {
    public var keys: [String]
    /// `cells[k]` holds cell k+1's values, aligned with `keys`.
    public var cells: [[String]]

    public init(keys: [String], cells: [[String]]) {
        self.keys = keys
        self.cells = cells
    }

    /// Every combination, the first parameter varying slowest.
    public static func factorial(_ params: [(key: String, values: [String])]) -> SweepPlan {
        var cells: [[String]] = [[]]
        for p in params { cells = cells.flatMap { c in p.values.map { c + [$0] } } }
        return SweepPlan(keys: params.map(\.key), cells: params.isEmpty ? [] : cells)
    }

    /// A Latin hypercube of `n` cells over ranges (McKay, Beckman & Conover,
    /// 1979): each parameter's range is cut into n equal strata and every
    /// stratum is used by exactly one cell, at a uniform point inside it.
    /// Ranges written as whole numbers give whole-number values (rounded),
    /// for counts such as certificates. Drawn from its own stream, so the
    /// same seed gives the same cells.
    public static func latinHypercube(_ n: Int, ranges: [(key: String, low: Double, high: Double, whole: Bool)],
                                      seed: UInt64) -> (plan: SweepPlan, strata: [[Int]]) {
        let rng = RandomStream(StreamKey(seed: seed, purpose: .design))
        var columns: [[String]] = []
        var strata: [[Int]] = []
        for r in ranges {
            var perm = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { perm.swapAt(i, rng.uniformIndex(i + 1)) }
            strata.append(perm)
            columns.append(perm.map { s in
                let v = r.low + (Double(s) + rng.uniform()) / Double(n) * (r.high - r.low)
                return r.whole ? String(Int(v.rounded(.toNearestOrAwayFromZero))) : FixedFormat.compact(v, maxDigits: 6)
            })
        }
        let cells = (0..<n).map { i in columns.map { $0[i] } }
        return (SweepPlan(keys: ranges.map(\.key), cells: cells), strata)
    }
}

/// A deterministic share of a sweep's work: `index` of `count`, 1-based.
///
/// With at least as many cells as shards, shard i takes cells i, i+N,
/// i+2N, ... whole; with fewer cells, every shard takes every cell and an
/// equal contiguous share of its replicates.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public static let whole = Shard(index: 1, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 1 ≤ I ≤ N ≤ `Limits.shards`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), (1...Limits.shards).contains(n),
              (1...n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The (cell, replicate range) units of this shard; cells are 1-based.
    public func units(cells: Int, replicates: Int) -> [(cell: Int, range: Range<Int>)] {
        if cells >= count {
            return stride(from: index, through: cells, by: count).map { ($0, 0..<replicates) }
        }
        let lo = replicates * (index - 1) / count, hi = replicates * index / count
        return lo < hi ? (1...max(1, cells)).prefix(cells).map { ($0, lo..<hi) } : []
    }
}
