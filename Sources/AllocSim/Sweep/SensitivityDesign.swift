internal import CGSL

/// A parameter of a sensitivity analysis: how a point `u` of the unit
/// interval becomes a scenario value.
///
/// - continuous `LO:HI` (numbers with a decimal point): `LO + u·(HI − LO)`;
/// - integer `LO:HI` (whole numbers, e.g. certificate counts): the unit
///   interval cut into `HI − LO + 1` equal parts, one per whole number, so
///   each is equally likely — rounded on the design, never by hand;
/// - levels `A,B,C` (an enumerated field, e.g. `policy.scoring`): the unit
///   interval cut into one equal part per level.
public struct SensitivityParameter: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case continuous(low: Double, high: Double)
        case integer(low: Int, high: Int)
        case levels([String])
    }

    public var key: String
    public var kind: Kind

    public init(key: String, kind: Kind) {
        self.key = key
        self.kind = kind
    }

    /// The value at `u` in [0, 1], as scenario text.
    public func value(at u: Double) -> String {
        switch kind {
        case .continuous(let lo, let hi): return FixedFormat.compact(lo + u * (hi - lo), maxDigits: 6)
        case .integer: return String(Int(numeric(at: u)!))
        case .levels(let names): return names[min(names.count - 1, Int(u * Double(names.count)))]
        }
    }

    /// The value at `u` as a number on the unit scale of the parameter's
    /// range (0 at LO, 1 at HI); for levels, `u` itself.
    func unitValue(at u: Double) -> Double {
        switch kind {
        case .continuous: return u
        case .integer(let lo, let hi): return hi == lo ? 0 : (numeric(at: u)! - Double(lo)) / Double(hi - lo)
        case .levels: return u
        }
    }

    func numeric(at u: Double) -> Double? {
        switch kind {
        case .continuous(let lo, let hi): return lo + u * (hi - lo)
        case .integer(let lo, let hi):
            return Double(min(hi, lo + Int((u * Double(hi - lo + 1)).rounded(.down))))
        case .levels: return nil
        }
    }
}

/// The cells of a variance-based (Sobol) or elementary-effects (Morris)
/// sensitivity analysis, and what each cell is in the design.
///
/// Sobol (Saltelli, 2002; 2010): two N × d matrices A and B from the first
/// N points (after the origin) of a 2d-dimensional Sobol sequence
/// (`gsl_qrng_sobol`), and for each parameter i the matrix AB_i — A with
/// column i from B: N·(d + 2) cells, per sample A, AB_1 … AB_d, B (SALib's
/// order). Morris (1991): R trajectories on a p-level grid, each a random
/// base point and d steps of Δ = p / (2(p − 1)), one parameter at a time in
/// a random order: R·(d + 1) cells.
public struct SensitivityDesign: Sendable, Hashable {
    public enum Method: String, Sendable { case sobol, morris }

    /// One cell's place in the design: its sample (Sobol) or trajectory
    /// (Morris), 1-based; its block (`A`, `B`, `AB`, or the Morris step
    /// 0…d); the parameter the block changes (index into `parameters`);
    /// and for a Morris step, the change of that parameter on its unit
    /// scale (0 when rounding left the value where it was).
    public struct Row: Sendable, Hashable {
        public var sample: Int
        public var block: String
        public var parameter: Int?
        public var step: Double

        public init(sample: Int, block: String, parameter: Int?, step: Double) {
            self.sample = sample
            self.block = block
            self.parameter = parameter
            self.step = step
        }
    }

    public var method: Method
    public var parameters: [SensitivityParameter]
    public var rows: [Row]
    /// Each cell's point in the unit cube.
    public var points: [[Double]]

    public init(method: Method, parameters: [SensitivityParameter], rows: [Row], points: [[Double]]) {
        self.method = method
        self.parameters = parameters
        self.rows = rows
        self.points = points
    }

    /// The sweep's cells: each point mapped to scenario values.
    public var plan: SweepPlan {
        SweepPlan(keys: parameters.map(\.key),
                  cells: points.map { p in parameters.indices.map { parameters[$0].value(at: p[$0]) } })
    }

    /// Dimensions the Sobol generator offers (GSL: 40), halved for A and B.
    public static let maxSobolParameters = 20

    public static func sobol(samples n: Int, parameters: [SensitivityParameter]) -> SensitivityDesign {
        let d = parameters.count
        precondition(d >= 1 && d <= maxSobolParameters && n >= 1)
        let q = gsl_qrng_alloc(allocsim_qrng_sobol(), UInt32(2 * d))!
        defer { gsl_qrng_free(q) }
        var x = [Double](repeating: 0, count: 2 * d)
        _ = gsl_qrng_get(q, &x)  // the origin: skipped
        var rows: [Row] = [], points: [[Double]] = []
        for j in 1...n {
            _ = gsl_qrng_get(q, &x)
            let a = Array(x[0..<d]), b = Array(x[d..<(2 * d)])
            rows.append(Row(sample: j, block: "A", parameter: nil, step: 0))
            points.append(a)
            for i in 0..<d {
                var ab = a
                ab[i] = b[i]
                rows.append(Row(sample: j, block: "AB", parameter: i, step: 0))
                points.append(ab)
            }
            rows.append(Row(sample: j, block: "B", parameter: nil, step: 0))
            points.append(b)
        }
        return SensitivityDesign(method: .sobol, parameters: parameters, rows: rows, points: points)
    }

    public static func morris(trajectories r: Int, levels p: Int, parameters: [SensitivityParameter],
                              seed: UInt64) -> SensitivityDesign {
        let d = parameters.count
        precondition(d >= 1 && r >= 1 && p >= 2 && p % 2 == 0)
        let rng = RandomStream(StreamKey(seed: seed, purpose: .design))
        let delta = Double(p) / (2 * Double(p - 1))
        // Base values k/(p−1) with k/(p−1) + Δ ≤ 1.
        let bases = (0..<p).map { Double($0) / Double(p - 1) }.filter { $0 + delta <= 1 + 1e-12 }
        var rows: [Row] = [], points: [[Double]] = []
        for t in 1...r {
            var x = (0..<d).map { _ in bases[rng.uniformIndex(bases.count)] }
            var order = Array(0..<d)
            for i in stride(from: d - 1, to: 0, by: -1) { order.swapAt(i, rng.uniformIndex(i + 1)) }
            rows.append(Row(sample: t, block: "0", parameter: nil, step: 0))
            points.append(x)
            for (k, i) in order.enumerated() {
                let before = parameters[i].unitValue(at: x[i])
                x[i] = min(1, x[i] + delta)
                let after = parameters[i].unitValue(at: x[i])
                rows.append(Row(sample: t, block: String(k + 1), parameter: i, step: after - before))
                points.append(x)
            }
        }
        return SensitivityDesign(method: .morris, parameters: parameters, rows: rows, points: points)
    }
}
