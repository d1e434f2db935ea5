/// A plant-tag population for a Monte Carlo batch (SPEC §5): patients who
/// grow for themselves and caregivers, each year.
///
/// ```yaml
/// plantTags:
///   feePerSet: 25
///   population:
///     patientGrowers: { poisson: 800 }   # or { fixed: 800 }
///     caregivers: { fixed: 150 }
///     reducedShare: 0.3                  # chance a patient has reduced registration
///     patientsPerCaregiver: [0.55, 0.2, 0.12, 0.08, 0.05]   # P(n = 1..5)
///     sets: limit                        # limit | minimum | uniform
/// ```
public struct PlantTagPopulation: Sendable, Hashable {
    public var patientGrowers: PopulationCount
    public var caregivers: PopulationCount
    public var reducedShare: Double
    /// Weights for a caregiver's number of patients, n = 1, 2, ...
    public var patientsPerCaregiver: [Double]
    public var sets: SetsRequested

    public init(patientGrowers: PopulationCount, caregivers: PopulationCount, reducedShare: Double,
                patientsPerCaregiver: [Double], sets: SetsRequested) {
        self.patientGrowers = patientGrowers
        self.caregivers = caregivers
        self.reducedShare = reducedShare
        self.patientsPerCaregiver = patientsPerCaregiver
        self.sets = sets
    }
}

/// A head count: fixed, or Poisson around a mean.
public enum PopulationCount: Sendable, Hashable {
    case fixed(Int)
    case poisson(Double)
}

/// How many sets a cardholder asks for.
public enum SetsRequested: String, Sendable, Hashable, CaseIterable {
    /// The holder's limit (E.2-E.4).
    case limit
    /// The minimum: one set per patient (D.3-D.4).
    case minimum
    /// Uniform between the minimum and the limit.
    case uniform
}

extension PlantTagPolicy {
    static let fields = ["feePerSet", "patientLimit", "caregiverLimitOnePatient", "caregiverLimitSeveralPatients",
                         "maxPatientsPerCaregiver", "waivedSetsPerReducedPatient", "cooperativeLimit", "population"]

    static func read(_ f: YAMLField) -> PlantTagPolicy? {
        guard let m = f.mapping(allowed: fields) else { return nil }
        var p = PlantTagPolicy()
        var ok = true
        func int(_ key: String, min: Int, max: Int, _ apply: (Int) -> Void) {
            guard let field = m[key] else { return }
            if let v = field.int(min: min, max: max) { apply(v) } else { ok = false }
        }
        if let fee = m["feePerSet"] {
            if let v = fee.double(min: 0, max: Limits.feePerSet) { p.feePerSet = v } else { ok = false }
        }
        int("patientLimit", min: 1, max: Limits.plantSets) { p.patientLimit = $0 }
        int("caregiverLimitOnePatient", min: 1, max: Limits.plantSets) { p.caregiverLimitOnePatient = $0 }
        int("caregiverLimitSeveralPatients", min: 1, max: Limits.plantSets) { p.caregiverLimitSeveralPatients = $0 }
        int("maxPatientsPerCaregiver", min: 1, max: Limits.patientsPerCaregiver) { p.maxPatientsPerCaregiver = $0 }
        int("waivedSetsPerReducedPatient", min: 0, max: Limits.plantSets) { p.waivedSetsPerReducedPatient = $0 }
        // 0 models a program without cooperative cultivations (E.6 allows them).
        int("cooperativeLimit", min: 0, max: Limits.plantSets) { p.cooperativeLimit = $0 }
        if let pop = m["population"] {
            if let v = readPopulation(pop, maxPatients: p.maxPatientsPerCaregiver) { p.population = v } else { ok = false }
        }
        if ok, let pop = p.population, !possible(pop, policy: p, field: f) { ok = false }
        return ok ? p : nil
    }

    /// Whether every request the population can draw is one the rules
    /// allow: a caregiver with n patients needs at least n sets (D.4), so
    /// its limit (E.3-E.4) must be at least n for every n drawn.
    static func possible(_ pop: PlantTagPopulation, policy p: PlantTagPolicy, field f: YAMLField) -> Bool {
        for (k, w) in pop.patientsPerCaregiver.enumerated() where w > 0 {
            let n = min(k + 1, p.maxPatientsPerCaregiver)
            let limit = p.limit(role: .caregiver, patients: n)
            if limit < n {
                let key = n == 1 ? "caregiverLimitOnePatient" : "caregiverLimitSeveralPatients"
                f.problem("\(key) (\(limit)) is below the \(n) patients that population.patientsPerCaregiver gives a "
                          + "caregiver (maxPatientsPerCaregiver \(p.maxPatientsPerCaregiver)); a caregiver needs at least "
                          + "one set per patient (RI §1.12 D.4), so expected \(key) ≥ \(n)")
                return false
            }
        }
        return true
    }

    static func readPopulation(_ f: YAMLField, maxPatients: Int) -> PlantTagPopulation? {
        guard let m = f.mapping(allowed: ["patientGrowers", "caregivers", "reducedShare", "patientsPerCaregiver", "sets"],
                                required: ["patientGrowers", "caregivers", "reducedShare"]) else { return nil }
        let growers = m["patientGrowers"].flatMap(readCount)
        let caregivers = m["caregivers"].flatMap(readCount)
        let share = m["reducedShare"]?.double(min: 0, max: 1)
        let weights = m["patientsPerCaregiver"].map { f -> [Double]? in
            guard let w = ScenarioLoader.readList(f, nonEmpty: true, { $0.double(min: 0, max: Limits.weight) }) else { return nil }
            if w.count > maxPatients || w.reduce(0, +) <= 0 {
                f.fail("1 to \(maxPatients) non-negative weights for n = 1, 2, ... patients, not all zero (RI §1.12 E.4)")
                return nil
            }
            return w
        } ?? [1]
        let sets = m["sets"].map { $0.choice(SetsRequested.self) } ?? .limit
        guard let growers, let caregivers, let share, let weights, let sets else { return nil }
        return PlantTagPopulation(patientGrowers: growers, caregivers: caregivers, reducedShare: share,
                                  patientsPerCaregiver: weights, sets: sets)
    }

    static func readCount(_ f: YAMLField) -> PopulationCount? {
        guard let m = f.mapping(allowed: ["fixed", "poisson"]) else { return nil }
        switch (m["fixed"], m["poisson"]) {
        case (let x?, nil): return x.int(max: Limits.cardholders).map(PopulationCount.fixed)
        case (nil, let x?): return x.double(min: 0, max: Double(Limits.cardholders)).map(PopulationCount.poisson)
        default:
            f.problem("expected exactly one of 'fixed' or 'poisson'")
            return nil
        }
    }
}
