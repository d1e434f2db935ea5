import Testing
@testable import AllocSim

/// §14303(g)(1)-(2): at most `perChaa` applications per individual in one
/// CHAA and `total` in all, across both certificate types; (h)(1)
/// withdrawal or (h)(2) denial.
@Suite struct ApplicantLimitTests {
    func run(_ apps: String, resolution: String, counts: String = "in-play", extra: String = "") throws -> [String: Outcome] {
        let yaml = """
        name: limits
        certificates: { dispensary: 9, cultivation: 9 }
        geography:
          units: feet
        \(extra)
          chaas:
            - name: North
              villages: [{ name: N1, patients: 10 }, { name: N2, patients: 10 }]
            - name: South
              villages: [{ name: S1, patients: 10 }]
            - name: East
              villages: [{ name: E1, patients: 10 }]
        applications:
          explicit:
        \(apps)
        policy: { applicantLimits: { perChaa: 1, total: 2, counts: \(counts), resolution: \(resolution) } }
        """
        return allocate(try scenario(yaml)).outcomes
    }

    let twoInOneCHAA = """
        - { id: A1, type: dispensary, village: N1, site: [0, 0], individuals: [pat], submitted: 1 }
        - { id: A2, type: cultivation, village: N2, site: [0, 0], individuals: [pat, kim], submitted: 2 }
        - { id: A3, type: dispensary, village: S1, site: [0, 0], individuals: [kim], submitted: 3 }
    """

