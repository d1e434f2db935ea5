import Dispatch
import Synchronization

/// A reform against a baseline on common random numbers (SPEC §5-§6,
/// `allocsim compare`): replicate i of both scenarios draws from the same
/// streams, both rounds run, and the *differences* are aggregated, so the
/// comparison's noise is only what the policy change itself moves.
///
/// Both scenarios must describe the same territory and the same explicit
/// applications (there is nothing to pair otherwise); policy, fees,
/// certificates, generation parameters and plant tags may differ.
public struct ComparisonRunner: Sendable {
    public let baseline: BatchRunner
    public let reform: BatchRunner
    /// The union of both sides' metric names, baseline's order first.
    public let metricNames: [String]
    let baselineIndex: [Int?]
    let reformIndex: [Int?]

    public init(baseline b: PreparedScenario, reform r: PreparedScenario) throws(ComparisonError) {
        if b.scenario.geography != r.scenario.geography { throw .differentTerritory }
        if b.scenario.applications.explicit != r.scenario.applications.explicit { throw .differentApplications }
        baseline = BatchRunner(b)
        reform = BatchRunner(r)
        var names = baseline.layout.names + baseline.plantMetricNames
        for n in reform.layout.names + reform.plantMetricNames where !names.contains(n) { names.append(n) }
        metricNames = names
        let bNames = baseline.layout.names + baseline.plantMetricNames
        let rNames = reform.layout.names + reform.plantMetricNames
        baselineIndex = names.map { bNames.firstIndex(of: $0) }
        reformIndex = names.map { rNames.firstIndex(of: $0) }
    }

    func emptyAccumulator() -> ComparisonAccumulator {
        let t = baseline.prepared.territory
        return ComparisonAccumulator(baseline: baseline.emptyAccumulator(), reform: reform.emptyAccumulator(),
                                     metrics: metricNames.count, villages: t.villageCount, chaas: t.chaaCount,
                                     explicit: baseline.prepared.explicit.count)
    }

    /// One thread's workers for both sides and its scratch.
    struct PairWorker {
        var baseline: BatchRunner.Worker
        var reform: BatchRunner.Worker
        var scratch: PairScratch
    }

    /// Runs replicates `range` of both scenarios on `threads` threads.
    public func run(seed: UInt64, range: Range<Int>, threads: Int, independentStreams: Bool = false,
                    progress: BatchProgress = BatchProgress()) -> ComparisonAccumulator {
        let t = baseline.prepared.territory
        return ParallelReplicates.run(
            range: range, threads: threads, chunk: 256, progress: progress,
            state: {
                PairWorker(baseline: BatchRunner.Worker(baseline), reform: BatchRunner.Worker(reform),
                           scratch: PairScratch(types: CertificateType.allCases.count, villages: t.villageCount, chaas: t.chaaCount))
            },
            accumulator: emptyAccumulator,
            replicate: { i, w, acc in
                // The reform's streams are the baseline's, unless asked for
                // independent ones (to measure what pairing saves).
                let br = baseline.compute(seed: seed, cell: 0, replicate: UInt64(i), worker: &w.baseline)
                let rr = reform.compute(seed: seed, cell: independentStreams ? 1 : 0, replicate: UInt64(i), worker: &w.reform)
                acc.baseline.add(values: w.baseline.values, plant: w.baseline.plant, result: br, apps: w.baseline.apps,
                                 explicitCount: baseline.prepared.explicit.count,
                                 places: &w.baseline.places)
                acc.reform.add(values: w.reform.values, plant: w.reform.plant, result: rr, apps: w.reform.apps,
                               explicitCount: reform.prepared.explicit.count,
                               places: &w.reform.places)
                addDifferences(w.baseline, w.reform, &acc)
                acc.addPlaces(base: (br, w.baseline.apps), reform: (rr, w.reform.apps),
                              explicit: baseline.prepared.explicit.count, scratch: &w.scratch)
            },
            merge: { $0.merge($1) })
    }

    func addDifferences(_ b: BatchRunner.Worker, _ r: BatchRunner.Worker, _ acc: inout ComparisonAccumulator) {
        let bCount = b.values.count, rCount = r.values.count
        for m in metricNames.indices {
            guard let bi = baselineIndex[m], let ri = reformIndex[m] else { continue }
            let x = bi < bCount ? b.values[bi] : b.plant[bi - bCount]
            let y = ri < rCount ? r.values[ri] : r.plant[ri - rCount]
            guard !x.isNaN, !y.isNaN else { continue }
            let d = y - x
            if d >= 0 && d < 4096 && d == d.rounded(.down) { acc.differences[m].add(Int(d)) } else { acc.differences[m].add(d) }
            if d > 0 { acc.higher[m] += 1 } else if d < 0 { acc.lower[m] += 1 }
        }
    }
}

/// Why two scenarios cannot be compared.
public enum ComparisonError: Error, Sendable, CustomStringConvertible {
    case differentTerritory
    case differentApplications

