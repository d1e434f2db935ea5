import AllocSim

/// The HTML report of one audited round (`allocsim allocate`).
public struct RoundReport {
    public let prepared: PreparedScenario
    public let result: RoundResult
    public let seed: UInt64
    public let scenarioPath: String
    /// Each application's chance (`--odds`), shown next to its outcome.
    public var odds: RoundOdds?

    public init(prepared: PreparedScenario, result: RoundResult, seed: UInt64, scenarioPath: String, odds: RoundOdds? = nil) {
        self.prepared = prepared
        self.result = result
        self.seed = seed
        self.scenarioPath = scenarioPath
        self.odds = odds
    }

    public var html: String {
        let s = prepared.scenario
        let outcomes = result.outcomes
        let awarded = outcomes.filter { $0.status == .awarded }
        let fees = outcomes.reduce(0) { $0 + $1.feePaid }
        let refunds = outcomes.reduce(0) { $0 + $1.refund }
        var body = "<h1>\(HTML.escape(s.name))</h1>\n"
        body += "<p class=muted>One allocation round under 25 GAR §14302 — scenario \(HTML.escape(scenarioPath)), seed \(seed).</p>\n"
        body += "<div class=summary>" + summary.map { "<p>\(HTML.escape($0))</p>" }.joined() + "</div>\n"
        body += "<div class=cards>"
        body += HTML.card("applications", String(outcomes.count))
        body += HTML.card("awarded", String(awarded.count))
        body += HTML.card("decided by lottery", String(awarded.filter(\.lottery).count))
        body += HTML.card("lottery draws", String(result.draws.count))
        body += HTML.card("fees collected", FixedFormat.dollars(fees))
        body += HTML.card("refunded §14302(c)(2)", FixedFormat.dollars(refunds))
        body += "</div>\n"
        body += PolicyTable.html(s)
        body += "<h2>Applications</h2>\n" + applicationsTable()
        if let odds {
            body += "<h2>Chances of an award</h2>\n<p>\(HTML.escape(OddsTables.explanation(odds)))</p>\n"
            body += "<p class=muted>odds.csv gives each application's chance of an award, of an award decided by lottery "
                + "(its draw passed over a candidate left without an award, SPEC §3), of losing by a draw and of each tier. "
                + "Every village and CHAA with an eligible application:</p>\n"
            body += HTML.table(OddsTables.places(prepared, odds), numericFrom: 3)
        }
        body += "<h2>Certificates by CHAA and village</h2>\n" + HTML.table(byVillage(), numericFrom: 2)
        let sites = s.applications.explicit.enumerated().map { i, a in
            var site = MapSVG.Site(point: a.site, label: "\(a.id) (\(a.type.rawValue), \(outcomes[i].status.rawValue))",
                                   awarded: outcomes[i].status == .awarded, eligible: outcomes[i].failure == nil)
            site.id = a.id
            return site
        }
        let map = MapSVG.svg(s, sites: sites)
        if !map.isEmpty { body += "<h2>Schematic map</h2>\n" + map }
        body += "<h2>Lottery audit trail (§14302(b)(4))</h2>\n"
        body += "<p class=muted>Candidates are sorted by id (villages and CHAAs by name); the index is what "
            + "<code>gsl_rng_uniform_int(r, n)</code> returned on the stream named.</p>\n"
        if !result.draws.isEmpty {
            body += "<ol class=draws>" + drawSentences.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ol>\n"
        }
        body += result.draws.isEmpty ? "<p>No draws were needed.</p>\n" : HTML.table(RoundTables.lottery(prepared, result))
        return HTML.page(title: "\(s.name) — allocation round", body: body)
    }

