/// The issues of the state-by-state scorecard (seed 004, tidied into
/// `Scenarios/data/scorecard.csv`) that a scenario states or a simulation
/// measures, each with the rubric that turns the scenario's figure into
/// points.
///
/// A rubric is not the scorecard's own: the scorecard scored provision
/// texts by judgement. Each line here is read off its provisions and points
/// side by side (the jurisdictions in `evidence`), and `exceptions` names
/// the jurisdictions whose points the lines do not reproduce. The other 36
/// issues (arrest protection, custody, DUI, …) are about laws a simulation
/// of licensing rounds and fees cannot see; `ScorecardIssue.unscored` lists
/// them.
public enum ScorecardIssue: String, CaseIterable, Sendable {
    case fees
    case hardship
    case caregivers
    case multiYear
    case cultivation
    case collectiveGardens
    case cultivationAccess
    case dispensaries
    case dispensaryAccess
    case zoning

    /// The issue's name in `scorecard.csv`.
    public var seedName: String {
        switch self {
        case .fees: return "Reasonable Fees (Patients & Caregivers)"
        case .hardship: return "Financial Hardship Program (Fee Waivers/Discounted Medicine)"
        case .caregivers: return "Number of Caregivers"
        case .multiYear: return "Allows Multiple-Year Registrations"
        case .cultivation: return "Personal Cultivation"
        case .collectiveGardens: return "Collective Gardens"
        case .cultivationAccess: return "Patients currently able to access medicine through patient/caregiver cultivation"
        case .dispensaries: return "Allows for a Reasonable Number of Dispensaries"
        case .dispensaryAccess: return "Patients currently able or on track to access medicine through dispensaries"
        case .zoning: return "Municipal Bans/Zoning"
        }
    }

    public var maxPoints: Int {
        switch self {
        case .fees: return 15
        case .hardship: return 10
        case .caregivers, .multiYear: return 5
        case .cultivation: return 25
        case .collectiveGardens: return 10
        case .cultivationAccess, .dispensaryAccess: return 20
        case .dispensaries: return 3
        case .zoning: return 1
        }
    }

    /// Whether the figure changes from replicate to replicate (it depends
    /// on the round's awards or eligibility).
    public var isRandom: Bool { [.dispensaries, .dispensaryAccess, .zoning].contains(self) }

    /// The scenario's figure, in words, with the rule or field it comes from.
    public var figure: String {
        switch self {
        case .fees:
            return "The most a cardholder pays a year to register: the patient's or the caregiver's card "
                + "(§14102(a)(4), or `fees.registry.cards`) over its validity, plus one plant set's fee "
                + "(RI §1.12 F.1; a grower holds at least one, D.3) when plant tags are modelled"
        case .hardship:
            return "What a low-income patient pays a year: the reduced card (§14102(b)) over its validity; "
                + "a reduced-registration patient's plant sets are waived (RI §1.12 F.2)"
        case .caregivers: return "Patients one caregiver may serve (`plantTags.maxPatientsPerCaregiver`, RI §1.12 E.4)"
        case .multiYear: return "Years a registry card is valid (§14108(a): one; `fees.registry.cards.yearsValid`)"
        case .cultivation: return "Plant sets a patient may grow (`plantTags.patientLimit`, RI §1.12 E.2)"
        case .collectiveGardens: return "Plant sets a cooperative cultivation may hold (`plantTags.cooperativeLimit`, RI §1.12 E.6.a)"
        case .cultivationAccess: return "Plant sets a patient may grow (`plantTags.patientLimit`): tags issued means access today"
        case .dispensaries: return "Dispensaries after the round (registered plus awarded, §14302) per CHAA"
        case .dispensaryAccess: return "Share of patients living in a CHAA with a dispensary after the round (registered or awarded)"
        case .zoning: return "Share of applications ruled out by a school, bus-stop or facility buffer (§14103(i), §14321)"
        }
    }

