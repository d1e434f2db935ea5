/// Registry identification card fees of Guam 25 GAR §14102(a)(4) and (b).
public struct RegistryCardFees: Sendable, Hashable {
    /// §14102(a)(4): qualifying patient card.
    public var patient: Double = 150
    /// §14102(b): reduced fee for a patient on SNAP.
    public var reducedPatient: Double = 75
    /// §14102(a)(4): designated caregiver card.
    public var caregiver: Double = 200
    /// §14108(a): a card is valid for one year after issuance; a scenario
    /// of another jurisdiction may state longer (Rhode Island's cards are
    /// biennial, §21-28.6-5(b) as the scorecard seed cites it).
    public var yearsValid: Int = 1

    public init(patient: Double = 150, reducedPatient: Double = 75, caregiver: Double = 200, yearsValid: Int = 1) {
        self.patient = patient
        self.reducedPatient = reducedPatient
        self.caregiver = caregiver
        self.yearsValid = yearsValid
    }

    /// What a cardholder pays per year: a card's fee spread over its validity.
    public func perYear(_ fee: Double) -> Double { fee / Double(yearsValid) }

    /// Card revenue for a population of cardholders.
    public func revenue(fullPatients: Int, reducedPatients: Int, caregivers: Int) -> Double {
        patient * Double(fullPatients) + reducedPatient * Double(reducedPatients) + caregiver * Double(caregivers)
    }
}
