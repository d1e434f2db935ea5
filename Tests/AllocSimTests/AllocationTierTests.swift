import Testing
@testable import AllocSim

/// §14302: the round's tiers and tie-breaks, as worked examples.
@Suite struct AllocationTierTests {
    /// Three CHAAs; `fac` gives each village's existing dispensaries.
    func territory(k: Int, apps: String, policy: String = "", fac: (Int, Int, Int, Int) = (0, 0, 0, 0),
                   patients: (Int, Int, Int, Int) = (300, 200, 150, 100)) -> String {
        """
        name: tiers
        certificates: { dispensary: \(k) }
        geography:
          units: feet
          chaas:
            - name: North
              villages:
                - { name: Alder, patients: \(patients.0), facilities: { dispensary: \(fac.0) } }
                - { name: Birch, patients: \(patients.1), facilities: { dispensary: \(fac.1) } }
            - name: South
              villages:
                - { name: Cedar, patients: \(patients.2), facilities: { dispensary: \(fac.2) } }
            - name: West
              villages:
                - { name: Dogwood, patients: \(patients.3), facilities: { dispensary: \(fac.3) } }
        applications:
          explicit:
        \(apps)
        \(policy)
        """
    }

    func app(_ id: String, _ village: String) -> String {
        "    - { id: \(id), type: dispensary, village: \(village), site: [0, 0], individuals: [\(id.lowercased())] }"
    }

    func apps(_ list: [(String, String)]) -> String { list.map { app($0.0, $0.1) }.joined(separator: "\n") }

    /// Awarded ids over many seeds, counted.
    func tally(_ yaml: String, seeds: Int = 400) throws -> [String: Int] {
        let s = try scenario(yaml)
        let p = PreparedScenario(s)
        var count: [String: Int] = [:]
        for seed in 0..<seeds {
            let r = p.allocateExplicit(seed: UInt64(seed))
            for (i, a) in s.applications.explicit.enumerated() where r.outcomes[i].status == .awarded {
                count[a.id, default: 0] += 1
            }
        }
        return count
    }

    @Test("§14302(a)(1)(C)(ii): no more eligible applications than certificates — all awarded, tier all, no draws")
    func tierAll() throws {
        let (o, r) = allocate(try scenario(territory(k: 3, apps: apps([("A1", "Alder"), ("A2", "Alder"), ("C1", "Cedar")]))))
        for id in ["A1", "A2", "C1"] {
            #expect(o[id]?.status == .awarded)
            #expect(o[id]?.tier == .all)
            #expect(o[id]?.lottery == false)
        }
        #expect(r.draws.isEmpty)
    }

    @Test("§14302(b)(1)(A): a village without a facility and a single application gets it, without a lottery")
    func villageSingleApplication() throws {
        let yaml = territory(k: 1, apps: apps([("A1", "Alder"), ("B1", "Birch")]), fac: (0, 1, 0, 0))
        let (o, r) = allocate(try scenario(yaml))
        #expect(o["A1"]?.tier == .village)
        #expect(o["A1"]?.lottery == false)
        #expect(o["B1"]?.status == .notAwarded)
        #expect(o["B1"]?.refund == 1000)
        #expect(r.draws.isEmpty)
    }

    @Test("§14302(b)(1)(B), villageOrder chaa-patients: the village in the CHAA with most patients goes first")
    func villageOrderChaaPatients() throws {
        // North has 500 patients, South 150: Alder's application wins K=1.
        let yaml = territory(k: 1, apps: apps([("C1", "Cedar"), ("A1", "Alder")]))
        let (o, r) = allocate(try scenario(yaml))
        #expect(o["A1"]?.status == .awarded)
        #expect(o["A1"]?.tier == .village)
        #expect(o["C1"]?.status == .notAwarded)
        #expect(r.draws.isEmpty)
    }

