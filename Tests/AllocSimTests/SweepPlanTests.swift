import Testing
@testable import AllocSim

@Suite struct SweepPlanTests {
    @Test("full factorial: every combination, the first parameter varying slowest")
    func factorial() {
        let p = SweepPlan.factorial([("a", ["1", "2"]), ("b", ["x", "y", "z"])])
        #expect(p.cells.count == 6)
        #expect(p.cells.first == ["1", "x"] && p.cells[1] == ["1", "y"] && p.cells.last == ["2", "z"])
    }

    @Test("Latin hypercube: each parameter's strata are each hit exactly once, values inside their stratum")
    func lhsStrata() {
        let n = 37
        let (plan, strata) = SweepPlan.latinHypercube(n, ranges: [("x", 0, 1, false), ("y", 500, 1500, false)], seed: 9)
        #expect(plan.cells.count == n)
        for (k, (lo, hi)) in [(0.0, 1.0), (500.0, 1500.0)].enumerated() {
            #expect(Set(strata[k]) == Set(0..<n))
            for (i, cell) in plan.cells.enumerated() {
                let v = Double(cell[k])!
                let s = Double(strata[k][i])
                #expect(v >= lo + s / Double(n) * (hi - lo) - 1e-6 && v <= lo + (s + 1) / Double(n) * (hi - lo) + 1e-6)
            }
        }
        // The same seed gives the same design.
        #expect(SweepPlan.latinHypercube(n, ranges: [("x", 0, 1, false), ("y", 500, 1500, false)], seed: 9).plan == plan)
    }

    @Test("shards: every (cell, replicate) is run by exactly one shard, by cells or by replicates")
    func shardsCoverOnce() {
        for (cells, replicates) in [(10, 100), (3, 1001), (1, 7), (7, 7)] {
            for n in [1, 2, 3, 4, 7, 10] {
                var seen: [Int: [Int]] = [:]
                for i in 1...n {
                    for u in Shard(index: i, count: n).units(cells: cells, replicates: replicates) {
                        seen[u.cell, default: []] += Array(u.range)
                    }
                }
                #expect(seen.count == cells, "cells \(cells) shards \(n)")
                for (_, reps) in seen { #expect(reps.sorted() == Array(0..<replicates), "cells \(cells) shards \(n)") }
            }
        }
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        #expect(Shard("0/4") == nil && Shard("5/4") == nil && Shard("x") == nil)
    }

    @Test("an accumulator's state text reads back to the same accumulator and names")
    func stateRoundTrip() throws {
        let s = try scenario("""
        name: st
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: "A b", villages: [{ name: V, patients: 7, center: [0, 0] }, { name: W, patients: 3, center: [9000, 0] }] }] }
        applications:
          explicit: [{ id: E1, type: dispensary, village: V, site: [0, 0], individuals: [p] }]
          generate: { applications: { dispensary: { distribution: poisson, each: 1.3 } }, sites: { method: radius, radiusFeet: 500 } }
        """)
        let runner = BatchRunner(PreparedScenario(s))
        let acc = runner.run(seed: 4, range: 0..<300, threads: 2)
        let text = acc.stateText(metricNames: runner.layout.names, plantNames: runner.plantMetricNames)
        let back = try #require(BatchAccumulator.fromState(text))
        #expect(back.accumulator == acc)
        #expect(back.metricNames == runner.layout.names)
        #expect(back.metricNames.contains("awards.dispensary.chaa.A b"))
        #expect(BatchAccumulator.fromState("nonsense") == nil)
    }

    @Test("validateAll on several threads reports the first bad cell in cell order, as one by one would")
    func validateInCellOrder() throws {
        let doc = try ScenarioDocument(file: "x.yaml", bytes: .init(), root: Yams_compose("""
        name: t
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: A, villages: [{ name: V, patients: 1 }, { name: W, patients: 1 }] }] }
        applications: { explicit: [] }
        """))
        let good = SweepPlan.factorial([("certificates.dispensary", (1...40).map(String.init))])
        for threads in [1, 2, 4] {
            // What every cell has, for the per-level tables: cell 1's places.
            let places = try SweepRunner(document: doc, plan: good).validateAll(threads: threads)
            #expect(places?.villageNames == ["V", "W"] && places?.chaaNames == ["A"], "\(threads) threads")
        }
        #expect(try SweepRunner(document: doc, plan: SweepPlan(keys: [], cells: [])).validateAll() == nil)
        /// On 1, 2 and 4 threads, `plan` fails with an error that starts `prefix`.
        func expectFirstProblem(_ plan: SweepPlan, _ prefix: String) {
            for threads in [1, 2, 4] {
                do throws(SweepError) {
                    try SweepRunner(document: doc, plan: plan).validateAll(threads: threads)
                    Issue.record("\(threads) threads: expected '\(prefix)…', the sweep passed")
                } catch {
                    #expect("\(error)".hasPrefix(prefix), "\(threads) threads: \(error)")
                }
            }
        }
        // Cells 7, 19 and 33 are bad.
        var values = (1...40).map(String.init)
        for k in [6, 18, 32] { values[k] = "-1" }
        expectFirstProblem(SweepPlan(keys: ["certificates.dispensary"], cells: values.map { [$0] }), "sweep cell 7 ")
        // A renamed village makes the cells from 12 on differ in places.
        expectFirstProblem(SweepPlan(keys: ["geography.chaas[0].villages[1].name"],
                                     cells: (1...30).map { [$0 < 12 ? "W" : "W\($0)"] }), "sweep cell 12:")
    }

    @Test("setting a field by path creates missing mappings; a missing list item is an error")
    func documentPaths() throws {
        let doc = try ScenarioDocument(file: "x.yaml", bytes: .init(), root: Yams_compose("""
        name: t
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: A, villages: [{ name: V, patients: 1 }] }] }
        applications: { explicit: [] }
        """))
        let s = try doc.setting("policy.scoring", to: "patients-per-facility")
            .setting("geography.chaas[0].villages[0].patients", to: "42").load()
        #expect(s.policy.scoring == .patientsPerFacility)
        #expect(s.geography.chaas[0].villages[0].patients == 42)
        #expect(throws: ScenarioDocument.PathError.self) { try doc.setting("geography.chaas[3].name", to: "x") }
        #expect(throws: ScenarioDocument.PathError.self) { try doc.setting("policy..x", to: "1") }
    }
}

import Yams
func Yams_compose(_ text: String) throws -> Node { try Yams.compose(yaml: text)! }
