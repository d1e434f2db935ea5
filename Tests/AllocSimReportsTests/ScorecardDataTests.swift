import AllocSimReports
import Foundation
import Testing

/// `Scenarios/data/scorecard.csv` (issue 17), realigned from the scorecard
/// seed by `Scenarios/data/make_scorecard.py`, checked against the table's
/// own arithmetic (`scorecard-totals.csv`, the subtotal, total and grade rows
/// as the seed states them) for every jurisdiction.
@Suite struct ScorecardDataTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/data")

    func table(_ name: String) throws -> CSVTable {
        CSVTable.parse(try String(contentsOf: Self.data.appendingPathComponent(name), encoding: .utf8))
    }

    @Test("every jurisdiction's points add up to each category subtotal, the four 100-point categories to the total, and grades follow totals")
    func arithmetic() throws {
        let rows = try table("scorecard.csv")
        #expect(rows.header == ["category", "issue", "max_points", "jurisdiction", "points", "provision", "citation"])
        let totals = try table("scorecard-totals.csv")
        let jurisdictions = Array(Set(rows.rows.map { $0[3] })).sorted()
        let issues = Set(rows.rows.map { $0[1] })
        #expect(jurisdictions.count == 36 && issues.count == 46)
        #expect(rows.rows.count == 36 * 46)
        // Each category's maximum points: 100, or 25 for consumer safety.
        var maxima: [String: Double] = [:]
        for issue in issues {
            let r = rows.rows.first { $0[1] == issue }!
            maxima[r[0], default: 0] += Double(r[2])!
        }
        #expect(maxima.values.sorted() == [25, 100, 100, 100, 100])
        func stated(_ j: String, _ measure: String) -> String? { totals.rows.first { $0[0] == j && $0[1] == measure }?[2] }
        var total: [String: Double] = [:]
        for j in jurisdictions {
            for (category, most) in maxima {
                let sum = rows.rows.filter { $0[3] == j && $0[0] == category }.reduce(0) { $0 + Double($1[4])! }
                let subtotal = stated(j, "subtotal: \(category) (out of \(Int(most)))").flatMap(Double.init)
                #expect(sum == subtotal, "\(j) \(category): \(sum) vs \(subtotal ?? -1)")
                if most == 100 { total[j, default: 0] += sum }
            }
            #expect(stated(j, "total out of 400").flatMap(Double.init) == total[j], "\(j) total")
        }
        // Points stay within the issue's maximum, but for the one cell the
        // README lists as hand-aligned: Rhode Island's 10 on 7-point Employment Protections.
        let over = rows.rows.filter { Double($0[4])! > Double($0[2])! }.map { "\($0[3]) \($0[1])" }
        #expect(over == ["RI Employment Protections"])
        let order = ["F", "F+", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"]
        let byTotal = jurisdictions.sorted { total[$0]! < total[$1]! }
        for (a, b) in zip(byTotal, byTotal.dropFirst()) where total[a]! < total[b]! {
            #expect(order.firstIndex(of: stated(a, "final grade")!)! <= order.firstIndex(of: stated(b, "final grade")!)!, "\(a) vs \(b)")
        }
    }

    @Test("the Reasonable Fees row reads as the states' own fees: AZ $150/$75 SNAP scores 9, CA's Medi-Cal fee sits with CA, RI 12")
    func reasonableFees() throws {
        let rows = try table("scorecard.csv").rows.filter { $0[1].hasPrefix("Reasonable Fees") }
        func row(_ j: String) -> [String] { rows.first { $0[3] == j }! }
        #expect(row("AZ")[4] == "9" && row("AZ")[5].hasPrefix("$150 / $75"))
        #expect(row("CA")[5].hasPrefix("$66 non Medi-Cal"))
        #expect(row("RI")[4] == "12")
    }
}
