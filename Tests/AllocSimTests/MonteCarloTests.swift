import CGSL
import Foundation
import Testing
@testable import AllocSim

/// SPEC §5: Monte Carlo batches.
@Suite struct MonteCarloTests {
    func teaching() throws -> Scenario {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/teaching.yaml")
        return try ScenarioLoader.load(path: url.path)
    }

    @Test("award probabilities agree with the teaching scenario's hand computation within 4 MCSE")
    func exactProbabilities() throws {
        let runner = BatchRunner(PreparedScenario(try teaching()))
        let n = 4000
        let acc = runner.run(seed: 42, range: 0..<n, threads: 2)
        let exact: [String: Double] = ["T1": 0.5, "T2": 0.5, "T3": 0, "T4": 0.5, "T5": 0.5, "T6": 0, "T7": 0, "T8": 0, "T9": 1]
        for (i, a) in runner.prepared.scenario.applications.explicit.enumerated() {
            let p = exact[a.id]!
            let phat = Double(acc.applicationAwarded[i]) / Double(n)
            let mcse = max((p * (1 - p) / Double(n)).squareRoot(), 1e-12)
            #expect(abs(phat - p) <= 4 * mcse, "\(a.id): \(phat) vs \(p)")
        }
        // Alder and Cedar always get one dispensary each; Birch never.
        let t = runner.prepared.territory
        #expect(acc.villageAnyAward[0][t.village(named: "Alder")!] == n)
        #expect(acc.villageAnyAward[0][t.village(named: "Birch")!] == 0)
    }

    @Test("a tie then a recount: each of three villages wins 2/3 of the time (§14302(b)(1), (b)(4))")
    func exactTwoThirds() throws {
        let s = try scenario("""
        name: thirds
        certificates: { dispensary: 2 }
        geography:
          units: feet
          chaas:
            - { name: A, villages: [{ name: Va, patients: 10 }] }
            - { name: B, villages: [{ name: Vb, patients: 10 }] }
            - { name: C, villages: [{ name: Vc, patients: 10 }] }
        applications:
          explicit:
            - { id: a, type: dispensary, village: Va, site: [0, 0], individuals: [x] }
            - { id: b, type: dispensary, village: Vb, site: [0, 0], individuals: [y] }
            - { id: c, type: dispensary, village: Vc, site: [0, 0], individuals: [z] }
        """)
        let runner = BatchRunner(PreparedScenario(s))
        let n = 6000
        let acc = runner.run(seed: 5, range: 0..<n, threads: 2)
        let mcse = (2.0 / 9.0 / Double(n)).squareRoot()
        for i in 0..<3 {
            #expect(abs(Double(acc.applicationAwarded[i]) / Double(n) - 2.0 / 3.0) <= 4 * mcse)
        }
    }

    @Test("SPEC §5: results are identical for any thread count and any split of the replicates")
    func threadAndShardInvariance() throws {
        let runner = BatchRunner(PreparedScenario(try teaching()))
        let one = runner.run(seed: 1, range: 0..<1500, threads: 1)
        let two = runner.run(seed: 1, range: 0..<1500, threads: 2)
        #expect(one == two)
        var split = runner.run(seed: 1, range: 0..<700, threads: 2)
        split.merge(runner.run(seed: 1, range: 700..<1500, threads: 1))
        #expect(split == one)
        #expect(split.metrics.map(\.summary) == one.metrics.map(\.summary))
    }

