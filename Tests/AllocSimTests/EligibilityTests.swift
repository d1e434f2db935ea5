import Testing
@testable import AllocSim

/// SPEC §2: the checks before allocation, in order, each at and just
/// beyond its limit.
@Suite struct EligibilityTests {
    let schools = """
      schools:
        - { name: Simon Sanchez High School, opened: 1990-08-01, point: [0, 0] }
        - { name: New School, opened: 2017-01-01, point: [50000, 0] }
      busStops:
        - { name: Stop 14, point: [20000, 0] }
      facilities:
        - { name: Existing Dispensary, type: dispensary, point: [40000, 0] }
    """

    func outcome(site: String, complete: Bool = true, policy: String = "", date: String = "  date: 2016-02-08") throws -> Outcome {
        let yaml = oneVillage(policy: policy, extraGeography: schools,
                              apps: "    - { id: A, type: dispensary, village: V, site: \(site), individuals: [p], complete: \(complete) }",
                              date: date)
        return allocate(try scenario(yaml)).outcomes["A"]!
    }

    @Test("§14321(a): a site exactly 1,000.0 ft from a school is within the buffer")
    func schoolBufferAtLimit() throws {
        let o = try outcome(site: "[600, 800]")
        #expect(o.status == .ineligible)
        #expect(o.failure?.reason == "school-buffer")
        #expect(o.failure?.detail == "1000.0 ft from Simon Sanchez High School (limit 1000 ft)")
    }

    @Test("§14321(a): 1,000.1 ft from a school is outside the buffer")
    func schoolBufferJustBeyond() throws {
        #expect(try outcome(site: "[1000.1, 0]").status == .awarded)
    }

    @Test("§14103(i)(2): the detail names the nearest school and the distance")
    func schoolBufferDetail() throws {
        let o = try outcome(site: "[812.4, 0]")
        #expect(o.failure?.detail == "812.4 ft from Simon Sanchez High School (limit 1000 ft)")
    }

    @Test("§14321(a): a school that opened after the application date does not count")
    func schoolOpenedLater() throws {
        #expect(try outcome(site: "[50500, 0]").status == .awarded)
        // Without an application date every school counts.
        let o = try outcome(site: "[50500, 0]", date: "")
        #expect(o.failure?.reason == "school-buffer")
    }

    @Test("§14322(a)(1): exactly 250 ft from a school bus stop is within; 250.1 ft is not")
    func busStopBuffer() throws {
        let o = try outcome(site: "[20150, 200]")
        #expect(o.failure?.reason == "bus-stop-buffer")
        #expect(o.failure?.detail == "250.0 ft from school bus stop Stop 14 (limit 250 ft)")
        #expect(try outcome(site: "[20250.1, 0]").status == .awarded)
    }

    @Test("§14103(i)(3), facilityBufferEffect deny: exactly 1,000 ft from a registered facility is within; 1,000.1 ft is not")
    func facilityBufferDeny() throws {
        let deny = "policy: { facilityBufferEffect: deny }"
        let o = try outcome(site: "[41000, 0]", policy: deny)
        #expect(o.failure?.reason == "facility-buffer")
        #expect(o.failure?.detail == "1000.0 ft from Existing Dispensary (limit 1000 ft)")
        #expect(try outcome(site: "[41000.1, 0]", policy: deny).status == .awarded)
    }

    @Test("§14103(i)(3), facilityBufferEffect review (default): the Department reviews; the application stays in play")
    func facilityBufferReview() throws {
        // The text makes the Department review registered facilities within
        // 1,000 ft; no section makes that a denial. The site is 812.4 ft away.
        let yaml = oneVillage(extraGeography: schools,
                              apps: "    - { id: A, type: dispensary, village: V, site: [40812.4, 0], individuals: [p] }")
        let s = try scenario(yaml)
        let p = PreparedScenario(s)
        let r = p.allocateExplicit(seed: 1)
        #expect(r.outcomes[0].status == .awarded)
        #expect(p.round.reviewNote(at: p.explicit[0].site) == "review: 812.4 ft from Existing Dispensary (§14103(i)(3))")
        #expect(p.round.reviewNote(at: Point(45000, 0)) == nil)
    }

