/// Walks one type's `OddsModel` forward, layer by layer, with exact chances:
/// the chance of reaching each state, summed where paths of draws meet again
/// (memoisation on the state, in its canonical order), and from it each
/// village class's expected awards by tier, awards decided by lottery,
/// losers by lottery and villages with an award.
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
    /// Expected counts per village class (divide by the class's villages,
    /// then by a village's applications, for one application's chance).
    struct Result {
        /// Awards by tier position.
        var awards: [[Fraction]]
        var lotteryAwards: [Fraction]
        var lotteryLosers: [Fraction]
        /// Villages of the class with at least one award.
        var villagesWon: [Fraction]
        /// Per CHAA: chance of at least one award.
        var chaaAtLeastOne: [Fraction]
        /// The chance of each final count of awards per CHAA.
        var awardsPerCHAA: [[Int]: Fraction]
    }

    /// A step as the second walk needs it: its chance, the state it leads
    /// to, the village awarded, and where the canonical order moved each
    /// village (nil: nowhere).
    private struct Step {
        var chance: Fraction
        var target: Int
        var village: Int
        var moved: [Int]?
    }

    let model: OddsModel
    private var ids: [OddsModel.State: Int] = [:]
    private var states: [OddsModel.State] = []
    private var steps: [[Step]?] = []
    private var memo: [Key: Fraction] = [:]

    private struct Key: Hashable {
        var state: Int
        var conditions: [OddsModel.Condition]
    }

    init(model: OddsModel) { self.model = model }

    private mutating func id(_ s: OddsModel.State, budget: inout OddsBudget) throws(OddsError) -> Int {
        if let i = ids[s] { return i }
        try budget.spend()
        ids[s] = states.count
        states.append(s)
        steps.append(nil)
        return states.count - 1
    }

    /// The transitions from state `i`, with their targets in canonical form.
    private mutating func expand(_ i: Int, budget: inout OddsBudget) throws(OddsError) -> ([OddsModel.Transition], [Step]) {
        let ts = model.transitions(from: states[i])
        var out: [Step] = []
        for t in ts {
            let (c, moved) = model.canonical(t.next)
            out.append(Step(chance: t.chance, target: try id(c, budget: &budget), village: t.village, moved: moved))
        }
        steps[i] = out
        return (ts, out)
    }

    private static func moving(_ conditions: [OddsModel.Condition], _ moved: [Int]?) -> [OddsModel.Condition] {
        guard let moved else { return conditions }
        return conditions.map { OddsModel.Condition(villages: $0.villages.map { moved[$0] }.sorted(), needed: $0.needed) }
    }

    mutating func run(budget: inout OddsBudget) throws(OddsError) -> Result {
        let classes = model.classSize.count, tiers = AllocationTier.allCases.count
        var r = Result(awards: Array(repeating: Array(repeating: .zero, count: tiers), count: classes),
                       lotteryAwards: Array(repeating: .zero, count: classes),
                       lotteryLosers: Array(repeating: .zero, count: classes),
                       villagesWon: Array(repeating: .zero, count: classes),
                       chaaAtLeastOne: Array(repeating: .zero, count: model.chaaCount), awardsPerCHAA: [:])
        var layer: [Int: Fraction] = [try id(model.canonical(model.start).state, budget: &budget): .one]
        while !layer.isEmpty {
            var next: [Int: Fraction] = [:]
            // Exact sums do not depend on order; sorted ids keep the walk
            // itself the same from run to run.
            for s in layer.keys.sorted() {
                let reach = layer[s]!
                let (ts, out) = try expand(s, budget: &budget)
                if ts.isEmpty {
                    finish(states[s], reach, into: &r)
                    continue
                }
                for (t, step) in zip(ts, out) {
                    let p = reach * t.chance
                    let c = model.villageClass[t.village]
                    r.awards[c][t.tier.position] += p
                    if !t.lotteryIf.isEmpty {
                        let any = try chanceAny(step.target, Self.moving(t.lotteryIf, step.moved), budget: &budget)
                        r.lotteryAwards[c] += p * any
                    }
                    next[step.target, default: .zero] += p
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
            let c = model.villageClass[v]
            let left = Int(s.remaining[v])
            if left < model.applications[v] { r.villagesWon[c] += reach }
            guard left > 0 else { continue }
            if ranked ? s.lastTied[model.localCHAA[v]] : s.marked[v] {
                r.lotteryLosers[c] += reach * Fraction(left, 1)
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
        let out: [Step]
        if let known = steps[s] { out = known } else { out = try expand(s, budget: &budget).1 }
        for step in out {
            let after = open.map { c in
                OddsModel.Condition(villages: c.villages, needed: c.villages.contains(step.village) ? c.needed - 1 : c.needed)
            }
            total += step.chance * (try chanceAny(step.target, Self.moving(after, step.moved), budget: &budget))
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
