/// The tiers of §14302(b) for one round, type by type, with the lottery
/// of (b)(4) and its audit trail.
struct TierAllocator {
    let apps: [RoundApplication]
    let chaaPatients: [Int]
    let villagePatients: [Int]
    let rng: RandomStream
    let audit: Bool

    private(set) var awardedTier: [AllocationTier?]
    private(set) var byLottery: [Bool]
    private(set) var draws: [LotteryDraw] = []
    /// Draws made, recorded in `draws` or not.
    private(set) var drawsMade = 0

    // What the tiers read of the territory and policy, held directly so the
    // hot loop does not copy the structs that own them.
    private let villageCHAA: [Int]
    private let villageFacilities: [[Int]]
    private let villageNameRank: [Int]
    private let chaaNameRank: [Int]
    private let villageCount: Int
    private let chaaCount: Int
    private let villageOrder: VillageOrder
    private let scoring: Scoring
    private let recount: Bool

    init(round: AllocationRound, apps: [RoundApplication], chaaPatients: [Int], villagePatients: [Int],
         rng: RandomStream, audit: Bool) {
        let t = round.territory
        villageCHAA = t.villageCHAA
        villageFacilities = t.villageFacilities
        villageNameRank = t.villageNameRank
        chaaNameRank = t.chaaNameRank
        villageCount = t.villageCount
        chaaCount = t.chaaCount
        villageOrder = round.policy.villageOrder
        scoring = round.policy.scoring
        recount = round.policy.recount
        self.apps = apps
        self.chaaPatients = chaaPatients
        self.villagePatients = villagePatients
        self.rng = rng
        self.audit = audit
        awardedTier = Array(repeating: nil, count: apps.count)
        byLottery = Array(repeating: false, count: apps.count)
    }

    /// A uniform draw among `candidates` (already sorted by id or name);
    /// only made, and recorded, when there are two or more.
    private mutating func draw(_ candidates: [Int], type: CertificateType, tier: AllocationTier,
                               subject: DrawSubject) -> Int {
        if candidates.count == 1 { return candidates[0] }
        let k = rng.uniformIndex(candidates.count)
        drawsMade += 1
        if audit {
            draws.append(LotteryDraw(step: draws.count + 1, type: type, tier: tier, subject: subject,
                                     candidates: candidates, drawn: k, stream: rng.key, drawNumber: rng.drawCount))
        }
        return candidates[k]
    }

    /// Allocates `available` certificates of `type` among `eligible`
    /// (sorted by id order).
    mutating func allocate(type: CertificateType, available: Int, eligible: [Int]) {
        // §14302(a)(1)(C)(ii): enough certificates for everyone.
        if eligible.count <= available {
            for a in eligible { awardedTier[a] = .all }
            return
        }
        var remaining = eligible
        var left = available
        var chaaFacilities = [Int](repeating: 0, count: chaaCount)
        for v in 0..<villageCount { chaaFacilities[villageCHAA[v]] += villageFacilities[type.index][v] }

        func award(_ a: Int, _ tier: AllocationTier, _ lottery: Bool, _ me: inout TierAllocator) {
            me.awardedTier[a] = tier
            me.byLottery[a] = lottery
            remaining.removeAll { $0 == a }
            left -= 1
            if me.recount { chaaFacilities[me.apps[a].chaa] += 1 }
        }

        // Tier (b)(1): villages without a facility of this type that have
        // an application; at most one award each.
        var hasApplication = [Bool](repeating: false, count: villageCount)
        for a in remaining { hasApplication[apps[a].village] = true }
        var villages = (0..<villageCount)
            .filter { hasApplication[$0] && villageFacilities[type.index][$0] == 0 }
            .sorted { villageNameRank[$0] < villageNameRank[$1] }
        while left > 0 && !villages.isEmpty {
            let tied: [Int]
            switch villageOrder {
            case .chaaPatients:
                // CHAA patients descending, then CHAA facilities ascending,
                // with the counts as they stand after the awards so far.
                let villageCHAA = self.villageCHAA, patients = chaaPatients, facilities = chaaFacilities
                func key(_ v: Int) -> (Int, Int) { (patients[villageCHAA[v]], -facilities[villageCHAA[v]]) }
                let best = villages.map(key).max { $0 < $1 }!
                tied = villages.filter { key($0) == best }
            case .villagePatients:
                let best = villages.map { villagePatients[$0] }.max()!
                tied = villages.filter { villagePatients[$0] == best }
            case .lottery:
                tied = villages
            }
            let v = draw(tied, type: type, tier: .village, subject: .village)
            villages.removeAll { $0 == v }
            let inVillage = remaining.filter { apps[$0].village == v }
            let a = draw(inVillage, type: type, tier: .village, subject: .application)
            award(a, .village, inVillage.count > 1, &self)
        }

        // Tier (b)(2): CHAAs by patients descending, ties by lottery, each
        // visited once, one award each drawn among its remaining applications.
        var visited = [Bool](repeating: false, count: chaaCount)
        while left > 0 {
            var hasApplication = [Bool](repeating: false, count: chaaCount)
            for a in remaining { hasApplication[apps[a].chaa] = true }
            let open = (0..<chaaCount).filter { hasApplication[$0] && !visited[$0] }
                .sorted { chaaNameRank[$0] < chaaNameRank[$1] }
            guard let most = open.map({ chaaPatients[$0] }).max() else { break }
            let c = draw(open.filter { chaaPatients[$0] == most }, type: type, tier: .chaa, subject: .chaa)
            visited[c] = true
            let inCHAA = remaining.filter { apps[$0].chaa == c }
            let a = draw(inCHAA, type: type, tier: .chaa, subject: .application)
            award(a, .chaa, inCHAA.count > 1, &self)
        }

        // Tier (b)(3): the best remaining applications by the scoring rule,
        // every tied application with the same chance.
        while left > 0 && !remaining.isEmpty {
            var tied: [Int] = []
            for a in remaining {
                guard let t = tied.first else { tied = [a]; continue }
                switch compare(apps[a].chaa, apps[t].chaa, chaaFacilities) {
                case .better: tied = [a]
                case .same: tied.append(a)
                case .worse: break
                }
            }
            let a = draw(tied, type: type, tier: .ranked, subject: .application)
            award(a, .ranked, tied.count > 1, &self)
        }
    }

    enum Comparison { case better, same, worse }

    /// Compares two CHAAs' claims under `policy.scoring`.
    func compare(_ c: Int, _ d: Int, _ facilities: [Int]) -> Comparison {
        let pc = chaaPatients[c], pd = chaaPatients[d]
        let fc = facilities[c], fd = facilities[d]
        switch scoring {
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
