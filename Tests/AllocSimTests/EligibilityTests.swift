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
        - { name: Existing Dispensary, type: dispensary, village: V, point: [40000, 0] }
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

    @Test("§14103(i)(3): exactly 1,000 ft from a registered facility is within; 1,000.1 ft is not")
    func facilityBuffer() throws {
        let o = try outcome(site: "[41000, 0]")
        #expect(o.failure?.reason == "facility-buffer")
        #expect(o.failure?.detail == "1000.0 ft from Existing Dispensary (limit 1000 ft)")
        #expect(try outcome(site: "[41000.1, 0]").status == .awarded)
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
