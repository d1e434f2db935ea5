/// One certificate type's §14302 round as a chain of states, for exact odds.
///
/// Applications of the same type in the same village are interchangeable:
/// every tier of §14302(b) looks only at villages and CHAAs, and every
/// lottery of (b)(4) is uniform. So a state records how many applications
/// remain in each village, not which ones, and an application's chance is
/// its village's expected count divided by the village's applications.
/// The draws "sorted by id" that make a seeded round reproducible do not
/// change any chance.
///
/// A state also carries what the future needs and nothing more: the tier
/// the round is in, the CHAAs tier (b)(2) has visited in its current pass,
/// whether the remaining applications of a village were last passed over by
/// a draw (their reason if they lose, SPEC §3), and the CHAAs tied for the
/// latest ranked award (who loses `ranked-out`). Each step makes exactly
/// one award, so states fall into layers by awards made.
///
/// This mirrors `TierAllocator` step by step; `DrawEnumeration`, which runs
/// the allocator itself down every path of draws, checks it in the tests.
struct OddsModel {
    enum Phase: UInt8, Hashable { case village, chaa, ranked, done }

    struct State: Hashable {
        var phase: Phase
        /// Applications not yet awarded, per local village.
        var remaining: [Int32]
        /// The remaining applications of the village were passed over by the
        /// latest draw that touched them (cleared where none remain).
        var marked: [Bool]
        /// Tier (b)(2): CHAAs awarded in the current pass.
        var visited: [Bool]
        /// Tier (b)(3): CHAAs tied for the latest ranked award.
        var lastTied: [Bool]
    }

    /// "Fewer than `needed` more awards land in `villages`": one part of what
    /// decides whether an award was made by lottery (SPEC §3).
    struct Condition: Hashable, Comparable {
        var villages: [Int]
        var needed: Int

        static func < (a: Condition, b: Condition) -> Bool {
            a.needed != b.needed ? a.needed < b.needed : a.villages.lexicographicallyPrecedes(b.villages)
        }
    }

    /// One way a step can go: its chance, the state after it, where the
    /// award went and in which tier, and the conditions under which the
    /// award counts as decided by lottery (any one suffices).
    struct Transition {
        var chance: Fraction
        var next: State
        var village: Int
        var tier: AllocationTier
        var lotteryIf: [Condition]
    }

    let readings: Readings
    let type: CertificateType
    let available: Int
    /// Territory village of each local village (those with an eligible
    /// application of the type), and its applications.
    let villages: [Int]
    let applications: [Int]
    let localCHAA: [Int]
    /// Local villages per territory CHAA.
    let chaaMembers: [[Int]]
    let chaaPatients: [Int]
    let villagePatients: [Int]
    /// Tier (b)(1)'s villages at the start: not served, with an application.
    let inVillageTier: [Bool]
    /// Facilities each tier counts per CHAA before this type's awards:
    /// existing ones, plus earlier types' awards of this round with
    /// `recount`; and whether this type's own awards count.
    let baseFacilities: [AllocationTier: [Int]]
    let countsOwnAwards: [AllocationTier: Bool]
    /// Villages the rules cannot tell apart — same CHAA, applications,
    /// patients and tier (b)(1) standing — form a class; a state lists a
    /// class's villages in a canonical order (`canonical(_:)`), so the paths
    /// that differ only by which of them won meet again.
    let villageClass: [Int]
    let classSize: [Int]

    var chaaCount: Int { chaaPatients.count }
    var chaas: Range<Int> { 0..<chaaCount }

    var start: State {
        normalised(State(phase: .village, remaining: applications.map { Int32($0) },
                         marked: Array(repeating: false, count: villages.count),
                         visited: Array(repeating: false, count: chaaCount),
                         lastTied: Array(repeating: false, count: chaaCount)))
    }

    func awards(_ s: State) -> Int {
        var n = 0
        for v in villages.indices { n += applications[v] - Int(s.remaining[v]) }
        return n
    }

    func remaining(_ s: State, chaa c: Int) -> Int { chaaMembers[c].reduce(0) { $0 + Int(s.remaining[$1]) } }
    func awarded(_ s: State, chaa c: Int) -> Int { chaaMembers[c].reduce(0) { $0 + applications[$1] - Int(s.remaining[$1]) } }

    /// The facilities tier `tier` counts in CHAA `c` in state `s`.
    func facilities(_ s: State, chaa c: Int, tier: AllocationTier) -> Int {
        baseFacilities[tier]![c] + (countsOwnAwards[tier]! ? awarded(s, chaa: c) : 0)
    }

    /// Moves `s` on to the tier that makes the next award, as the
    /// allocator's loops do, or to `done`.
    func normalised(_ s: State) -> State {
        var s = s
        let left = available - awards(s)
        for v in villages.indices where s.remaining[v] == 0 { s.marked[v] = false }
        if s.phase == .village {
            let open = villages.indices.contains { inVillageTier[$0] && s.remaining[$0] == applications[$0] }
            if left > 0 && open { return s }
            s.phase = .chaa
            s.visited = Array(repeating: false, count: chaaCount)
        }
        if s.phase == .chaa {
            if left > 0 {
                if chaas.contains(where: { remaining(s, chaa: $0) > 0 && !s.visited[$0] }) { return s }
                if readings.revisitsCHAAs && chaas.contains(where: { remaining(s, chaa: $0) > 0 }) {
                    s.visited = Array(repeating: false, count: chaaCount)
                    return s
                }
            }
            s.phase = .ranked
            s.visited = Array(repeating: false, count: chaaCount)
        }
        if s.phase == .ranked {
            if left > 0 && chaas.contains(where: { remaining(s, chaa: $0) > 0 }) { return s }
            s.phase = .done
        }
        return s
    }

