/// Everything a batch keeps about its replicates: a histogram per scalar
/// metric and integer counters for probabilities. Accumulators of disjoint
/// replicate sets merge exactly, in any order.
public struct BatchAccumulator: Sendable, Hashable {
    public internal(set) var replicates = 0
    public internal(set) var metrics: [ValueHistogram]
    /// Per type index and village: replicates with at least one award, and
    /// awards in all.
    public internal(set) var villageAnyAward: [[Int]]
    public internal(set) var villageAwards: [[Int]]
    public internal(set) var chaaAnyAward: [[Int]]
    public internal(set) var chaaAwards: [[Int]]
    /// Per village: patients summed over replicates.
    public internal(set) var villagePatients: [Int]
    /// Per explicit application: replicates awarded, and awarded by lottery.
    public internal(set) var applicationAwarded: [Int]
    public internal(set) var applicationLottery: [Int]
    /// Plant-tag metrics (fees.csv), when modelled.
    public internal(set) var plantMetrics: [ValueHistogram]

    init(metricCount: Int, plantMetricCount: Int, villages: Int, chaas: Int, explicit: Int) {
        metrics = Array(repeating: ValueHistogram(), count: metricCount)
        plantMetrics = Array(repeating: ValueHistogram(), count: plantMetricCount)
        let types = CertificateType.allCases.count
        villageAnyAward = Array(repeating: Array(repeating: 0, count: villages), count: types)
        villageAwards = villageAnyAward
        chaaAnyAward = Array(repeating: Array(repeating: 0, count: chaas), count: types)
        chaaAwards = chaaAnyAward
        villagePatients = Array(repeating: 0, count: villages)
        applicationAwarded = Array(repeating: 0, count: explicit)
        applicationLottery = applicationAwarded
    }

    /// Adds one replicate. `scratchVillage` and `scratchCHAA` (per type
    /// index, zero between calls) count this replicate's awards per place,
    /// so a place's first award marks it as having one; only the places
    /// awarded are touched and reset.
    mutating func add(values: [Double], plant: [Double], result r: RoundResult, apps: [RoundApplication],
                      explicitCount: Int, scratchVillage: inout [[Int]], scratchCHAA: inout [[Int]]) {
        replicates += 1
        var metrics = ScratchArray.take(&self.metrics)
        do {   // a span: one uniqueness check for the array (see `ScratchArray`)
            var m = metrics.mutableSpan
            for i in values.indices where !values[i].isNaN {
                let v = values[i]
                if v >= 0 && v < 4096 && v == v.rounded(.down) { m[i].add(Int(v)) } else { m[i].add(v) }
            }
        }
        self.metrics = metrics
        for (i, v) in plant.enumerated() where !v.isNaN { plantMetrics[i].add(v) }
        for i in r.outcomes.indices where r.outcomes[i].status == .awarded {
            let t = apps[i].type.index, v = apps[i].village, c = apps[i].chaa
            if scratchVillage[t][v] == 0 { villageAnyAward[t][v] += 1 }
            scratchVillage[t][v] += 1
            villageAwards[t][v] += 1
            if scratchCHAA[t][c] == 0 { chaaAnyAward[t][c] += 1 }
            scratchCHAA[t][c] += 1
            chaaAwards[t][c] += 1
            if i < explicitCount {
                applicationAwarded[i] += 1
                if r.outcomes[i].lottery { applicationLottery[i] += 1 }
            }
        }
        for i in r.outcomes.indices where r.outcomes[i].status == .awarded {
            scratchVillage[apps[i].type.index][apps[i].village] = 0
            scratchCHAA[apps[i].type.index][apps[i].chaa] = 0
        }
        var patients = ScratchArray.take(&villagePatients)
        do {
            var p = patients.mutableSpan
            for v in r.villagePatients.indices { p[v] += r.villagePatients[v] }
        }
        villagePatients = patients
    }

    public mutating func merge(_ o: BatchAccumulator) {
        replicates += o.replicates
        for i in metrics.indices { metrics[i].merge(o.metrics[i]) }
        for i in plantMetrics.indices { plantMetrics[i].merge(o.plantMetrics[i]) }
        for t in villageAnyAward.indices {
            for v in villageAnyAward[t].indices {
                villageAnyAward[t][v] += o.villageAnyAward[t][v]
                villageAwards[t][v] += o.villageAwards[t][v]
            }
            for c in chaaAnyAward[t].indices {
                chaaAnyAward[t][c] += o.chaaAnyAward[t][c]
                chaaAwards[t][c] += o.chaaAwards[t][c]
            }
        }
        for v in villagePatients.indices { villagePatients[v] += o.villagePatients[v] }
        for i in applicationAwarded.indices {
            applicationAwarded[i] += o.applicationAwarded[i]
            applicationLottery[i] += o.applicationLottery[i]
        }
    }
}
