import Testing
@testable import AllocSim

/// SPEC §3: the readings of §14302 that are policy options, the
/// lottery-decided flag and why each application lost — worked examples.
@Suite struct TierReadingTests {
    let base = AllocationTierTests()

    func outcomes(_ yaml: String, seed: UInt64 = 1) throws -> (o: [String: Outcome], r: RoundResult) {
        let (o, r) = allocate(try scenario(yaml), seed: seed)
        return (o, r)
    }

    @Test("SPEC §3: a village draw that leaves a village unserved decides the award; one that only orders served villages does not")
    func lotteryDecidedByVillageDraw() throws {
        // Under villageOrder lottery all four villages tie. K = 4: every
        // village is served in the end, so the village draws decide nothing.
        let four = base.apps([("A1", "Alder"), ("B1", "Birch"), ("C1", "Cedar"), ("D1", "Dogwood")])
        let all = try outcomes(base.territory(k: 4, apps: four + "\n" + base.app("A2", "Alder"),
                                              policy: "policy: { villageOrder: lottery }"))
        // Five applications, four certificates: tier (b)(1) serves all four villages.
        let villageAwards = all.o.values.filter { $0.tier == .village }
        #expect(villageAwards.count == 4)
        // Alder's award came from a draw between A1 and A2 (A2 or A1 lost): decided.
        // The other villages' awards were only ordered: not decided.
        let decided = all.o.filter { $0.value.lottery }.map(\.key)
        #expect(decided.count == 1 && ["A1", "A2"].contains(decided[0]))
        // K = 2: two of four villages end unserved, so each village draw decides.
        let two = try outcomes(base.territory(k: 2, apps: four, policy: "policy: { villageOrder: lottery }"))
        #expect(two.o.values.filter { $0.status == .awarded }.allSatisfy { $0.lottery && !$0.draws.isEmpty })
    }

    @Test("SPEC §3: every application's reason — lottery-lost, ranked-out, certificates-exhausted")
    func lossReasons() throws {
        // K = 1; Alder (North, 500 patients) has two applications and is
        // the first village in tier (b)(1): A1 and A2 are drawn, one loses
        // the draw. Cedar's C1 is never reached: certificates exhausted.
        let yaml = base.territory(k: 1, apps: base.apps([("A1", "Alder"), ("A2", "Alder"), ("C1", "Cedar")]))
        let (o, _) = try outcomes(yaml)
        let loser = o["A1"]?.status == .awarded ? "A2" : "A1"
        #expect(o[loser]?.loss?.reason == "lottery-lost")
        #expect(o[loser]?.failure == nil)
        #expect(o["C1"]?.loss?.reason == "certificates-exhausted")
        // Every village served (facilities everywhere): tier (b)(2) gives
        // North one, South one; K = 3 leaves one for tier (b)(3), where
        // North (500) outranks South (150): C2 is ranked out.
        let ranked = base.territory(k: 3, apps: base.apps([("A1", "Alder"), ("B1", "Birch"), ("B2", "Birch"),
                                                          ("C1", "Cedar"), ("C2", "Cedar")]), fac: (1, 1, 1, 1))
        let r = try outcomes(ranked).o
        let southLoser = r["C1"]?.status == .awarded ? "C2" : "C1"
        #expect(r[southLoser]?.loss?.reason == "ranked-out")
        let p = PreparedScenario(try scenario(ranked))
        let detail = p.round.detail(of: r[southLoser]!.loss!, type: .dispensary)
        #expect(detail.hasPrefix("CHAA South: 150 patients, 2 facilities; the last award went to CHAA North: 500 patients"), "\(detail)")
    }

    @Test("§14302(b)(1), servedVillage: an existing cultivation site serves a village for dispensaries only under any-type")
    func servedVillageAnyType() throws {
        // Alder has a cultivation site, no dispensary. K = 1; Alder (North,
        // 500) would come first in tier (b)(1), Cedar (South) otherwise.
        let yaml = { (reading: String) in """
        name: served
        certificates: { dispensary: 1 }
        geography:
          units: feet
          chaas:
            - name: North
              villages: [{ name: Alder, patients: 500, facilities: { dispensary: 0, cultivation: 1 } }]
            - name: South
              villages: [{ name: Cedar, patients: 150 }]
        applications:
          explicit:
            - { id: A1, type: dispensary, village: Alder, site: [0, 0], individuals: [a] }
            - { id: C1, type: dispensary, village: Cedar, site: [0, 0], individuals: [c] }
        policy: { servedVillage: \(reading) }
        """ }
        #expect(try outcomes(yaml("same-type")).o["A1"]?.tier == .village)
        let any = try outcomes(yaml("any-type")).o
        #expect(any["C1"]?.tier == .village)
        #expect(any["A1"]?.status == .notAwarded)
    }

