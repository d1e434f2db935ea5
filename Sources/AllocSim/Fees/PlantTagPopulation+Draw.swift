extension PlantTagPopulation {
    /// The plant-tag metrics of `fees.csv`, one value each per replicate.
    public static let metricNames = [
        "plant.certificates.patient", "plant.certificates.caregiver", "plant.patients.reduced",
        "plant.sets", "plant.sets.paid", "plant.sets.waived", "plant.fees", "plant.forgone",
    ]

    /// Draws one year's cardholders and sums their certificates' fees under
    /// `policy` (RI §1.12 E-F). Each patient is reduced-registration with
    /// probability `reducedShare`; a caregiver's patient count n is drawn
    /// from `patientsPerCaregiver`, and r of its n patients are reduced
    /// (binomial); sets follow `sets`.
    func draw(policy: PlantTagPolicy, rng: RandomStream, into values: inout [Double]) {
        for i in values.indices { values[i] = 0 }
        func count(_ c: PopulationCount) -> Int {
            switch c {
            case .fixed(let n): return n
            case .poisson(let mu): return rng.poisson(mu)
            }
        }
        func sets(min lo: Int, limit hi: Int) -> Int {
            switch self.sets {
            case .limit: return hi
            case .minimum: return lo
            case .uniform: return lo + rng.uniformIndex(hi - lo + 1)
            }
        }
        func add(_ r: PlantSetRequest) {
            // Requests are built within the rules, so the engine accepts them.
            guard let f = try? policy.fee(for: r) else { return }
            values[3] += Double(r.sets)
            values[4] += Double(f.paidSets)
            values[5] += Double(f.waivedSets)
            values[6] += f.fee
            values[7] += f.forgone
        }
        let growers = count(patientGrowers)
        for _ in 0..<growers {
            let reduced = rng.bernoulli(reducedShare)
            if reduced { values[2] += 1 }
            add(PlantSetRequest(role: .patient, fullPatients: reduced ? 0 : 1, reducedPatients: reduced ? 1 : 0,
                                sets: sets(min: 1, limit: policy.limit(role: .patient, patients: 1))))
        }
        let total = patientsPerCaregiver.reduce(0, +)
        let carers = count(caregivers)
        for _ in 0..<carers {
            var u = rng.uniform() * total
            var n = patientsPerCaregiver.count
            for (k, w) in patientsPerCaregiver.enumerated() {
                if u < w { n = k + 1; break }
                u -= w
            }
            n = min(n, policy.maxPatientsPerCaregiver)
            let r = rng.binomial(p: reducedShare, n: n)
            values[2] += Double(r)
            add(PlantSetRequest(role: .caregiver, fullPatients: n - r, reducedPatients: r,
                                sets: sets(min: n, limit: policy.limit(role: .caregiver, patients: n))))
        }
        values[0] = Double(growers)
        values[1] = Double(carers)
    }
}