    @Test("§14321(a), §14322(a)(1): a school opening on the application's date does not count; one day earlier it does")
    func schoolOpenedOnTheDate() throws {
        // New School opened 2017-01-01, site 500 ft from it.
        #expect(try outcome(site: "[50500, 0]", date: "  date: 2017-01-01").status == .awarded)
        #expect(try outcome(site: "[50500, 0]", date: "  date: 2017-01-02").failure?.reason == "school-buffer")
    }

    @Test("§14322(a)(1): each application's own date (its initial submission) decides which schools and stops existed")
    func perApplicationDate() throws {
        let geo = """
              schools: [{ name: New School, opened: 2017-01-01, point: [50000, 0] }]
              busStops: [{ name: Stop 9, opened: 2016-06-01, point: [60000, 0] }]
            """
        let yaml = oneVillage(extraGeography: geo,
                              apps: """
                                  - { id: Early, type: dispensary, village: V, site: [50500, 0], individuals: [p], date: 2016-12-31 }
                                  - { id: Late, type: dispensary, village: V, site: [50500, 0], individuals: [q], date: 2017-01-02 }
                                  - { id: StopEarly, type: dispensary, village: V, site: [60100, 0], individuals: [r], date: 2016-06-01 }
                                  - { id: StopLate, type: dispensary, village: V, site: [60100, 0], individuals: [s], date: 2016-06-02 }
                              """, date: "  date: 2016-02-08")
        let o = allocate(try scenario(yaml)).outcomes
        #expect(o["Early"]?.status == .awarded)
        #expect(o["Late"]?.failure?.reason == "school-buffer")
        // The stop opened 2016-06-01: it counts only for applications dated after it.
        #expect(o["StopEarly"]?.status == .awarded)
        #expect(o["StopLate"]?.failure?.reason == "bus-stop-buffer")
    }

