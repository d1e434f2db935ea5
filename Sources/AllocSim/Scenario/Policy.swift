/// The policy options of a round, each a reading of the rule text with its
/// default (SPEC §2-§3); `Readings` turns them into the answers the rule
/// code asks for, and reports list them with their sections.
public struct Policy: Sendable, Hashable {
    /// §14103(i)(2), §14321(a), §14322(a)(1): no site within this many feet
    /// of a school. 0 disables the check.
    public var schoolBufferFeet: Double = 1000
    /// §14322(a)(1): no site within this many feet of a school bus stop.
    public var busStopBufferFeet: Double = 250
    /// §14322(a)(1): whether the school and bus-stop distances deny alone
    /// or only together.
    public var busStopRule: BusStopRule = .either
    /// §14103(i)(3): the Department reviews registered facilities within
    /// this many feet.
    public var facilityBufferFeet: Double = 1000
    /// §14103(i)(3): what a registered facility within the buffer does.
    public var facilityBufferEffect: FacilityBufferEffect = .review
    /// §14303(g)-(h).
    public var applicantLimits = ApplicantLimits()
    /// Which villages go first in tier (b)(1) when certificates run short.
    public var villageOrder: VillageOrder = .chaaPatients
    /// §14302(b)(1): which facilities make a village served.
    public var servedVillage: ServedVillage = .sameType
    /// §14302(b)(2)(A): whether CHAAs are visited once or in rounds.
    public var chaaTier: CHAATier = .onceEach
    /// How tier (b)(3) ranks applications.
    public var scoring: Scoring = .lexicographic
    /// §14302(b)(1)(B)(ii), (b)(2)(C)(ii), (b)(3)(B): which facilities count.
    public var facilityCounting: FacilityCounting = .sameType
    /// §14302(b)(4): what a lottery draws where a step chooses a place.
    public var tieBreak: TieBreak = .placeThenApplication
    /// Whether awards made earlier in the round count as facilities of
    /// their CHAA in the later tiers ("operating" literally argues for
    /// false).
    public var recount: Bool = true

    public init() {}
}

/// §14322(a)(1): "within 1,000 feet of a … school and 250 feet of a school
/// bus stop".
public enum BusStopRule: String, Sendable, CaseIterable {
    /// Default: a site within either distance is denied.
    case either
    /// The literal conjunction: denied only within both.
    case both
}

/// §14103(i)(3): the Department reviews registered facilities within
/// 1,000 ft; no section makes that a ground for denial.
public enum FacilityBufferEffect: String, Sendable, CaseIterable {
    /// Default: the application stays in play; its detail lists the
    /// facilities found for review.
    case review
    /// The site is denied (reason `facility-buffer`).
    case deny
}

/// §14302(b)(1): "a village that does not contain a dispensary and/or
/// cultivation site".
public enum ServedVillage: String, Sendable, CaseIterable {
    /// Default: a village is served by an existing facility of the type
    /// being allocated.
    case sameType = "same-type"
    /// Served by an existing facility of either type.
    case anyType = "any-type"
}

/// §14302(b)(2)(A): "assign an allocation to a CHAA with the most patients".
public enum CHAATier: String, Sendable, CaseIterable {
    /// Default: each CHAA gets at most one award in tier (b)(2).
    case onceEach = "once-each"
    /// CHAAs are visited again, in the same order, while certificates remain.
    case roundRobin = "round-robin"
}

/// Which facilities the tiers count in a CHAA.
public enum FacilityCounting: String, Sendable, CaseIterable {
    /// Default: facilities of the type being allocated.
    case sameType = "same-type"
    /// As the text reads: (b)(1)(B)(ii) "dispensaries and/or cultivation
    /// site" (both types), (b)(2)(C)(ii) and (b)(3)(B) "dispensaries" (the
    /// dispensaries, whatever type is allocated).
    case asWritten = "as-written"
}

/// §14302(b)(4): "randomly select by lottery one … application".
public enum TieBreak: String, Sendable, CaseIterable {
    /// Default: where a step chooses a village or CHAA, draw the place among
    /// the tied places, then an application in it.
    case placeThenApplication = "place-then-application"
    /// Draw one application among all applications of the tied places.
    case application
}

