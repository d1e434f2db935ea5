/// A scenario's `program:` section (issue 14): the program over time — the
/// registry of patients, their caregivers under the rules of the
/// scenario's jurisdiction, and a §14302 round each year — simulated month
/// by month from `start` for `years`.
public struct ProgramSpec: Sendable, Hashable {
    public var start: CalendarDate
    public var years: Int
    public var registry = Registry()
    public var caregivers = Caregivers()
    public var rounds: Rounds?

    public init(start: CalendarDate, years: Int) {
        self.start = start
        self.years = years
    }

    /// Patients: those of the scenario's villages at the start, then
    /// arrivals, yearly renewals (§14108(a) validity) and departures.
    public struct Registry: Sendable, Hashable {
        /// New patients a year in the first year (Poisson), spread over the
        /// villages in proportion to their patients.
        public var arrivalsPerYear: Double = 0
        /// New patients a year in the first year in named villages
        /// (Poisson), besides `arrivalsPerYear`.
        public var arrivalsPerVillage: [String: Double] = [:]
        /// Yearly growth of the arrival rate (0.05: 5% more each year).
        public var growth: Double = 0
        /// Chance a patient renews a card when it expires.
        public var renewal: Double = 1
        /// Share of patients on the reduced fee (§14102(b) SNAP; RI reduced registration).
        public var reducedShare: Double = 0
        /// Share of patients without a caregiver who grow their own plant sets
        /// (RI §1.12 D.3), when plant tags are modelled.
        public var growShare: Double = 0
        public init() {}
    }

    /// Caregivers exist only under the scenario's gate; the rules of the
    /// jurisdiction the scenario switches on govern their lifecycle.
    public struct Caregivers: Sendable, Hashable {
        /// Share of patients who would name a caregiver.
        public var share: Double = 0
        /// The jurisdiction rules in force.
        public var rules: Set<CaregiverRule> = []
        /// Connecticut: chance the physician certifies the need for a caregiver.
        public var physicianCertifies: Double = 1
        /// Most patients one caregiver serves (RI E.4's five; VT 3.7: one).
        public var maxPatients: Int = 5
        /// Yearly chance that a patient–caregiver tie ends (the patient stops using the caregiver).
        public var tieEndsPerYear: Double = 0
        /// Chance a new patient's caregiver is one already registered (with
        /// room) rather than a newly registered one.
        public var joinExisting: Double = 0.5
        public init() {}
    }

    /// A §14302 round every year, on its calendar, over that year's registry
    /// and operating facilities.
    public struct Rounds: Sendable, Hashable {
        /// Month and day applications open each year (§14302(a)(1)).
        public var opensMonth: Int = 3
        public var opensDay: Int = 1
        /// Calendar days after the determination that an awardee applies for
        /// its License to Operate (§14304).
        public var licenseAppliedDays: Int = 30
        /// Working days from that application to the License to Operate
        /// (Appendix A's overall time frame for §14304 approval).
        public var licenseWorkingDays: Int = 90
        /// Chance a holder seeks to renew its certificate each year (§14307).
        public var renewal: Double = 1
        public init() {}
    }
}

/// A caregiver rule of one jurisdiction, switched on by a scenario.
public enum CaregiverRule: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Connecticut (seed 000): a caregiver only if the physician certifies the need and the patient names one.
    case connecticutGate = "connecticut-gate"
    /// RI §1.12 F.3.c: a caregiver who used waivers and loses every reduced
    /// patient re-associates, pays the balance, or destroys the plants.
    case rhodeIslandWaiverLoss = "rhode-island-f3c"
    /// VT 3.7(b): a caregiver serving no patient expires 90 days after the cessation (3.1.5).
    case vermontExpiry = "vermont-expiry"
    /// RI §1.12 J.2-J.3: a plant tag certificate goes back within ten
    /// business days of a patient leaving a caregiver (unless another patient
    /// re-associates with it in that time, J.3.e) or of a growing patient
    /// leaving the registry; the plants first (J.1).
    case rhodeIslandReturns = "rhode-island-returns"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var section: String {
        switch self {
        case .connecticutGate: return "Connecticut caregiver registration"
        case .rhodeIslandWaiverLoss: return "RI §1.12 F.3.c"
        case .vermontExpiry: return "VT 3.7(b), 3.1.5"
        case .rhodeIslandReturns: return "RI §1.12 J.1-J.3"
        }
    }
}