    @Test("§14322(a)(1), busStopRule both: denied only within 1,000 ft of a school and 250 ft of a stop")
    func busStopRuleBoth() throws {
        let geo = """
              schools: [{ name: S, point: [0, 0] }]
              busStops: [{ name: B, point: [900, 0] }, { name: Far, point: [5000, 0] }]
            """
        func o(_ site: String, _ rule: String) throws -> Outcome {
            let yaml = oneVillage(policy: "policy: { busStopRule: \(rule) }", extraGeography: geo,
                                  apps: "    - { id: A, type: dispensary, village: V, site: \(site), individuals: [p] }")
            return allocate(try scenario(yaml)).outcomes["A"]!
        }
        // 800 ft from the school, 100 ft from stop B: denied under both readings.
        #expect(try o("[800, 0]", "both").failure?.detail
                == "800.0 ft from S (limit 1000 ft) and 100.0 ft from school bus stop B (limit 250 ft)")
        #expect(try o("[800, 0]", "either").failure?.reason == "school-buffer")
        // 500 ft from the school only: denied under either, not under both.
        #expect(try o("[0, 500]", "either").failure?.reason == "school-buffer")
        #expect(try o("[0, 500]", "both").status == .awarded)
        // 100 ft from stop Far only: denied under either, not under both.
        #expect(try o("[5100, 0]", "either").failure?.reason == "bus-stop-buffer")
        #expect(try o("[5100, 0]", "both").status == .awarded)
    }

    @Test("§14302(a)(2), (d): no certificates offered — not accepted, no fee, no refund")
    func noCertificatesOffered() throws {
        let yaml = oneVillage(apps: """
                                  - { id: D, type: dispensary, village: V, site: [0, 0], individuals: [p] }
                                  - { id: C, type: cultivation, village: V, site: [0, 0], individuals: [q] }
                              """, certificates: "{ dispensary: 0, cultivation: 1 }")
        let o = allocate(try scenario(yaml)).outcomes
        #expect(o["D"]?.status == .notAccepted)
        #expect(o["D"]?.failure?.reason == "no-certificates")
        #expect(o["D"]?.feePaid == 0 && o["D"]?.refund == 0)
        #expect(o["C"]?.status == .awarded && o["C"]?.feePaid == 35000)
    }

    @Test("§14302(a)(1)(B): the window closes 10 working days after it opens; later applications are not accepted")
    func lateApplication() throws {
        // Opens Monday 2016-01-25; 10 working days later is Monday 2016-02-08.
        let apps = """
                - { id: OnTime, type: dispensary, village: V, site: [0, 0], individuals: [p], date: 2016-02-08 }
                - { id: Late, type: dispensary, village: V, site: [0, 0], individuals: [q], date: 2016-02-09 }
                - { id: Early, type: dispensary, village: V, site: [0, 0], individuals: [r], date: 2016-01-22 }
            """
        let yaml = oneVillage(apps: apps, date: "  window: { opens: 2016-01-25 }")
        let o = allocate(try scenario(yaml)).outcomes
        #expect(o["OnTime"]?.status == .awarded)
        #expect(o["Late"]?.status == .notAccepted && o["Late"]?.failure?.reason == "late")
        #expect(o["Late"]?.failure?.detail == "dated 2016-02-09, after the window closed on 2016-02-08 (§14302(a)(1)(B))")
        #expect(o["Late"]?.feePaid == 0)
        #expect(o["Early"]?.failure?.detail == "dated 2016-01-22, before the window opened on 2016-01-25 (§14302(a)(1)(B))")
    }

    @Test("§14103(d)(2) vs §14303(d): an incomplete application's fee is kept by default, none when never received")
    func incompleteFee() throws {
        let apps = "    - { id: A, type: dispensary, village: V, site: [0, 0], individuals: [p], complete: false }"
        #expect(allocate(try scenario(oneVillage(apps: apps))).outcomes["A"]?.feePaid == 35000)
        let none = oneVillage(apps: apps) + "\nfees: { incompleteApplication: none }"
        #expect(allocate(try scenario(none)).outcomes["A"]?.feePaid == 0)
    }

    @Test("SPEC §2: a buffer of 0 disables its check")
    func zeroBufferDisables() throws {
        let o = try outcome(site: "[10, 0]", policy: "policy: { schoolBufferFeet: 0 }")
        #expect(o.status == .awarded)
    }

    @Test("SPEC §2: checks run in order — incomplete before any buffer")
    func incompleteFirst() throws {
        let o = try outcome(site: "[10, 0]", complete: false)
        #expect(o.status == .incomplete)
        #expect(o.failure?.reason == "incomplete")
    }

    @Test("SPEC §2: the school buffer is checked before the bus-stop buffer")
    func schoolBeforeBusStop() throws {
        let yaml = oneVillage(extraGeography: """
              schools: [{ name: S, point: [0, 0] }]
              busStops: [{ name: B, point: [100, 0] }]
            """, apps: "    - { id: A, type: dispensary, village: V, site: [50, 0], individuals: [p] }")
        #expect(allocate(try scenario(yaml)).outcomes["A"]?.failure?.reason == "school-buffer")
    }

    @Test("§14321(a): distance to a school's polygon is to its nearest point, 0 inside")
    func schoolPolygon() throws {
        let geo = """
              schools: [{ name: Campus, polygon: [[0, 0], [2000, 0], [2000, 1000], [0, 1000]] }]
            """
        func status(_ site: String) throws -> Outcome {
            let yaml = oneVillage(extraGeography: geo,
                                  apps: "    - { id: A, type: dispensary, village: V, site: \(site), individuals: [p] }")
            return allocate(try scenario(yaml)).outcomes["A"]!
        }
        #expect(try status("[1000, 500]").failure?.detail == "0.0 ft from Campus (limit 1000 ft)")
        #expect(try status("[3000, 500]").failure?.detail == "1000.0 ft from Campus (limit 1000 ft)")
        #expect(try status("[3000.5, 500]").status == .awarded)
        // Off a corner: distance to the vertex (2000, 1000) is 1000 at (2600, 1800).
        #expect(try status("[2600, 1800]").failure?.reason == "school-buffer")
        #expect(try status("[2601, 1801]").status == .awarded)
    }
}