/// Applicant limits of §14303(g)-(h).
public struct ApplicantLimits: Sendable, Hashable {
    /// (g)(1): at most this many applications per individual in one CHAA.
    public var perChaa: Int = 1
    /// (g)(2): at most this many applications per individual in all.
    public var total: Int = 2
    /// Which applications count toward the limits.
    public var counts: LimitCounting = .inPlay
    public var resolution: LimitResolution = .withdrawLatest

    public init(perChaa: Int = 1, total: Int = 2, counts: LimitCounting = .inPlay,
                resolution: LimitResolution = .withdrawLatest) {
        self.perChaa = perChaa
        self.total = total
        self.counts = counts
        self.resolution = resolution
    }
}

/// §14303(g): "shall not be an applicant … on" more than the limit.
public enum LimitCounting: String, Sendable, CaseIterable {
    /// Default: the applications still in play after the buffer checks.
    case inPlay = "in-play"
    /// Every application the individual is on, as "be an applicant on" reads.
    case all
}

/// What happens to an individual over an applicant limit.
public enum LimitResolution: String, Sendable, CaseIterable {
    /// §14303(h)(1) lets an applicant withdraw to comply: keep applications
    /// in submission order while every individual stays within the limits.
    case withdrawLatest = "withdraw-latest"
    /// Every application of an individual over a limit is denied
    /// (§14303(h)(2)).
    case rejectAll = "reject-all"
}

/// Order of villages in tier (b)(1) of §14302, which the rule leaves open.
public enum VillageOrder: String, Sendable, CaseIterable {
    /// CHAA patients descending, then CHAA facilities ascending, then lottery.
    case chaaPatients = "chaa-patients"
    /// Village patients descending, then lottery.
    case villagePatients = "village-patients"
    /// A uniform draw among the villages left.
    case lottery
}

/// Ranking in tier (b)(3) of §14302.
public enum Scoring: String, Sendable, CaseIterable {
    /// CHAA patients descending, then CHAA facilities ascending.
    case lexicographic
    /// CHAA patients / (CHAA facilities + 1), descending.
    case patientsPerFacility = "patients-per-facility"
}

/// Certificate application fees of §14102 and the refund of §14302(c)(2).
public struct ApplicationFees: Sendable, Hashable {
    /// §14102(a)(1)(A), (a)(2)(A): fee for a dispensary or cultivation
    /// certificate application.
    public var certificateApplication: Double = 35_000
    /// §14302(c)(2): refunded to complete, compliant, not-awarded applications.
    public var refundNotAwarded: Double = 1_000
    /// What an incomplete application pays.
    public var incompleteApplication: IncompleteFee = .keep
    /// §14102(a)(4), (b): registry identification card revenue, when modelled.
    public var registry: RegistryFees?

    public init(certificateApplication: Double = 35_000, refundNotAwarded: Double = 1_000,
                incompleteApplication: IncompleteFee = .keep, registry: RegistryFees? = nil) {
        self.certificateApplication = certificateApplication
        self.refundNotAwarded = refundNotAwarded
        self.incompleteApplication = incompleteApplication
        self.registry = registry
    }
}

/// The fee of an incomplete application.
public enum IncompleteFee: String, Sendable, CaseIterable {
    /// Default, §14103(d)(2): the fee is not carried over: it is kept.
    case keep
    /// §14303(d): the application is "treated as if it was never received":
    /// no fee.
    case none
}

/// Guam's registry identification card fees (§14102(a)(4), (b)) applied to
/// a scenario's patients: every patient holds a card ($150, or $75 with
/// SNAP), and `caregivers` designated caregivers hold one ($200).
public struct RegistryFees: Sendable, Hashable {
    /// Share of patients with the SNAP (reduced) fee.
    public var snapShare: Double
    public var caregivers: Int
    public var cards = RegistryCardFees()

    public init(snapShare: Double, caregivers: Int) {
        self.snapShare = snapShare
        self.caregivers = caregivers
    }
}