    /// The round in sentences, from the numbers: who got certificates,
    /// how many draws decided an award, which CHAAs stay unserved, what the
    /// buffers excluded, and the fees.
    public var summary: [String] {
        let s = prepared.scenario, t = prepared.territory
        var out: [String] = []
        func list(_ xs: [String]) -> String {
            xs.count <= 1 ? xs.joined() : xs.dropLast().joined(separator: ", ") + " and " + xs.last!
        }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        for type in CertificateType.allCases {
            guard let k = s.certificates[type] else { continue }
            let won = prepared.explicit.indices.filter { prepared.explicit[$0].type == type && result.outcomes[$0].status == .awarded }
            if k == 0 {
                out.append("No \(type.rawValue) certificates were offered, so no \(type.rawValue) applications were accepted (§14302(a)(2)).")
                continue
            }
            let villages = won.map { t.villageNames[prepared.explicit[$0].village] }
            let byLottery = won.filter { result.outcomes[$0].lottery }.count
            var sentence = "\(won.count) of \(k) \(type.rawValue) certificates went to " + (villages.isEmpty ? "nobody" : list(villages))
            sentence += byLottery == 0 ? "; no lottery decided one." : "; \(byLottery) of them \(byLottery == 1 ? "was" : "were") decided by lottery."
            if won.count < k { sentence += " \(k - won.count) stayed unused: not enough eligible applications." }
            out.append(sentence)
            let served = Set(won.map { prepared.explicit[$0].chaa })
            let unserved = (0..<t.chaaCount).filter { c in
                !served.contains(c) && !(0..<t.villageCount).contains { t.villageCHAA[$0] == c && t.villageFacilities[type.index][$0] > 0 }
            }.map { t.chaaNames[$0] }
            if !unserved.isEmpty {
                out.append("\(list(unserved)) \(unserved.count == 1 ? "CHAA has" : "CHAAs have") no \(type.rawValue), existing or awarded.")
            }
        }
        let school = result.outcomes.filter { $0.failure?.reason == "school-buffer" }.count
        let stop = result.outcomes.filter { $0.failure?.reason == "bus-stop-buffer" }.count
        if school + stop > 0 {
            out.append("\(plural(school + stop, "application")) \(school + stop == 1 ? "was" : "were") within the buffer of a school "
                       + "or school bus stop (\(FixedFormat.compact(s.policy.schoolBufferFeet)) ft, \(FixedFormat.compact(s.policy.busStopBufferFeet)) ft).")
        }
        let fees = result.outcomes.reduce(0) { $0 + $1.feePaid }, refunds = result.outcomes.reduce(0) { $0 + $1.refund }
        out.append("Applications paid \(FixedFormat.dollars(fees)) in fees; \(FixedFormat.dollars(refunds)) is refunded to those not "
                   + "awarded, leaving \(FixedFormat.dollars(fees - refunds)).")
        return out
    }

    /// `awards.csv` as a table, awarded rows highlighted, with totals.
    func applicationsTable() -> String {
        var t = RoundTables.awards(prepared, result)
        if let odds {
            // "awarded — its chance was 3/7", beside the status.
            let at = t.header.firstIndex(of: "status")! + 1
            t.header.insert("chance", at: at)
            for i in t.rows.indices {
                t.rows[i].insert("\(result.outcomes[i].status.rawValue) — its chance was \(OddsTables.words(odds.applications[i].award))", at: at)
            }
        }
        var out = "<table><thead><tr>" + t.header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        let numeric = t.header.firstIndex(of: "fee_paid") ?? Int.max
        for (i, r) in t.rows.enumerated() {
            out += result.outcomes[i].status == .awarded ? "<tr class=awarded>" : "<tr>"
            for (k, c) in r.enumerated() { out += k >= numeric ? "<td class=n>\(HTML.escape(c))</td>" : "<td>\(HTML.escape(c))</td>" }
            out += "</tr>\n"
        }
        let fees = result.outcomes.reduce(0) { $0 + $1.feePaid }, refunds = result.outcomes.reduce(0) { $0 + $1.refund }
        let awarded = result.outcomes.filter { $0.status == .awarded }.count
        out += "<tr class=total><td colspan=\(max(1, numeric))>Total: \(result.outcomes.count) applications, \(awarded) awarded; "
            + "net fees \(HTML.escape(FixedFormat.dollars(fees - refunds)))</td>"
            + "<td class=n>\(HTML.escape(CSVNumber.money(fees)))</td><td class=n>\(HTML.escape(CSVNumber.money(refunds)))</td></tr>\n"
        return out + "</tbody></table>\n"
    }

