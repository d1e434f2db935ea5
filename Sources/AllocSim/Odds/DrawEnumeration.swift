/// The choices a round's draws make, given in advance: draw `i` takes
/// `choices[i]` (0 past the end) and records among how many it chose.
final class DrawScript {
    var choices: [Int] = []
    private(set) var counts: [Int] = []

    func restart(_ choices: [Int]) {
        self.choices = choices
        counts.removeAll(keepingCapacity: true)
    }

    func choose(among n: Int) -> Int {
        let i = counts.count
        counts.append(n)
        return i < choices.count ? choices[i] : 0
    }
}

/// Every path of draws of a round, run through the allocator itself, with
/// its exact chance: the product of `1/n` over its draws.
///
/// The paths are visited in order, like an odometer: run with the choices
/// so far, then turn the last draw that has a candidate left and drop the
/// draws after it. Exponential in the draws — it is the yardstick that
/// `ExactOdds` is checked against on small rounds, not a way to compute odds.
struct DrawEnumeration {
    /// Calls `visit` with each path's result and chance; stops after
    /// `limit` paths and returns false when there were more.
    static func forEachPath(
        round: AllocationRound, apps: [RoundApplication], bufferFailures: [EligibilityFailure?]?,
        limit: Int, visit: (RoundResult, Fraction) -> Void
    ) -> Bool {
        var workspace = RoundWorkspace(round)
        let script = DrawScript()
        workspace.tiers.script = script
        var result = RoundResult(outcomes: [], draws: [], drawCount: 0, villagePatients: [])
        let streams = ReplicateStreams()
        var choices: [Int] = []
        for _ in 0..<limit {
            script.restart(choices)
            round.run(apps, villagePatients: round.territory.villagePatients, bufferFailures: bufferFailures,
                      lotteries: streams.lotteries, audit: false, into: &result, workspace: &workspace)
            let counts = script.counts
            visit(result, counts.reduce(Fraction.one) { $0 * Fraction(1, $1) })
            choices = Array(choices.prefix(counts.count)) + Array(repeating: 0, count: max(0, counts.count - choices.count))
            guard let turn = counts.indices.last(where: { choices[$0] + 1 < counts[$0] }) else { return true }
            choices = Array(choices.prefix(turn)) + [choices[turn] + 1]
        }
        return false
    }
}
