import Foundation
import Testing
@testable import AllocSim

/// Exact odds of a §14302 round: worked examples, and the memoised walk
/// checked against every path of draws run through the allocator itself.
@Suite struct ExactOddsTests {
    let base = AllocationTierTests()

    /// Sums of the brute-force enumeration, per application and place.
    struct Tally {
        var award: [Fraction], lottery: [Fraction], lost: [Fraction], tiers: [[Fraction]]
        var places: [String: Fraction] = [:]
    }

    func enumerate(_ p: PreparedScenario, limit: Int = 1_500) -> Tally? {
        let n = p.explicit.count, t = p.territory
        var tally = Tally(award: Array(repeating: .zero, count: n), lottery: Array(repeating: .zero, count: n),
                          lost: Array(repeating: .zero, count: n),
                          tiers: Array(repeating: Array(repeating: .zero, count: AllocationTier.allCases.count), count: n))
        let done = DrawEnumeration.forEachPath(round: p.round, apps: p.explicit, bufferFailures: p.explicitBufferFailures,
                                               limit: limit) { result, chance in
            var won: Set<String> = []
            for (i, o) in result.outcomes.enumerated() {
                let a = p.explicit[i]
                if o.status == .awarded {
                    tally.award[i] += chance
                    tally.tiers[i][o.tier!.position] += chance
                    won.insert("\(a.type) village \(a.village)")
                    won.insert("\(a.type) chaa \(a.chaa)")
                }
                if o.lottery { tally.lottery[i] += chance }
                if o.loss?.reason == "lottery-lost" { tally.lost[i] += chance }
            }
            for w in won { tally.places[w, default: .zero] += chance }
            _ = t
        }
        return done ? tally : nil
    }

    /// Checks one round; returns the exact odds when the enumeration
    /// finished (nil when it had too many paths to check).
    @discardableResult
    func check(_ yaml: String, context: String) throws -> ExactOdds? {
        let p = PreparedScenario(try scenario(yaml))
        guard let brute = enumerate(p) else { return nil }
        let exact = try p.exactOdds(limit: 1_000_000)
        for i in p.explicit.indices {
            let id = p.scenario.applications.explicit[i].id
            #expect(exact.applications[i].award == brute.award[i], "\(id) award: \(context)")
            #expect(exact.applications[i].lottery == brute.lottery[i], "\(id) lottery: \(context)")
            #expect(exact.applications[i].lotteryLost == brute.lost[i], "\(id) lottery-lost: \(context)")
            #expect(exact.applications[i].tiers == brute.tiers[i], "\(id) tiers: \(context)")
        }
        for place in exact.places {
            let key = "\(place.type) \(place.isCHAA ? "chaa" : "village") \(place.index)"
            #expect(place.atLeastOne == brute.places[key, default: .zero], "\(key): \(context)")
        }
        return exact
    }

    @Test("§14302(b)(4): three applications in one village, one certificate — each 1/3, won or lost by lottery")
    func oneVillageLottery() throws {
        let yaml = base.territory(k: 1, apps: base.apps([("A1", "Alder"), ("A2", "Alder"), ("A3", "Alder")]))
        let odds = try PreparedScenario(try scenario(yaml)).exactOdds(limit: 1000)
        for a in odds.applications {
            #expect(a.award == Fraction(1, 3))
            #expect(a.lottery == Fraction(1, 3))
            #expect(a.lotteryLost == Fraction(2, 3))
            #expect(a.tiers[AllocationTier.village.position] == Fraction(1, 3))
        }
    }

    @Test("§14302(b)(4), tieBreak: a lone application in one of two tied villages has 1/2 drawn by place, 1/3 drawn by application")
    func tieBreakReadings() throws {
        // Alder and Birch are in North, tied in tier (b)(1); K = 1.
        let apps = base.apps([("A1", "Alder"), ("A2", "Alder"), ("B1", "Birch")])
        let place = try PreparedScenario(try scenario(base.territory(k: 1, apps: apps))).exactOdds(limit: 1000)
        #expect(place.applications[2].award == Fraction(1, 2))
        #expect(place.applications[0].award == Fraction(1, 4))
        let direct = try PreparedScenario(try scenario(base.territory(k: 1, apps: apps, policy: "policy: { tieBreak: application }")))
            .exactOdds(limit: 1000)
        #expect(direct.applications.allSatisfy { $0.award == Fraction(1, 3) })
    }

    @Test("§14302(a)(1)(C)(ii): no more applications than certificates — chance 1 in tier all, no lottery")
    func tierAll() throws {
        let yaml = base.territory(k: 3, apps: base.apps([("A1", "Alder"), ("C1", "Cedar")]))
        let odds = try PreparedScenario(try scenario(yaml)).exactOdds(limit: 10)
        #expect(odds.applications.allSatisfy { $0.award == .one && $0.lottery == .zero && $0.tiers[AllocationTier.all.position] == .one })
    }