    /// The rubric, first matching line wins.
    public var lines: [RubricLine] {
        switch self {
        case .fees:
            return [RubricLine("at most $50 a year", 15, "AK $25, CO $15, CT $25, HI $25, VT $50") { $0 <= 50 },
                    RubricLine("at most $100 a year", 12,
                               "CA $66, DC $100, MI $100, MT $75, NJ $200 for two years, RI $200 for two years (caregivers)") { $0 <= 100 },
                    RubricLine("more than $100 a year", 9, "AZ $150, DE $125, IL $150, MN $200", figure: { _ in true })]
        case .hardship:
            return [RubricLine("a reduced fee or waiver leaving at most $60 a year", 10,
                               "CA $33, DC $25, MI $25, MN $50, NJ $20, OR $60, WA no fee", figure: { $0.reduction && $0.value <= 60 }),
                    RubricLine("a reduced fee above $60 a year", 8, "AZ $75 instead of $150", figure: { $0.reduction }),
                    RubricLine("no reduction, but a full fee of at most $50 a year", 8, "CT $25, NV, VT $50, ME $0", figure: { $0.full <= 50 }),
                    RubricLine("no reduction, but a full fee of at most $75 a year", 7, "MT $75", figure: { $0.full <= 75 }),
                    RubricLine("no reduction", 0, "MD, IA, FL, TN, MO, SC", figure: { _ in true })]
        case .caregivers:
            return [RubricLine("5 or more patients per caregiver", 5, "AZ, CO, DE, ME, NH, RI 5") { $0 >= 5 },
                    RubricLine("1 to 4 patients per caregiver", 4, "AK, DC, IL, VT, WA 1; MT") { $0 >= 1 },
                    RubricLine("no caregivers", 0, "KY, WI, TN", figure: { _ in true })]
        case .multiYear:
            return [RubricLine("cards valid 2 years or more", 5, "MI, NJ, RI") { $0 >= 2 },
                    RubricLine("cards valid 1 year", 0, "AK, AZ, CO, CT, DC, IL, VT", figure: { _ in true })]
        case .cultivation:
            return [RubricLine("patients may grow", 25, "AK 6 plants, CO 6, RI 12, VT, WA 15") { $0 >= 1 },
                    RubricLine("no personal cultivation", 0, "CT, DC, DE, IL, NJ", figure: { _ in true })]
        case .collectiveGardens:
            return [RubricLine("cooperatives of 45 sets or more", 10, "WA collective gardens of 45 plants, CA") { $0 >= 45 },
                    RubricLine("smaller cooperatives", 8, "CO, MI, OR shared grows") { $0 >= 1 },
                    RubricLine("no cooperatives", 0, "AK, AZ, RI, VT (before RI's cooperative cultivations)", figure: { _ in true })]
        case .cultivationAccess:
            return [RubricLine("plant tags issued: patients grow today", 20, "AK, CA, RI, VT \"Yes\"") { $0 >= 1 },
                    RubricLine("no patient cultivation", 0, "CT, DC, IL, NJ", figure: { _ in true })]
        case .dispensaries:
            return [RubricLine("as many dispensaries as CHAAs, or more", 3, "AZ one per CHAA, MA 35, NV per county", figure: { $0.value >= $0.full }),
                    RubricLine("3 or more, fewer than the CHAAs", 2, "DC 5 to 8, VT 4, NJ 6, IL 60 for a larger state") { $0.value >= 3 },
                    RubricLine("1 or 2 in all", 1, "MO \"only two in the state\", FL") { $0.value >= 1 },
                    RubricLine("none", 0, "AK, HI, MT, WA", figure: { _ in true })]
        case .dispensaryAccess:
            return [RubricLine("at least 95% of patients", 20, "AZ, CA, CO, NJ, NM, RI, VT \"Yes\"") { $0 >= 0.95 },
                    RubricLine("at least half of patients", 18, "WA \"in local jurisdictions that … permit\" them") { $0 >= 0.5 },
                    RubricLine("some patients", 14, "MI \"some dispensaries remain open in local jurisdictions\"") { $0 > 0 },
                    RubricLine("no patient", 0, "AK, MT", figure: { _ in true })]
        case .zoning:
            return [RubricLine("buffers rule out fewer than half the applications", 1,
                               "AZ zoning statement, MN \"1,000 feet from schools, no local bans\"") { $0 < 0.5 },
                    RubricLine("buffers rule out half the applications or more: a ban in effect", 0, "HI, NM, NC", figure: { _ in true })]
        }
    }

