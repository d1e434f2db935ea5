/// The policy options of a round, each a reading of the rule text with its
/// default (SPEC §2-§3).
public struct Policy: Sendable, Hashable {
    /// §14103(i)(2), §14321(a), §14322: no site within this many feet of a
    /// school. 0 disables the check.
    public var schoolBufferFeet: Double = 1000
    /// §14322(a)(1): no site within this many feet of a school bus stop.
    public var busStopBufferFeet: Double = 250
    /// §14103(i)(3): no site within this many feet of a registered facility.
    public var facilityBufferFeet: Double = 1000
    /// §14303(g)-(h).
    public var applicantLimits = ApplicantLimits()
    /// Which villages go first in tier (b)(1) when certificates run short.
    public var villageOrder: VillageOrder = .chaaPatients
    /// How tier (b)(3) ranks applications.
    public var scoring: Scoring = .lexicographic
    /// Whether awards made earlier in the round count as facilities of
    /// their CHAA.
    public var recount: Bool = true

    public init() {}
}

/// Applicant limits of §14303(g)-(h).
public struct ApplicantLimits: Sendable, Hashable {
    /// (g): at most this many applications per individual in one CHAA.
    public var perChaa: Int = 1
    /// (h): at most this many applications per individual in all.
    public var total: Int = 2
    public var resolution: LimitResolution = .withdrawLatest

    public init(perChaa: Int = 1, total: Int = 2, resolution: LimitResolution = .withdrawLatest) {
        self.perChaa = perChaa
        self.total = total
        self.resolution = resolution
    }
}

/// What happens to an individual over an applicant limit.
public enum LimitResolution: String, Sendable, CaseIterable {
    /// §14303(h)(1) lets an applicant withdraw to comply: keep applications
    /// in submission order while every individual stays within the limits.
    case withdrawLatest = "withdraw-latest"
    /// Every application of an individual over a limit is withdrawn.
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
    /// §14102: fee for a dispensary or cultivation certificate application.
    public var certificateApplication: Double = 35_000
    /// §14302(c)(2): refunded to complete, compliant, not-awarded applications.
    public var refundNotAwarded: Double = 1_000

    public init(certificateApplication: Double = 35_000, refundNotAwarded: Double = 1_000) {
        self.certificateApplication = certificateApplication
        self.refundNotAwarded = refundNotAwarded
    }
}
