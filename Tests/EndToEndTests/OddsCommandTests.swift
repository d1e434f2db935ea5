import Foundation
import Testing

/// `allocsim allocate --odds` as a user runs it (issue 16).
@Suite struct OddsCommandTests {
    func rows(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[cells[0]] = cells
        }
        return out
    }

    @Test("§14302(b)(4): --odds exact on the teaching round gives T1/T2 and T4/T5 1/2 each, and the report shows each chance")
    func teaching() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("odds")
        let r = try CLI.run(["allocate", "Scenarios/teaching.yaml", "--odds", "exact", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = CLI.read(out.appendingPathComponent("odds.csv"))
        #expect(text.hasPrefix("id,p_award,p_award_fraction,p_lottery,p_tier_village,p_tier_chaa,p_tier_ranked,"))
        let odds = rows(text)
        for id in ["T1", "T2", "T4", "T5"] {
            #expect(odds[id]?[1] == "0.500000000" && odds[id]?[2] == "1/2", "\(id): \(odds[id] ?? [])")
            #expect(odds[id]?[3] == "0.500000000" && odds[id]?[11] == "exact")
        }
        // T9 is alone in its type: awarded in tier all, for certain, no lottery.
        #expect(odds["T9"]?[2] == "1" && odds["T9"]?[7] == "1.000000000" && odds["T9"]?[3] == "0.000000000")
        // Screened out: no chance.
        #expect(odds["T7"]?[2] == "0")
        let report = CLI.read(out.appendingPathComponent("report.html"))
        #expect(report.contains("awarded — its chance was 1/2 (0.5000)") || report.contains("not-awarded — its chance was 1/2 (0.5000)"))
        #expect(report.contains("Chances of an award"))
        #expect(CLI.read(out.appendingPathComponent("odds-places.csv")).hasPrefix("type,level,place,p_at_least_one,"))
    }

    @Test("--odds exact over its state budget exits 2 with the count reached and a hint, and writes nothing")
    func budget() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("odds")
        let r = try CLI.run(["allocate", "Scenarios/guam-round.yaml", "--odds", "exact", "--odds-limit", "10", "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("guam-round.yaml: --odds exact: the exact computation needed more than 10 states (--odds-limit); stopped after 11"),
                "\(r.stderr)")
        #expect(r.stderr.contains("--odds auto"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let bad = try CLI.run(["allocate", "Scenarios/guam-round.yaml", "--odds", "exact", "--odds-limit", "0", "--out", out.path])
        #expect(bad.status == 2 && bad.stderr.contains("--odds-limit: expected a whole number from 1 to"))
    }

    @Test("--odds auto falls back to a Monte Carlo estimate, labelled, with Wilson intervals that hold the exact chance")
    func auto() throws {
        let dir = CLI.temporaryFolder()
        let exact = try CLI.run(["allocate", "Scenarios/guam-round.yaml", "--odds", "exact", "--out", dir.appendingPathComponent("e").path])
        #expect(exact.status == 0, "\(exact.stderr)")
        let out = dir.appendingPathComponent("a")
        let r = try CLI.run(["allocate", "Scenarios/guam-round.yaml", "--odds", "auto", "--odds-limit", "10",
                             "--odds-replicates", "4000", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("estimating from 4000 runs of the round instead"))
        let sampled = rows(CLI.read(out.appendingPathComponent("odds.csv")))
        let truth = rows(CLI.read(dir.appendingPathComponent("e/odds.csv")))
        var inside = 0
        for (id, row) in sampled {
            #expect(row[11] == "monte-carlo" && row[2] == "")
            let p = Double(truth[id]![1])!, low = Double(row[12])!, high = Double(row[13])!
            if low <= p && p <= high { inside += 1 }
        }
        // 95% intervals: nearly all 40 hold the exact value.
        #expect(inside >= 36, "\(inside) of \(sampled.count)")
        #expect(CLI.read(out.appendingPathComponent("report.html")).contains("Monte Carlo estimate from 4000 runs"))
    }

    @Test("--odds with --compare gives the reform its own odds: a fourth dispensary certificate raises no chance below the baseline's")
    func compare() throws {
        let dir = CLI.temporaryFolder()
        let reform = dir.appendingPathComponent("reform.yaml")
        let text = CLI.read(CLI.root.appendingPathComponent("Scenarios/guam-round.yaml"))
            .replacingOccurrences(of: "certificates: { dispensary: 3, cultivation: 10 }", with: "certificates: { dispensary: 4, cultivation: 10 }")
        try text.write(to: reform, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["allocate", "Scenarios/guam-round.yaml", "--compare", reform.path, "--odds", "exact", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let base = rows(CLI.read(out.appendingPathComponent("odds.csv")))
        let more = rows(CLI.read(out.appendingPathComponent("reform-odds.csv")))
        #expect(base.count == 40 && more.count == 40)
        // Tier (b)(1) gives the fourth certificate to the next village; no
        // dispensary application's chance falls, and some rise.
        #expect(base.keys.allSatisfy { Double(more[$0]![1])! >= Double(base[$0]![1])! })
        #expect(base.keys.contains { Double(more[$0]![1])! > Double(base[$0]![1])! })
    }
}
