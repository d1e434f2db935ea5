/// The tiers of §14302(b) for one round, type by type, with the lottery
/// of (b)(4) and its audit trail.
struct TierAllocator {
    let round: AllocationRound
    let apps: [RoundApplication]
    let chaaPatients: [Int]
    let villagePatients: [Int]
    let rng: RandomStream
    let audit: Bool

    private(set) var awardedTier: [AllocationTier?]
    private(set) var byLottery: [Bool]
    private(set) var draws: [LotteryDraw] = []

    private var territory: Territory { round.territory }
    private var policy: Policy { round.policy }

    init(round: AllocationRound, apps: [RoundApplication], chaaPatients: [Int], villagePatients: [Int],
         rng: RandomStream, audit: Bool) {
        self.round = round
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
        var chaaFacilities = territory.chaaFacilities(type)

        func award(_ a: Int, _ tier: AllocationTier, _ lottery: Bool, _ me: inout TierAllocator) {
            me.awardedTier[a] = tier
            me.byLottery[a] = lottery
            remaining.removeAll { $0 == a }
            left -= 1
            if me.policy.recount { chaaFacilities[me.apps[a].chaa] += 1 }
        }

        // Tier (b)(1): villages without a facility of this type that have
        // an application; at most one award each.
        var villages = Set(remaining.map { apps[$0].village })
            .filter { territory.villageFacilities[type.index][$0] == 0 }
            .sorted { territory.villageNameRank[$0] < territory.villageNameRank[$1] }
        while left > 0 && !villages.isEmpty {
            let tied: [Int]
            switch policy.villageOrder {
            case .chaaPatients:
                // CHAA patients descending, then CHAA facilities ascending,
                // with the counts as they stand after the awards so far.
                let villageCHAA = territory.villageCHAA, patients = chaaPatients, facilities = chaaFacilities
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
        var visited = [Bool](repeating: false, count: territory.chaaCount)
        while left > 0 {
            let open = Set(remaining.map { apps[$0].chaa }).filter { !visited[$0] }
                .sorted { territory.chaaNameRank[$0] < territory.chaaNameRank[$1] }
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
        switch policy.scoring {
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