    /// The steps the round can take from `s` (none when it is done).
    func transitions(from s: State) -> [Transition] {
        switch s.phase {
        case .done:
            return []
        case .village:
            // Tier (b)(1): the villages still waiting, in name order.
            let open = villages.indices.filter { inVillageTier[$0] && s.remaining[$0] == applications[$0] }
            var tied: [Int] = []
            switch readings.policy.villageOrder {
            case .chaaPatients:
                func key(_ v: Int) -> (Int, Int) {
                    let c = localCHAA[v]
                    return (chaaPatients[c], -facilities(s, chaa: c, tier: .village))
                }
                let best = open.map(key).max { $0 < $1 }!
                tied = open.filter { key($0) == best }
            case .villagePatients:
                let best = open.map { villagePatients[villages[$0]] }.max()!
                tied = open.filter { villagePatients[villages[$0]] == best }
            case .lottery:
                tied = open
            }
            return step(s, places: tied.map { [$0] }, tier: .village, placeDraw: true)
        case .chaa:
            // Tier (b)(2): unvisited CHAAs with applications, most patients.
            let open = chaas.filter { remaining(s, chaa: $0) > 0 && !s.visited[$0] }
            let most = open.map { chaaPatients[$0] }.max()!
            let tied = open.filter { chaaPatients[$0] == most }
            return step(s, places: tied.map { chaaMembers[$0] }, tier: .chaa, placeDraw: true).map {
                var t = $0
                t.next.visited[localCHAA[t.village]] = true
                t.next = normalised(t.next)
                return t
            }
        case .ranked:
            // Tier (b)(3): every application of the best CHAAs, one draw.
            var tied: [Int] = []
            for c in 0..<chaaCount where remaining(s, chaa: c) > 0 {
                guard let t = tied.first else { tied.append(c); continue }
                switch compare(s, c, t) {
                case .better: tied = [c]
                case .same: tied.append(c)
                case .worse: break
                }
            }
            let pool = tied.flatMap { chaaMembers[$0] }
            return step(s, places: [pool], tier: .ranked, placeDraw: false).map {
                var t = $0
                t.next.lastTied = Array(repeating: false, count: chaaCount)
                for c in tied { t.next.lastTied[c] = true }
                t.next = normalised(t.next)
                return t
            }
        }
    }

    /// One step among tied `places` (each a list of local villages): a draw
    /// of the place (when `placeDraw`, unless `tieBreak: application` draws
    /// among all their applications at once), then of an application in it.
    private func step(_ s: State, places: [[Int]], tier: AllocationTier, placeDraw: Bool) -> [Transition] {
        var out: [Transition] = []
        func awardIn(_ pool: [Int], chance: Fraction, passed: [[Int]]) {
            let total = pool.reduce(0) { $0 + Int(s.remaining[$1]) }
            for v in pool where s.remaining[v] > 0 {
                var next = s
                next.remaining[v] -= 1
                var lotteryIf: [Condition] = []
                // A passed-over place loses by the draw if it ends the round
                // with no award of the type at all.
                for p in passed {
                    for u in p where next.remaining[u] > 0 { next.marked[u] = true }
                    if p.allSatisfy({ s.remaining[$0] == applications[$0] }) {
                        lotteryIf.append(Condition(villages: p.sorted(), needed: 1))
                    }
                }
                // The applications the draw passed over are all those left in
                // the pool; one of them ending without an award decides it.
                if total > 1 {
                    let left = pool.reduce(0) { $0 + Int(next.remaining[$1]) }
                    for u in pool where next.remaining[u] > 0 { next.marked[u] = true }
                    lotteryIf.append(Condition(villages: pool.sorted(), needed: left))
                }
                out.append(Transition(chance: chance * Fraction(Int(s.remaining[v]), total),
                                      next: tier == .village ? normalised(next) : next,
                                      village: v, tier: tier, lotteryIf: lotteryIf))
            }
        }
        if places.count == 1 || !placeDraw {
            awardIn(places.flatMap { $0 }, chance: .one, passed: [])
        } else if readings.drawsApplicationsDirectly {
            awardIn(places.flatMap { $0 }, chance: .one, passed: [])
        } else {
            for (i, p) in places.enumerated() {
                awardIn(p, chance: Fraction(1, places.count), passed: places.enumerated().filter { $0.offset != i }.map(\.element))
            }
        }
        return out
    }

    /// `TierAllocator.compare` on the state's counts.
    private func compare(_ s: State, _ c: Int, _ d: Int) -> Readings.Comparison {
        readings.rank(patients: chaaPatients[c], facilities: facilities(s, chaa: c, tier: .ranked),
                      against: chaaPatients[d], facilities(s, chaa: d, tier: .ranked))
    }
}
