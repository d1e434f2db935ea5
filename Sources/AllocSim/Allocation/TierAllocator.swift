/// The tiers of §14302(b) for one round, type by type, with the lottery
/// of (b)(4), its audit trail, and for every application that loses the
/// reason it lost (SPEC §3).
///
/// The readings the section leaves open (which villages are served, which
/// facilities count, what a tie draws, whether CHAAs are revisited) are
/// answered by `Readings`.
struct TierAllocator {
    let apps: [RoundApplication]
    let chaaPatients: [Int]
    let villagePatients: [Int]
    /// The lottery stream of each type, by `CertificateType.index`.
    let lotteries: [RandomStream]
    let audit: Bool
    let readings: Readings

    private(set) var awardedTier: [AllocationTier?]
    /// SPEC §3: decided by lottery — a draw of the step that made the award
    /// passed over a candidate that ended the round without an award.
    private(set) var byLottery: [Bool]
    /// The audit steps of the draws of the step that made each award.
    private(set) var awardSteps: [[Int]]
    /// Why each eligible application that was not awarded lost.
    private(set) var loss: [LossReason?]
    private(set) var draws: [LotteryDraw] = []
    /// Draws made, recorded in `draws` or not; a draw's step is its number.
    private(set) var drawsMade = 0

    // What the tiers read of the territory, held directly so the hot loop
    // does not copy the structs that own them.
    private let villageCHAA: [Int]
    private let villageFacilities: [[Int]]
    /// Existing facilities per type and CHAA.
    private let chaaFacilities: [[Int]]
    private let villageNameRank: [Int]
    private let chaaNameRank: [Int]
    private let villageCount: Int
    private let chaaCount: Int
    /// Awards made so far in this round, per type and CHAA (`recount`).
    private var roundAwards: [[Int]]

    /// One draw of the step being made.
    private struct StepDraw {
        var step: Int
        var subject: DrawSubject
        var candidates: [Int]
        var chosen: Int
    }
    private var stepDraws: [StepDraw] = []
    /// The draws of each award's step, for the lottery-decided flag.
    private var awardDraws: [(app: Int, draws: [StepDraw])] = []

    init(round: AllocationRound, apps: [RoundApplication], chaaPatients: [Int], villagePatients: [Int],
         lotteries: [RandomStream], audit: Bool) {
        let t = round.territory
        villageCHAA = t.villageCHAA
        villageFacilities = t.villageFacilities
        villageNameRank = t.villageNameRank
        chaaNameRank = t.chaaNameRank
        villageCount = t.villageCount
        chaaCount = t.chaaCount
        var perCHAA = [[Int]](repeating: Array(repeating: 0, count: t.chaaCount), count: CertificateType.allCases.count)
        for type in CertificateType.allCases {
            for v in 0..<t.villageCount { perCHAA[type.index][t.villageCHAA[v]] += t.villageFacilities[type.index][v] }
        }
        chaaFacilities = perCHAA
        roundAwards = [[Int]](repeating: Array(repeating: 0, count: t.chaaCount), count: CertificateType.allCases.count)
        readings = Readings(policy: round.policy)
        self.apps = apps
        self.chaaPatients = chaaPatients
        self.villagePatients = villagePatients
        self.lotteries = lotteries
        self.audit = audit
        awardedTier = Array(repeating: nil, count: apps.count)
        byLottery = Array(repeating: false, count: apps.count)
        awardSteps = Array(repeating: [], count: apps.count)
        loss = Array(repeating: nil, count: apps.count)
    }

    /// A uniform draw among `candidates` (already sorted by id or name);
    /// only made, and recorded, when there are two or more.
    private mutating func draw(_ candidates: [Int], type: CertificateType, tier: AllocationTier,
                               subject: DrawSubject) -> Int {
        if candidates.count == 1 { return candidates[0] }
        let rng = lotteries[type.index]
        let k = rng.uniformIndex(candidates.count)
        drawsMade += 1
        if audit {
            draws.append(LotteryDraw(step: drawsMade, type: type, tier: tier, subject: subject,
                                     candidates: candidates, drawn: k, stream: rng.key, drawNumber: rng.drawCount))
        }
        stepDraws.append(StepDraw(step: drawsMade, subject: subject, candidates: candidates, chosen: candidates[k]))
        return candidates[k]
    }

