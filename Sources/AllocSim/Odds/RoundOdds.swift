/// Each application's chance in one round, computed exactly or — when the
/// tree of draws is too large and the user allowed it (`--odds auto`) —
/// estimated by running the round many times, and labelled as such.
public struct RoundOdds: Sendable {
    /// A chance: an exact fraction, or an estimate with its 95% Wilson
    /// interval.
    public enum Chance: Sendable, Hashable {
        case exact(Fraction)
        case estimate(WilsonInterval)

        public var value: Double {
            switch self {
            case .exact(let f): return f.doubleValue
            case .estimate(let w): return w.estimate
            }
        }
    }

    public enum Method: String, Sendable { case exact, monteCarlo = "monte-carlo" }

    public struct Application: Sendable, Hashable {
        public var award: Chance
        /// Awarded by lottery (SPEC §3).
        public var lottery: Chance
        /// Not awarded, reason `lottery-lost`.
        public var lotteryLost: Chance
        /// By `AllocationTier.position`.
        public var tiers: [Chance]
    }

    public struct Place: Sendable, Hashable {
        public var type: CertificateType
        public var isCHAA: Bool
        public var index: Int
        public var atLeastOne: Chance
    }

    public var method: Method
    public var applications: [Application]
    public var places: [Place]
    /// States the exact walk visited, or the replicates of the estimate.
    public var work: Int
    /// Why the estimate replaced the exact answer (`--odds auto`).
    public var fallback: String?

    public init(_ e: ExactOdds) {
        method = .exact
        applications = e.applications.map {
            Application(award: .exact($0.award), lottery: .exact($0.lottery), lotteryLost: .exact($0.lotteryLost), tiers: $0.tiers.map { .exact($0) })
        }
        places = e.places.map { Place(type: $0.type, isCHAA: $0.isCHAA, index: $0.index, atLeastOne: .exact($0.atLeastOne)) }
        work = e.states
        fallback = nil
    }

    /// Estimates by running the round `replicates` times, replicate `r` on
    /// the lottery streams of (`seed`, replicate `r`) — what `allocsim run`
    /// would draw for the same round.
    public init(sampling p: PreparedScenario, seed: UInt64, replicates: Int, fallback: String?) {
        let n = p.explicit.count, tiers = AllocationTier.allCases.count, t = p.territory
        var award = Array(repeating: 0, count: n), lottery = Array(repeating: 0, count: n), lost = Array(repeating: 0, count: n)
        var tier = Array(repeating: Array(repeating: 0, count: tiers), count: n)
        // Places with an eligible application, as the exact odds list them.
        var keys: [Place] = []
        var seen = Set<[Int]>()
        for a in p.explicit {
            for (isCHAA, index) in [(false, a.village), (true, a.chaa)] where seen.insert([a.type.index, isCHAA ? 1 : 0, index]).inserted {
                keys.append(Place(type: a.type, isCHAA: isCHAA, index: index, atLeastOne: .exact(.zero)))
            }
        }
        keys.sort { ($0.type.index, $0.isCHAA ? 1 : 0, $0.index) < ($1.type.index, $1.isCHAA ? 1 : 0, $1.index) }
        var wins = Array(repeating: 0, count: keys.count)
        var eligiblePlace = Array(repeating: false, count: keys.count)
        var workspace = RoundWorkspace(p.round)
        var result = RoundResult(outcomes: [], draws: [], drawCount: 0, villagePatients: [])
        let streams = ReplicateStreams()
        var won = Array(repeating: false, count: keys.count)
        let position = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ([$1.type.index, $1.isCHAA ? 1 : 0, $1.index], $0) })
        for r in 0..<replicates {
            streams.reseed(seed: seed, cell: 0, replicate: UInt64(r))
            p.round.run(p.explicit, villagePatients: t.villagePatients, bufferFailures: p.explicitBufferFailures,
                        lotteries: streams.lotteries, audit: false, into: &result, workspace: &workspace)
            for k in won.indices { won[k] = false }
            for (i, o) in result.outcomes.enumerated() {
                let a = p.explicit[i]
                if o.status == .awarded || o.status == .notAwarded {
                    eligiblePlace[position[[a.type.index, 0, a.village]]!] = true
                    eligiblePlace[position[[a.type.index, 1, a.chaa]]!] = true
                }
                if o.status == .awarded {
                    award[i] += 1
                    tier[i][o.tier!.position] += 1
                    won[position[[a.type.index, 0, a.village]]!] = true
                    won[position[[a.type.index, 1, a.chaa]]!] = true
                }
                if o.lottery { lottery[i] += 1 }
                if o.loss?.reason == "lottery-lost" { lost[i] += 1 }
            }
            for k in won.indices where won[k] { wins[k] += 1 }
        }
        func chance(_ x: Int) -> Chance { .estimate(WilsonInterval(successes: x, trials: replicates)) }
        method = .monteCarlo
        applications = (0..<n).map { Application(award: chance(award[$0]), lottery: chance(lottery[$0]), lotteryLost: chance(lost[$0]), tiers: tier[$0].map(chance)) }
        places = keys.indices.filter { eligiblePlace[$0] }.map {
            var place = keys[$0]
            place.atLeastOne = chance(wins[$0])
            return place
        }
        work = replicates
        self.fallback = fallback
    }
}