    @Test("SPEC §5: each metric's histogram is exact, however the accumulator stores small values apart")
    func smallValuesFoldIntoHistograms() throws {
        // Metric 0 crosses the small-value width, metric 1 has negative,
        // fractional and missing values, metric 2 large ones and the edges.
        func values(_ k: Int) -> [Double] {
            [Double(k % 71), k % 5 == 0 ? .nan : Double(k % 7) * 0.5 - 1, [63, 64, 4095, 4096, 1e6, 0][k % 6]]
        }
        // Metrics 0 and 2 as a round records them, counts (integers), or
        // all three as doubles: either way the same histograms.
        func recorded(_ k: Int, counts: Bool) -> MetricValues {
            let v = values(k)
            guard counts else { return MetricValues(reals: v) }
            var m = MetricValues(isCount: [true, false, true])
            (m.counts[0], m.reals[1], m.counts[2]) = (Int(v[0]), v[1], Int(v[2]))
            return m
        }
        let empty = RoundResult(outcomes: [], draws: [], drawCount: 0, villagePatients: [])
        func accumulate(_ ks: Range<Int>, counts: Bool = true) -> BatchAccumulator {
            var acc = BatchAccumulator(metricCount: 3, plantMetricCount: 0, villages: 0, chaas: 0, explicit: 0)
            var places = AwardedPlaces(villages: 0, chaas: 0)
            for k in ks {
                acc.add(values: recorded(k, counts: counts), plant: [], result: empty, apps: [], explicitCount: 0, places: &places)
            }
            return acc
        }
        var expected = Array(repeating: ValueHistogram(), count: 3)
        for k in 0..<500 {
            for (i, v) in values(k).enumerated() where !v.isNaN {
                if v >= 0 && v < 4096 && v == v.rounded(.down) { expected[i].add(Int(v)) } else { expected[i].add(v) }
            }
        }
        let whole = accumulate(0..<500)
        #expect(whole.metrics == expected)
        #expect(accumulate(0..<500, counts: false) == whole)
        #expect((0..<3).map(whole.metric) == expected)
        #expect(expected[0].dense.count == 71 && expected[2].sparse[1e6] != nil)
        // Split at any replicate, merged back: the same accumulator.
        var split = accumulate(0..<137)
        split.merge(accumulate(137..<500))
        #expect(split == whole)
        #expect(split.metrics == expected)
        // Histograms set from outside (a state read back) are split the same way.
        var set = BatchAccumulator(metricCount: 3, plantMetricCount: 0, villages: 0, chaas: 0, explicit: 0)
        set.replicates = 500
        set.metrics = expected
        #expect(set == whole)
        #expect(set.stateText(metricNames: ["a", "b", "c"], plantNames: []) == whole.stateText(metricNames: ["a", "b", "c"], plantNames: []))
    }

    @Test("State text: numbers as String(_:) writes them, lines as the state format lays them out")
    func stateTextBytes() {
        // The writer's digits must be the standard library's: a state written
        // by one build is read back, and merged, by another.
        for v in [0, 1, 9, 10, 99, 100, 4095, -1, -10, 123_456_789, Int.max, Int.min] {
            var w = StateTextWriter()
            w.int(v)
            #expect(w.string == String(v))
        }
        for v: UInt64 in [0, 1, 9, 10, 15, 16, 255, 0x4057_1555_5555_5555, UInt64.max] {
            var w = StateTextWriter()
            w.hex(v)
            #expect(w.string == String(v, radix: 16))
        }
        var acc = BatchAccumulator(metricCount: 2, plantMetricCount: 0, villages: 1, chaas: 1, explicit: 0)
        acc.replicates = 3
        var first = ValueHistogram(), second = ValueHistogram()
        for v in [0.0, 2, 2] { first.add(v) }
        for v in [0.5, 7000, 1] { second.add(v) }
        acc.metrics = [first, second]
        let hex = { (v: Double) in String(v.bitPattern, radix: 16) }
        var expected = [
            "allocsim-state 1",
            "shape 2 0 1 1 0",
            "name metric 0 a b",
            "name metric 1 c",
            "replicates 3",
            "metric 0 3 dense 1 0 2",
            "metric 0 sparse ",
            "metric 1 3 dense 0 1",
            "metric 1 sparse \(hex(0.5)):1 \(hex(7000)):1",
        ]
        for tag in ["villageAny", "villageAwards", "chaaAny", "chaaAwards"] {
            expected += CertificateType.allCases.indices.map { "\(tag) \($0) 0" }
        }
        expected += ["villagePatients 0 0", "applicationAwarded 0 ", "applicationLottery 0 "]
        #expect(acc.stateText(metricNames: ["a b", "c"], plantNames: []) == expected.joined(separator: "\n") + "\n")
    }

    @Test("Wilson 95% intervals match Newcombe (1998), Table I")
    func wilsonPublished() {
        func check(_ x: Int, _ n: Int, _ lo: Double, _ hi: Double) {
            let w = WilsonInterval(successes: x, trials: n)
            #expect(abs(w.low - lo) < 0.00005 && abs(w.high - hi) < 0.00005, "\(x)/\(n): \(w.low) \(w.high)")
        }
        check(81, 263, 0.2553, 0.3662)
        check(15, 148, 0.0624, 0.1605)
        check(0, 20, 0.0000, 0.1611)
        check(1, 29, 0.0061, 0.1718)
    }

