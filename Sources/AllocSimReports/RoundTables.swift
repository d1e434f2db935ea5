import AllocSim

/// The CSV outputs of `allocsim allocate`: `awards.csv` (SPEC §6) and the
/// `lottery.csv` audit trail.
public enum RoundTables {
    public static let awardsHeader = ["id", "type", "village", "chaa", "status", "tier", "lottery", "draws", "reason",
                                      "detail", "fee_paid", "refund"]

    /// One row per explicit application, in scenario order.
    public static func awards(_ p: PreparedScenario, _ r: RoundResult) -> CSVTable {
        var t = CSVTable(header: awardsHeader)
        for (i, a) in p.scenario.applications.explicit.enumerated() {
            let o = r.outcomes[i]
            let chaa = p.territory.chaaNames[p.explicit[i].chaa]
            t.rows.append([
                a.id, a.type.rawValue, a.village, chaa, o.status.rawValue, o.tier?.rawValue ?? "",
                o.lottery ? "true" : "false", CSVList.join((r.awardDraws.isEmpty ? [] : r.awardDraws[i]).map(String.init)), reason(o), detail(p, i, o),
                CSVNumber.money(o.feePaid), CSVNumber.money(o.refund),
            ])
        }
        return t
    }

    /// The reason code: an eligibility failure, or why it lost.
    static func reason(_ o: ApplicationOutcome) -> String {
        o.failure?.reason ?? o.loss?.reason ?? ""
    }

    /// The reason in words, with the §14103(i)(3) review of registered
    /// facilities for applications that stayed in play.
    static func detail(_ p: PreparedScenario, _ i: Int, _ o: ApplicationOutcome) -> String {
        if let f = o.failure { return p.round.detail(of: f) }
        let why = o.loss.map { p.round.detail(of: $0, type: p.explicit[i].type) }
        let review = p.round.reviewNote(at: p.explicit[i].site)
        return [why, review].compactMap { $0 }.joined(separator: "; ")
    }

    /// `allocate --compare`: each application under the baseline and the
    /// reform, side by side, and whether its status, tier or lottery flag
    /// changed; the reform's reason says why.
    public static func changes(_ p: PreparedScenario, _ r: RoundResult, _ q: PreparedScenario, _ s: RoundResult) -> CSVTable {
        var t = CSVTable(header: ["id", "status_baseline", "status_reform", "tier_baseline", "tier_reform",
                                  "lottery_baseline", "lottery_reform", "reason_reform", "detail_reform", "changed"])
        for (i, a) in p.scenario.applications.explicit.enumerated() {
            let o = r.outcomes[i], n = s.outcomes[i]
            let changed = o.status != n.status || o.tier != n.tier || o.lottery != n.lottery
            t.rows.append([a.id, o.status.rawValue, n.status.rawValue, o.tier?.rawValue ?? "", n.tier?.rawValue ?? "",
                           String(o.lottery), String(n.lottery), reason(n), detail(q, i, n), String(changed)])
        }
        return t
    }

    public static let lotteryHeader = ["step", "type", "tier", "subject", "candidates", "n", "index", "chosen",
                                       "stream", "draw"]

    /// One row per draw: the candidates in sorted order (a `CSVList`),
    /// how many, the 0-based index `gsl_rng_uniform_int(r, n)` returned,
    /// the candidate chosen, the stream key with the 64-bit value given to
    /// `gsl_rng_set` for it, and the draw's number on that stream.
    public static func lottery(_ p: PreparedScenario, _ r: RoundResult) -> CSVTable {
        var t = CSVTable(header: lotteryHeader)
        for d in r.draws {
            let names = d.candidates.map { name(of: $0, d.subject, p) }
            t.rows.append([
                String(d.step), d.type.rawValue, d.tier.rawValue, d.subject.rawValue,
                CSVList.join(names), String(names.count), String(d.drawn), names[d.drawn],
                "\(d.stream) gsl_rng_set=0x" + hex16(d.stream.generatorSeed), String(d.drawNumber),
            ])
        }
        return t
    }

    static func hex16(_ v: UInt64) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }

    static func name(of i: Int, _ s: DrawSubject, _ p: PreparedScenario) -> String {
        switch s {
        case .application: return p.scenario.applications.explicit[i].id
        case .village: return p.territory.villageNames[i]
        case .chaa: return p.territory.chaaNames[i]
        }
    }
}
