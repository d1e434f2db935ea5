/// Walks one type's `OddsModel` forward, layer by layer, with exact chances:
/// the chance of reaching each state, summed where paths of draws meet again
/// (memoisation on the state), and from it each village's expected awards by
/// tier, awards decided by lottery, losers by lottery and chance of an award.
///
/// Whether an award was decided by lottery depends on how the round ends
/// (SPEC §3: a passed-over candidate that ended without an award), so the
/// walk also asks, from the state after each award, the chance that any of
/// its conditions holds at the end — a second memoised walk over the same
/// states, keyed by the state and the conditions still open.
/// - Complexity: proportional to the states reached (and condition sets per
///   state); `budget` caps the total and the walk stops with
///   `OddsError.tooLarge` when it is spent.
struct OddsWalk {
    struct Result {
        /// Per local village: expected awards by tier position, awards
        /// decided by lottery, losers by lottery, chance of at least one award.
        var awards: [[Fraction]]
        var lotteryAwards: [Fraction]
        var lotteryLosers: [Fraction]
        var atLeastOne: [Fraction]
        /// Per CHAA: chance of at least one award.
        var chaaAtLeastOne: [Fraction]
        /// The chance of each final count of awards per CHAA.
        var awardsPerCHAA: [[Int]: Fraction]
    }

    let model: OddsModel
    private var ids: [OddsModel.State: Int] = [:]
    private var states: [OddsModel.State] = []
    private var steps: [[OddsModel.Transition]?] = []
    private var stepTargets: [[Int]?] = []
    private var memo: [Key: Fraction] = [:]

    private struct Key: Hashable {
        var state: Int
        var conditions: [OddsModel.Condition]
    }

    init(model: OddsModel) { self.model = model }

    /// States and condition sets visited so far.
    var size: Int { states.count + memo.count }

    private mutating func id(_ s: OddsModel.State, budget: inout OddsBudget) throws(OddsError) -> Int {
        if let i = ids[s] { return i }
        try budget.spend()
        ids[s] = states.count
        states.append(s)
        steps.append(nil)
        stepTargets.append(nil)
        return states.count - 1
    }

    private mutating func transitions(_ i: Int, budget: inout OddsBudget) throws(OddsError) -> ([OddsModel.Transition], [Int]) {
        if let t = steps[i], let n = stepTargets[i] { return (t, n) }
        let t = model.transitions(from: states[i])
        var n: [Int] = []
        for x in t { n.append(try id(x.next, budget: &budget)) }
        steps[i] = t
        stepTargets[i] = n
        return (t, n)
    }

    mutating func run(budget: inout OddsBudget) throws(OddsError) -> Result {
        let v = model.villages.count, tiers = AllocationTier.allCases.count
        var r = Result(awards: Array(repeating: Array(repeating: .zero, count: tiers), count: v),
                       lotteryAwards: Array(repeating: .zero, count: v), lotteryLosers: Array(repeating: .zero, count: v),
                       atLeastOne: Array(repeating: .zero, count: v),
                       chaaAtLeastOne: Array(repeating: .zero, count: model.chaaCount), awardsPerCHAA: [:])
        var layer: [Int: Fraction] = [try id(model.start, budget: &budget): .one]
        while !layer.isEmpty {
            var next: [Int: Fraction] = [:]
            // Exact sums do not depend on order; ids keep the walk itself
            // the same from run to run.
            for s in layer.keys.sorted() {
                let reach = layer[s]!
                let (ts, targets) = try transitions(s, budget: &budget)
                if ts.isEmpty {
                    finish(states[s], reach, into: &r)
                    continue
                }
                for (t, target) in zip(ts, targets) {
                    let p = reach * t.chance
                    r.awards[t.village][t.tier.position] += p
                    if !t.lotteryIf.isEmpty {
                        r.lotteryAwards[t.village] += p * (try chanceAny(target, t.lotteryIf, budget: &budget))
                    }
                    next[target, default: .zero] += p
                }
            }
            layer = next
        }
        return r
    }

    /// A final state reached with chance `reach`: who won a place, and who
    /// lost by lottery — the CHAAs tied for the last ranked award when tier
    /// (b)(3) made one (everyone else there lost `ranked-out`), otherwise the
    /// applications a draw passed over last.
    private func finish(_ s: OddsModel.State, _ reach: Fraction, into r: inout Result) {
        let ranked = s.lastTied.contains(true)
        for v in model.villages.indices {
            let left = Int(s.remaining[v])
            if left < model.applications[v] { r.atLeastOne[v] += reach }
            guard left > 0 else { continue }
            if ranked ? s.lastTied[model.localCHAA[v]] : s.marked[v] {
                r.lotteryLosers[v] += reach * Fraction(left, 1)
            }
        }
        var perCHAA = Array(repeating: 0, count: model.chaaCount)
        for c in model.chaas {
            perCHAA[c] = model.awarded(s, chaa: c)
            if perCHAA[c] > 0 { r.chaaAtLeastOne[c] += reach }
        }
        r.awardsPerCHAA[perCHAA, default: .zero] += reach
    }

    /// The chance that, from state `s` on, at least one of `conditions`
    /// holds when the round ends.
    private mutating func chanceAny(_ s: Int, _ conditions: [OddsModel.Condition],
                                    budget: inout OddsBudget) throws(OddsError) -> Fraction {
        let state = states[s]
        var open: [OddsModel.Condition] = []
        for c in conditions where c.needed > 0 {
            // Fewer applications left there than awards needed: it holds.
            if c.villages.reduce(0, { $0 + Int(state.remaining[$1]) }) < c.needed { return .one }
            open.append(c)
        }
        if open.isEmpty { return .zero }
        if state.phase == .done { return .one }
        // The conditions of one award concern disjoint villages; when they
        // need more awards between them than certificates are left, one of
        // them holds for certain.
        if open.reduce(0, { $0 + $1.needed }) > model.available - model.awards(state) { return .one }
        open.sort()
        let key = Key(state: s, conditions: open)
        if let known = memo[key] { return known }
        var total = Fraction.zero
        let (ts, targets) = try transitions(s, budget: &budget)
        for (t, target) in zip(ts, targets) {
            let after = open.map { c in
                OddsModel.Condition(villages: c.villages, needed: c.villages.contains(t.village) ? c.needed - 1 : c.needed)
            }
            total += t.chance * (try chanceAny(target, after, budget: &budget))
        }
        try budget.spend()
        memo[key] = total
        return total
    }
}

/// The states an exact computation may visit (`--odds-limit`).
struct OddsBudget {
    let limit: Int
    private(set) var used = 0

    init(limit: Int) { self.limit = limit }

    mutating func spend() throws(OddsError) {
        used += 1
        if used > limit { throw .tooLarge(states: used, limit: limit) }
    }
}

/// Why exact odds could not be given.
public enum OddsError: Error, Sendable, Equatable {
    /// The walk reached `states` states and condition sets, over `limit`.
    case tooLarge(states: Int, limit: Int)
}