    @Test("histogram percentiles equal gsl_stats_quantile_from_sorted_data on the raw values")
    func histogramQuantiles() {
        var h = ValueHistogram()
        var raw: [Double] = []
        var x: UInt64 = 7
        for i in 0..<2001 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let v = i % 3 == 0 ? Double(x >> 60) : Double(x >> 40) / 1000 - 3
            h.add(v)
            raw.append(v)
        }
        raw.sort()
        let s = h.summary
        for (p, q) in [(0.05, s.p05), (0.5, s.p50), (0.95, s.p95)] {
            let g = raw.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, raw.count, p) }
            #expect(abs(g - q) < 1e-9 * max(1, abs(g)))
        }
        let mean = raw.reduce(0, +) / Double(raw.count)
        #expect(abs(s.mean - mean) < 1e-9)
        let sd = raw.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, raw.count) }
        #expect(abs(s.sd - sd) < 1e-9)
    }

    func generated(_ generate: String, patients: String = "", replicates: Int = 3000) throws -> (BatchRunner, BatchAccumulator) {
        let s = try scenario("""
        name: gen
        certificates: { dispensary: 100, cultivation: 100 }
        geography:
          units: feet
          chaas:
            - name: A
              villages:
                - { name: Big, population: 3000, patients: 30, center: [0, 0], boundary: [[-5000, -5000], [5000, -5000], [5000, 5000], [-5000, 5000]] }
                - { name: Small, population: 1000, patients: 10, center: [100000, 0], boundary: [[95000, -5000], [105000, -5000], [105000, 5000], [95000, 5000]] }
        applications:
          generate:
        \(generate)
        \(patients)
        """)
        let runner = BatchRunner(PreparedScenario(s))
        return (runner, runner.run(seed: 3, range: 0..<replicates, threads: 2))
    }

    func stat(_ r: BatchRunner, _ a: BatchAccumulator, _ name: String) -> MetricSummary {
        a.metric(r.layout.names.firstIndex(of: name)!).summary
    }

    @Test("generators: Poisson counts by population have the right mean and variance")
    func poissonCounts() throws {
        let (r, a) = try generated("""
            applications: { dispensary: { distribution: poisson, total: 20 } }
            sites: { method: radius, radiusFeet: 2000 }
        """)
        let s = stat(r, a, "applications")
        // Total is Poisson(20): mean 20, variance 20.
        #expect(abs(s.mean - 20) < 4 * s.mcse)
        #expect(abs(s.sd * s.sd - 20) < 2)
        // Big gets 3/4 of them: its mean award count is 15 (every one is awarded).
        let big = r.prepared.territory.village(named: "Big")!
        let meanBig = Double(a.villageAwards[0][big]) / Double(a.replicates)
        #expect(abs(meanBig - 15) < 0.3)
    }

    @Test("generators: a multinomial total is exact; the incomplete share is its probability")
    func multinomialAndIncomplete() throws {
        let (r, a) = try generated("""
            applications: { cultivation: { distribution: multinomial, total: 40 } }
            sites: { method: boundary }
            incomplete: 0.25
        """, patients: "    patients: { model: multinomial, total: 500 }")
        #expect(stat(r, a, "applications").sd == 0)
        let inc = stat(r, a, "status.incomplete")
        #expect(abs(inc.mean - 10) < 4 * inc.mcse)
        // Patients: 500 split by population, every replicate.
        #expect(a.villagePatients.reduce(0, +) == 500 * a.replicates)
        let big = r.prepared.territory.village(named: "Big")!
        #expect(abs(Double(a.villagePatients[big]) / Double(a.replicates) - 375) < 1)
    }

    @Test("generators: sites in a disc are uniform — mean squared distance R²/2 — and inside it")
    func discSites() throws {
        let s = try scenario("""
        name: disc
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: A, villages: [{ name: V, patients: 1, center: [10, 20] }] }] }
        applications: { generate: { applications: { dispensary: { distribution: fixed, each: 1 } }, sites: { method: radius, radiusFeet: 1000 } } }
        """)
        let p = PreparedScenario(s)
        let gen = ReplicateGenerator(p)
        let streams = ReplicateStreams(seed: 1)
        var sum = 0.0
        let n = 20000
        for i in 0..<n {
            streams.reseed(seed: 1, cell: 0, replicate: UInt64(i))
            var apps: [RoundApplication] = []
            var failures: [EligibilityFailure?] = []
            var scratch = ReplicateGenerator.Scratch()
            gen.generate(into: &apps, failures: &failures, streams: streams, scratch: &scratch)
            let d2 = (apps[0].site.x - 10) * (apps[0].site.x - 10) + (apps[0].site.y - 20) * (apps[0].site.y - 20)
            #expect(d2 <= 1_000_000)
            sum += d2
        }
        #expect(abs(sum / Double(n) - 500_000) < 10_000)
    }

    @Test("§14303 with generated applicants: alreadyApplied makes the limits bind")
    func alreadyApplied() throws {
        let (r, a) = try generated("""
            applications: { dispensary: { distribution: fixed, each: 3 } }
            sites: { method: radius, radiusFeet: 100 }
            alreadyApplied: 0.5
        """, replicates: 500)
        #expect(stat(r, a, "status.withdrawn").mean > 1)
        #expect(stat(r, a, "reason.applicant-limit").mean == stat(r, a, "status.withdrawn").mean)
    }
}

