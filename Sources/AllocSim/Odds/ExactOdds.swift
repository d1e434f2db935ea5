/// Every application's exact chance in one §14302 round — of an award, of
/// each tier, of an award decided by lottery (SPEC §3's definition), of
/// losing by lottery — and each
/// village's and CHAA's chance of at least one award, as fractions.
///
/// Screening (SPEC §2) has no randomness for explicit applications, so only
/// the lotteries of §14302(b)(4) are uncertain; their outcomes form a finite
/// tree, walked by `OddsWalk` with memoisation on the round's state and the
/// symmetry of applications in one village. Types are allocated in order;
/// when a later type counts an earlier type's awards of the same round
/// (`facilityCounting: as-written` with `recount`), its walk is repeated for
/// each way the earlier type's awards can fall, weighted by its chance.
///
/// Example: three applications in one village, one certificate, no other
/// village — each has chance 1/3, always by lottery.
public struct ExactOdds: Sendable {
    public struct Application: Sendable, Hashable {
        public var award: Fraction
        /// Awarded by lottery (SPEC §3): the draw that made its award passed
        /// over a candidate left without one — `p_lottery` of `allocsim run`.
        public var lottery: Fraction
        /// Not awarded, and its reason is `lottery-lost`.
        public var lotteryLost: Fraction
        /// Chance of an award in each tier, by `AllocationTier.position`.
        public var tiers: [Fraction]
    }

    public struct Place: Sendable, Hashable {
        public var type: CertificateType
        /// A CHAA's index, or a village's.
        public var isCHAA: Bool
        public var index: Int
        public var atLeastOne: Fraction
    }

    /// Per application of the round, in the scenario's order; zero for
    /// applications screened out.
    public var applications: [Application]
    /// Villages and CHAAs with an eligible application, per type.
    public var places: [Place]
    /// States and condition sets the walk visited.
    public var states: Int

