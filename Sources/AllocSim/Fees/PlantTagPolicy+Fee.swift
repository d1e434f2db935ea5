extension PlantTagPolicy {
    /// The most sets a holder may have: 12 for a patient (E.2) or a
    /// caregiver with one patient (E.3), 24 for a caregiver with two to
    /// five (E.4).
    public func limit(role: PlantTagRole, patients: Int) -> Int {
        switch role {
        case .patient: return patientLimit
        case .caregiver: return patients <= 1 ? caregiverLimitOnePatient : caregiverLimitSeveralPatients
        }
    }

    /// One certificate's fee under RI §1.12 F.
    ///
    /// With r reduced and f full patients and S sets: r = 0 pays every set
    /// (F.1); f = 0 is waived entirely (F.2, F.3.a); otherwise at least one
    /// paid set per full patient and at most `waivedSetsPerReducedPatient`
    /// waived sets per reduced patient (F.3.b):
    /// waived = min(S − f, 12·r), paid = S − waived.
    ///
    /// Invalid requests throw and name the rule (D.3-D.4, E.2-E.4).
    public func fee(for r: PlantSetRequest) throws(PlantTagError) -> PlantSetFee {
        if r.fullPatients < 0 { throw .negativeCount(field: "full-registration patients", value: r.fullPatients) }
        if r.reducedPatients < 0 { throw .negativeCount(field: "reduced-registration patients", value: r.reducedPatients) }
        if r.sets < 0 { throw .negativeCount(field: "sets", value: r.sets) }
        let n = r.patients
        let limit: Int
        let minimum: Int
        switch r.role {
        case .patient:
            guard n == 1 else { throw .patientRegistration(full: r.fullPatients, reduced: r.reducedPatients) }
            limit = self.limit(role: .patient, patients: 1)
            minimum = 1
            if r.sets < minimum { throw .tooFewSets(sets: r.sets, minimum: 1, rule: "RI §1.12 D.3: at least one set") }
            if r.sets > limit { throw .tooManySets(sets: r.sets, limit: limit, rule: "RI §1.12 E.2: a patient's limit") }
        case .caregiver:
            guard (1...maxPatientsPerCaregiver).contains(n) else {
                throw .caregiverPatients(n: n, max: maxPatientsPerCaregiver)
            }
            limit = self.limit(role: .caregiver, patients: n)
            minimum = n
            if r.sets < minimum {
                throw .tooFewSets(sets: r.sets, minimum: n, rule: "RI §1.12 D.4: at least one set per connected patient")
            }
            if r.sets > limit {
                let rule = n == 1 ? "RI §1.12 E.3: a caregiver with one patient" : "RI §1.12 E.4: a caregiver with 2 to 5 patients"
                throw .tooManySets(sets: r.sets, limit: limit, rule: rule)
            }
        }
        let waived: Int
        let which: WaiverCase
        switch (r.role, r.fullPatients, r.reducedPatients) {
        case (.patient, 1, _): waived = 0; which = .fullPatient
        case (.patient, _, _): waived = r.sets; which = .reducedPatient
        case (.caregiver, _, 0): waived = 0; which = .caregiverFullOnly
        case (.caregiver, 0, _): waived = r.sets; which = .caregiverReducedOnly
        case (.caregiver, let f, let red):
            waived = min(r.sets - f, waivedSetsPerReducedPatient * red)
            which = .caregiverMixed
        }
        let paid = r.sets - waived
        return PlantSetFee(limit: limit, paidSets: paid, waivedSets: waived,
                           fee: feePerSet * Double(paid), forgone: feePerSet * Double(waived), waiverCase: which)
    }

    /// F.3.c(2): what a caregiver who used waivers owes on losing every
    /// reduced-registration patient — the balance that would have been paid
    /// had the sets been obtained with no reduced-registration patients,
    /// i.e. feePerSet × the sets that were waived.
    public func balanceDue(afterLosingReducedPatients fee: PlantSetFee) -> Double {
        feePerSet * Double(fee.waivedSets)
    }
}