/// SPEC §4-§5: plant-set fees of a drawn population, with exact answers.
@Suite struct PlantTagPopulationTests {
    func run(_ population: String, feePerSet: Int = 25) throws -> [String: MetricSummary] {
        let s = try scenario("""
        name: plant
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: C, villages: [{ name: V, patients: 1 }] }] }
        applications: { explicit: [] }
        plantTags:
          feePerSet: \(feePerSet)
          population: \(population)
        """)
        let runner = BatchRunner(PreparedScenario(s))
        let acc = runner.run(seed: 2, range: 0..<400, threads: 2)
        return Dictionary(uniqueKeysWithValues: runner.plantMetricNames.enumerated().map { ($1, acc.plantMetrics[$0].summary) })
    }

    @Test("RI §1.12 F.1, E.2, E.4: full-registration growers at their limits pay every set")
    func allFull() throws {
        // 10 patients × 12 sets × $25 = $3,000; 4 caregivers of 2 patients × 24 sets × $25 = $2,400.
        let m = try run("{ patientGrowers: { fixed: 10 }, caregivers: { fixed: 4 }, reducedShare: 0, patientsPerCaregiver: [0, 1], sets: limit }")
        #expect(m["plant.fees"]?.mean == 5400 && m["plant.fees"]?.sd == 0)
        #expect(m["plant.sets"]?.mean == 216)
        #expect(m["plant.forgone"]?.mean == 0)
    }

    @Test("RI §1.12 F.2, F.3.a: reduced-registration growers and their caregivers are waived entirely")
    func allReduced() throws {
        let m = try run("{ patientGrowers: { fixed: 10 }, caregivers: { fixed: 4 }, reducedShare: 1, patientsPerCaregiver: [0, 1], sets: limit }",
                        feePerSet: 50)
        #expect(m["plant.fees"]?.mean == 0)
        #expect(m["plant.forgone"]?.mean == 10800)
        #expect(m["plant.patients.reduced"]?.mean == 18)
    }

    @Test("RI §1.12 D.3-D.4: minimum sets are one per patient; a mixed share gives the expected waiver cost")
    func minimumAndShare() throws {
        let m = try run("{ patientGrowers: { fixed: 1000 }, caregivers: { fixed: 0 }, reducedShare: 0.3, sets: minimum }")
        #expect(m["plant.sets"]?.mean == 1000)
        // Each patient: one set, waived with probability 0.3: forgone ≈ 0.3 × 1000 × $25.
        let forgone = try #require(m["plant.forgone"])
        #expect(abs(forgone.mean - 7500) < 4 * forgone.mcse + 1)
    }
}

@Suite struct RegistryFeeTests {
    @Test("§14102(a)(4), (b): fees.registry — 1,000 patients, 20% SNAP, 40 caregivers: $120,000 + $15,000 + $8,000")
    func registryRevenue() throws {
        let s = try scenario("""
        name: registry
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: C, villages: [{ name: V, patients: 1000 }] }] }
        applications: { explicit: [{ id: A, type: dispensary, village: V, site: [0, 0], individuals: [p] }] }
        fees: { registry: { snapShare: 0.2, caregivers: 40 } }
        """)
        let runner = BatchRunner(PreparedScenario(s))
        let acc = runner.run(seed: 1, range: 0..<10, threads: 1)
        func mean(_ name: String) -> Double { acc.metric(runner.layout.names.firstIndex(of: name)!).summary.mean }
        // 800 full cards at $150, 200 SNAP cards at $75, 40 caregiver cards at $200.
        #expect(mean("fees.registry.patient") == 120_000)
        #expect(mean("fees.registry.reduced") == 15_000)
        #expect(mean("fees.registry.caregiver") == 8_000)
        #expect(mean("fees.registry") == 143_000)
    }
}