    @Test("§14302(b)(1)(B)(ii), chaa-patients: equal CHAA patients, fewer CHAA facilities first")
    func villageOrderChaaFacilities() throws {
        // North = Alder 100 + Birch 50 = 150 patients with Birch's dispensary;
        // South = Cedar 150 patients, no dispensary. Both Alder and Cedar lack a
        // dispensary, CHAA patients tie, South has fewer CHAA facilities: C1 wins.
        let yaml = territory(k: 1, apps: apps([("A1", "Alder"), ("C1", "Cedar")]), fac: (0, 1, 0, 0),
                             patients: (100, 50, 150, 0))
        let t = try tally(yaml, seeds: 50)
        #expect(t["C1"] == 50)
    }

    @Test("§14302(b)(1)/(b)(4), chaa-patients: a full tie between villages is drawn, recount then breaks the next")
    func villageOrderTieThenRecount() throws {
        // Alder, Cedar, Dogwood: CHAA patients 150 each, no facilities. The first
        // village is drawn; its CHAA then has a facility (recount), so the second
        // pick is drawn between the two others. Each village wins 2/3 of the time.
        let yaml = territory(k: 2, apps: apps([("A1", "Alder"), ("C1", "Cedar"), ("D1", "Dogwood")]),
                             patients: (100, 50, 150, 150))
        let t = try tally(yaml, seeds: 600)
        #expect(t.values.reduce(0, +) == 1200)
        for id in ["A1", "C1", "D1"] { #expect((340...460).contains(t[id, default: 0]), "\(id): \(t[id, default: 0])") }
    }

    @Test("§14302(b)(1), villageOrder village-patients: the village with most patients goes first")
    func villageOrderVillagePatients() throws {
        // Cedar (150) has more patients than Birch (100) though North has more CHAA patients.
        let yaml = territory(k: 1, apps: apps([("B1", "Birch"), ("C1", "Cedar")]),
                             policy: "policy: { villageOrder: village-patients }", patients: (300, 100, 150, 10))
        #expect(allocate(try scenario(yaml)).outcomes["C1"]?.status == .awarded)
        // Under the default chaa-patients, Birch (North, 400) wins.
        let byCHAA = territory(k: 1, apps: apps([("B1", "Birch"), ("C1", "Cedar")]), patients: (300, 100, 150, 10))
        #expect(allocate(try scenario(byCHAA)).outcomes["B1"]?.status == .awarded)
    }

    @Test("§14302(b)(1), villageOrder lottery: each village equally likely; a village draw that leaves the other unserved decides the award")
    func villageOrderLottery() throws {
        let yaml = territory(k: 1, apps: apps([("A1", "Alder"), ("D1", "Dogwood")]), policy: "policy: { villageOrder: lottery }")
        let t = try tally(yaml, seeds: 800)
        #expect((340...460).contains(t["A1", default: 0]))
        #expect(t["A1", default: 0] + t["D1", default: 0] == 800)
        let (o, r) = allocate(try scenario(yaml))
        #expect(r.draws.count == 1)
        #expect(r.draws[0].subject == .village)
        // SPEC §3: the village draw passed over a village that ended with no
        // award (K = 1), so it decided the award.
        #expect(o.values.filter { $0.status == .awarded }.allSatisfy { $0.lottery && $0.draws == [1] })
    }

    @Test("§14302(b)(1)(B): several applications in one village — one drawn by lottery, flag set")
    func lotteryInsideVillage() throws {
        let yaml = territory(k: 1, apps: apps([("A1", "Alder"), ("A2", "Alder"), ("A3", "Alder")]))
        let (o, r) = allocate(try scenario(yaml), seed: 9)
        let winner = o.filter { $0.value.status == .awarded }
        #expect(winner.count == 1)
        #expect(winner.first?.value.lottery == true)
        #expect(r.draws.count == 1)
        #expect(r.draws[0].candidates.count == 3)
        #expect(r.draws[0].subject == .application)
    }

    @Test("§14302(b)(1): at most one award per village; the rest go to tier (b)(2)")
    func oneAwardPerVillage() throws {
        let yaml = territory(k: 2, apps: apps([("A1", "Alder"), ("A2", "Alder"), ("A3", "Alder")]))
        let (o, _) = allocate(try scenario(yaml))
        let tiers = o.values.compactMap(\.tier).map(\.rawValue).sorted()
        #expect(tiers == ["chaa", "village"])
    }

    @Test("§14302(b)(2): CHAAs by patients descending, one award each, visited once")
    func chaaTier() throws {
        // Every village has a dispensary: tier (b)(1) is empty.
        let yaml = territory(k: 2, apps: apps([("A1", "Alder"), ("A2", "Alder"), ("C1", "Cedar"), ("D1", "Dogwood")]),
                             fac: (1, 1, 1, 1))
        let t = try tally(yaml, seeds: 400)
        // North (500) then South (150): A1 or A2 (1/2 each), then C1 always.
        #expect(t["C1"] == 400)
        #expect(t["D1", default: 0] == 0)
        #expect((160...240).contains(t["A1", default: 0]))
        let (o, _) = allocate(try scenario(yaml))
        #expect(o["C1"]?.tier == .chaa)
        #expect(o["C1"]?.lottery == false)
    }

    @Test("§14302(b)(2): CHAAs with equal patients are ordered by lottery")
    func chaaTierTie() throws {
        let yaml = territory(k: 1, apps: apps([("C1", "Cedar"), ("D1", "Dogwood")]), fac: (1, 1, 1, 1),
                             patients: (1, 1, 150, 150))
        let t = try tally(yaml, seeds: 800)
        #expect((340...460).contains(t["C1", default: 0]))
        let (_, r) = allocate(try scenario(yaml))
        #expect(r.draws.first?.subject == .chaa)
    }

    @Test("§14302(b)(3), lexicographic: most CHAA patients, then fewest CHAA facilities")
    func rankedLexicographic() throws {
        // K=4: the chaa tier gives North, South and West one each; the fourth
        // goes to the best remaining by rank: North (500 patients) beats West (100).
        let yaml = territory(k: 4, apps: apps([("A1", "Alder"), ("A2", "Alder"), ("C1", "Cedar"), ("D1", "Dogwood"),
                                              ("D2", "Dogwood")]), fac: (1, 1, 1, 1))
        let (o, _) = allocate(try scenario(yaml))
        #expect(o["A1"]?.status == .awarded)
        #expect(o["A2"]?.status == .awarded)
        #expect(o["A1"]?.tier == .ranked || o["A2"]?.tier == .ranked)
        #expect(o["D1"]?.status == .awarded || o["D2"]?.status == .awarded)
    }

    @Test("§14302(b)(3), patients-per-facility with recount: ties drawn among applications")
    func rankedPatientsPerFacilityRecount() throws {
        // North: 400 patients, 1 facility; South: 300 patients, 1 facility.
        // K=4; chaa tier: one North, one South. Ranked with recount:
        // North 400/3 = 133 > South 300/3 = 100 → North; then North 400/4 = 100
        // = South 100: a tie, drawn between the last North and South apps.
        let list = apps([("A1", "Alder"), ("A2", "Alder"), ("A3", "Alder"), ("C1", "Cedar"), ("C2", "Cedar")])
        let yaml = territory(k: 4, apps: list, policy: "policy: { scoring: patients-per-facility }",
                             fac: (1, 0, 1, 1), patients: (400, 0, 300, 0))
        let t = try tally(yaml, seeds: 800)
        let south = t["C1", default: 0] + t["C2", default: 0]
        // South gets 1 always plus the tie half the time: 1.5 × 800 = 1200.
        #expect((1130...1270).contains(south), "south awards \(south)")
    }

    @Test("§14302(b)(3), patients-per-facility without recount: North keeps its lead")
    func rankedPatientsPerFacilityNoRecount() throws {
        let list = apps([("A1", "Alder"), ("A2", "Alder"), ("A3", "Alder"), ("C1", "Cedar"), ("C2", "Cedar")])
        let yaml = territory(k: 4, apps: list, policy: "policy: { scoring: patients-per-facility, recount: false }",
                             fac: (1, 0, 1, 1), patients: (400, 0, 300, 0))
        let t = try tally(yaml, seeds: 200)
        // 400/2 = 200 > 150 throughout: all three North applications, one South.
        #expect(t["A1", default: 0] + t["A2", default: 0] + t["A3", default: 0] == 600)
        #expect(t["C1", default: 0] + t["C2", default: 0] == 200)
    }

    @Test("§14302(b)(3): lexicographic and patients-per-facility can disagree")
    func scoringsDisagree() throws {
        // North: 500 patients, 4 facilities; South: 300 patients, 1 facility.
        // K=3: the chaa tier gives North and South one each (recount: 5 and 2);
        // the third is ranked. Lexicographic: North (more patients).
        // Patients per facility: North 500/6 = 83 < South 300/3 = 100: South.
        let list = apps([("A1", "Alder"), ("A2", "Alder"), ("C1", "Cedar"), ("C2", "Cedar")])
        let lex = territory(k: 3, apps: list, fac: (4, 0, 1, 1), patients: (500, 0, 300, 0))
        let ppf = territory(k: 3, apps: list, policy: "policy: { scoring: patients-per-facility }",
                            fac: (4, 0, 1, 1), patients: (500, 0, 300, 0))
        let a = try tally(lex, seeds: 50), b = try tally(ppf, seeds: 50)
        #expect(a["A1", default: 0] + a["A2", default: 0] == 100)   // North twice
        #expect(b["C1", default: 0] + b["C2", default: 0] == 100)   // South twice: 300/2 > 500/6
    }

    @Test("§14302(c)(2): not-awarded applications are refunded $1,000; §14102(a): fees otherwise kept")
    func refunds() throws {
        let yaml = territory(k: 1, apps: apps([("A1", "Alder"), ("C1", "Cedar")])
                             + "\n    - { id: X, type: dispensary, village: Cedar, site: [0, 0], individuals: [x], complete: false }")
        let (o, _) = allocate(try scenario(yaml))
        #expect(o["C1"]?.refund == 1000)
        #expect(o["A1"]?.refund == 0)
        #expect(o["X"]?.refund == 0)
        #expect(o.values.allSatisfy { $0.feePaid == 35000 })
    }

    @Test("SPEC §3: the same scenario and seed reproduce every draw")
    func reproducible() throws {
        let yaml = territory(k: 2, apps: apps([("A1", "Alder"), ("A2", "Alder"), ("B1", "Birch"), ("C1", "Cedar"), ("C2", "Cedar")]))
        let s = try scenario(yaml)
        let a = allocate(s, seed: 77).result, b = allocate(s, seed: 77).result
        #expect(a.draws == b.draws)
        #expect(a.outcomes == b.outcomes)
    }

    /// CHAAs C00, C01, ...: each has a village without a dispensary that
    /// holds its patients and one application (`A` + the CHAA's name), and
    /// a village holding its dispensaries.
    func openVillages(k: Int, patients: [Int], facilities: [Int]) -> String {
        let names = patients.indices.map { $0 < 10 ? "C0\($0)" : "C\($0)" }
        let chaas = names.indices.map { i in
            """
                - name: \(names[i])
                  villages:
                    - { name: Open\(names[i]), patients: \(patients[i]), facilities: { dispensary: 0 } }
                    - { name: Served\(names[i]), patients: 0, facilities: { dispensary: \(facilities[i]) } }
            """
        }
        return """
        name: open villages
        certificates: { dispensary: \(k) }
        geography:
          units: feet
          chaas:
        \(chaas.joined(separator: "\n"))
        applications:
          explicit:
        \(apps(names.map { ("A" + $0, "Open" + $0) }))
        """
    }

    @Test("§14302(b)(1)(B)(i)-(ii), chaa-patients: among CHAAs tied on patients, fewer facilities first, however many tie",
          arguments: [6, 20])
    func villageOrderManyTiedCHAAs(chaas n: Int) throws {
        // All but the last two CHAAs have 200 patients; their facilities are
        // a scrambled 0, 1, 2, ... (not name order). The last two have 100
        // patients and no facility: more patients comes first.
        let tied = n - 2
        let patients = (0..<n).map { $0 < tied ? 200 : 100 }
        let facilities = (0..<n).map { $0 < tied ? (7 * $0 + 3) % tied : 0 }
        let (o, r) = allocate(try scenario(openVillages(k: 3, patients: patients, facilities: facilities)))
        let expected = Set((0..<tied).filter { facilities[$0] < 3 }.map { $0 < 10 ? "AC0\($0)" : "AC\($0)" })
        let awarded = Set(o.filter { $0.value.status == .awarded }.map(\.key))
        #expect(awarded == expected)
        #expect(o.values.filter { $0.status == .awarded }.allSatisfy { $0.tier == .village })
        #expect(r.draws.isEmpty)
    }

    @Test("§14302(b)(1)(B)(i): one workspace, round after round, serves the CHAAs with the most patients first however their ranking changes")
    func rankingReusedAcrossRounds() throws {
        // 40 CHAAs, each with one open village holding its application and
        // as many facilities as the others: with 10 certificates, tier
        // (b)(1) awards the 10 CHAAs with the most patients. One workspace
        // runs 48 rounds, as a Monte Carlo worker does, each with the
        // patients in a new order: a few swaps, a shuffle, or the last
        // order reversed (which moves too many CHAAs to re-rank by
        // insertion from the last round's ranking).
        let n = 40, k = 10
        let s = try scenario(openVillages(k: k, patients: Array(repeating: 1, count: n), facilities: Array(repeating: 1, count: n)))
        let p = PreparedScenario(s)
        let t = p.round.territory
        var workspace = RoundWorkspace(p.round)
        var result = RoundResult(outcomes: [], draws: [], drawCount: 0, villagePatients: [])
        for r in 0..<48 {
            // CHAA c's place in this round's order: distinct patients 1000 + 10 × place.
            let multipliers = [1, 3, 7, 9, 11, 13, 17, 19, 21, 23, 27, 29, 31, 33, 37, 39]
            let place: (Int) -> Int = switch r % 3 {
            case 0: { c in (c * multipliers[r % 16] + r) % n }
            case 1: { c in c < 2 * (r % 5) + 2 ? (c ^ 1) : c }
            default: { c in n - 1 - ((c * multipliers[(r - 2) % 16] + r - 2) % n) }
            }
            let chaaPatients = (0..<n).map { 1000 + 10 * place($0) }
            let villagePatients = t.villageNames.indices.map { v in
                t.villageNames[v].hasPrefix("Open") ? chaaPatients[t.villageCHAA[v]] : 0
            }
            p.round.run(p.explicit, villagePatients: villagePatients, bufferFailures: p.explicitBufferFailures,
                        lotteries: ReplicateStreams(seed: UInt64(r)).lotteries, audit: false, into: &result, workspace: &workspace)
            let most = Set((0..<n).sorted { chaaPatients[$0] > chaaPatients[$1] }.prefix(k).map { t.chaaNames[$0] })
            let awarded = Set(s.applications.explicit.indices.filter { result.outcomes[$0].status == .awarded }
                .map { t.chaaNames[p.explicit[$0].chaa] })
            #expect(awarded == most, "round \(r)")
            #expect(result.outcomes.allSatisfy { $0.status != .awarded || $0.tier == .village }, "round \(r)")
        }
    }

    @Test("§14302(b)(2): patients too many to rank as one number are ranked field by field, with the same outcome")
    func chaaTierHugePatients() throws {
        // As `chaaTier`: North (500) then South (150). Run again with every
        // village's patients raised by the same huge amount: the CHAAs keep
        // their order, so every outcome and draw is the same.
        let yaml = territory(k: 2, apps: apps([("A1", "Alder"), ("A2", "Alder"), ("C1", "Cedar"), ("D1", "Dogwood")]),
                             fac: (1, 1, 1, 1))
        let p = PreparedScenario(try scenario(yaml))
        let huge = Int.max / 4   // North: 2 × huge + 500, more than Int.max / 3
        for seed in 0..<20 {
            func run(_ patients: [Int]) -> RoundResult {
                p.round.run(p.explicit, villagePatients: patients, bufferFailures: p.explicitBufferFailures,
                            lotteries: ReplicateStreams(seed: UInt64(seed)).lotteries)
            }
            let plain = run([300, 200, 150, 100]), raised = run([300, 200, 150, 100].map { $0 + huge })
            #expect(plain.outcomes == raised.outcomes)
            #expect(plain.draws.map(\.drawn) == raised.draws.map(\.drawn))
            #expect(plain.outcomes[2].status == .awarded)
            #expect(plain.outcomes[3].status == .notAwarded)
        }
    }
}
