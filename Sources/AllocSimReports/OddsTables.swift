import AllocSim

/// `odds.csv` and `odds-places.csv` (`allocsim allocate --odds`): each
/// application's chance of an award, of a lottery deciding it and of each
/// tier; each village's and CHAA's chance of at least one award.
public enum OddsTables {
    /// Decimals of an exact chance: enough to tell 1/3 from 333/1000.
    static let digits = 9

    static func decimal(_ c: RoundOdds.Chance) -> String {
        switch c {
        case .exact(let f): return f.decimal(digits: digits)
        case .estimate(let w): return CSVNumber.stat(w.estimate)
        }
    }

    static func fraction(_ c: RoundOdds.Chance) -> String {
        if case .exact(let f) = c { return f.description }
        return ""
    }

    static func interval(_ c: RoundOdds.Chance) -> [String] {
        if case .estimate(let w) = c { return [CSVNumber.stat(w.low), CSVNumber.stat(w.high)] }
        return ["", ""]
    }

    /// A chance in words: `3/7 (0.428571429)`, or `0.4286 (95% CI 0.4255–0.4317, Monte Carlo)`.
    public static func words(_ c: RoundOdds.Chance) -> String {
        switch c {
        case .exact(let f):
            return f.denominator == 1 ? f.description : "\(f) (\(f.decimal(digits: 4)))"
        case .estimate(let w):
            return "\(FixedFormat.decimal(w.estimate, digits: 4)) (95% CI \(FixedFormat.decimal(w.low, digits: 4))–"
                + "\(FixedFormat.decimal(w.high, digits: 4)), Monte Carlo)"
        }
    }

    public static func applications(_ p: PreparedScenario, _ odds: RoundOdds) -> CSVTable {
        var t = CSVTable(header: ["id", "p_award", "p_award_fraction", "p_lottery", "p_tier_village", "p_tier_chaa",
                                  "p_tier_ranked", "p_tier_all", "p_lottery_fraction", "p_lottery_lost", "p_lottery_lost_fraction",
                                  "method", "ci_low", "ci_high"])
        for (i, a) in p.scenario.applications.explicit.enumerated() {
            let o = odds.applications[i]
            let tier = { (x: AllocationTier) in decimal(o.tiers[x.position]) }
            t.rows.append([a.id, decimal(o.award), fraction(o.award), decimal(o.lottery), tier(.village), tier(.chaa),
                           tier(.ranked), tier(.all), fraction(o.lottery), decimal(o.lotteryLost), fraction(o.lotteryLost),
                           odds.method.rawValue] + interval(o.award))
        }
        return t
    }

    public static func places(_ p: PreparedScenario, _ odds: RoundOdds) -> CSVTable {
        let t = p.territory
        var table = CSVTable(header: ["type", "level", "place", "p_at_least_one", "p_at_least_one_fraction", "method",
                                      "ci_low", "ci_high"])
        for place in odds.places {
            table.rows.append([place.type.rawValue, place.isCHAA ? "chaa" : "village",
                               place.isCHAA ? t.chaaNames[place.index] : t.villageNames[place.index],
                               decimal(place.atLeastOne), fraction(place.atLeastOne), odds.method.rawValue]
                              + interval(place.atLeastOne))
        }
        return table
    }

    /// What the numbers mean, for the report.
    public static func explanation(_ odds: RoundOdds) -> String {
        switch odds.method {
        case .exact:
            return "Each chance is exact: the sum over every way the §14302(b)(4) lotteries can fall, as a fraction "
                + "(\(odds.work) states of the round visited). It does not depend on the seed; the seed only picks one of those ways."
        case .monteCarlo:
            return "Each chance is a Monte Carlo estimate from \(odds.work) runs of this round, with a 95% Wilson interval"
                + (odds.fallback.map { ", because \($0)" } ?? "") + "."
        }
    }
}