    @Test("the state budget: a round too large for it says how far the walk got")
    func budget() throws {
        let apps = base.apps((1...4).flatMap { i in ["Alder", "Birch", "Cedar", "Dogwood"].map { ("\($0.prefix(1))\(i)", $0) } })
        let p = PreparedScenario(try scenario(base.territory(k: 6, apps: apps, policy: "policy: { villageOrder: lottery }")))
        #expect(throws: OddsError.tooLarge(states: 6, limit: 5)) { try p.exactOdds(limit: 5) }
    }

    @Test("the bundled Guam round: exact chances agree with `allocsim run`'s Monte Carlo (BatchRunner, 100,000 replicates) within 4 standard errors")
    func matchesMonteCarlo() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/guam-round.yaml")
        let p = PreparedScenario(try ScenarioDocument.read(path: url.path).load())
        let exact = try p.exactOdds(limit: 100_000)
        let n = 100_000
        let acc = BatchRunner(p).run(seed: 5, range: 0..<n, threads: 2)
        func agrees(_ f: Fraction, _ hits: Int) -> Bool {
            let q = f.doubleValue, m = Double(hits) / Double(n)
            if f.isZero || f == .one { return m == q }
            return abs(m - q) <= 4 * (q * (1 - q) / Double(n)).squareRoot()
        }
        for i in p.explicit.indices {
            #expect(agrees(exact.applications[i].award, acc.applicationAwarded[i]), "application \(i) award")
            #expect(agrees(exact.applications[i].lottery, acc.applicationLottery[i]), "application \(i) lottery")
        }
    }

    /// A small random round: 2–3 CHAAs, 2–5 villages, patients drawn from
    /// few values so CHAAs and villages tie, facilities here and there, both
    /// types, every policy reading.
    func randomRound(_ g: inout SplitMix) -> String {
        let chaaCount = 2 + g.next(2)
        var villages: [(name: String, chaa: Int)] = []
        for c in 0..<chaaCount { for _ in 0..<(1 + g.next(2)) { villages.append(("V\(villages.count)", c)) } }
        var geo = ""
        // A third of the rounds have every village served, so tier (b)(3) is reached.
        let served = g.next(3) == 0
        for c in 0..<chaaCount {
            geo += "    - name: C\(c)\n      villages:\n"
            for v in villages where v.chaa == c {
                let patients = [100, 100, 200][g.next(3)]
                geo += "        - { name: \(v.name), patients: \(patients), facilities: { dispensary: \(served ? 1 : g.next(2)), cultivation: \(g.next(3) == 0 ? 1 : 0) } }\n"
            }
        }
        let n = 3 + g.next(8)
        // A third of the rounds spread applications evenly, so villages the
        // rules cannot tell apart share a class in the walk.
        let even = g.next(3) == 0
        var apps = ""
        for i in 0..<n {
            let v = villages[even ? i % villages.count : g.next(villages.count)].name
            let type = g.next(3) == 0 ? "cultivation" : "dispensary"
            apps += "    - { id: P\(i), type: \(type), village: \(v), site: [0, 0], individuals: [p\(i)] }\n"
        }
        let policy = [
            "villageOrder: \(["chaa-patients", "village-patients", "lottery"][g.next(3)])",
            "tieBreak: \(["place-then-application", "application"][g.next(2)])",
            "chaaTier: \(["once-each", "round-robin"][g.next(2)])",
            "scoring: \(["lexicographic", "patients-per-facility"][g.next(2)])",
            "recount: \(g.next(2) == 0)",
            "facilityCounting: \(["same-type", "as-written"][g.next(2)])",
            "servedVillage: \(["same-type", "any-type"][g.next(2)])",
        ]
        return """
        name: random
        certificates: { dispensary: \(1 + g.next(6)), cultivation: \(1 + g.next(2)) }
        geography:
          units: feet
          chaas:
        \(geo)
        applications:
          explicit:
        \(apps)
        policy: { \(policy.joined(separator: ", ")) }
        """
    }

    @Test("the memoised walk equals every path of draws through the allocator: 200 random small rounds, every reading")
    func matchesEnumeration() throws {
        var g = SplitMix(seed: 14302)
        var checked = 0, tiers = Array(repeating: 0, count: AllocationTier.allCases.count), partly = 0
        for k in 0..<200 {
            let yaml = randomRound(&g)
            guard let odds = try check(yaml, context: "round \(k):\n\(yaml)") else { continue }
            checked += 1
            for tier in AllocationTier.allCases where odds.applications.contains(where: { !$0.tiers[tier.position].isZero }) {
                tiers[tier.position] += 1
            }
            // An award the lottery decides on some paths and not on others.
            if odds.applications.contains(where: { !$0.lottery.isZero && $0.lottery != $0.award }) { partly += 1 }
        }
        // The sample reaches every tier and the in-between lottery cases.
        #expect(checked >= 170, "rounds checked: \(checked)")
        #expect(tiers.allSatisfy { $0 >= 12 }, "rounds per tier: \(tiers)")
        #expect(partly >= 12, "rounds with a partly decided lottery: \(partly)")
    }
}

/// A tiny deterministic generator for test inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }
}