    /// Jurisdictions whose points the rubric does not reproduce, and why.
    public var exceptions: String {
        switch self {
        case .fees: return "ME 14 (patients $0, caregivers $300), OR 12 and NY 12 (judged on their reductions), NC 12; "
            + "states with no fee set yet got a placeholder 10"
        case .hardship: return "CO 9 and HI 9 (low fees), AK 0 at $25; FL (A2) 10"
        case .caregivers: return "CT, HI, NV 3 (a patient limited to one caregiver, which a scenario does not state); "
            + "parents-only programs 1; MD 4 with five patients"
        case .multiYear: return "CA and WA 4, programs without registration 1"
        case .cultivation: return "AZ 15 and MA 15 (cultivation only far from a dispensary or by hardship license)"
        case .collectiveGardens: return "HI, ME, MT, NM 6 (no collective garden, other shared grows)"
        case .cultivationAccess: return "AZ 15 and MA 15 (restricted), MD 12"
        case .dispensaries: return "RI 2 with a single compassion center; CO, CA 3 without a cap, which a round of K certificates cannot be"
        case .dispensaryAccess: return "programs \"on track\" (dispensaries licensed, not yet open) got 12 to 15: "
            + "a round's award counts here as access, as the simulation does not follow a facility to opening"
        case .zoning: return "CT, ME, NH, RI 1 with \"No\" (no local bans); AK 0 (no dispensaries)"
        }
    }

    /// The seed's issues a scenario cannot speak to.
    public static let unscored = [
        "Arrest", "Affirmative Defense", "Child Custody Protections", "DUI Protections", "Employment Protections",
        "Explicit Privacy Standards", "Housing Protections", "Does Not Create New Criminal Penalties for Patients",
        "Organ Transplants", "Reciprocity", "Scheduling", "Dispensaries and other Consumer Safety & Provider Requirements*",
        "Explicit Right to Edibles/Concentrates/Other Forms", "Does Not Impose Limits or Bans on THC",
        "Does Not Impose Minimum CBD Requirements", "Allows Access to Dried Flowers", "Comprehensive Qualifying Conditions",
        "Adding New Conditions", "Reasonable Access For Minors", "Reasonable Caregiver Background Check Requirements",
        "Patient/Practitioner Focused Task Force/Advisory Board", "Reasonable Physician Requirements",
        "Free of significant administrative or medicine supply problems",
        "Patients can receive legal protections within reasonable timeframe of doctor's recommendation",
        "Reasonable Possession Limit (ounces)", "Reasonable Purchase Limits", "Allows Patients to Medicate Where They Chose",
        "Mandatory Testing and Labeling Requirements", "Training", "Product Safety Protocols",
        "Ownership/Employment Restrictions", "Does Not Require Verticle Integration", "Provisions for Labor Standards",
        "Environmental Impact Regulations", "Choice of Dispensary Without Restrictions", "No sales tax or reasonable sales tax",
    ]

    /// The first rubric line `figure` meets.
    public func score(_ figure: RubricFigure) -> (points: Int, line: Int) {
        let all = lines
        let i = all.firstIndex { $0.applies(figure) } ?? all.count - 1
        return (all[i].points, i)
    }
}

/// What a rubric line is tested on: the figure, and for the two issues
/// that need a second number, the full fee (hardship) or the CHAAs
/// (dispensaries).
public struct RubricFigure: Sendable, Hashable {
    public var value: Double
    public var full: Double = 0
    /// Hardship: the reduced fee is below the full one.
    public var reduction: Bool { value < full }

    public init(_ value: Double, full: Double = 0) {
        self.value = value
        self.full = full
    }
}

/// One line of a rubric: a condition, its points and the scorecard's
/// jurisdictions it was read from.
public struct RubricLine: Sendable {
    public let condition: String
    public let points: Int
    public let evidence: String
    let applies: @Sendable (RubricFigure) -> Bool

    init(_ condition: String, _ points: Int, _ evidence: String, figure: @escaping @Sendable (RubricFigure) -> Bool) {
        self.condition = condition
        self.points = points
        self.evidence = evidence
        self.applies = figure
    }

    init(_ condition: String, _ points: Int, _ evidence: String, _ value: @escaping @Sendable (Double) -> Bool) {
        self.init(condition, points, evidence, figure: { value($0.value) })
    }
}