    public var description: String {
        switch self {
        case .differentTerritory:
            return "the two scenarios describe different territories (geography: CHAAs, villages, schools, stops or "
                + "facilities differ); a comparison pairs replicates of one territory, so expected the same geography"
        case .differentApplications:
            return "the two scenarios have different explicit applications; expected the same applications.explicit "
                + "(policy, fees, certificates, generation and plant tags may differ)"
        }
    }
}

/// Per-replicate scratch for the paired place indicators.
struct PairScratch {
    var village: [[Int8]]
    var chaa: [[Int8]]

    init(types: Int, villages: Int, chaas: Int) {
        village = Array(repeating: Array(repeating: 0, count: villages), count: types)
        chaa = Array(repeating: Array(repeating: 0, count: chaas), count: types)
    }
}

/// What a comparison keeps: each side's batch accumulator, the exact
/// distribution of every metric's paired difference, and for places and
/// explicit applications how often the reform gained or lost an award
/// relative to the baseline in the same replicate. Merges exactly, so the
/// output is the same for any thread count.
public struct ComparisonAccumulator: Sendable {
    public var baseline: BatchAccumulator
    public var reform: BatchAccumulator
    public var differences: [ValueHistogram]
    public var higher: [Int]
    public var lower: [Int]
    /// Replicates in which the reform gave a type × village (CHAA,
    /// application) at least one award and the baseline none, and the
    /// other way round.
    public var villageGained: [[Int]], villageLost: [[Int]]
    public var chaaGained: [[Int]], chaaLost: [[Int]]
    public var applicationGained: [Int], applicationLost: [Int]

    init(baseline: BatchAccumulator, reform: BatchAccumulator, metrics: Int, villages: Int, chaas: Int, explicit: Int) {
        self.baseline = baseline
        self.reform = reform
        differences = Array(repeating: ValueHistogram(), count: metrics)
        higher = Array(repeating: 0, count: metrics)
        lower = higher
        let types = CertificateType.allCases.count
        villageGained = Array(repeating: Array(repeating: 0, count: villages), count: types)
        villageLost = villageGained
        chaaGained = Array(repeating: Array(repeating: 0, count: chaas), count: types)
        chaaLost = chaaGained
        applicationGained = Array(repeating: 0, count: explicit)
        applicationLost = applicationGained
    }

    public var replicates: Int { baseline.replicates }

    mutating func addPlaces(base: (RoundResult, [RoundApplication]), reform: (RoundResult, [RoundApplication]),
                            explicit: Int, scratch s: inout PairScratch) {
        for t in s.village.indices {
            for v in s.village[t].indices { s.village[t][v] = 0 }
            for c in s.chaa[t].indices { s.chaa[t][c] = 0 }
        }
        // Bit 1: baseline awarded; bit 2: reform awarded.
        for (bit, (result, apps)) in [(Int8(1), base), (Int8(2), reform)] {
            for (i, o) in result.outcomes.enumerated() where o.status == .awarded {
                let a = apps[i]
                s.village[a.type.index][a.village] |= bit
                s.chaa[a.type.index][a.chaa] |= bit
            }
        }
        for t in s.village.indices {
            for (v, f) in s.village[t].enumerated() {
                if f == 2 { villageGained[t][v] += 1 } else if f == 1 { villageLost[t][v] += 1 }
            }
            for (c, f) in s.chaa[t].enumerated() {
                if f == 2 { chaaGained[t][c] += 1 } else if f == 1 { chaaLost[t][c] += 1 }
            }
        }
        for i in 0..<explicit {
            let b = base.0.outcomes[i].status == .awarded, r = reform.0.outcomes[i].status == .awarded
            if r && !b { applicationGained[i] += 1 } else if b && !r { applicationLost[i] += 1 }
        }
    }

    public mutating func merge(_ o: ComparisonAccumulator) {
        baseline.merge(o.baseline)
        reform.merge(o.reform)
        for m in differences.indices {
            differences[m].merge(o.differences[m])
            higher[m] += o.higher[m]
            lower[m] += o.lower[m]
        }
        for t in villageGained.indices {
            for v in villageGained[t].indices { villageGained[t][v] += o.villageGained[t][v]; villageLost[t][v] += o.villageLost[t][v] }
            for c in chaaGained[t].indices { chaaGained[t][c] += o.chaaGained[t][c]; chaaLost[t][c] += o.chaaLost[t][c] }
        }
        for i in applicationGained.indices {
            applicationGained[i] += o.applicationGained[i]
            applicationLost[i] += o.applicationLost[i]
        }
    }
}

/// A paired change in a share (a place or an application getting an
/// award): the mean of d ∈ {−1, 0, 1} over replicates, with its normal
/// 95% interval from E[d²] = (gained + lost)/n.
public struct PairedShareChange: Sendable, Hashable {
    public var change: Double
    public var low: Double
    public var high: Double

    public init(gained: Int, lost: Int, replicates n: Int) {
        let nn = Double(max(1, n))
        change = Double(gained - lost) / nn
        let second = Double(gained + lost) / nn
        let variance = max(0, second - change * change) * nn / max(1, nn - 1)
        let half = WilsonInterval.z95 * (variance / nn).squareRoot()
        low = change - half
        high = change + half
    }
}