extension ProgramSpec {
    /// Why a program of `years` years would simulate too many patients
    /// (the villages' or the generated total, plus the expected arrivals,
    /// over `Limits.programPatients`), or nil.
    public func sizeProblem(_ s: Scenario, years: Int) -> String? {
        var initial = Double(s.geography.chaas.reduce(0) { $0 + $1.villages.reduce(0) { $0 + $1.patients } })
        if case .multinomial(let total)? = s.applications.generate?.patients { initial = Double(total) }
        var arrivals = 0.0, rate = registry.arrivalsPerYear + registry.arrivalsPerVillage.values.reduce(0, +)
        for _ in 0..<years {
            arrivals += rate
            rate *= 1 + registry.growth
        }
        let total = initial + arrivals
        guard total > Limits.programPatients else { return nil }
        return "the program would simulate about \(FixedFormat.compact(total.rounded())) patients (the villages' "
            + "\(FixedFormat.compact(initial)) plus \(FixedFormat.compact(arrivals.rounded())) expected arrivals over \(years) years); "
            + "expected at most \(FixedFormat.compact(Limits.programPatients)): fewer years, arrivals or growth"
    }

    static func read(_ f: YAMLField) -> ProgramSpec? {
        guard let m = f.mapping(allowed: ["start", "years", "registry", "caregivers", "rounds"], required: ["start", "years"]) else {
            return nil
        }
        let start = m["start"]?.date()
        let years = m["years"]?.int(min: 1, max: Limits.programYears)
        guard let start, let years else { return nil }
        var p = ProgramSpec(start: start, years: years)
        var ok = true
        func number(_ m: YAMLMapping, _ key: String, min: Double, max: Double, _ apply: (Double) -> Void) {
            guard let field = m[key] else { return }
            if let v = field.double(min: min, max: max) { apply(v) } else { ok = false }
        }
        func whole(_ m: YAMLMapping, _ key: String, min: Int, max: Int, _ apply: (Int) -> Void) {
            guard let field = m[key] else { return }
            if let v = field.int(min: min, max: max) { apply(v) } else { ok = false }
        }
        if let r = m["registry"] {
            if let rm = r.mapping(allowed: ["arrivalsPerYear", "arrivalsPerVillage", "growth", "renewal", "reducedShare", "growShare"]) {
                number(rm, "arrivalsPerYear", min: 0, max: Limits.programArrivals) { p.registry.arrivalsPerYear = $0 }
                number(rm, "growth", min: -0.5, max: 1) { p.registry.growth = $0 }
                if let per = rm["arrivalsPerVillage"] {
                    if let v = GenerationSpec.readPerVillage(per, { $0.double(min: 0, max: Limits.programArrivals) }) {
                        p.registry.arrivalsPerVillage = v
                    } else { ok = false }
                }
                number(rm, "renewal", min: 0, max: 1) { p.registry.renewal = $0 }
                number(rm, "reducedShare", min: 0, max: 1) { p.registry.reducedShare = $0 }
                number(rm, "growShare", min: 0, max: 1) { p.registry.growShare = $0 }
            } else { ok = false }
        }
        if let c = m["caregivers"] {
            if let cm = c.mapping(allowed: ["share", "rules", "physicianCertifies", "maxPatients", "tieEndsPerYear", "joinExisting"]) {
                number(cm, "share", min: 0, max: 1) { p.caregivers.share = $0 }
                number(cm, "physicianCertifies", min: 0, max: 1) { p.caregivers.physicianCertifies = $0 }
                whole(cm, "maxPatients", min: 1, max: Limits.patientsPerCaregiver) { p.caregivers.maxPatients = $0 }
                number(cm, "tieEndsPerYear", min: 0, max: 1) { p.caregivers.tieEndsPerYear = $0 }
                number(cm, "joinExisting", min: 0, max: 1) { p.caregivers.joinExisting = $0 }
                if let rules = cm["rules"] {
                    if let list = rules.list() {
                        for item in list {
                            if let rule = item.choice(CaregiverRule.self) { p.caregivers.rules.insert(rule) } else { ok = false }
                        }
                    } else { ok = false }
                }
            } else { ok = false }
        }
        if let r = m["rounds"] {
            if let rm = r.mapping(allowed: ["opens", "licenseAppliedDays", "licenseWorkingDays", "renewal"]) {
                var rounds = Rounds()
                if let opens = rm["opens"] {
                    let parts = opens.scalarText?.split(separator: "-").compactMap { Int($0) } ?? []
                    if parts.count == 2, CalendarDate(year: 2001, month: parts[0], day: parts[1]) != nil {
                        rounds.opensMonth = parts[0]
                        rounds.opensDay = parts[1]
                    } else {
                        opens.fail("a month and day MM-DD (not February 29)")
                        ok = false
                    }
                }
                whole(rm, "licenseAppliedDays", min: 0, max: 3650) { rounds.licenseAppliedDays = $0 }
                whole(rm, "licenseWorkingDays", min: 0, max: 3650) { rounds.licenseWorkingDays = $0 }
                number(rm, "renewal", min: 0, max: 1) { rounds.renewal = $0 }
                p.rounds = rounds
            } else { ok = false }
        }
        return ok ? p : nil
    }
}
