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
        var n: [String] = []
        awardsBase = 0
        for t in types {
            let k = t.rawValue
            n.append("awards.\(k)")
            for tier in AllocationTier.allCases { n.append("awards.\(k).tier.\(tier.rawValue)") }
            n.append("awards.\(k).by_lottery")
            for c in p.territory.chaaNames { n.append("awards.\(k).chaa.\(c)") }
            n.append("patients.served.\(k)")
            n.append("patients_per_facility.worst.\(k)")
            n.append("patients_per_facility.best.\(k)")
            n.append("chaas.unserved.\(k)")
        }
        perType = types.isEmpty ? 0 : n.count / types.count
        drawsIndex = n.count
        n.append("lottery.draws")
        applicationsIndex = n.count
        n.append("applications")
        patientsIndex = n.count
        n.append("patients")
        statusBase = n.count
        for s in ApplicationStatus.allCases { n.append("status.\(s.rawValue)") }
        reasonBase = n.count
        for r in EligibilityFailure.reasons + LossReason.reasons { n.append("reason.\(r)") }
        feesBase = n.count
        n += ["fees.applications", "fees.refunds", "fees.net"]
        registry = p.scenario.fees.registry
        registryBase = n.count
        if registry != nil {
            n += ["fees.registry.patient", "fees.registry.reduced", "fees.registry.caregiver", "fees.registry"]
        }
        names = n
    }

    /// Buffers `record` works in, kept by a worker across replicates.
    struct Scratch {
        var facilities: [Int] = []
    }

    /// Fills `values` (one per name; NaN where a metric is not defined)
    /// from one round, whose patients per CHAA (§14302(b)(1)(B)(i)) are
    /// `chaaPatients`: the round's own, not summed again from its villages.
    func record(_ r: RoundResult, apps: [RoundApplication], chaaPatients: [Int], into values: inout [Double],
                scratch: inout Scratch) {
        precondition(chaaPatients.count == chaaCount, "patients for every CHAA")
        ScratchArray.resize(&scratch.facilities, count: existingFacilities.count, filler: 0)   // copied in below
        var fees = 0.0, refunds = 0.0
        do {   // spans: one uniqueness check per array (see `ScratchArray`)
            var values = values.mutableSpan, facilities = scratch.facilities.mutableSpan
            for i in values.indices { values[i] = 0 }
            for k in facilities.indices { facilities[k] = existingFacilities[k] }
            // One pass over the applications for every type. Only a type
            // offered in the round (one of `types`) can be awarded.
            for i in r.outcomes.indices {
                values[statusBase + r.outcomes[i].status.position] += 1
                if let f = r.outcomes[i].failure { values[reasonBase + f.reasonIndex] += 1 }
                if let l = r.outcomes[i].loss { values[reasonBase + EligibilityFailure.reasons.count + l.reasonIndex] += 1 }
                fees += r.outcomes[i].feePaid
                refunds += r.outcomes[i].refund
                guard r.outcomes[i].status == .awarded else { continue }
                let k = typeSlot[apps[i].type.index], base = awardsBase + k * perType
                values[base] += 1
                values[base + 1 + r.outcomes[i].tier!.position] += 1
                if r.outcomes[i].lottery { values[base + 5] += 1 }
                values[base + 6 + apps[i].chaa] += 1
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
                values[tail] = Double(served)
                values[tail + 1] = worst.isFinite ? worst : .nan
                values[tail + 2] = best.isFinite ? best : .nan
                values[tail + 3] = Double(unserved)
            }
            values[drawsIndex] = Double(r.drawCount)
            values[applicationsIndex] = Double(r.outcomes.count)
            values[patientsIndex] = Double(r.villagePatients.reduce(0, +))
        }
        values[feesBase] = fees
        values[feesBase + 1] = refunds
        values[feesBase + 2] = fees - refunds
        if let registry {
            // Every patient of the replicate holds a card; a share pays the
            // SNAP fee (its expected number, so no random draw is spent).
            let patients = Double(r.villagePatients.reduce(0, +))
            let reduced = patients * registry.snapShare
            let cards = registry.cards
            // A year's revenue: a card valid for several years is paid once for them.
            values[registryBase] = cards.perYear(cards.patient) * (patients - reduced)
            values[registryBase + 1] = cards.perYear(cards.reducedPatient) * reduced
            values[registryBase + 2] = cards.perYear(cards.caregiver) * Double(registry.caregivers)
            values[registryBase + 3] = values[registryBase] + values[registryBase + 1] + values[registryBase + 2]
        }
    }
}