    @Test("§14303(g)(1), (h)(1) withdraw-latest: the later application in the same CHAA is withdrawn")
    func perChaaWithdrawLatest() throws {
        let o = try run(twoInOneCHAA, resolution: "withdraw-latest")
        #expect(o["A1"]?.status == .awarded)
        #expect(o["A2"]?.status == .withdrawn)
        #expect(o["A2"]?.failure?.detail
                == "individual pat is on 2 applications for locations in CHAA North (§14303(g)(1)), limit 1; withdrawn to comply, §14303(h)(1)")
        // kim's only kept application is A3, so A3 stays.
        #expect(o["A3"]?.status == .awarded)
    }

    @Test("§14303(g)(1), (h)(2) reject-all: every application of an individual over the CHAA limit is denied, not withdrawn")
    func perChaaRejectAll() throws {
        let o = try run(twoInOneCHAA, resolution: "reject-all")
        #expect(o["A1"]?.status == .denied)
        #expect(o["A2"]?.status == .denied)
        #expect(o["A1"]?.failure?.reason == "applicant-limit")
        // kim is on two applications in two CHAAs: within both limits.
        #expect(o["A3"]?.status == .awarded)
    }

    let threeCHAAs = """
        - { id: B3, type: dispensary, village: E1, site: [0, 0], individuals: [lee], submitted: 3 }
        - { id: B1, type: dispensary, village: N1, site: [0, 0], individuals: [lee], submitted: 1 }
        - { id: B2, type: cultivation, village: S1, site: [0, 0], individuals: [lee], submitted: 2 }
    """

    @Test("§14303(g)(2), (h)(1) withdraw-latest: a third application in a third CHAA is withdrawn, in submission order")
    func totalWithdrawLatest() throws {
        let o = try run(threeCHAAs, resolution: "withdraw-latest")
        #expect(o["B1"]?.status == .awarded)
        #expect(o["B2"]?.status == .awarded)
        #expect(o["B3"]?.status == .withdrawn)
        #expect(o["B3"]?.failure?.detail
                == "individual lee is on 3 applications in all (§14303(g)(2)), limit 2; withdrawn to comply, §14303(h)(1)")
    }

    @Test("§14303(g)(2), (h)(2) reject-all: all three are denied")
    func totalRejectAll() throws {
        let o = try run(threeCHAAs, resolution: "reject-all")
        for id in ["B1", "B2", "B3"] {
            #expect(o[id]?.status == .denied)
            #expect(o[id]?.failure?.detail.hasSuffix("denied, §14303(h)(2)") == true)
        }
    }

    @Test("SPEC §2: equal submission order is broken by id")
    func tieById() throws {
        let apps = """
            - { id: Z, type: dispensary, village: N1, site: [0, 0], individuals: [pat], submitted: 1 }
            - { id: Y, type: dispensary, village: N2, site: [0, 0], individuals: [pat], submitted: 1 }
        """
        let o = try run(apps, resolution: "withdraw-latest")
        #expect(o["Y"]?.status == .awarded)
        #expect(o["Z"]?.status == .withdrawn)
    }

    @Test("SPEC §2: applications out of play after a buffer check do not count toward limits")
    func onlyInPlayCount() throws {
        let apps = """
            - { id: C1, type: dispensary, village: N1, site: [0, 0], individuals: [pat], submitted: 1, complete: false }
            - { id: C2, type: dispensary, village: N2, site: [0, 0], individuals: [pat], submitted: 2 }
        """
        let o = try run(apps, resolution: "reject-all")
        #expect(o["C1"]?.status == .incomplete)
        #expect(o["C2"]?.status == .awarded)
    }

    /// A school at [0, 0] with a 1,000 ft buffer puts D1's site out of play.
    let school = "  schools: [{ name: School, point: [0, 0] }]"
    let bufferFailed = """
        - { id: D1, type: dispensary, village: N1, site: [100, 0], individuals: [pat], submitted: 1 }
        - { id: D2, type: dispensary, village: N2, site: [5000, 0], individuals: [pat], submitted: 2 }
    """

    @Test("§14303(g)(1), counts in-play: a buffer-failed application does not count; the other is awarded")
    func bufferFailedInPlay() throws {
        // D1 is within 1,000 ft of the school: ineligible, out of play.
        // pat is then on one application in play in North: within the limit.
        let o = try run(bufferFailed, resolution: "withdraw-latest", extra: school)
        #expect(o["D1"]?.status == .ineligible)
        #expect(o["D2"]?.status == .awarded)
    }

    @Test("§14303(g)(1), counts all: \"an applicant … on\" counts the buffer-failed application too")
    func bufferFailedAll() throws {
        // pat is on D1 and D2, both in North: two applications, limit 1.
        // withdraw-latest: D1 (submitted first) is counted though it failed
        // the buffer, so D2 is withdrawn; reject-all: D2 is denied.
        let w = try run(bufferFailed, resolution: "withdraw-latest", counts: "all", extra: school)
        #expect(w["D1"]?.status == .ineligible)
        #expect(w["D2"]?.status == .withdrawn)
        let r = try run(bufferFailed, resolution: "reject-all", counts: "all", extra: school)
        #expect(r["D1"]?.status == .ineligible)
        #expect(r["D2"]?.status == .denied)
    }

    @Test("§14303(g)(1): an individual named twice on one application is on one application, under both resolutions")
    func namedTwiceCountsOnce() {
        // Individual 7 is named twice on the first entry and is on a second
        // entry in another CHAA: one application per CHAA, two in all, so
        // within both limits; counted twice, the first would breach (g)(1).
        let entries = [
            ApplicantLimitCheck.Entry(individuals: IndividualList([7, 3, 7]), chaa: 0, submitted: 1, order: 0),
            ApplicantLimitCheck.Entry(individuals: IndividualList([7]), chaa: 1, submitted: 2, order: 1),
        ]
        for resolution in [LimitResolution.withdrawLatest, .rejectAll] {
            let limits = ApplicantLimits(perChaa: 1, total: 2, resolution: resolution)
            let breaches = ApplicantLimitCheck.breaches(entries, chaaCount: 2, limits: limits)
            #expect(breaches.allSatisfy { $0 == nil }, "\(resolution)")
        }
        // A third application puts individual 7 over the total of (g)(2).
        let three = entries + [ApplicantLimitCheck.Entry(individuals: IndividualList([7]), chaa: 2, submitted: 3, order: 2)]
        let limits = ApplicantLimits(perChaa: 1, total: 2, resolution: .withdrawLatest)
        let breaches = ApplicantLimitCheck.breaches(three, chaaCount: 3, limits: limits)
        #expect(breaches[0] == nil && breaches[1] == nil)
        #expect(breaches[2]?.individual == 7 && breaches[2]?.count == 3 && breaches[2]?.limit == 2 && breaches[2]?.chaa == nil)
    }

    @Test("§14303(g)-(h): a check reused round after round gives each round what a fresh check gives it")
    func reusedCheckMatchesFresh() {
        // Rounds as a Monte Carlo worker sees them: the counters are kept
        // and grow when a later round names an individual beyond them, part
        // way through counting (round 3's individual 40 comes after shared
        // ones). Every round's breaches must match a new check's.
        func entry(_ people: [Int], _ chaa: Int, _ submitted: Int, _ order: Int) -> ApplicantLimitCheck.Entry {
            ApplicantLimitCheck.Entry(individuals: IndividualList(people), chaa: chaa, submitted: submitted, order: order)
        }
        let rounds: [[ApplicantLimitCheck.Entry]] = [
            [entry([1], 0, 2, 0), entry([1], 0, 1, 1), entry([2, 1], 1, 3, 2)],
            [entry([3], 1, 1, 0), entry([3, 0], 1, 2, 1), entry([0], 2, 3, 2), entry([0], 0, 4, 3)],
            [entry([5], 0, 3, 0), entry([5], 1, 2, 1), entry([5, 40], 2, 1, 2), entry([40], 2, 4, 3), entry([6], 0, 5, 4)],
            [entry([1], 0, 1, 0), entry([1], 1, 2, 1)],
        ]
        for resolution in [LimitResolution.withdrawLatest, .rejectAll] {
            let limits = ApplicantLimits(perChaa: 1, total: 2, resolution: resolution)
            var reused = ApplicantLimitCheck(chaaCount: 3, limits: limits)
            for (r, entries) in rounds.enumerated() {
                reused.check(entries)
                let fresh = ApplicantLimitCheck.breaches(entries, chaaCount: 3, limits: limits)
                #expect(reused.breaches.map { $0.map { [$0.individual, $0.count, $0.limit, $0.chaa ?? -1] } }
                        == fresh.map { $0.map { [$0.individual, $0.count, $0.limit, $0.chaa ?? -1] } },
                        "round \(r + 1), \(resolution)")
            }
            // Round 1: individual 1 is on two entries in CHAA 0. Withdraw-latest
            // keeps the one submitted first (and the third, within both limits);
            // reject-all denies every entry individual 1 is on.
            let first = ApplicantLimitCheck.breaches(rounds[0], chaaCount: 3, limits: limits)
            #expect(first.map { $0 != nil } == (resolution == .withdrawLatest ? [true, false, false] : [true, true, true]))
        }
    }

    @Test("§14303(h)(1) withdraw-latest: applications are kept in submission order however many share an individual")
    func manySharedInSubmissionOrder() {
        // 40 applications, each individual on three or four of them in
        // three CHAAs: all 40 are shared, more than a short list. Their
        // submission numbers are distinct and dense (placed by number),
        // repeated (ties broken by id order) or sparse (beyond the round's
        // span): each way must keep what the rule, walked plainly in
        // submission order, keeps.
        func entries(_ submitted: (Int) -> Int) -> [ApplicantLimitCheck.Entry] {
            (0..<40).map { k in
                ApplicantLimitCheck.Entry(individuals: IndividualList([k % 13]), chaa: k % 3, submitted: submitted(k), order: 39 - k)
            }
        }
        /// (h)(1) as written: in submission order, an application is kept
        /// while every individual on it stays within (g)(1) and (g)(2).
        func withdrawnByRule(_ e: [ApplicantLimitCheck.Entry]) -> [Bool] {
            let order = e.indices.sorted { (e[$0].submitted, e[$0].order) < (e[$1].submitted, e[$1].order) }
            var inCHAA: [[Int]: Int] = [:], inAll: [Int: Int] = [:]
            var withdrawn = Array(repeating: false, count: e.count)
            for i in order {
                let people = Set(e[i].individuals)
                if people.contains(where: { inCHAA[[$0, e[i].chaa], default: 0] >= 1 || inAll[$0, default: 0] >= 2 }) {
                    withdrawn[i] = true
                    continue
                }
                for p in people {
                    inCHAA[[p, e[i].chaa], default: 0] += 1
                    inAll[p, default: 0] += 1
                }
            }
            return withdrawn
        }
        let limits = ApplicantLimits(perChaa: 1, total: 2, resolution: .withdrawLatest)
        let ways: [(String, (Int) -> Int)] = [
            ("distinct", { k in (k * 17) % 40 + 1 }),
            ("repeated", { k in (k * 17) % 40 / 2 + 1 }),
            ("sparse", { k in (k * 17) % 40 * 1000 }),
        ]
        var check = ApplicantLimitCheck(chaaCount: 3, limits: limits)
        for (name, submitted) in ways {
            let e = entries(submitted)
            let expected = withdrawnByRule(e)
            #expect(expected.contains(true) && expected.contains(false), "\(name)")
            #expect(ApplicantLimitCheck.breaches(e, chaaCount: 3, limits: limits).map { $0 != nil } == expected, "\(name)")
            check.check(e)
            #expect(check.breaches.map { $0 != nil } == expected, "\(name), reused check")
        }
    }
}
