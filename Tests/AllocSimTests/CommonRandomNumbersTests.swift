import Foundation
import Testing
@testable import AllocSim

/// SPEC §5: one stream per purpose, common random numbers across the two
/// sides of a comparison — a policy change moves only the draws it must.
@Suite struct CommonRandomNumbersTests {
    static let guam = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/guam.yaml")

    func guamWith(_ changes: [(String, String)]) throws -> Scenario {
        var d = try ScenarioDocument.read(path: CommonRandomNumbersTests.guam.path)
        for (k, v) in changes { d = try d.setting(k, to: v) }
        return try d.load()
    }

    @Test("3 → 5 dispensary certificates: every generated application and every cultivation outcome of every replicate is unchanged")
    func dispensaryChangeLeavesCultivationAlone() throws {
        let base = BatchRunner(PreparedScenario(try guamWith([])))
        let reform = BatchRunner(PreparedScenario(try guamWith([("certificates.dispensary", "5")])))
        var b = BatchRunner.Worker(base), r = BatchRunner.Worker(reform)
        var dispensaryChanged = 0
        for i in 0..<400 {
            let x = base.compute(seed: 2017, cell: 0, replicate: UInt64(i), worker: &b)
            let y = reform.compute(seed: 2017, cell: 0, replicate: UInt64(i), worker: &r)
            #expect(b.apps == r.apps, "replicate \(i): generated applications differ")
            for k in b.apps.indices {
                if b.apps[k].type == .cultivation {
                    // Everything but the audit-trail step numbers, which
                    // count the round's draws of both types.
                    let p = x.outcomes[k], q = y.outcomes[k]
                    #expect(p.status == q.status && p.tier == q.tier && p.lottery == q.lottery
                            && p.loss?.reason == q.loss?.reason
                            && p.feePaid == q.feePaid && p.refund == q.refund, "replicate \(i), application \(k)")
                } else if x.outcomes[k].status != y.outcomes[k].status {
                    dispensaryChanged += 1
                }
            }
        }
        #expect(dispensaryChanged > 100)
    }

    @Test("a change the round never reads gives differences of exactly zero in every replicate")
    func irrelevantChange() throws {
        // plantTags are not modelled in guam.yaml's batch; the refund is read,
        // so change something that is not: the bus-stop buffer (no stops listed).
        let runner = try ComparisonRunner(baseline: PreparedScenario(try guamWith([])),
                                          reform: PreparedScenario(try guamWith([("policy.busStopBufferFeet", "900")])))
        let acc = runner.run(seed: 5, range: 0..<300, threads: 2)
        for m in runner.metricNames.indices where acc.differences[m].count > 0 {
            #expect(acc.differences[m].summary.sd == 0 && acc.differences[m].summary.mean == 0, "\(runner.metricNames[m])")
            #expect(acc.higher[m] == 0 && acc.lower[m] == 0)
        }
        #expect(acc.villageGained.joined().allSatisfy { $0 == 0 } && acc.villageLost.joined().allSatisfy { $0 == 0 })
    }

    @Test("§14302(b)(4): the paired interval covers a known change — a lone application's chance 1/2 → 1/3 under tieBreak application")
    func pairedIntervalCoversKnownChange() throws {
        // Alder (two applications) and Birch (one) tie in tier (b)(1), K = 1:
        // B1 wins with 1/2 under place-then-application, 1/3 under application.
        let yaml = { (reading: String) in """
        name: known
        certificates: { dispensary: 1 }
        geography:
          units: feet
          chaas: [{ name: North, villages: [{ name: Alder, patients: 10 }, { name: Birch, patients: 10 }] }]
        applications:
          explicit:
            - { id: A1, type: dispensary, village: Alder, site: [0, 0], individuals: [a] }
            - { id: A2, type: dispensary, village: Alder, site: [0, 0], individuals: [b] }
            - { id: B1, type: dispensary, village: Birch, site: [0, 0], individuals: [c] }
        policy: { tieBreak: \(reading) }
        """ }
        let runner = try ComparisonRunner(baseline: PreparedScenario(try scenario(yaml("place-then-application"))),
                                          reform: PreparedScenario(try scenario(yaml("application"))))
        let n = 20_000
        let acc = runner.run(seed: 3, range: 0..<n, threads: 2)
        let c = PairedShareChange(gained: acc.applicationGained[2], lost: acc.applicationLost[2], replicates: n)
        #expect(c.low <= -1.0 / 6 && -1.0 / 6 <= c.high, "\(c)")
        #expect(c.high - c.low < 0.03)
    }

    @Test("a comparison is the same for any thread count")
    func threadInvariance() throws {
        let runner = try ComparisonRunner(baseline: PreparedScenario(try guamWith([])),
                                          reform: PreparedScenario(try guamWith([("policy.schoolBufferFeet", "500")])))
        let one = runner.run(seed: 9, range: 0..<1200, threads: 1), two = runner.run(seed: 9, range: 0..<1200, threads: 2)
        #expect(one.differences == two.differences)
        #expect(one.villageGained == two.villageGained && one.villageLost == two.villageLost)
        #expect(one.baseline == two.baseline && one.reform == two.reform)
    }

    @Test("different territories are refused: there is nothing to pair")
    func differentTerritoryRefused() throws {
        let other = try guamWith([("geography.chaas[0].villages[0].patients", "1")])
        #expect(throws: ComparisonError.self) {
            try ComparisonRunner(baseline: PreparedScenario(try guamWith([])), reform: PreparedScenario(other))
        }
    }

    @Test("SPEC §5: purposes and replicates key different streams; the cell enters only when asked")
    func purposesDiffer() {
        let purposes: [StreamPurpose] = [.patients, .submissionOrder, .plantTags, .design]
            + CertificateType.allCases.flatMap { [.applicationCounts($0), .sites($0), .flags($0), .lottery($0)] }
        let seeds = Set(purposes.map { StreamKey(seed: 1, replicate: 7, purpose: $0).generatorSeed })
        #expect(seeds.count == purposes.count)
        #expect(Set(purposes.map(\.code)).count == purposes.count)
    }
}