    /// Facilities a tier counts in CHAA `c` when `type` is allocated:
    /// existing ones of the counted types, plus this round's awards of those
    /// types with `recount`.
    private func facilities(_ c: Int, tier: AllocationTier, type: CertificateType) -> Int {
        var n = 0
        for t in readings.countedTypes(in: tier, allocating: type) {
            n += chaaFacilities[t.index][c] + (readings.policy.recount ? roundAwards[t.index][c] : 0)
        }
        return n
    }

    /// Allocates `available` certificates of `type` among `eligible`
    /// (sorted by id order).
    mutating func allocate(type: CertificateType, available: Int, eligible: [Int]) {
        // §14302(a)(1)(C)(ii): enough certificates for everyone.
        if eligible.count <= available {
            for a in eligible { awardedTier[a] = .all }
            for a in eligible { roundAwards[type.index][apps[a].chaa] += 1 }
            return
        }
        var remaining = eligible
        var left = available
        awardDraws.removeAll(keepingCapacity: true)

        func award(_ a: Int, _ tier: AllocationTier, _ me: inout TierAllocator) {
            me.awardedTier[a] = tier
            me.awardDraws.append((a, me.stepDraws))
            me.stepDraws.removeAll(keepingCapacity: true)
            remaining.removeAll { $0 == a }
            left -= 1
            me.roundAwards[type.index][me.apps[a].chaa] += 1
        }
        /// The applications a place draw passed over lose by it (until a
        /// later event says otherwise).
        func passedOver(places: [Int], chosen: Int, subject: DrawSubject, _ me: inout TierAllocator) {
            guard places.count > 1, let d = me.stepDraws.last else { return }
            for a in remaining {
                let place = subject == .village ? me.apps[a].village : me.apps[a].chaa
                if place != chosen && places.contains(place) {
                    me.loss[a] = .lotteryLost(step: d.step, of: places.count, subject: subject,
                                              tier: subject == .village ? .village : .chaa, place: place)
                }
            }
        }
        func lostDraw(_ candidates: [Int], chosen: Int, tier: AllocationTier, _ me: inout TierAllocator) {
            guard candidates.count > 1, let d = me.stepDraws.last else { return }
            for a in candidates where a != chosen {
                let place = tier == .village ? me.apps[a].village : me.apps[a].chaa
                me.loss[a] = .lotteryLost(step: d.step, of: candidates.count, subject: .application, tier: tier, place: place)
            }
        }

        // Tier (b)(1): villages not served for this type that have an
        // application; at most one award each.
        var hasApplication = [Bool](repeating: false, count: villageCount)
        for a in remaining { hasApplication[apps[a].village] = true }
        var villages = (0..<villageCount)
            .filter { hasApplication[$0] && !readings.isServed(village: $0, allocating: type, existing: villageFacilities) }
            .sorted { villageNameRank[$0] < villageNameRank[$1] }
        while left > 0 && !villages.isEmpty {
            let tied: [Int]
            switch readings.policy.villageOrder {
            case .chaaPatients:
                // (b)(1)(B)(i)-(ii): CHAA patients descending, then CHAA
                // facilities ascending, as they stand after the awards so far.
                var key: [(Int, Int)] = []
                for v in villages {
                    let c = villageCHAA[v]
                    key.append((chaaPatients[c], -facilities(c, tier: .village, type: type)))
                }
                let best = key.max { $0 < $1 }!
                tied = villages.indices.filter { key[$0] == best }.map { villages[$0] }
            case .villagePatients:
                let best = villages.map { villagePatients[$0] }.max()!
                tied = villages.filter { villagePatients[$0] == best }
            case .lottery:
                tied = villages
            }
            let a: Int
            if readings.drawsApplicationsDirectly && tied.count > 1 {
                let pool = remaining.filter { tied.contains(apps[$0].village) }
                a = draw(pool, type: type, tier: .village, subject: .application)
                lostDraw(pool, chosen: a, tier: .village, &self)
            } else {
                let v = draw(tied, type: type, tier: .village, subject: .village)
                passedOver(places: tied, chosen: v, subject: .village, &self)
                let inVillage = remaining.filter { apps[$0].village == v }
                a = draw(inVillage, type: type, tier: .village, subject: .application)
                lostDraw(inVillage, chosen: a, tier: .village, &self)
            }
            villages.removeAll { $0 == apps[a].village }
            award(a, .village, &self)
        }

        // Tier (b)(2): CHAAs by patients descending, ties by lottery, one
        // award each drawn among its remaining applications; once each, or
        // again in rounds (`chaaTier`).
        var visited = [Bool](repeating: false, count: chaaCount)
        while left > 0 && !remaining.isEmpty {
            var hasApplication = [Bool](repeating: false, count: chaaCount)
            for a in remaining { hasApplication[apps[a].chaa] = true }
            var open = (0..<chaaCount).filter { hasApplication[$0] && !visited[$0] }
            if open.isEmpty && readings.revisitsCHAAs {
                visited = Array(repeating: false, count: chaaCount)
                open = (0..<chaaCount).filter { hasApplication[$0] }
            }
            open.sort { chaaNameRank[$0] < chaaNameRank[$1] }
            guard let most = open.map({ chaaPatients[$0] }).max() else { break }
            let tied = open.filter { chaaPatients[$0] == most }
            let a: Int
            if readings.drawsApplicationsDirectly && tied.count > 1 {
                let pool = remaining.filter { tied.contains(apps[$0].chaa) }
                a = draw(pool, type: type, tier: .chaa, subject: .application)
                lostDraw(pool, chosen: a, tier: .chaa, &self)
            } else {
                let c = draw(tied, type: type, tier: .chaa, subject: .chaa)
                passedOver(places: tied, chosen: c, subject: .chaa, &self)
                let inCHAA = remaining.filter { apps[$0].chaa == c }
                a = draw(inCHAA, type: type, tier: .chaa, subject: .application)
                lostDraw(inCHAA, chosen: a, tier: .chaa, &self)
            }
            visited[apps[a].chaa] = true
            award(a, .chaa, &self)
        }

        // Tier (b)(3): the best remaining applications by the scoring rule,
        // every tied application with the same chance.
        while left > 0 && !remaining.isEmpty {
            var tied: [Int] = []
            for a in remaining {
                guard let t = tied.first else { tied = [a]; continue }
                switch compare(apps[a].chaa, apps[t].chaa, type: type) {
                case .better: tied = [a]
                case .same: tied.append(a)
                case .worse: break
                }
            }
            let a = draw(tied, type: type, tier: .ranked, subject: .application)
            lostDraw(tied, chosen: a, tier: .ranked, &self)
            let w = apps[a].chaa
            let wf = facilities(w, tier: .ranked, type: type)
            for b in remaining where !tied.contains(b) {
                let c = apps[b].chaa
                loss[b] = .rankedOut(chaa: c, patients: chaaPatients[c], facilities: facilities(c, tier: .ranked, type: type),
                                     winner: w, winnerPatients: chaaPatients[w], winnerFacilities: wf)
            }
            award(a, .ranked, &self)
        }
        for a in remaining where loss[a] == nil { loss[a] = .certificatesExhausted(available: available) }
        decideLotteryFlags(type: type)
    }

