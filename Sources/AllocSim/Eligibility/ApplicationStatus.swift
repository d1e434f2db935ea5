/// Where an application ended (SPEC §2-§3, `awards.csv` status column).
public enum ApplicationStatus: String, Sendable, CaseIterable, Hashable {
    case awarded
    case notAwarded = "not-awarded"
    case ineligible
    case withdrawn
    case incomplete
}

/// Why an application dropped out before the allocation (SPEC §2), with
/// what a reader needs to check it.
public enum EligibilityFailure: Sendable, Hashable {
    /// §14302(a)(1)(C): only complete applications take part.
    case incomplete
    /// §14103(i)(2), §14321(a), §14322: within the school buffer.
    case schoolBuffer(school: String, feet: Double, limit: Double)
    /// §14322(a)(1): within the school bus stop buffer.
    case busStopBuffer(stop: String, feet: Double, limit: Double)
    /// §14103(i)(3): within the buffer of a registered facility.
    case facilityBuffer(facility: String, feet: Double, limit: Double)
    /// §14303(g)-(h): an individual over an applicant limit.
    case applicantLimit(individual: String, count: Int, limit: Int, chaa: String?)

    /// The reason code of `awards.csv`.
    public var reason: String {
        switch self {
        case .incomplete: return "incomplete"
        case .schoolBuffer: return "school-buffer"
        case .busStopBuffer: return "bus-stop-buffer"
        case .facilityBuffer: return "facility-buffer"
        case .applicantLimit: return "applicant-limit"
        }
    }

    public var status: ApplicationStatus {
        switch self {
        case .incomplete: return .incomplete
        case .schoolBuffer, .busStopBuffer, .facilityBuffer: return .ineligible
        case .applicantLimit: return .withdrawn
        }
    }

    /// e.g. `812.4 ft from Simon Sanchez High School (limit 1000 ft)`.
    public var detail: String {
        func near(_ name: String, _ feet: Double, _ limit: Double) -> String {
            "\(FixedFormat.decimal(feet, digits: 1)) ft from \(name) (limit \(FixedFormat.compact(limit)) ft)"
        }
        switch self {
        case .incomplete: return "marked incomplete"
        case .schoolBuffer(let s, let f, let l): return near(s, f, l)
        case .busStopBuffer(let s, let f, let l): return near("school bus stop " + s, f, l)
        case .facilityBuffer(let s, let f, let l): return near(s, f, l)
        case .applicantLimit(let who, let count, let limit, let chaa):
            let scope = chaa.map { "in CHAA \($0)" } ?? "in all"
            return "individual \(who) is on \(count) applications \(scope) (limit \(limit))"
        }
    }
}
