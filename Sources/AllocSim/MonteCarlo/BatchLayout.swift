/// The scalar metrics of a batch (SPEC §5) and how one replicate's round
/// becomes their values.
///
/// Names are dotted paths, e.g. `awards.dispensary`,
/// `awards.dispensary.chaa.Northern`, `status.withdrawn`,
/// `patients.served.cultivation`. Patients-per-facility metrics are
/// recorded only in replicates where some CHAA has a facility of the type;
/// `chaas.unserved.<type>` counts the CHAAs that have none.
public struct BatchLayout: Sendable {
    public let names: [String]
    /// Which metrics are whole-number counts (recorded in
    /// `MetricValues.counts`); the others are recorded as doubles.
    let isCount: [Bool]
    let types: [CertificateType]
    /// Each certificate type's place in `types` (by `CertificateType.index`), or -1.
    let typeSlot: [Int]
    let chaaCount: Int
    /// Existing facilities per CHAA of each type in `types`, flat:
    /// `[k * chaaCount + chaa]` for `types[k]` (the same every replicate).
    let existingFacilities: [Int]
    // Offsets of metric groups in `names`.
    let awardsBase: Int      // per type: total, 4 tiers, by_lottery, CHAAs..., served, worst, best, unserved
    let perType: Int
    let drawsIndex: Int
    let applicationsIndex: Int
    /// Patients holding cards in the replicate (§14302(b)(1)(B)(i)).
    let patientsIndex: Int
    let statusBase: Int
    let reasonBase: Int
    let feesBase: Int
    /// §14102(a)(4), (b) registry card revenue, when `fees.registry` is given.
    let registry: RegistryFees?
    let registryBase: Int

    init(_ p: PreparedScenario) {
        let types = CertificateType.allCases.filter { p.round.certificates[$0.index] != nil }
        self.types = types
        typeSlot = CertificateType.allCases.map { types.firstIndex(of: $0) ?? -1 }
        chaaCount = p.territory.chaaCount
        let territory = p.territory
        var existing = [Int](repeating: 0, count: types.count * chaaCount)
        for (k, type) in types.enumerated() {
            for v in 0..<territory.villageCount {
                existing[k * chaaCount + territory.villageCHAA[v]] += territory.villageFacilities[type.index][v]
            }
        }
        existingFacilities = existing
        var n: [String] = [], counts: [Bool] = []
        func count(_ name: String) { n.append(name); counts.append(true) }
        func real(_ name: String) { n.append(name); counts.append(false) }
        awardsBase = 0
        for t in types {
            let k = t.rawValue
            count("awards.\(k)")
            for tier in AllocationTier.allCases { count("awards.\(k).tier.\(tier.rawValue)") }
            count("awards.\(k).by_lottery")
            for c in p.territory.chaaNames { count("awards.\(k).chaa.\(c)") }
            count("patients.served.\(k)")
            real("patients_per_facility.worst.\(k)")
            real("patients_per_facility.best.\(k)")
            count("chaas.unserved.\(k)")
        }
        perType = types.isEmpty ? 0 : n.count / types.count
        drawsIndex = n.count
        count("lottery.draws")
        applicationsIndex = n.count
        count("applications")
        patientsIndex = n.count
        count("patients")
        statusBase = n.count
        for s in ApplicationStatus.allCases { count("status.\(s.rawValue)") }
        reasonBase = n.count
        for r in EligibilityFailure.reasons + LossReason.reasons { count("reason.\(r)") }
        feesBase = n.count
        for f in ["fees.applications", "fees.refunds", "fees.net"] { real(f) }
        registry = p.scenario.fees.registry
        registryBase = n.count
        if registry != nil {
            for f in ["fees.registry.patient", "fees.registry.reduced", "fees.registry.caregiver", "fees.registry"] { real(f) }
        }
        names = n
        isCount = counts
    }

    /// A replicate's values, all zero, for `record` to fill.
    func emptyValues() -> MetricValues { MetricValues(isCount: isCount) }

    /// Buffers `record` works in, kept by a worker across replicates.
    struct Scratch {
        var facilities: [Int] = []
    }

