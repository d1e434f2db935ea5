/// Where an application ended (SPEC §2-§3, `awards.csv` status column).
public enum ApplicationStatus: String, Sendable, CaseIterable, Hashable {
    case awarded
    case notAwarded = "not-awarded"
    case ineligible
    case withdrawn
    case incomplete

    /// Position in `allCases`, without building the array.
    public var position: Int {
        switch self {
        case .awarded: return 0
        case .notAwarded: return 1
        case .ineligible: return 2
        case .withdrawn: return 3
        case .incomplete: return 4
        }
    }
}

/// Why an application dropped out before the allocation (SPEC §2), with
/// what a reader needs to check it. Features and individuals are indices
/// (a plain value, cheap in the Monte Carlo hot loop); `AllocationRound`
/// turns them into a `detail` with names.
public enum EligibilityFailure: Sendable, Hashable {
    /// §14302(a)(1)(C): only complete applications take part.
    case incomplete
    /// §14103(i)(2), §14321(a), §14322: within the school buffer.
    case schoolBuffer(school: Int, feet: Double, limit: Double)
    /// §14322(a)(1): within the school bus stop buffer.
    case busStopBuffer(stop: Int, feet: Double, limit: Double)
    /// §14103(i)(3): within the buffer of a registered facility.
    case facilityBuffer(facility: Int, feet: Double, limit: Double)
    /// §14303(g)-(h): an individual over an applicant limit (`chaa` nil for
    /// the overall limit).
    case applicantLimit(individual: Int, count: Int, limit: Int, chaa: Int?)

    /// Reason codes, in the order of SPEC §2.
    public static let reasons = ["incomplete", "school-buffer", "bus-stop-buffer", "facility-buffer", "applicant-limit"]

    /// Position of `reason` in `reasons`.
    public var reasonIndex: Int {
        switch self {
        case .incomplete: return 0
        case .schoolBuffer: return 1
        case .busStopBuffer: return 2
        case .facilityBuffer: return 3
        case .applicantLimit: return 4
        }
    }

    /// The reason code of `awards.csv`.
    public var reason: String { EligibilityFailure.reasons[reasonIndex] }

    public var status: ApplicationStatus {
        switch self {
        case .incomplete: return .incomplete
        case .schoolBuffer, .busStopBuffer, .facilityBuffer: return .ineligible
        case .applicantLimit: return .withdrawn
        }
    }
}
