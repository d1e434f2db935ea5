import Testing
@testable import AllocSim

/// §14302(b)(4): a lottery is a uniform draw among the tied candidates.
@Suite struct LotteryTests {
    @Test("§14302(b)(4): over 8,000 seeds each of 4 applications wins about equally (chi-square, 3 df)")
    func uniformOverSeeds() throws {
        let yaml = """
        name: lottery
        certificates: { dispensary: 1 }
        geography:
          units: feet
          chaas: [{ name: C, villages: [{ name: V, patients: 10 }] }]
        applications:
          explicit:
            - { id: L1, type: dispensary, village: V, site: [0, 0], individuals: [a] }
            - { id: L2, type: dispensary, village: V, site: [0, 0], individuals: [b] }
            - { id: L3, type: dispensary, village: V, site: [0, 0], individuals: [c] }
            - { id: L4, type: dispensary, village: V, site: [0, 0], individuals: [d] }
        """
        let p = PreparedScenario(try scenario(yaml))
        var wins = [Int](repeating: 0, count: 4)
        let n = 8000
        for seed in 0..<n {
            let r = p.allocateExplicit(seed: UInt64(seed))
            wins[r.outcomes.firstIndex { $0.status == .awarded }!] += 1
        }
        let expected = Double(n) / 4
        let chi2 = wins.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 99.9th percentile of chi-square with 3 degrees of freedom.
        #expect(chi2 < 16.27, "wins \(wins), chi2 \(chi2)")
    }

    @Test("SPEC §3: candidates are sorted by id before the draw, whatever the scenario order")
    func candidatesSortedById() throws {
        let yaml = """
        name: order
        certificates: { dispensary: 1 }
        geography:
          units: feet
          chaas: [{ name: C, villages: [{ name: V, patients: 10 }] }]
        applications:
          explicit:
            - { id: b, type: dispensary, village: V, site: [0, 0], individuals: [x] }
            - { id: a, type: dispensary, village: V, site: [0, 0], individuals: [y] }
        """
        let s = try scenario(yaml)
        let (_, r) = allocate(s, seed: 3)
        #expect(r.draws.first?.candidates == [1, 0])
        // Reversing the file's order gives the same winner.
        var reversed = s
        reversed.applications.explicit.reverse()
        let w1 = allocate(s, seed: 3).outcomes.first { $0.value.status == .awarded }?.key
        let w2 = allocate(reversed, seed: 3).outcomes.first { $0.value.status == .awarded }?.key
        #expect(w1 == w2)
    }
}
