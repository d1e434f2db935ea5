/// One allocation round of 25 GAR §14302 over a territory, a policy and a
/// certificate count per type.
///
/// The round screens applications (SPEC §2: not accepted, incomplete,
/// buffers, applicant limits), then for each certificate type allocates K
/// certificates among the eligible ones: all of them when they do not exceed K
/// (§14302(a)(1)(C)(ii)); otherwise tier (b)(1) by village, tier (b)(2) by
/// CHAA and tier (b)(3) by rank, with every remaining tie broken by a
/// uniform lottery over candidates sorted by id or name (§14302(b)(4)).
///
/// Each type's lotteries draw from that type's own stream (SPEC §3, §5), so
/// a scenario and seed reproduce every draw and a change to one type's
/// allocation leaves the other's draws alone.
public struct AllocationRound: Sendable {
    public let territory: Territory
    public let policy: Policy
    public let fees: ApplicationFees
    /// K per type index; nil where the type is not offered.
    public let certificates: [Int?]
    public let buffers: BufferChecks
    /// Display names of interned individuals, for applicant-limit details.
    public let individualNames: [String]
    /// §14302(a)(1)(B): the application window, if any.
    public let window: ApplicationWindow?

    public init(territory: Territory, policy: Policy, fees: ApplicationFees,
                certificates: [CertificateType: Int], buffers: BufferChecks, individualNames: [String],
                window: ApplicationWindow? = nil) {
        self.window = window
        self.territory = territory
        self.policy = policy
        self.fees = fees
        self.certificates = CertificateType.allCases.map { certificates[$0] }
        self.buffers = buffers
        self.individualNames = individualNames
    }

    /// An interned individual's name; generated individuals are `G-person-N`.
    public func individualName(_ i: Int) -> String {
        i < individualNames.count ? individualNames[i] : "G-person-\(i - individualNames.count + 1)"
    }

    /// A failure in words, e.g. `812.4 ft from Simon Sanchez High School
    /// (limit 1000 ft)` or `individual pat is on 2 applications in CHAA North
    /// (limit 1)`.
    public func detail(of failure: EligibilityFailure) -> String {
        func near(_ name: String, _ feet: Double, _ limit: Double) -> String {
            "\(FixedFormat.decimal(feet, digits: 1)) ft from \(name) (limit \(FixedFormat.compact(limit)) ft)"
        }
        switch failure {
        case .noCertificates:
            return "no certificates of this type are offered; the Department is not accepting applications (§14302(a)(2))"
        case .late(let date, let opens, let closes):
            let d = CalendarDate(dayNumber: date), o = CalendarDate(dayNumber: opens), c = CalendarDate(dayNumber: closes)
            return date < opens ? "dated \(d), before the window opened on \(o) (§14302(a)(1)(B))"
                : "dated \(d), after the window closed on \(c) (§14302(a)(1)(B))"
        case .incomplete: return "marked incomplete"
        case .schoolBuffer(let i, let f, let l, let stop):
            let school = near(buffers.schoolNames[i], f, l)
            guard let stop else { return school }
            return school + " and " + near("school bus stop " + buffers.busStopNames[stop.index], stop.feet, stop.limit)
        case .busStopBuffer(let i, let f, let l): return near("school bus stop " + buffers.busStopNames[i], f, l)
        case .facilityBuffer(let i, let f, let l): return near(buffers.facilityNames[i], f, l)
        case .applicantLimit(let who, let count, let limit, let chaa, let resolution):
            let scope = chaa.map { "for locations in CHAA \(territory.chaaNames[$0]) (§14303(g)(1))" }
                ?? "in all (§14303(g)(2))"
            let what = resolution == .rejectAll ? "denied, §14303(h)(2)" : "withdrawn to comply, §14303(h)(1)"
            return "individual \(individualName(who)) is on \(count) applications \(scope), limit \(limit); \(what)"
        }
    }

