/// Everything a batch keeps about its replicates: a histogram per scalar
/// metric and integer counters for probabilities. Accumulators of disjoint
/// replicate sets merge exactly, in any order.
public struct BatchAccumulator: Sendable, Hashable {
    public internal(set) var replicates = 0
    /// Replicates per small whole value of each metric, value-major:
    /// `[value * metricCount + metric]` for 0 ≤ value < `smallValues`.
    /// Most metrics are small counts (awards per CHAA, tiers, statuses),
    /// and most of them 0 or 1 in a replicate, so a replicate's counts land
    /// on a few shared cache lines instead of one histogram (a heap array)
    /// per metric. `metric(_:)` folds them into the metric's histogram.
    var smallCounts: [Int]
    /// Every other value of each metric (SPEC §5: exact histograms).
    var histograms: [ValueHistogram]
    static let smallValues = 64
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
        smallCounts = Array(repeating: 0, count: BatchAccumulator.smallValues * metricCount)
        histograms = Array(repeating: ValueHistogram(), count: metricCount)
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

    /// Adds one replicate. `places` marks the places awarded in it, so a
    /// place's first award counts it as having one.
    mutating func add(values: MetricValues, plant: [Double], result r: RoundResult, apps: [RoundApplication],
                      explicitCount: Int, places: inout AwardedPlaces) {
        replicates += 1
        var small = ScratchArray.take(&smallCounts), histograms = ScratchArray.take(&self.histograms)
        do {   // spans: one uniqueness check per array (see `ScratchArray`)
            let width = histograms.count
            var s = small.mutableSpan, h = histograms.mutableSpan
            let isCount = values.isCount.span, counts = values.counts.span, reals = values.reals.span
            for i in isCount.indices {
                // A whole value: a count, or a double that converts to Int
                // and back exactly (no call to floor). Any other goes to the
                // metric's histogram as it is.
                let n: Int
                if isCount[i] {
                    n = counts[i]
                } else {
                    let v = reals[i]
                    if v.isNaN { continue }
                    guard v >= 0 && v < 4096 && Double(Int(v)) == v else { h[i].add(v); continue }
                    n = Int(v)
                }
                if n >= 0 && n < BatchAccumulator.smallValues { s[n * width + i] += 1 } else { h[i].add(n) }
            }
        }
        (smallCounts, self.histograms) = (small, histograms)
        for (i, v) in plant.enumerated() where !v.isNaN { plantMetrics[i].add(v) }
        var villageAny = ScratchArray.take(&villageAnyFlat), villageAwards = ScratchArray.take(&villageAwardsFlat)
        var chaaAny = ScratchArray.take(&chaaAnyFlat), chaaAwards = ScratchArray.take(&chaaAwardsFlat)
        places.replicate += 1
        let mark = places.replicate
        var villageMarks = ScratchArray.take(&places.village), chaaMarks = ScratchArray.take(&places.chaa)
        do {
            var vAny = villageAny.mutableSpan, vAwards = villageAwards.mutableSpan
            var cAny = chaaAny.mutableSpan, cAwards = chaaAwards.mutableSpan
            var vSeen = villageMarks.mutableSpan, cSeen = chaaMarks.mutableSpan
            for i in r.outcomes.indices where r.outcomes[i].status == .awarded {
                let t = apps[i].type.index
                let v = t * villageCount + apps[i].village, c = t * chaaCount + apps[i].chaa
                if vSeen[v] != mark { vAny[v] += 1; vSeen[v] = mark }
                vAwards[v] += 1
                if cSeen[c] != mark { cAny[c] += 1; cSeen[c] = mark }
                cAwards[c] += 1
            }
        }
        // The explicit applications, in a loop of their own: written in the
        // loop above, their (often empty) tallies were made unique by the
        // runtime every replicate.
        if explicitCount > 0 {
            for i in 0..<min(explicitCount, r.outcomes.count) where r.outcomes[i].status == .awarded {
                applicationAwarded[i] += 1
                if r.outcomes[i].lottery { applicationLottery[i] += 1 }
            }
        }
        (villageAnyFlat, villageAwardsFlat, chaaAnyFlat, chaaAwardsFlat) = (villageAny, villageAwards, chaaAny, chaaAwards)
        (places.village, places.chaa) = (villageMarks, chaaMarks)
        var patients = ScratchArray.take(&villagePatients)
        do {
            var p = patients.mutableSpan
            for v in r.villagePatients.indices { p[v] += r.villagePatients[v] }
        }
        villagePatients = patients
    }