    /// SPEC §3: an award was decided by lottery when a draw of its step
    /// passed over a candidate that ended without an award — a village or
    /// CHAA none of whose applications of the type won, or an application
    /// not awarded. A draw that only ordered places all served in the end
    /// decided nothing.
    private mutating func decideLotteryFlags(type: CertificateType) {
        var villageWon = [Bool](repeating: false, count: villageCount)
        var chaaWon = [Bool](repeating: false, count: chaaCount)
        for (a, _) in awardDraws {
            villageWon[apps[a].village] = true
            chaaWon[apps[a].chaa] = true
        }
        for (a, steps) in awardDraws {
            awardSteps[a] = steps.map(\.step)
            byLottery[a] = steps.contains { d in
                d.candidates.contains { x in
                    guard x != d.chosen else { return false }
                    switch d.subject {
                    case .village: return !villageWon[x]
                    case .chaa: return !chaaWon[x]
                    case .application: return awardedTier[x] == nil
                    }
                }
            }
        }
    }

    enum Comparison { case better, same, worse }

    /// Compares two CHAAs' claims in tier (b)(3) under `policy.scoring`.
    func compare(_ c: Int, _ d: Int, type: CertificateType) -> Comparison {
        let pc = chaaPatients[c], pd = chaaPatients[d]
        let fc = facilities(c, tier: .ranked, type: type), fd = facilities(d, tier: .ranked, type: type)
        switch readings.policy.scoring {
        case .lexicographic:
            if pc != pd { return pc > pd ? .better : .worse }
            if fc != fd { return fc < fd ? .better : .worse }
            return .same
        case .patientsPerFacility:
            // pc/(fc+1) vs pd/(fd+1), exactly, in integers.
            let l = pc * (fd + 1), r = pd * (fc + 1)
            return l == r ? .same : (l > r ? .better : .worse)
        }
    }
}