    /// Fills `values` (one per name; NaN where a metric is not defined)
    /// from one round, whose patients per CHAA (§14302(b)(1)(B)(i)) are
    /// `chaaPatients`: the round's own, not summed again from its villages.
    func record(_ r: RoundResult, apps: [RoundApplication], chaaPatients: [Int], into values: inout MetricValues,
                scratch: inout Scratch) {
        precondition(chaaPatients.count == chaaCount, "patients for every CHAA")
        precondition(values.isCount.count == names.count, "a value for every metric")
        ScratchArray.resize(&scratch.facilities, count: existingFacilities.count, filler: 0)   // copied in below
        var fees = 0.0, refunds = 0.0
        var countList = ScratchArray.take(&values.counts), realList = ScratchArray.take(&values.reals)
        do {   // spans: one uniqueness check per array (see `ScratchArray`)
            var counts = countList.mutableSpan, reals = realList.mutableSpan
            var facilities = scratch.facilities.mutableSpan
            for i in counts.indices { counts[i] = 0 }
            for k in facilities.indices { facilities[k] = existingFacilities[k] }
            // One pass over the applications for every type. Only a type
            // offered in the round (one of `types`) can be awarded.
            for i in r.outcomes.indices {
                counts[statusBase + r.outcomes[i].status.position] += 1
                if let f = r.outcomes[i].failure { counts[reasonBase + f.reasonIndex] += 1 }
                if let l = r.outcomes[i].loss { counts[reasonBase + EligibilityFailure.reasons.count + l.reasonIndex] += 1 }
                fees += r.outcomes[i].feePaid
                refunds += r.outcomes[i].refund
                guard r.outcomes[i].status == .awarded else { continue }
                let k = typeSlot[apps[i].type.index], base = awardsBase + k * perType
                counts[base] += 1
                counts[base + 1 + r.outcomes[i].tier!.position] += 1
                if r.outcomes[i].lottery { counts[base + 5] += 1 }
                counts[base + 6 + apps[i].chaa] += 1
                facilities[k * chaaCount + apps[i].chaa] += 1
            }
            for k in types.indices {
                var served = 0, unserved = 0
                var worst = -Double.infinity, best = Double.infinity
                for c in 0..<chaaCount {
                    let n = facilities[k * chaaCount + c]
                    if n > 0 {
                        served += chaaPatients[c]
                        let ppf = Double(chaaPatients[c]) / Double(n)
                        worst = max(worst, ppf)
                        best = min(best, ppf)
                    } else {
                        unserved += 1
                    }
                }
                let tail = awardsBase + k * perType + 6 + chaaCount
                counts[tail] = served
                reals[tail + 1] = worst.isFinite ? worst : .nan
                reals[tail + 2] = best.isFinite ? best : .nan
                counts[tail + 3] = unserved
            }
            counts[drawsIndex] = r.drawCount
            counts[applicationsIndex] = r.outcomes.count
            counts[patientsIndex] = r.villagePatients.reduce(0, +)
        }
        realList[feesBase] = fees
        realList[feesBase + 1] = refunds
        realList[feesBase + 2] = fees - refunds
        if let registry {
            // Every patient of the replicate holds a card; a share pays the
            // SNAP fee (its expected number, so no random draw is spent).
            let patients = Double(r.villagePatients.reduce(0, +))
            let reduced = patients * registry.snapShare
            let cards = registry.cards
            // A year's revenue: a card valid for several years is paid once for them.
            realList[registryBase] = cards.perYear(cards.patient) * (patients - reduced)
            realList[registryBase + 1] = cards.perYear(cards.reducedPatient) * reduced
            realList[registryBase + 2] = cards.perYear(cards.caregiver) * Double(registry.caregivers)
            realList[registryBase + 3] = realList[registryBase] + realList[registryBase + 1]
                + realList[registryBase + 2]
        }
        (values.counts, values.reals) = (countList, realList)
    }
}

/// One replicate's scalar metrics (SPEC §5), in `BatchLayout.names` order:
/// the whole-number counts (awards, statuses, reasons, patients, ...) as
/// integers, the others (fees, patients per facility) as doubles, NaN
/// where a metric is not defined. Counts are kept apart so that adding a
/// replicate to a batch bumps their histograms directly: as doubles, each
/// was converted back and checked for being whole, some 30 instructions
/// a metric.
struct MetricValues: Sendable {
    /// Which metrics are counts: metric i is `counts[i]` when
    /// `isCount[i]`, else `reals[i]` (the other array's element i is unused).
    let isCount: [Bool]
    var counts: [Int]
    var reals: [Double]

    /// Every metric zero.
    init(isCount: [Bool]) {
        self.isCount = isCount
        counts = Array(repeating: 0, count: isCount.count)
        reals = Array(repeating: 0, count: isCount.count)
    }

    /// Metrics given as doubles, none of them a count.
    init(reals: [Double]) {
        isCount = Array(repeating: false, count: reals.count)
        counts = Array(repeating: 0, count: reals.count)
        self.reals = reals
    }

    var count: Int { isCount.count }

    /// Metric `i` as a double (a count converts exactly).
    subscript(i: Int) -> Double { isCount[i] ? Double(counts[i]) : reals[i] }

    /// Appends every metric, as doubles, to `list`.
    func append(to list: inout [Double]) {
        for i in isCount.indices { list.append(self[i]) }
    }
}
