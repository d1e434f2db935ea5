/// Registry identification card fees of Guam 25 GAR §14102(a)(4) and (b).
public struct RegistryCardFees: Sendable, Hashable {
    /// §14102(a)(4): qualifying patient card.
    public var patient: Double = 150
    /// §14102(b): reduced fee for a patient on SNAP.
    public var reducedPatient: Double = 75
    /// §14102(a)(4): designated caregiver card.
    public var caregiver: Double = 200

    public init(patient: Double = 150, reducedPatient: Double = 75, caregiver: Double = 200) {
        self.patient = patient
        self.reducedPatient = reducedPatient
        self.caregiver = caregiver
    }

    /// Card revenue for a population of cardholders.
    public func revenue(fullPatients: Int, reducedPatients: Int, caregivers: Int) -> Double {
        patient * Double(fullPatients) + reducedPatient * Double(reducedPatients) + caregiver * Double(caregivers)
    }
}
