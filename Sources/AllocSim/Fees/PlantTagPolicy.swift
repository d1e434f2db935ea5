/// Rhode Island plant tag certificate parameters (RI §1.12 E-F), each
/// defaulting to the rule's value, so a planner can ask "what if the fee
/// were $50 and the waiver cap 6?".
public struct PlantTagPolicy: Sendable, Hashable {
    /// F.1: annual fee per plant set (one mature and one immature plant, E.1).
    public var feePerSet: Double = 25
    /// E.2: sets a patient cardholder may hold.
    public var patientLimit: Int = 12
    /// E.3: sets a caregiver connected with one patient may hold.
    public var caregiverLimitOnePatient: Int = 12
    /// E.4: sets a caregiver connected with two to five patients may hold.
    public var caregiverLimitSeveralPatients: Int = 24
    /// E.4: most patients a caregiver may be connected with.
    public var maxPatientsPerCaregiver: Int = 5
    /// F.3.b: most fee-waived sets per reduced-registration patient.
    public var waivedSetsPerReducedPatient: Int = 12
    /// E.5: most sets at one dwelling or commercial unit, whoever grows there.
    public var dwellingUnitLimit: Int = 24
    /// E.6.a: most sets a cooperative cultivation may hold.
    public var cooperativeLimit: Int = 48
    /// F.3.c and J: business days allowed to act (the rule's ten; a
    /// library parameter, not a scenario field).
    public var actionBusinessDays: Int = 10
    /// The cardholders to draw in a Monte Carlo batch (SPEC §5), if any.
    public var population: PlantTagPopulation?

    public init() {}
}

/// Who holds a plant tag certificate.
public enum PlantTagRole: String, Sendable, CaseIterable {
    case patient
    case caregiver
}

/// A request for one plant tag certificate: the holder's role, how many
/// full- and reduced-registration patients it covers (a patient covers
/// only itself) and the sets asked for.
public struct PlantSetRequest: Sendable, Hashable {
    public var role: PlantTagRole
    public var fullPatients: Int
    public var reducedPatients: Int
    public var sets: Int

    public init(role: PlantTagRole, fullPatients: Int, reducedPatients: Int, sets: Int) {
        self.role = role
        self.fullPatients = fullPatients
        self.reducedPatients = reducedPatients
        self.sets = sets
    }

    /// Connected patients (n = f + r).
    public var patients: Int { fullPatients + reducedPatients }
}

/// Which paragraph of F decided the fee.
public enum WaiverCase: String, Sendable {
    /// F.1: a full-registration patient pays every set.
    case fullPatient = "F.1 full-registration patient"
    /// F.2: a reduced-registration patient's fee is waived.
    case reducedPatient = "F.2 reduced-registration patient"
    /// F.1: a caregiver with full-registration patients only pays every set.
    case caregiverFullOnly = "F.1 caregiver, full-registration patients only"
    /// F.3.a: a caregiver for reduced-registration patients only: waived entirely.
    case caregiverReducedOnly = "F.3.a caregiver, reduced-registration patients only"
    /// F.3.b: a caregiver for both kinds.
    case caregiverMixed = "F.3.b caregiver, full- and reduced-registration patients"
}

/// One certificate's fee.
public struct PlantSetFee: Sendable, Hashable {
    /// The most sets the holder may hold (E.2-E.4).
    public var limit: Int
    public var paidSets: Int
    public var waivedSets: Int
    /// feePerSet × paid sets.
    public var fee: Double
    /// feePerSet × waived sets: the revenue a waiver forgoes.
    public var forgone: Double
    public var waiverCase: WaiverCase
}

/// An impossible plant-set request, naming the rule it breaks. Nothing is
/// ever clamped.
public enum PlantTagError: Error, Sendable, Hashable, CustomStringConvertible {
    case negativeCount(field: String, value: Int)
    case patientRegistration(full: Int, reduced: Int)
    case caregiverPatients(n: Int, max: Int)
    case tooFewSets(sets: Int, minimum: Int, rule: String)
    case tooManySets(sets: Int, limit: Int, rule: String)
    /// F.3.c applies only to a caregiver whose certificate waived sets for
    /// reduced-registration patients.
    case noWaiverToLose
    case fullPatientsLeft(left: Int, full: Int)

    public var description: String {
        switch self {
        case .negativeCount(let field, let value):
            return "\(field) is \(value); expected a count ≥ 0"
        case .patientRegistration(let full, let reduced):
            return "a patient holds exactly one registration, full or reduced (RI §1.12 F.1-F.2): "
                + "expected --full 1 --reduced 0 or --full 0 --reduced 1, found --full \(full) --reduced \(reduced)"
        case .caregiverPatients(let n, let max):
            return "a caregiver is connected with 1 to \(max) patients (RI §1.12 E.3-E.4); found \(n)"
        case .tooFewSets(let sets, let minimum, let rule):
            return "\(sets) sets is below the minimum of \(minimum) (\(rule))"
        case .tooManySets(let sets, let limit, let rule):
            return "\(sets) sets is over the limit of \(limit) (\(rule))"
        case .noWaiverToLose:
            return "RI §1.12 F.3.c applies to a caregiver with reduced-registration patients whose sets were "
                + "waived; expected --role caregiver with --reduced ≥ 1 and some waived sets"
        case .fullPatientsLeft(let left, let full):
            return "\(left) full-registration patients left is not between 0 and the \(full) the caregiver had (RI §1.12 F.3.c)"
        }
    }
}