    @Test("§14302(b)(3)(B), facilityCounting as-written: dispensaries count when cultivation certificates are ranked")
    func facilityCountingAsWritten() throws {
        // Both CHAAs have 200 patients and cultivation served everywhere, so
        // cultivation goes to tier (b)(2) and (b)(3). North has 2
        // dispensaries, South none. K = 3, four applications: tier (b)(2)
        // gives each CHAA one; the third is ranked. same-type: equal
        // cultivation counts after recount → a tie (draw). as-written:
        // dispensaries count: South (0) beats North (2).
        let yaml = { (reading: String) in """
        name: counting
        certificates: { cultivation: 3 }
        geography:
          units: feet
          chaas:
            - name: North
              villages: [{ name: N, patients: 200, facilities: { dispensary: 2, cultivation: 1 } }]
            - name: South
              villages: [{ name: S, patients: 200, facilities: { cultivation: 1 } }]
        applications:
          explicit:
            - { id: N1, type: cultivation, village: N, site: [0, 0], individuals: [a] }
            - { id: N2, type: cultivation, village: N, site: [0, 0], individuals: [b] }
            - { id: S1, type: cultivation, village: S, site: [0, 0], individuals: [c] }
            - { id: S2, type: cultivation, village: S, site: [0, 0], individuals: [d] }
        policy: { facilityCounting: \(reading) }
        """ }
        let asWritten = try outcomes(yaml("as-written")).o
        #expect(asWritten["S1"]?.status == .awarded && asWritten["S2"]?.status == .awarded)
        #expect(asWritten.values.filter { $0.tier == .ranked }.count == 1)
        // same-type: the ranked award is a draw among the two remaining.
        let sameType = try outcomes(yaml("same-type")).r
        #expect(sameType.draws.contains { $0.tier == .ranked })
    }

    @Test("§14302(b)(4), tieBreak: place-then-application gives a lone application in a tied village 1/2; application gives 1/3")
    func tieBreakOdds() throws {
        // Alder and Birch are both in North (ties on CHAA counts); Alder has
        // two applications, Birch one. K = 1 in tier (b)(1).
        let apps = base.apps([("A1", "Alder"), ("A2", "Alder"), ("B1", "Birch")])
        let place = try base.tally(base.territory(k: 1, apps: apps), seeds: 900)
        #expect((390...510).contains(place["B1", default: 0]), "\(place)")       // ≈ 450
        let app = try base.tally(base.territory(k: 1, apps: apps, policy: "policy: { tieBreak: application }"), seeds: 900)
        #expect((250...350).contains(app["B1", default: 0]), "\(app)")           // ≈ 300
        #expect((250...350).contains(app["A1", default: 0]), "\(app)")
    }

    @Test("§14302(b)(2)(A), chaaTier round-robin: CHAAs are visited again before tier (b)(3)")
    func chaaRoundRobin() throws {
        // Every village served; North 500, South 150, West 100 patients.
        // K = 5: once-each gives North, South, West one each in (b)(2), then
        // (b)(3) ranks North first twice. round-robin visits North, South,
        // West, then North, South again.
        let apps = base.apps([("A1", "Alder"), ("A2", "Alder"), ("A3", "Alder"), ("C1", "Cedar"), ("C2", "Cedar"),
                              ("D1", "Dogwood"), ("D2", "Dogwood")])
        let once = try outcomes(base.territory(k: 5, apps: apps, fac: (1, 1, 1, 1))).o
        #expect(["A1", "A2", "A3"].filter { once[$0]?.status == .awarded }.count == 3)
        #expect(once.values.filter { $0.tier == .ranked }.count == 2)
        let robin = try outcomes(base.territory(k: 5, apps: apps, policy: "policy: { chaaTier: round-robin }", fac: (1, 1, 1, 1))).o
        #expect(["A1", "A2", "A3"].filter { robin[$0]?.status == .awarded }.count == 2)
        #expect(["C1", "C2"].filter { robin[$0]?.status == .awarded }.count == 2)
        #expect(robin.values.filter { $0.tier == .chaa }.count == 5)
    }
}
