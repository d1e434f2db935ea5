import Foundation
import Testing

/// `allocsim scorecard` (issue 17).
@Suite struct ScorecardCommandTests {
    @Test("scorecard: scorecard.csv with a row per measurable issue, the same bytes for 1 and 2 threads, a report with the dot plots; bad input is exit 2 with nothing written")
    func scorecard() throws {
        let base = CLI.temporaryFolder()
        var csv: [String] = []
        for threads in ["1", "2"] {
            let out = base.appendingPathComponent("s" + threads)
            let r = try CLI.run(["scorecard", "Scenarios/guam.yaml", "--replicates", "700", "--threads", threads, "--quiet", "--out", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Reasonable Fees (Patients & Caregivers): $200 a year"))
            csv.append(CLI.read(out.appendingPathComponent("scorecard.csv")))
            let html = CLI.read(out.appendingPathComponent("report.html"))
            #expect(html.contains("this scenario: 9") && html.contains("<title>AZ: 9</title>"))
            #expect(html.contains("Not scored, as a simulation"))
        }
        #expect(csv[0] == csv[1])
        let rows = csv[0].split(separator: "\r\n").map(String.init)
        #expect(rows[0] == "issue,max_points,figure,measured,points,rubric_line,points_min,points_max,points_mean,"
                + "jurisdictions_above,jurisdictions_same,jurisdictions_below")
        #expect(rows.count == 11)
        // §14102(a)(4), (b): $150 and $75 cards, the same as Arizona's, score what Arizona scored.
        #expect(rows.contains { $0.hasPrefix("Financial Hardship Program (Fee Waivers/Discounted Medicine),10,75,") && $0.contains(",8,") })
        #expect(rows.contains { $0.hasPrefix("Number of Caregivers,5,,not stated") })

        let bad = base.appendingPathComponent("bad.yaml")
        try "name: x\ncertificates: { dispensary: 1 }\ngeography: { units: feet, chaas: [] }\napplications: { explicit: [] }\nfees: { registry: { snapShare: 0.1, cards: { yearsValid: 0 } } }\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let b = try CLI.run(["scorecard", bad.path, "--out", base.appendingPathComponent("bad").path])
        #expect(b.status == 2 && b.stderr.contains("fees.registry.cards.yearsValid"), "\(b.stderr)")
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("bad").path))
    }
}
