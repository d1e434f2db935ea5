/// Scenario discovery by PRIM, the Patient Rule Induction Method (Friedman &
/// Fisher, 1999), as EMA Workbench uses it: which box of parameter ranges
/// holds the sweep cells where an outcome of interest happens?
///
/// Starting from the box of every cell, each step peels the slice that
/// leaves the highest share of cells of interest inside: `alpha` of the
/// cells off the low or high end of one numeric parameter, or one level of
/// an enumerated one. Peeling stops when the box would hold fewer than
/// `minMass` of the cells. Each box of the trajectory is reported with its
/// coverage (the share of all cells of interest inside it), density (the
/// share of its cells that are of interest) and mass (its share of all
/// cells). Pasting (growing the box back) is not done.
public struct ScenarioDiscovery: Sendable {
    /// A parameter's values over the cells: numbers, or levels.
    public enum Column: Sendable, Hashable {
        case numeric([Double])
        case levels([String])
    }

    /// One box: per parameter its limits (numeric: `low...high`; levels:
    /// the levels kept), and how it does.
    public struct Box: Sendable, Hashable {
        public var limits: [Limit]
        public var coverage: Double
        public var density: Double
        public var mass: Double
        public var cells: Int
    }

    public enum Limit: Sendable, Hashable {
        case range(low: Double, high: Double)
        case levels([String])
    }

    public let names: [String]
    public let columns: [Column]
    public let interesting: [Bool]

    public init(names: [String], columns: [Column], interesting: [Bool]) {
        self.names = names
        self.columns = columns
        self.interesting = interesting
    }

    /// The peeling trajectory, from the box of all cells to the last one
    /// with at least `minMass` of the cells.
    public func peel(alpha: Double = 0.05, minMass: Double = 0.05) -> [Box] {
        let n = interesting.count
        let total = interesting.filter { $0 }.count
        var inside = Array(repeating: true, count: n)
        var limits: [Limit] = columns.map {
            switch $0 {
            case .numeric(let v): return .range(low: v.min() ?? 0, high: v.max() ?? 0)
            case .levels(let v): return .levels(Array(Set(v)).sorted())
            }
        }
        func box(_ inside: [Bool], _ limits: [Limit]) -> Box {
            let count = inside.filter { $0 }.count
            let hits = (0..<n).filter { inside[$0] && interesting[$0] }.count
            return Box(limits: limits, coverage: total == 0 ? 0 : Double(hits) / Double(total),
                       density: count == 0 ? 0 : Double(hits) / Double(count), mass: Double(count) / Double(max(1, n)), cells: count)
        }
        var trajectory = [box(inside, limits)]
        while true {
            let count = inside.filter { $0 }.count
            var best: (density: Double, mass: Int, inside: [Bool], limits: [Limit])?
            for (k, column) in columns.enumerated() {
                var candidates: [([Bool], Limit)] = []
                switch column {
                case .numeric(let v):
                    let values = (0..<n).filter { inside[$0] }.map { v[$0] }.sorted()
                    guard let lo = values.first, let hi = values.last, lo < hi else { continue }
                    // The alpha quantiles of the cells inside; at least one
                    // distinct value comes off.
                    let cut = max(1, Int((alpha * Double(values.count)).rounded(.down)))
                    let qLow = values[min(values.count - 1, cut)], qHigh = values[max(0, values.count - 1 - cut)]
                    let newLow = qLow > lo ? qLow : values.first { $0 > lo }!
                    let newHigh = qHigh < hi ? qHigh : values.last { $0 < hi }!
                    if case .range(_, let h) = limits[k] {
                        candidates.append(((0..<n).map { inside[$0] && v[$0] >= newLow }, .range(low: newLow, high: h)))
                    }
                    if case .range(let l, _) = limits[k] {
                        candidates.append(((0..<n).map { inside[$0] && v[$0] <= newHigh }, .range(low: l, high: newHigh)))
                    }
                case .levels(let v):
                    guard case .levels(let kept) = limits[k], kept.count > 1 else { continue }
                    for drop in kept {
                        candidates.append(((0..<n).map { inside[$0] && v[$0] != drop }, .levels(kept.filter { $0 != drop })))
                    }
                }
                for (next, limit) in candidates {
                    let m = next.filter { $0 }.count
                    guard m < count, Double(m) >= minMass * Double(n), m > 0 else { continue }
                    let d = Double((0..<n).filter { next[$0] && interesting[$0] }.count) / Double(m)
                    // Highest density; ties to the larger box, then the first found.
                    if best == nil || d > best!.density || (d == best!.density && m > best!.mass) {
                        var l = limits
                        l[k] = limit
                        best = (d, m, next, l)
                    }
                }
            }
            guard let b = best else { break }
            inside = b.inside
            limits = b.limits
            trajectory.append(box(inside, limits))
        }
        return trajectory
    }

    /// The box a reader would pick: the densest with at least `minCoverage`
    /// of the cells of interest (the first such on the trajectory when
    /// several tie).
    public static func chosen(_ trajectory: [Box], minCoverage: Double) -> Int? {
        var pick: Int?
        for (i, b) in trajectory.enumerated() where b.coverage >= minCoverage {
            if pick == nil || b.density > trajectory[pick!].density { pick = i }
        }
        return pick
    }
}
