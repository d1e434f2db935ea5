/// Everything a batch keeps about its replicates: a histogram per scalar
/// metric and integer counters for probabilities. Accumulators of disjoint
/// replicate sets merge exactly, in any order.
public struct BatchAccumulator: Sendable, Hashable {
    public internal(set) var replicates = 0
    public internal(set) var metrics: [ValueHistogram]
    /// Per type index and village (CHAA): replicates with at least one
    /// award, and awards in all; flat, `[type.index * villages + village]`,
    /// so a replicate's awards are counted without nested arrays (each
    /// write to an inner array checked two arrays for uniqueness).
    var villageAnyFlat: [Int]
    var villageAwardsFlat: [Int]
    var chaaAnyFlat: [Int]
    var chaaAwardsFlat: [Int]
    let villageCount: Int
    let chaaCount: Int
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
        villageCount = villages
        chaaCount = chaas
        villageAnyFlat = Array(repeating: 0, count: types * villages)
        villageAwardsFlat = villageAnyFlat
        chaaAnyFlat = Array(repeating: 0, count: types * chaas)
        chaaAwardsFlat = chaaAnyFlat
        villagePatients = Array(repeating: 0, count: villages)
        applicationAwarded = Array(repeating: 0, count: explicit)
        applicationLottery = applicationAwarded
    }

    /// Adds one replicate. `scratchVillage` and `scratchCHAA` (flat like
    /// `villageAnyFlat` and `chaaAnyFlat`, zero between calls) count this
    /// replicate's awards per place, so a place's first award marks it as
    /// having one; only the places awarded are touched and reset.
    mutating func add(values: [Double], plant: [Double], result r: RoundResult, apps: [RoundApplication],
                      explicitCount: Int, scratchVillage: inout [Int], scratchCHAA: inout [Int]) {
        replicates += 1
        var metrics = ScratchArray.take(&self.metrics)
        do {   // a span: one uniqueness check for the array (see `ScratchArray`)
            var m = metrics.mutableSpan
            for i in values.indices where !values[i].isNaN {
                let v = values[i]
                // Whole (it converts to Int and back exactly: no call to floor).
                if v >= 0 && v < 4096 && Double(Int(v)) == v { m[i].add(Int(v)) } else { m[i].add(v) }
            }
        }
        self.metrics = metrics
        for (i, v) in plant.enumerated() where !v.isNaN { plantMetrics[i].add(v) }
        var villageAny = ScratchArray.take(&villageAnyFlat), villageAwards = ScratchArray.take(&villageAwardsFlat)
        var chaaAny = ScratchArray.take(&chaaAnyFlat), chaaAwards = ScratchArray.take(&chaaAwardsFlat)
        do {
            var vAny = villageAny.mutableSpan, vAwards = villageAwards.mutableSpan
            var cAny = chaaAny.mutableSpan, cAwards = chaaAwards.mutableSpan
            var vSeen = scratchVillage.mutableSpan, cSeen = scratchCHAA.mutableSpan
            for i in r.outcomes.indices where r.outcomes[i].status == .awarded {
                let t = apps[i].type.index
                let v = t * villageCount + apps[i].village, c = t * chaaCount + apps[i].chaa
                if vSeen[v] == 0 { vAny[v] += 1 }
                vSeen[v] += 1
                vAwards[v] += 1
                if cSeen[c] == 0 { cAny[c] += 1 }
                cSeen[c] += 1
                cAwards[c] += 1
                if i < explicitCount {
                    applicationAwarded[i] += 1
                    if r.outcomes[i].lottery { applicationLottery[i] += 1 }
                }
            }
            for i in r.outcomes.indices where r.outcomes[i].status == .awarded {
                let t = apps[i].type.index
                vSeen[t * villageCount + apps[i].village] = 0
                cSeen[t * chaaCount + apps[i].chaa] = 0
            }
        }
        (villageAnyFlat, villageAwardsFlat, chaaAnyFlat, chaaAwardsFlat) = (villageAny, villageAwards, chaaAny, chaaAwards)
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
        for k in villageAnyFlat.indices {
            villageAnyFlat[k] += o.villageAnyFlat[k]
            villageAwardsFlat[k] += o.villageAwardsFlat[k]
        }
        for k in chaaAnyFlat.indices {
            chaaAnyFlat[k] += o.chaaAnyFlat[k]
            chaaAwardsFlat[k] += o.chaaAwardsFlat[k]
        }
        for v in villagePatients.indices { villagePatients[v] += o.villagePatients[v] }
        for i in applicationAwarded.indices {
            applicationAwarded[i] += o.applicationAwarded[i]
            applicationLottery[i] += o.applicationLottery[i]
        }
    }
}

extension BatchAccumulator {
    /// Per type index and village: replicates with at least one award.
    public internal(set) var villageAnyAward: [[Int]] {
        get { Self.rows(villageAnyFlat, width: villageCount) }
        set { villageAnyFlat = newValue.flatMap { $0 } }
    }
    /// Per type index and village: awards in all.
    public internal(set) var villageAwards: [[Int]] {
        get { Self.rows(villageAwardsFlat, width: villageCount) }
        set { villageAwardsFlat = newValue.flatMap { $0 } }
    }
    /// Per type index and CHAA: replicates with at least one award.
    public internal(set) var chaaAnyAward: [[Int]] {
        get { Self.rows(chaaAnyFlat, width: chaaCount) }
        set { chaaAnyFlat = newValue.flatMap { $0 } }
    }
    /// Per type index and CHAA: awards in all.
    public internal(set) var chaaAwards: [[Int]] {
        get { Self.rows(chaaAwardsFlat, width: chaaCount) }
        set { chaaAwardsFlat = newValue.flatMap { $0 } }
    }

    private static func rows(_ flat: [Int], width: Int) -> [[Int]] {
        CertificateType.allCases.indices.map { t in Array(flat[t * width..<(t + 1) * width]) }
    }
}
