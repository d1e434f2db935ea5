/// The exact distribution of one scalar metric over replicates: how many
/// replicates gave each value.
///
/// Most metrics are small whole numbers (awards, lotteries, statuses, sets),
/// kept in a dense array; other values in a sparse map. Memory grows with
/// the number of distinct values, never beyond one entry per replicate, and
/// two histograms merge by adding counts — so statistics computed from a
/// histogram, in ascending value order, are the same bytes whatever the
/// thread count or shard split that filled it (SPEC §5).
public struct ValueHistogram: Sendable, Hashable {
    static let denseLimit = 4096
    /// `dense[v]` replicates had the whole value v (0 ≤ v < denseLimit).
    public internal(set) var dense: [Int] = []
    public internal(set) var sparse: [Double: Int] = [:]
    public internal(set) var count: Int = 0

    public init() {}

    public mutating func add(_ v: Double) {
        count += 1
        if v >= 0, v < Double(ValueHistogram.denseLimit), v == v.rounded(.down) {
            let i = Int(v)
            if i >= dense.count { dense.append(contentsOf: repeatElement(0, count: i - dense.count + 1)) }
            dense[i] += 1
        } else {
            sparse[v, default: 0] += 1
        }
    }

    public mutating func add(_ v: Int) {
        if v >= 0 && v < ValueHistogram.denseLimit {
            count += 1
            if v >= dense.count { dense.append(contentsOf: repeatElement(0, count: v - dense.count + 1)) }
            dense[v] += 1
        } else {
            add(Double(v))
        }
    }

    public mutating func merge(_ o: ValueHistogram) {
        count += o.count
        if o.dense.count > dense.count { dense.append(contentsOf: repeatElement(0, count: o.dense.count - dense.count)) }
        for (i, c) in o.dense.enumerated() { dense[i] += c }
        for (v, c) in o.sparse { sparse[v, default: 0] += c }
    }

    /// (value, count) in ascending value order.
    public var ascending: [(value: Double, count: Int)] {
        var out: [(Double, Int)] = []
        let negatives = sparse.filter { $0.key < 0 }.sorted { $0.key < $1.key }
        let rest = sparse.filter { $0.key >= 0 }.sorted { $0.key < $1.key }
        out.append(contentsOf: negatives.map { ($0.key, $0.value) })
        var merged: [(Double, Int)] = dense.enumerated().filter { $0.element > 0 }.map { (Double($0.offset), $0.element) }
        merged.append(contentsOf: rest.map { ($0.key, $0.value) })
        merged.sort { $0.0 < $1.0 }
        out.append(contentsOf: merged)
        return out
    }

    /// Summary statistics (SPEC §5): mean, sample sd, 5th/50th/95th
    /// percentiles (linear interpolation between order statistics, as
    /// `gsl_stats_quantile_from_sorted_data`) and the Monte Carlo standard
    /// error of the mean, sd/√n.
    public var summary: MetricSummary {
        let values = ascending
        guard count > 0 else { return MetricSummary(n: 0, mean: .nan, sd: .nan, p05: .nan, p50: .nan, p95: .nan, mcse: .nan) }
        var sum = 0.0
        for (v, c) in values { sum += v * Double(c) }
        let mean = sum / Double(count)
        var ss = 0.0
        for (v, c) in values { ss += (v - mean) * (v - mean) * Double(c) }
        let sd = count > 1 ? (ss / Double(count - 1)).squareRoot() : 0
        func quantile(_ p: Double) -> Double {
            let h = Double(count - 1) * p
            let lo = Int(h.rounded(.down))
            let frac = h - Double(lo)
            let a = orderStatistic(lo, values)
            if frac == 0 || lo + 1 >= count { return a }
            let b = orderStatistic(lo + 1, values)
            return a + (b - a) * frac
        }
        return MetricSummary(n: count, mean: mean, sd: sd, p05: quantile(0.05), p50: quantile(0.5),
                             p95: quantile(0.95), mcse: sd / Double(count).squareRoot())
    }

    private func orderStatistic(_ k: Int, _ values: [(value: Double, count: Int)]) -> Double {
        var seen = 0
        for (v, c) in values {
            seen += c
            if k < seen { return v }
        }
        return values.last?.value ?? .nan
    }
}

/// Statistics of one metric over the replicates that recorded it.
public struct MetricSummary: Sendable, Hashable {
    public var n: Int
    public var mean: Double
    public var sd: Double
    public var p05: Double
    public var p50: Double
    public var p95: Double
    /// Monte Carlo standard error of the mean.
    public var mcse: Double
}

/// A 95% Wilson score interval for a proportion x/n (Wilson, 1927), the
/// interval SPEC §5 asks for probabilities.
public struct WilsonInterval: Sendable, Hashable {
    public var estimate: Double
    public var low: Double
    public var high: Double

    /// z for 95%: the 97.5th percentile of the standard normal.
    public static let z95 = 1.959963984540054

    public init(successes x: Int, trials n: Int, z: Double = WilsonInterval.z95) {
        guard n > 0 else {
            estimate = .nan; low = .nan; high = .nan
            return
        }
        let p = Double(x) / Double(n), nn = Double(n), z2 = z * z
        let denom = 1 + z2 / nn
        let centre = (p + z2 / (2 * nn)) / denom
        let half = z / denom * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
        estimate = p
        low = max(0, centre - half)
        high = min(1, centre + half)
    }
}