    /// Computes the odds of `round` over `apps`, visiting at most `limit`
    /// states.
    public init(round: AllocationRound, apps: [RoundApplication], bufferFailures: [EligibilityFailure?]?,
                limit: Int) throws(OddsError) {
        let t = round.territory
        let screened = round.run(apps, bufferFailures: bufferFailures, lotteries: ReplicateStreams().lotteries, audit: false)
        let tiers = AllocationTier.allCases.count
        applications = Array(repeating: Application(award: .zero, lottery: .zero, lotteryLost: .zero, tiers: Array(repeating: .zero, count: tiers)),
                             count: apps.count)
        places = []
        var budget = OddsBudget(limit: limit)
        let types = CertificateType.allCases.count
        let readings = Readings(policy: round.policy)
        var chaaPatients: [Int] = []
        t.chaaPatients(t.villagePatients, into: &chaaPatients)
        // The chance of each count of this round's awards per type and CHAA
        // so far (flat, like the allocator's `roundAwards`).
        var earlier: [[Int]: Fraction] = [Array(repeating: 0, count: types * t.chaaCount): .one]
        // Only `as-written` counting with `recount` lets a type see another
        // type's awards of this round.
        let tracksEarlier = round.policy.recount && round.policy.facilityCounting == .asWritten
        for type in CertificateType.allCases {
            guard let k = round.certificates[type.index], k > 0 else { continue }
            let eligible = apps.indices.filter {
                apps[$0].type == type && (screened.outcomes[$0].status == .awarded || screened.outcomes[$0].status == .notAwarded)
            }
            guard !eligible.isEmpty else { continue }
            if eligible.count <= k {
                // §14302(a)(1)(C)(ii): every eligible application is awarded.
                for a in eligible {
                    applications[a].award = .one
                    applications[a].tiers[AllocationTier.all.position] = .one
                }
                var perCHAA = Array(repeating: 0, count: t.chaaCount)
                for a in eligible { perCHAA[apps[a].chaa] += 1 }
                if tracksEarlier {
                    var next: [[Int]: Fraction] = [:]
                    for (old, q) in earlier { next[Self.adding(perCHAA, of: type, to: old, chaas: t.chaaCount), default: .zero] += q }
                    earlier = next
                }
                for v in Set(eligible.map { apps[$0].village }).sorted() { places.append(Place(type: type, isCHAA: false, index: v, atLeastOne: .one)) }
                for c in Set(eligible.map { apps[$0].chaa }).sorted() { places.append(Place(type: type, isCHAA: true, index: c, atLeastOne: .one)) }
                continue
            }
            let villages = Set(eligible.map { apps[$0].village }).sorted()
            let local = Dictionary(uniqueKeysWithValues: villages.enumerated().map { ($1, $0) })
            var counts = Array(repeating: 0, count: villages.count)
            for a in eligible { counts[local[apps[a].village]!] += 1 }
            var members = Array(repeating: [Int](), count: t.chaaCount)
            for (i, v) in villages.enumerated() { members[t.villageCHAA[v]].append(i) }
            // Which earlier awards this type's tiers count.
            let countedEarlier = round.policy.recount && AllocationTier.allCases.contains { tier in
                readings.countedTypes(in: tier, allocating: type).contains { $0.index < type.index }
            }
            var groups: [[Int]: Fraction] = [:]
            for (vector, chance) in earlier {
                groups[countedEarlier ? vector : Array(repeating: 0, count: vector.count), default: .zero] += chance
            }
            var sum = OddsWalk.Result?.none
            var classOf = OddsModel?.none
            var next: [[Int]: Fraction] = [:]
            for vector in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let weight = groups[vector]!
                var base: [AllocationTier: [Int]] = [:], own: [AllocationTier: Bool] = [:]
                for tier in AllocationTier.allCases {
                    let counted = readings.countedTypes(in: tier, allocating: type)
                    base[tier] = (0..<t.chaaCount).map { c in
                        counted.reduce(0) { n, u in
                            n + t.chaaVillages[c].reduce(0) { $0 + t.villageFacilities[u.index][$1] }
                                + (round.policy.recount && u.index < type.index ? vector[u.index * t.chaaCount + c] : 0)
                        }
                    }
                    own[tier] = round.policy.recount && counted.contains(type)
                }
                let model = OddsModel(
                    readings: readings, type: type, available: k, villages: villages, applications: counts,
                    localCHAA: villages.map { t.villageCHAA[$0] }, chaaMembers: members, chaaPatients: chaaPatients,
                    villagePatients: t.villagePatients,
                    inVillageTier: villages.map { !readings.isServed(village: $0, allocating: type, existing: t.villageFacilities) },
                    baseFacilities: base, countsOwnAwards: own)
                classOf = model
                var walk = OddsWalk(model: model)
                let r = try walk.run(budget: &budget)
                sum = Self.add(r, weighted: weight, to: sum)
                for (perCHAA, chance) in r.awardsPerCHAA where tracksEarlier {
                    // Only the vectors this group stands for carry on, each
                    // with its own chance.
                    for (old, q) in earlier where (countedEarlier ? old : Array(repeating: 0, count: old.count)) == vector {
                        next[Self.adding(perCHAA, of: type, to: old, chaas: t.chaaCount), default: .zero] += q * chance
                    }
                }
            }
            if tracksEarlier { earlier = next }
            guard let r = sum, let classes = classOf else { continue }
            for a in eligible {
                let v = local[apps[a].village]!, c = classes.villageClass[v]
                let share = classes.classSize[c] * counts[v]
                applications[a].tiers = r.awards[c].map { $0.divided(by: share) }
                applications[a].award = r.awards[c].reduce(Fraction.zero, +).divided(by: share)
                applications[a].lottery = r.lotteryAwards[c].divided(by: share)
                applications[a].lotteryLost = r.lotteryLosers[c].divided(by: share)
            }
            for (i, v) in villages.enumerated() {
                let c = classes.villageClass[i]
                places.append(Place(type: type, isCHAA: false, index: v, atLeastOne: r.villagesWon[c].divided(by: classes.classSize[c])))
            }
            for c in 0..<t.chaaCount where !members[c].isEmpty {
                places.append(Place(type: type, isCHAA: true, index: c, atLeastOne: r.chaaAtLeastOne[c]))
            }
        }
        states = budget.used
    }

    private static func add(_ r: OddsWalk.Result, weighted w: Fraction, to sum: OddsWalk.Result?) -> OddsWalk.Result {
        func scaled(_ xs: [Fraction]) -> [Fraction] { xs.map { $0 * w } }
        guard var s = sum else {
            var x = r
            x.awards = r.awards.map(scaled)
            x.lotteryAwards = scaled(r.lotteryAwards)
            x.lotteryLosers = scaled(r.lotteryLosers)
            x.villagesWon = scaled(r.villagesWon)
            x.chaaAtLeastOne = scaled(r.chaaAtLeastOne)
            return x
        }
        for v in s.awards.indices {
            for k in s.awards[v].indices { s.awards[v][k] += r.awards[v][k] * w }
            s.lotteryAwards[v] += r.lotteryAwards[v] * w
            s.lotteryLosers[v] += r.lotteryLosers[v] * w
            s.villagesWon[v] += r.villagesWon[v] * w
        }
        for c in s.chaaAtLeastOne.indices { s.chaaAtLeastOne[c] += r.chaaAtLeastOne[c] * w }
        return s
    }

    /// `old` (this round's awards per type and CHAA, flat) with `type`'s
    /// awards per CHAA added.
    private static func adding(_ perCHAA: [Int], of type: CertificateType, to old: [Int], chaas: Int) -> [Int] {
        var v = old
        for c in 0..<chaas { v[type.index * chaas + c] += perCHAA[c] }
        return v
    }
}

extension PreparedScenario {
    /// Exact odds of the round over the explicit applications
    /// (`allocsim allocate --odds exact`).
    public func exactOdds(limit: Int) throws(OddsError) -> ExactOdds {
        try ExactOdds(round: round, apps: explicit, bufferFailures: explicitBufferFailures, limit: limit)
    }
}
