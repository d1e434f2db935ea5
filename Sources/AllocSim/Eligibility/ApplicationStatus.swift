/// Where an application ended (SPEC §2-§3, `awards.csv` status column).
public enum ApplicationStatus: String, Sendable, CaseIterable, Hashable {
    case awarded
    case notAwarded = "not-awarded"
    case ineligible
    case withdrawn
    /// §14303(h)(2): denied for an applicant over a limit (`reject-all`).
    case denied
    case incomplete
    /// §14302(a)(2), (d): the Department was not accepting it.
    case notAccepted = "not-accepted"

    /// Position in `allCases`, without building the array.
    public var position: Int {
        switch self {
        case .awarded: return 0
        case .notAwarded: return 1
        case .ineligible: return 2
        case .withdrawn: return 3
        case .denied: return 4
        case .incomplete: return 5
        case .notAccepted: return 6
        }
    }
}

/// Why an application dropped out before the allocation (SPEC §2), with
/// what a reader needs to check it. Features and individuals are indices
/// (a plain value, cheap in the Monte Carlo hot loop); `AllocationRound`
/// turns them into a `detail` with names.
public enum EligibilityFailure: Sendable, Hashable {
    /// §14302(a)(2): no certificate of its type is offered, so the
    /// Department is not accepting applications.
    case noCertificates
    /// §14302(a)(1)(B), (d): dated outside the application window (day
    /// numbers of `CalendarDate`).
    case late(date: Int, opens: Int, closes: Int)
    /// §14302(a)(1)(C): only complete applications take part.
    case incomplete
    /// §14103(i)(2), §14321(a), §14322(a)(1): within the school buffer;
    /// under `busStopRule: both`, `stop` is the bus stop also within its buffer.
    case schoolBuffer(school: Int, feet: Double, limit: Double, stop: BufferHit?)
    /// §14322(a)(1): within the school bus stop buffer.
    case busStopBuffer(stop: Int, feet: Double, limit: Double)
    /// §14103(i)(3) with `facilityBufferEffect: deny`: within the buffer of
    /// a registered facility.
    case facilityBuffer(facility: Int, feet: Double, limit: Double)
    /// §14303(g)(1) (per CHAA, `chaa` set) or (g)(2) (in all): an
    /// individual over an applicant limit, resolved by `resolution`.
    case applicantLimit(individual: Int, count: Int, limit: Int, chaa: Int?, resolution: LimitResolution)

    /// Reason codes, in the order of SPEC §2.
    public static let reasons = ["no-certificates", "late", "incomplete", "school-buffer", "bus-stop-buffer",
                                 "facility-buffer", "applicant-limit"]

    /// Position of `reason` in `reasons`.
    public var reasonIndex: Int {
        switch self {
        case .noCertificates: return 0
        case .late: return 1
        case .incomplete: return 2
        case .schoolBuffer: return 3
        case .busStopBuffer: return 4
        case .facilityBuffer: return 5
        case .applicantLimit: return 6
        }
    }

    /// The reason code of `awards.csv`.
    public var reason: String { EligibilityFailure.reasons[reasonIndex] }

    public var status: ApplicationStatus {
        switch self {
        case .noCertificates, .late: return .notAccepted
        case .incomplete: return .incomplete
        case .schoolBuffer, .busStopBuffer, .facilityBuffer: return .ineligible
        case .applicantLimit(_, _, _, _, let resolution): return resolution == .rejectAll ? .denied : .withdrawn
        }
    }
}

/// A feature found within a buffer: its index and distance in feet.
public struct BufferHit: Sendable, Hashable {
    public var index: Int
    public var feet: Double
    public var limit: Double

    public init(index: Int, feet: Double, limit: Double) {
        self.index = index
        self.feet = feet
        self.limit = limit
    }
}

/// Why a complete, compliant application was not awarded (SPEC §3).
public enum LossReason: Sendable, Hashable, BitwiseCopyable {
    /// A draw passed it over: `step` of the audit trail, among `of`
    /// candidates, in `tier`; `subject` says whether the application itself
    /// or its village or CHAA was the candidate; `place` is its village (in
    /// tier village) or CHAA (otherwise).
    case lotteryLost(step: Int, of: Int, subject: DrawSubject, tier: AllocationTier, place: Int)
    /// The scoring rule of tier (b)(3) ranked its CHAA below the CHAA of
    /// the last award (`winner`), with the counts as they stood.
    case rankedOut(chaa: Int, patients: Int, facilities: Int, winner: Int, winnerPatients: Int, winnerFacilities: Int)
    /// Every certificate was awarded before its village or CHAA was reached.
    case certificatesExhausted(available: Int)

    public static let reasons = ["lottery-lost", "ranked-out", "certificates-exhausted"]

    public var reasonIndex: Int {
        switch self {
        case .lotteryLost: return 0
        case .rankedOut: return 1
        case .certificatesExhausted: return 2
        }
    }

    public var reason: String { LossReason.reasons[reasonIndex] }
}
