import Testing
@testable import AllocSim

/// PRIM on data whose box of interest is known.
@Suite struct ScenarioDiscoveryTests {
    @Test("PRIM finds x < 0.3 with level a: the chosen box has density 1 and full coverage, its limits at the true edges")
    func knownBox() {
        var g = SplitMix(seed: 99)
        var x: [Double] = [], y: [Double] = [], level: [String] = []
        for _ in 0..<1000 {
            x.append(Double(g.next(1000)) / 1000)
            y.append(Double(g.next(1000)) / 1000)
            level.append(["a", "b", "c"][g.next(3)])
        }
        let interesting = (0..<1000).map { x[$0] < 0.3 && level[$0] == "a" }
        let d = ScenarioDiscovery(names: ["x", "y", "level"], columns: [.numeric(x), .numeric(y), .levels(level)], interesting: interesting)
        let trajectory = d.peel(alpha: 0.05, minMass: 0.02)
        #expect(trajectory.first?.mass == 1 && trajectory.first?.coverage == 1)
        // Density never falls as the box is peeled.
        #expect(zip(trajectory, trajectory.dropFirst()).allSatisfy { $0.density <= $1.density })
        let c = ScenarioDiscovery.chosen(trajectory, minCoverage: 0.9)!
        let box = trajectory[c]
        #expect(box.density == 1 && box.coverage >= 0.9)
        guard case .range(_, let high) = box.limits[0], case .levels(let kept) = box.limits[2] else { Issue.record("limits"); return }
        #expect(high < 0.3 && high > 0.25, "x high \(high)")
        #expect(kept == ["a"])
        // y is irrelevant: it keeps most of its range.
        guard case .range(let ylo, let yhi) = box.limits[1] else { Issue.record("y"); return }
        #expect(yhi - ylo > 0.6)
    }
}
