/// What F.3.c(2)-(3) leaves a caregiver who lost every reduced patient.
public enum WaiverLoss: Sendable, Hashable {
    /// F.3.c(2): register the full patients left and pay the balance; sets
    /// above the new limit must go.
    case payBalance(balance: Double, limit: Int, setsKept: Int, setsToRemove: Int)
    /// F.3.c(3): no patient left: destroy the plants and return the certificate.
    case destroyAndReturn(sets: Int)
}

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

    /// RI §1.12 F.3.c: a caregiver who used waivers (the certificate of
    /// `request`) loses every reduced-registration patient, with
    /// `fullPatientsLeft` (f′) full patients still connected.
    ///
    /// The balance is what would have been paid with no reduced patients,
    /// after the loss: the certificate's limit becomes that of f′ patients
    /// (E.3/E.4), sets above it must go, and the balance is
    /// feePerSet × min(S, limit(f′)) − the fee already paid (F.3.c(2)).
    /// With f′ = 0 there is nobody to register: the plants are destroyed and
    /// the certificate returned (F.3.c(3)).
    public func afterLosingReducedPatients(_ request: PlantSetRequest, fullPatientsLeft: Int) throws(PlantTagError)
        -> WaiverLoss {
        let before = try fee(for: request)
        guard request.role == .caregiver, request.reducedPatients > 0, before.waivedSets > 0 else {
            throw .noWaiverToLose
        }
        guard (0...request.fullPatients).contains(fullPatientsLeft) else {
            throw .fullPatientsLeft(left: fullPatientsLeft, full: request.fullPatients)
        }
        if fullPatientsLeft == 0 { return .destroyAndReturn(sets: request.sets) }
        let limit = self.limit(role: .caregiver, patients: fullPatientsLeft)
        let kept = min(request.sets, limit)
        let balance = max(0, feePerSet * Double(kept) - before.fee)
        return .payBalance(balance: balance, limit: limit, setsKept: kept, setsToRemove: request.sets - kept)
    }
}