    public mutating func merge(_ o: BatchAccumulator) {
        replicates += o.replicates
        for k in smallCounts.indices { smallCounts[k] += o.smallCounts[k] }
        for i in histograms.indices { histograms[i].merge(o.histograms[i]) }
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

/// A worker's marks of the places awarded in its latest replicate, for
/// `BatchAccumulator.add`: a place holds the number of the last of the
/// worker's replicates that awarded it, so nothing is reset between
/// replicates (a second pass over the applications, before).
struct AwardedPlaces {
    /// Flat like `BatchAccumulator.villageAnyFlat` and `chaaAnyFlat`.
    var village: [Int]
    var chaa: [Int]
    /// Replicates added with these marks: the latest one's number.
    var replicate = 0

    init(villages: Int, chaas: Int) {
        let types = CertificateType.allCases.count
        village = Array(repeating: 0, count: types * villages)
        chaa = Array(repeating: 0, count: types * chaas)
    }
}

extension BatchAccumulator {
    /// The histogram of metric `i`: its small values' counts folded into
    /// the rest, exactly as if every value had been added to it.
    public func metric(_ i: Int) -> ValueHistogram {
        var h = histograms[i]
        let width = histograms.count
        for v in (0..<BatchAccumulator.smallValues).reversed() {
            let c = smallCounts[v * width + i]
            guard c > 0 else { continue }
            if v >= h.dense.count { h.dense.append(contentsOf: repeatElement(0, count: v - h.dense.count + 1)) }
            h.dense[v] += c
            h.count += c
        }
        return h
    }

    /// Every metric's histogram (see `metric(_:)`).
    public internal(set) var metrics: [ValueHistogram] {
        get { histograms.indices.map(metric) }
        set {
            for i in newValue.indices { setMetric(i, newValue[i]) }
        }
    }

    /// Makes metric `i`'s histogram `h`: its small values' counts go to
    /// `smallCounts`, the rest (and the length of its dense counts) stays.
    mutating func setMetric(_ i: Int, _ h: ValueHistogram) {
        var h = h
        let width = histograms.count
        let held = min(BatchAccumulator.smallValues, h.dense.count)
        for v in 0..<held {
            smallCounts[v * width + i] = h.dense[v]
            h.count -= h.dense[v]
            h.dense[v] = 0
        }
        for v in held..<BatchAccumulator.smallValues { smallCounts[v * width + i] = 0 }
        histograms[i] = h
    }

    /// Equal when every count is: a metric's histogram is compared as
    /// `metric(_:)` gives it, however its counts are split.
    public static func == (a: BatchAccumulator, b: BatchAccumulator) -> Bool {
        a.replicates == b.replicates && a.metrics == b.metrics && a.plantMetrics == b.plantMetrics
            && a.villageAnyFlat == b.villageAnyFlat && a.villageAwardsFlat == b.villageAwardsFlat
            && a.chaaAnyFlat == b.chaaAnyFlat && a.chaaAwardsFlat == b.chaaAwardsFlat
            && a.villageCount == b.villageCount && a.chaaCount == b.chaaCount
            && a.villagePatients == b.villagePatients
            && a.applicationAwarded == b.applicationAwarded && a.applicationLottery == b.applicationLottery
    }

    public func hash(into h: inout Hasher) {
        h.combine(replicates)
        h.combine(metrics)
        h.combine(plantMetrics)
        h.combine(villageAnyFlat)
        h.combine(villageAwardsFlat)
        h.combine(chaaAnyFlat)
        h.combine(chaaAwardsFlat)
        h.combine(villagePatients)
        h.combine(applicationAwarded)
        h.combine(applicationLottery)
    }

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