    /// Each draw of the audit trail in a sentence.
    public var drawSentences: [String] {
        let table = RoundTables.lottery(prepared, result)
        return result.draws.enumerated().map { k, d in
            let row = table.rows[k]
            let candidates = CSVList.split(row[4])
            let what: String
            switch d.subject {
            case .village: what = "the \(candidates.count) villages tied for the next \(d.type.rawValue) in tier (b)(1)"
            case .chaa: what = "the \(candidates.count) CHAAs tied with the most patients in tier (b)(2)"
            case .application: what = "\(candidates.count) \(d.type.rawValue) applications (\(d.tier.rawValue) tier)"
            }
            return "Step \(d.step): a draw among \(what), \(candidates.joined(separator: ", ")); \(row[7]) was drawn."
        }
    }

    func byVillage() -> CSVTable {
        let t = prepared.territory
        var table = CSVTable(header: ["chaa", "village", "patients"] + CertificateType.allCases.flatMap {
            ["\($0.rawValue) existing", "\($0.rawValue) awarded"]
        })
        for v in 0..<t.villageCount {
            var row = [t.chaaNames[t.villageCHAA[v]], t.villageNames[v], String(result.villagePatients[v])]
            for type in CertificateType.allCases {
                let n = prepared.explicit.indices.filter {
                    prepared.explicit[$0].village == v && prepared.explicit[$0].type == type
                        && result.outcomes[$0].status == .awarded
                }.count
                row += [String(t.villageFacilities[type.index][v]), String(n)]
            }
            table.rows.append(row)
        }
        return table
    }
}

/// The scenario's settings with the rule section each reads, and the
/// "Readings" table: every reading of the rule text with the value that
/// ran, its section and what the alternative would mean.
public enum PolicyTable {
    public static func html(_ s: Scenario) -> String {
        let p = s.policy
        var t = CSVTable(header: ["setting", "value", "rule"])
        let certs = CertificateType.allCases.compactMap { c in s.certificates[c].map { "\(c.rawValue) \($0)" } }
        t.rows = [
            ["certificates", certs.joined(separator: ", "), "§14302(a); 0: not accepting applications, §14302(a)(2)"],
            ["schoolBufferFeet", FixedFormat.compact(p.schoolBufferFeet), "§14103(i)(2), §14321(a), §14322(a)(1)"],
            ["busStopBufferFeet", FixedFormat.compact(p.busStopBufferFeet), "§14322(a)(1)"],
            ["facilityBufferFeet", FixedFormat.compact(p.facilityBufferFeet), "§14103(i)(3)"],
            ["applicantLimits", "perChaa \(p.applicantLimits.perChaa), total \(p.applicantLimits.total)",
             "§14303(g)(1), (g)(2)"],
            ["certificateApplication", "$" + FixedFormat.compact(s.fees.certificateApplication, maxDigits: 2),
             "§14102(a)(1)(A), (a)(2)(A)"],
            ["refundNotAwarded", "$" + FixedFormat.compact(s.fees.refundNotAwarded, maxDigits: 2), "§14302(c)(2)"],
            ["applications.date", s.applications.date?.description ?? "(none: every school and stop counts)",
             "§14321(a), §14322(a)(1): schools and stops that existed before it"],
            ["applications.window", s.applications.window.map { "\($0.opens) to \($0.closes)" } ?? "(none)",
             "§14302(a)(1)(B), §14101(ttt)"],
        ]
        var r = CSVTable(header: ["reading", "value that ran", "section", "what it means", "the alternative"])
        r.rows = (p.readings + s.fees.readings).map { [$0.option, $0.value, $0.section, $0.meaning, $0.alternative] }
        return "<h2>Scenario and policy</h2>\n" + HTML.table(t)
            + "<h2>Readings</h2>\n<p>Where the rule text is open, the reading that ran; each is a policy option.</p>\n"
            + HTML.table(r)
    }
}
