/// The readings of §14302 that a round runs under, as answers to the
/// questions the tiers ask — "is this village served?", "which facilities
/// count here?", "what does a tie draw?" — so `TierAllocator` reads as the
/// section reads and each reading sits in one place (SPEC §3).
struct Readings: Sendable {
    let policy: Policy

    /// §14302(b)(1): whether a village already "contain[s] a dispensary
    /// and/or cultivation site" for an allocation of `type`: an existing
    /// facility of that type (`servedVillage: same-type`) or of either type
    /// (`any-type`).
    func isServed(village v: Int, allocating type: CertificateType, existing: [[Int]]) -> Bool {
        switch policy.servedVillage {
        case .sameType: return existing[type.index][v] > 0
        case .anyType: return CertificateType.allCases.contains { existing[$0.index][v] > 0 }
        }
    }

    /// The facility types a tier counts in a CHAA when `type` is allocated:
    /// that type (`facilityCounting: same-type`), or as written —
    /// (b)(1)(B)(ii) "dispensaries and/or cultivation site" (both types),
    /// (b)(2)(C)(ii) and (b)(3)(B) "dispensaries".
    func countedTypes(in tier: AllocationTier, allocating type: CertificateType) -> [CertificateType] {
        switch (policy.facilityCounting, tier) {
        case (.sameType, _): return [type]
        case (.asWritten, .village): return CertificateType.allCases
        case (.asWritten, _): return [.dispensary]
        }
    }

    /// §14302(b)(4): where a step chooses among tied villages or CHAAs,
    /// whether the lottery draws the place first (`place-then-application`)
    /// or one application among all those of the tied places (`application`).
    var drawsApplicationsDirectly: Bool { policy.tieBreak == .application }

    enum Comparison { case better, same, worse }

    /// §14302(b)(3) under `policy.scoring`: how a CHAA with `pc` patients and
    /// `fc` facilities ranks against one with `pd` and `fd` — patients
    /// descending, then facilities ascending (`lexicographic`), or patients
    /// per facility + 1, compared exactly in integers (`patients-per-facility`).
    func rank(patients pc: Int, facilities fc: Int, against pd: Int, _ fd: Int) -> Comparison {
        switch policy.scoring {
        case .lexicographic:
            if pc != pd { return pc > pd ? .better : .worse }
            if fc != fd { return fc < fd ? .better : .worse }
            return .same
        case .patientsPerFacility:
            let l = pc * (fd + 1), r = pd * (fc + 1)
            return l == r ? .same : (l > r ? .better : .worse)
        }
    }

    /// §14302(b)(2)(A): whether tier (b)(2) visits the CHAAs again while
    /// certificates remain (`round-robin`) or once each (`once-each`).
    var revisitsCHAAs: Bool { policy.chaaTier == .roundRobin }
}

/// One reading as a report shows it: the option, the value that ran, the
/// section, and what the alternative would mean.
public struct ReadingRow: Sendable, Hashable {
    public var option: String
    public var value: String
    public var section: String
    public var meaning: String
    public var alternative: String
}

