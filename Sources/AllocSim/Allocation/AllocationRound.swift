/// One allocation round of 25 GAR §14302 over a territory, a policy and a
/// certificate count per type.
///
/// The round screens applications (SPEC §2: incomplete, buffers, applicant
/// limits), then for each certificate type allocates K certificates among
/// the eligible ones: all of them when they do not exceed K
/// (§14302(a)(1)(C)(ii)); otherwise tier (b)(1) by village, tier (b)(2) by
/// CHAA and tier (b)(3) by rank, with every remaining tie broken by a
/// uniform lottery over candidates sorted by id or name (§14302(b)(4)).
///
/// Types are allocated in the order dispensary, cultivation, both from the
/// same stream, so a scenario and seed reproduce every draw.
public struct AllocationRound: Sendable {
    public let territory: Territory
    public let policy: Policy
    public let fees: ApplicationFees
    /// K per type index; nil where the type is not offered.
    public let certificates: [Int?]
    public let buffers: BufferChecks
    /// Display names of interned individuals, for applicant-limit details.
    public let individualNames: [String]

    public init(territory: Territory, policy: Policy, fees: ApplicationFees,
                certificates: [CertificateType: Int], buffers: BufferChecks, individualNames: [String]) {
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
        case .incomplete: return "marked incomplete"
        case .schoolBuffer(let i, let f, let l): return near(buffers.schoolNames[i], f, l)
        case .busStopBuffer(let i, let f, let l): return near("school bus stop " + buffers.busStopNames[i], f, l)
        case .facilityBuffer(let i, let f, let l): return near(buffers.facilityNames[i], f, l)
        case .applicantLimit(let who, let count, let limit, let chaa):
            let scope = chaa.map { "in CHAA \(territory.chaaNames[$0])" } ?? "in all"
            return "individual \(individualName(who)) is on \(count) applications \(scope) (limit \(limit))"
        }
    }

    /// Runs the round. `bufferFailures`, when given, holds each
    /// application's precomputed buffer result (sites that do not change
    /// between replicates); otherwise buffers are checked here.
    public func run(
        _ apps: [RoundApplication],
        villagePatients: [Int]? = nil,
        bufferFailures: [EligibilityFailure?]? = nil,
        rng: RandomStream,
        audit: Bool = true
    ) -> RoundResult {
        let patients = villagePatients ?? territory.villagePatients
        var outcomes = apps.map { _ in
            ApplicationOutcome(status: .notAwarded, tier: nil, lottery: false, failure: nil,
                               feePaid: fees.certificateApplication, refund: 0)
        }
        // SPEC §2, in order: incomplete, buffers, then applicant limits.
        var inPlay: [Int] = []
        inPlay.reserveCapacity(apps.count)
        for (i, a) in apps.enumerated() {
            let failure: EligibilityFailure? = !a.complete ? .incomplete
                : bufferFailures.map { $0[i] } ?? buffers.failure(at: a.site)
            if let failure {
                outcomes[i].status = failure.status
                outcomes[i].failure = failure
            } else {
                inPlay.append(i)
            }
        }
        let entries = inPlay.map {
            ApplicantLimitCheck.Entry(individuals: apps[$0].individuals, chaa: apps[$0].chaa,
                                      submitted: apps[$0].submitted, order: apps[$0].order)
        }
        let withdrawn = ApplicantLimitCheck.withdrawn(entries, individualCount: individualNames.count,
                                                      chaaCount: territory.chaaCount, limits: policy.applicantLimits)
        var eligible: [Int] = []
        for (k, i) in inPlay.enumerated() {
            if let w = withdrawn[k] {
                let f = EligibilityFailure.applicantLimit(individual: w.individual, count: w.count,
                                                          limit: w.limit, chaa: w.chaa)
                outcomes[i].status = .withdrawn
                outcomes[i].failure = f
            } else {
                eligible.append(i)
            }
        }
        var tiers = TierAllocator(round: self, apps: apps, chaaPatients: territory.chaaPatients(patients),
                                  villagePatients: patients, rng: rng, audit: audit)
        for type in CertificateType.allCases {
            guard let k = certificates[type.index] else { continue }
            let ofType = eligible.filter { apps[$0].type == type }.sorted { apps[$0].order < apps[$1].order }
            tiers.allocate(type: type, available: k, eligible: ofType)
        }
        for i in eligible {
            if let tier = tiers.awardedTier[i] {
                outcomes[i].status = .awarded
                outcomes[i].tier = tier
                outcomes[i].lottery = tiers.byLottery[i]
            } else {
                outcomes[i].status = .notAwarded
                outcomes[i].refund = fees.refundNotAwarded
            }
        }
        return RoundResult(outcomes: outcomes, draws: tiers.draws, drawCount: tiers.drawsMade, villagePatients: patients)
    }
}
