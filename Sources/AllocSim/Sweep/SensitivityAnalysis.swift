/// Sensitivity indices of one output over a `SensitivityDesign`, with 95%
/// bootstrap intervals (percentiles of 1,000 resamples of the samples or
/// trajectories, drawn from the sweep's own bootstrap stream, so the same
/// sweep gives the same intervals on every machine and shard split).
///
/// Sobol: first-order S1_i = mean((f(B) − f̄)·(f(AB_i) − f(A))) / V
/// (Saltelli et al., 2010, with f centred on its mean f̄ over A and B, as
/// SALib standardises it: the same expectation, far less noise when the
/// output's mean is large against its spread) and total-order ST_i = mean((f(A) − f(AB_i))²) / (2V)
/// (Jansen, 1999), V the variance of f over A and B together. Morris:
/// elementary effects EE_i = Δf / Δx_i on the unit scale of the parameter's
/// range (so a linear f = Σ c_i·x_i over [0, 1] gives c_i), and their
/// μ* = mean |EE| (Campolongo et al., 2007), μ and σ.
public struct SensitivityIndex: Sendable, Hashable {
    public var parameter: Int
    /// `S1`, `ST`, `mu_star`, `mu` or `sigma`.
    public var index: String
    public var estimate: Double
    public var low: Double
    public var high: Double
}

public enum SensitivityAnalysis {
    public static let resamples = 1_000

    /// The indices of output `y` (one value per design row, in order), or
    /// empty when the output does not vary over the design.
    public static func indices(_ design: SensitivityDesign, _ y: [Double], seed: UInt64) -> [SensitivityIndex] {
        precondition(y.count == design.rows.count)
        switch design.method {
        case .sobol: return sobol(design, y, seed: seed)
        case .morris: return morris(design, y, seed: seed)
        }
    }

    static func sobol(_ design: SensitivityDesign, _ y: [Double], seed: UInt64) -> [SensitivityIndex] {
        let d = design.parameters.count
        var fa: [Double] = [], fb: [Double] = []
        var fab = Array(repeating: [Double](), count: d)
        for (k, row) in design.rows.enumerated() {
            switch row.block {
            case "A": fa.append(y[k])
            case "B": fb.append(y[k])
            default: fab[row.parameter!].append(y[k])
            }
        }
        let n = fa.count
        func estimates(_ sample: [Int]) -> [(Double, Double)]? {
            var mean = 0.0
            for j in sample { mean += fa[j] + fb[j] }
            mean /= Double(2 * sample.count)
            var v = 0.0
            for j in sample { v += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean) }
            v /= Double(2 * sample.count)
            guard v > 0 else { return nil }
            return (0..<d).map { i in
                var first = 0.0, total = 0.0
                for j in sample {
                    first += (fb[j] - mean) * (fab[i][j] - fa[j])
                    total += (fa[j] - fab[i][j]) * (fa[j] - fab[i][j])
                }
                return (first / Double(sample.count) / v, total / Double(sample.count) / (2 * v))
            }
        }
        guard let point = estimates(Array(0..<n)) else { return [] }
        let boot = bootstrap(count: n, width: 2 * d, seed: seed) { estimates($0).map { $0.flatMap { [$0.0, $0.1] } } }
        return (0..<d).flatMap { i in
            [SensitivityIndex(parameter: i, index: "S1", estimate: point[i].0, low: boot[2 * i].low, high: boot[2 * i].high),
             SensitivityIndex(parameter: i, index: "ST", estimate: point[i].1, low: boot[2 * i + 1].low, high: boot[2 * i + 1].high)]
        }
    }

    static func morris(_ design: SensitivityDesign, _ y: [Double], seed: UInt64) -> [SensitivityIndex] {
        let d = design.parameters.count
        // Elementary effects per parameter, one per trajectory (none where
        // rounding left the value unchanged).
        var effects = Array(repeating: [Double](), count: d)
        for (k, row) in design.rows.enumerated() where k > 0 {
            guard let i = row.parameter, row.step != 0 else { continue }
            effects[i].append((y[k] - y[k - 1]) / row.step)
        }
        guard y.contains(where: { $0 != y[0] }) else { return [] }
        var out: [SensitivityIndex] = []
        for i in 0..<d {
            let e = effects[i]
            func stats(_ sample: [Int]) -> [Double]? {
                guard !sample.isEmpty else { return nil }
                let m = Double(sample.count)
                let mu = sample.reduce(0) { $0 + e[$1] } / m
                let star = sample.reduce(0) { $0 + abs(e[$1]) } / m
                let sd = sample.count < 2 ? 0 : (sample.reduce(0) { $0 + (e[$1] - mu) * (e[$1] - mu) } / (m - 1)).squareRoot()
                return [star, mu, sd]
            }
            guard let point = stats(Array(e.indices)) else { continue }
            let boot = bootstrap(count: e.count, width: 3, seed: seed &+ UInt64(i)) { stats($0) }
            for (k, name) in ["mu_star", "mu", "sigma"].enumerated() {
                out.append(SensitivityIndex(parameter: i, index: name, estimate: point[k], low: boot[k].low, high: boot[k].high))
            }
        }
        return out
    }

    /// Percentile intervals of the `width` values of `statistic` over
    /// resamples of `count` items (NaN where no resample gave a value).
    static func bootstrap(count: Int, width: Int, seed: UInt64,
                          _ statistic: ([Int]) -> [Double]?) -> [(low: Double, high: Double)] {
        let rng = RandomStream(StreamKey(seed: seed, purpose: .bootstrap))
        var draws = Array(repeating: [Double](), count: width)
        var sample = [Int](repeating: 0, count: count)
        for _ in 0..<resamples {
            for k in 0..<count { sample[k] = rng.uniformIndex(count) }
            if let s = statistic(sample) {
                for (k, v) in s.enumerated() { draws[k].append(v) }
            }
        }
        return draws.map { values in
            guard !values.isEmpty else { return (.nan, .nan) }
            let sorted = values.sorted()
            func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded()))] }
            return (at(0.025), at(0.975))
        }
    }
}