extension Policy {
    /// Every reading of the rule text with the value that ran (the
    /// "Readings" table of every report).
    public var readings: [ReadingRow] {
        [
            ReadingRow(option: "policy.busStopRule", value: busStopRule.rawValue, section: "§14322(a)(1)",
                       meaning: busStopRule == .either
                           ? "a site within the school buffer or within the bus-stop buffer is denied"
                           : "a site is denied only within both the school and the bus-stop buffer",
                       alternative: busStopRule == .either
                           ? "both: only the literal conjunction \"1,000 feet of a school and 250 feet of a school bus stop\" denies"
                           : "either: each distance denies alone"),
            ReadingRow(option: "policy.facilityBufferEffect", value: facilityBufferEffect.rawValue, section: "§14103(i)(3)",
                       meaning: facilityBufferEffect == .review
                           ? "registered facilities within the buffer are listed for the Department's review; no denial (awards of the same round are not registered facilities)"
                           : "a site within the buffer of a registered facility is denied",
                       alternative: facilityBufferEffect == .review
                           ? "deny: treat the review as a ground for denial, which no section states"
                           : "review: the text makes the Department review, not deny"),
            ReadingRow(option: "policy.applicantLimits.counts", value: applicantLimits.counts.rawValue, section: "§14303(g)",
                       meaning: applicantLimits.counts == .inPlay
                           ? "limits count the applications still in play after the buffer checks"
                           : "limits count every application an individual is on",
                       alternative: applicantLimits.counts == .inPlay
                           ? "all: \"shall not be an applicant … on\" counts every application"
                           : "in-play: count only applications still in play"),
            ReadingRow(option: "policy.applicantLimits.resolution", value: applicantLimits.resolution.rawValue,
                       section: "§14303(h)",
                       meaning: applicantLimits.resolution == .withdrawLatest
                           ? "later applications of an individual over a limit are withdrawn (h)(1)"
                           : "every application of an individual over a limit is denied (h)(2)",
                       alternative: applicantLimits.resolution == .withdrawLatest
                           ? "reject-all: deny them all, as (h)(2) allows"
                           : "withdraw-latest: the applicant withdraws the latest to comply, (h)(1)"),
            ReadingRow(option: "policy.villageOrder", value: villageOrder.rawValue, section: "§14302(b)(1)",
                       meaning: "the order in which villages without a facility are served when certificates run short (the rule is silent)",
                       alternative: "chaa-patients, village-patients or lottery"),
            ReadingRow(option: "policy.servedVillage", value: servedVillage.rawValue, section: "§14302(b)(1)",
                       meaning: servedVillage == .sameType
                           ? "a village is served by an existing facility of the type allocated"
                           : "a village is served by an existing facility of either type",
                       alternative: servedVillage == .sameType
                           ? "any-type: \"a dispensary and/or cultivation site\" of either type serves it"
                           : "same-type: only a facility of the type allocated serves it"),
            ReadingRow(option: "policy.chaaTier", value: chaaTier.rawValue, section: "§14302(b)(2)(A)",
                       meaning: chaaTier == .onceEach ? "each CHAA gets at most one award in tier (b)(2)"
                           : "CHAAs are visited again in the same order while certificates remain",
                       alternative: chaaTier == .onceEach ? "round-robin: visit the CHAAs again before tier (b)(3)"
                           : "once-each: one award per CHAA, then tier (b)(3)"),
            ReadingRow(option: "policy.scoring", value: scoring.rawValue, section: "§14302(b)(3)",
                       meaning: scoring == .lexicographic ? "CHAA patients descending, then CHAA facilities ascending"
                           : "CHAA patients per facility (patients / (facilities + 1)), descending",
                       alternative: scoring == .lexicographic ? "patients-per-facility" : "lexicographic"),
            ReadingRow(option: "policy.facilityCounting", value: facilityCounting.rawValue,
                       section: "§14302(b)(1)(B)(ii), (b)(2)(C)(ii), (b)(3)(B)",
                       meaning: facilityCounting == .sameType ? "the tiers count facilities of the type allocated"
                           : "(b)(1) counts both types, (b)(2)-(b)(3) count dispensaries, as written",
                       alternative: facilityCounting == .sameType
                           ? "as-written: \"dispensaries and/or cultivation site\" in (b)(1), \"dispensaries\" in (b)(2)-(b)(3)"
                           : "same-type: count facilities of the type allocated"),
            ReadingRow(option: "policy.tieBreak", value: tieBreak.rawValue, section: "§14302(b)(4)",
                       meaning: tieBreak == .placeThenApplication
                           ? "a tie among villages or CHAAs is drawn among the places, then among the applications of the place drawn"
                           : "a tie among villages or CHAAs is drawn among all applications of the tied places",
                       alternative: tieBreak == .placeThenApplication
                           ? "application: \"randomly select by lottery one … application\" among all tied applications"
                           : "place-then-application: draw the place first"),
            ReadingRow(option: "policy.recount", value: recount ? "true" : "false", section: "§14302(b)(1)-(3)",
                       meaning: recount ? "awards made earlier in the round count as facilities of their CHAA"
                           : "only facilities operating before the round count",
                       alternative: recount ? "false: \"operating\" literally excludes this round's awards"
                           : "true: count this round's awards too"),
        ]
    }
}

extension ApplicationFees {
    /// The fee readings, for the same table.
    public var readings: [ReadingRow] {
        [ReadingRow(option: "fees.incompleteApplication", value: incompleteApplication.rawValue,
                    section: "§14103(d)(2); §14303(d)",
                    meaning: incompleteApplication == .keep ? "an incomplete application's fee is kept (not carried over)"
                        : "an incomplete application is treated as never received: no fee",
                    alternative: incompleteApplication == .keep ? "none: §14303(d) \"treated as if it was never received\""
                        : "keep: §14103(d)(2) the fee is not carried over")]
    }
}