    /// Why an application lost, in words, e.g. `lost the draw at step 7,
    /// 1 of 3 applications in Dededo`.
    public func detail(of loss: LossReason, type: CertificateType) -> String {
        switch loss {
        case .lotteryLost(let step, let of, let subject, let tier, let p):
            switch subject {
            case .application:
                let place = tier == .village ? territory.villageNames[p] : "CHAA " + territory.chaaNames[p]
                return "lost the draw at step \(step), 1 of \(of) applications, in \(place) (§14302(b)(4))"
            case .village:
                return "its village \(territory.villageNames[p]) lost the draw at step \(step) among \(of) tied villages (§14302(b)(4))"
            case .chaa:
                return "its CHAA \(territory.chaaNames[p]) lost the draw at step \(step) among \(of) tied CHAAs (§14302(b)(4))"
            }
        case .rankedOut(let c, let pc, let fc, let w, let pw, let fw):
            func facilities(_ n: Int) -> String { n == 1 ? "1 facility" : "\(n) facilities" }
            return "CHAA \(territory.chaaNames[c]): \(FixedFormat.dollars(Double(pc)).dropFirst()) patients, \(facilities(fc)); "
                + "the last award went to CHAA \(territory.chaaNames[w]): \(FixedFormat.dollars(Double(pw)).dropFirst()) patients, "
                + "\(facilities(fw)) (§14302(b)(3), scoring \(policy.scoring.rawValue))"
        case .certificatesExhausted(let k):
            return "all \(k) \(type.rawValue) certificates were awarded before its village or CHAA was reached"
        }
    }

    /// §14103(i)(3) under `facilityBufferEffect: review`: the registered
    /// facilities within the buffer of a site, in words.
    public func reviewNote(at site: Point) -> String? {
        let hits = buffers.facilitiesForReview(at: site)
        guard !hits.isEmpty else { return nil }
        return "review: " + hits.map {
            "\(FixedFormat.decimal($0.feet, digits: 1)) ft from \(buffers.facilityNames[$0.index])"
        }.joined(separator: ", ") + " (§14103(i)(3))"
    }

    /// The §14102 fee an application pays given how it ended: nothing when
    /// not accepted (§14302(a)(2), (d)); for an incomplete one as
    /// `fees.incompleteApplication` reads; otherwise the application fee.
    func feePaid(_ failure: EligibilityFailure?) -> Double {
        switch failure {
        case .noCertificates?, .late?: return 0
        case .incomplete?: return fees.incompleteApplication == .keep ? fees.certificateApplication : 0
        default: return fees.certificateApplication
        }
    }

    /// Runs the round. `bufferFailures`, when given, holds each
    /// application's precomputed buffer result (sites that do not change
    /// between replicates); otherwise buffers are checked here.
    public func run(
        _ apps: [RoundApplication],
        villagePatients: [Int]? = nil,
        bufferFailures: [EligibilityFailure?]? = nil,
        lotteries: [RandomStream],
        audit: Bool = true
    ) -> RoundResult {
        var workspace = RoundWorkspace(self)
        var result = RoundResult(outcomes: [], draws: [], drawCount: 0, villagePatients: [])
        run(apps, villagePatients: villagePatients ?? territory.villagePatients, bufferFailures: bufferFailures,
            lotteries: lotteries, audit: audit, into: &result, workspace: &workspace)
        return result
    }

    /// Runs the round into `result`, with `workspace`'s buffers: a Monte
    /// Carlo worker keeps both across replicates, so a round allocates
    /// nothing once they have grown.
    public func run(
        _ apps: [RoundApplication],
        villagePatients patients: [Int],
        bufferFailures: [EligibilityFailure?]?,
        lotteries: [RandomStream],
        audit: Bool,
        into result: inout RoundResult,
        workspace w: inout RoundWorkspace
    ) {
        var outcomeList = ScratchArray.take(&result.outcomes)
        ScratchArray.fill(&outcomeList, ApplicationOutcome(status: .notAwarded, tier: nil, lottery: false, failure: nil,
                                                           loss: nil, feePaid: fees.certificateApplication, refund: 0),
                          count: apps.count)
        // Written through a span: one uniqueness check, not one per write.
        var outcomes = outcomeList.mutableSpan
        // SPEC §2, in order: not accepted, incomplete, buffers; then limits.
        // The workspace's lists are sized to the round and written through
        // spans too (appending checks uniqueness at every element).
        var inPlayList = ScratchArray.take(&w.inPlay)
        ScratchArray.resize(&inPlayList, count: apps.count, filler: false)   // each written below
        var inPlay = inPlayList.mutableSpan
        // Whether the applications come in id order (generated ones do,
        // explicit ones may not): then so does every list taken from them in
        // index order, and no type's list needs sorting.
        var inIdOrder = true
        // Fields are read in place (a copy of an application copies its list
        // of individuals), here and by the limit check.
        for i in apps.indices {
            if i > 0 && apps[i - 1].order > apps[i].order { inIdOrder = false }
            var failure: EligibilityFailure?
            if certificates[apps[i].type.index] == 0 {
                failure = .noCertificates
            } else if let win = window, let d = apps[i].date, d < win.opens.dayNumber || d > win.closes.dayNumber {
                failure = .late(date: d, opens: win.opens.dayNumber, closes: win.closes.dayNumber)
            } else if !apps[i].complete {
                failure = .incomplete
            } else {
                failure = bufferFailures.map { $0[i] } ?? buffers.failure(at: apps[i].site, date: apps[i].date)
            }
            if let failure {
                outcomes[i].status = failure.status
                outcomes[i].failure = failure
                outcomes[i].feePaid = feePaid(failure)
            }
            inPlay[i] = failure == nil
        }
        w.inPlay = inPlayList
        w.limits.check(apps, inPlay: w.inPlay)
        var eligibleList = ScratchArray.take(&w.eligible)
        ScratchArray.resize(&eligibleList, count: apps.count, filler: 0)   // written, then cut to those written
        var eligibleCount = 0
        do {
            var eligible = eligibleList.mutableSpan
            for i in apps.indices where w.inPlay[i] {
                if let b = w.limits.breaches[i] {
                    let f = EligibilityFailure.applicantLimit(individual: b.individual, count: b.count, limit: b.limit,
                                                              chaa: b.chaa, resolution: policy.applicantLimits.resolution)
                    outcomes[i].status = f.status
                    outcomes[i].failure = f
                } else {
                    eligible[eligibleCount] = i
                    eligibleCount += 1
                }
            }
        }
        ScratchArray.truncate(&eligibleList, to: eligibleCount)
        w.eligible = eligibleList
        territory.chaaPatients(patients, into: &w.chaaPatients)
        w.tiers.reset(apps: apps, chaaPatients: w.chaaPatients, villagePatients: patients, lotteries: lotteries, audit: audit)
        for type in CertificateType.allCases {
            guard let k = certificates[type.index], k > 0 else { continue }
            // The type's applications are the list's first `ofTypeCount`. The
            // list only grows (to the round's eligible applications): no
            // type cuts it, so the next one need not regrow it.
            var ofTypeList = ScratchArray.take(&w.ofType)
            ScratchArray.grow(&ofTypeList, to: w.eligible.count, filler: 0)   // written below
            var ofTypeCount = 0
            do {
                var ofType = ofTypeList.mutableSpan
                for i in w.eligible where apps[i].type == type {
                    ofType[ofTypeCount] = i
                    ofTypeCount += 1
                }
            }
            w.ofType = ofTypeList
            if !inIdOrder {
                var sorted = true
                for k in 1..<max(1, ofTypeCount) where apps[w.ofType[k - 1]].order > apps[w.ofType[k]].order {
                    sorted = false
                    break
                }
                if !sorted { w.ofType[..<ofTypeCount].heapSort { apps[$0].order < apps[$1].order } }
            }
            w.tiers.allocate(type: type, available: k, eligible: w.ofType[..<ofTypeCount])
        }
        for i in w.eligible {
            if let tier = w.tiers.awardedTier[i] {
                outcomes[i].status = .awarded
                outcomes[i].tier = tier
                outcomes[i].lottery = w.tiers.byLottery[i]
            } else {
                outcomes[i].status = .notAwarded
                outcomes[i].loss = w.tiers.loss[i]
                outcomes[i].refund = fees.refundNotAwarded
            }
        }
        result.outcomes = outcomeList
        result.draws = audit ? w.tiers.draws : []
        result.awardDraws = audit ? w.tiers.awardSteps : []
        result.drawCount = w.tiers.drawsMade
        result.villagePatients = patients
        w.tiers.releaseInputs()
    }
}

/// The buffers a round works in, kept by a Monte Carlo worker across
/// replicates (see `AllocationRound.run(_:villagePatients:...:into:workspace:)`).
/// A copy shares the tier loop's lists (`ScratchList`), so each round
/// that runs at the same time as another needs a workspace of its own.
public struct RoundWorkspace {
    /// Each application still in play after the buffer checks.
    var inPlay: [Bool] = []
    var limits: ApplicantLimitCheck
    var eligible: [Int] = []
    /// The eligible applications of the type being allocated: its first
    /// elements (the rest are stale; see `run`).
    var ofType: [Int] = []
    /// The last round's patients per CHAA (§14302(b)(1)(B)(i)), which a
    /// batch's metrics read too.
    var chaaPatients: [Int] = []
    var tiers: TierAllocator

    public init(_ round: AllocationRound) {
        limits = ApplicantLimitCheck(chaaCount: round.territory.chaaCount, limits: round.policy.applicantLimits)
        tiers = TierAllocator(round: round)
    }
}
