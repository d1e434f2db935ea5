import Foundation
import Testing
@testable import AllocSim
@testable import AllocSimReports

@Suite struct CSVAndHTMLTests {
    @Test("SPEC §6: RFC 4180 quoting of commas, quotes and line breaks, and a round trip")
    func csvQuoting() {
        let t = CSVTable(header: ["id", "detail"], rows: [["A,1", "say \"hi\""], ["B", "two\nlines"]])
        #expect(t.text == "id,detail\r\n\"A,1\",\"say \"\"hi\"\"\"\r\nB,\"two\nlines\"\r\n")
        #expect(CSVTable.parse(t.text) == t)
    }

    @Test("SPEC §6: numbers print the same everywhere — fixed decimals, no locale, no -0")
    func fixedFormat() {
        #expect(FixedFormat.decimal(812.449, digits: 1) == "812.4")
        #expect(FixedFormat.decimal(0.5, digits: 0) == "1")
        #expect(FixedFormat.decimal(-0.0000001, digits: 6) == "0.000000")
        #expect(FixedFormat.decimal(-2.5, digits: 2) == "-2.50")
        #expect(FixedFormat.compact(1000) == "1000")
        #expect(FixedFormat.compact(12.5) == "12.5")
        #expect(CSVNumber.money(35000) == "35000.00")
        #expect(FixedFormat.dollars(1_377_921.65) == "$1,377,922")
        #expect(FixedFormat.dollars(999) == "$999")
        #expect(FixedFormat.dollars(-1000) == "-$1,000")
    }

    @Test("SPEC §6: every scenario-supplied string is escaped in HTML")
    func escaping() throws {
        #expect(HTML.escape("<script>alert('x')</script> & \"q\"") ==
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        let s = try ScenarioLoader.parse(yaml: """
        name: "<script>alert(1)</script> & Co"
        certificates: { dispensary: 1 }
        geography:
          units: feet
          chaas: [{ name: "North <b>", villages: [{ name: "A&B \\"Village\\"", patients: 3 }] }]
        applications:
          explicit:
            - { id: "<img src=x>", type: dispensary, village: "A&B \\"Village\\"", site: [0, 0], individuals: [p] }
        """, file: "x.yaml")
        let p = PreparedScenario(s)
        let html = RoundReport(prepared: p, result: p.allocateExplicit(seed: 1), seed: 1, scenarioPath: "x.yaml").html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("North <b>") && html.contains("North &lt;b&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("A&amp;B &quot;Village&quot;"))
        // Self-contained: no scripts or external resources.
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }
}

@Suite struct ReportSummaryTests {
    @Test("the round report opens with sentences worked out from the teaching scenario's outcome")
    func teachingSummary() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/teaching.yaml")
        let p = PreparedScenario(try ScenarioLoader.load(path: url.path))
        let report = RoundReport(prepared: p, result: p.allocateExplicit(seed: 42), seed: 42, scenarioPath: "teaching.yaml")
        // Dispensaries: Alder and Cedar (tier (b)(1)), each by a draw between
        // two applications whose loser ended without an award.
        #expect(report.summary[0] == "2 of 2 dispensary certificates went to Alder and Cedar; 2 of them were decided by lottery.")
        // Cultivation: T9 alone, in Cedar; North has no cultivation site.
        #expect(report.summary[1] == "1 of 1 cultivation certificates went to Cedar; no lottery decided one.")
        #expect(report.summary[2] == "North CHAA has no cultivation, existing or awarded.")
        // T7 (school) and T8 (bus stop).
        #expect(report.summary[3] == "2 applications were within the buffer of a school or school bus stop (1000 ft, 250 ft).")
        // Nine applications at $35,000; two not awarded get $1,000 back.
        #expect(report.summary[4] == "Applications paid $315,000 in fees; $2,000 is refunded to those not awarded, leaving $313,000.")
        #expect(report.html.contains("<div class=summary><p>2 of 2 dispensary"))
    }
}

@Suite struct BatchSummaryTests {
    @Test("the batch report opens with sentences from the numbers: teaching, 2,000 replicates")
    func teachingBatchSummary() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/teaching.yaml")
        let runner = BatchRunner(PreparedScenario(try ScenarioLoader.load(path: url.path)))
        let acc = runner.run(seed: 42, range: 0..<2000, threads: 2)
        let s = BatchReport(tables: BatchTables(runner: runner, accumulator: acc), seed: 42, scenarioPath: "t").summary
        // Fixed applications: both dispensary certificates go to Alder and
        // Cedar in every replicate, each by a decisive draw; T9 alone takes
        // the cultivation certificate; T7 and T8 are within buffers.
        #expect(s.contains("On average 2.00 of 2 dispensary certificates are awarded, 2.00 of them decided by lottery."))
        #expect(s.contains("North CHAA gets a cultivation in 0% of replicates, the least of any CHAA."))
        #expect(s.contains("2.00 applications per round fall within a school or school bus stop buffer."))
        #expect(s.contains("Applications pay $315,000 per round on average and $2,000 is refunded; net application fees average $313,000 per round."))
        // Birch never gets a dispensary (it has one already) nor anyone a cultivation site but Cedar.
        #expect(s.contains("1 village gets a dispensary in fewer than 5% of replicates: Birch."))
        // Tables in people's words and money as money, not `fees.net 313000.000000`.
        let html = BatchReport(tables: BatchTables(runner: runner, accumulator: acc), seed: 42, scenarioPath: "t").html
        #expect(html.contains("Net application fees <span class=muted><code>fees.net</code></span></td><td class=n>$313,000</td>"))
        #expect(!html.contains("313000.000000"))
    }
}

@Suite struct RoundPageTests {
    func teaching() throws -> RoundReport {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/teaching.yaml")
        let p = PreparedScenario(try ScenarioLoader.load(path: url.path))
        return RoundReport(prepared: p, result: p.allocateExplicit(seed: 42), seed: 42, scenarioPath: "teaching.yaml")
    }

    @Test("the round page highlights awarded rows, totals the fees and explains each draw in a sentence")
    func roundPage() throws {
        let r = try teaching()
        let html = r.html
        #expect(html.components(separatedBy: "<tr class=awarded>").count - 1 == 3)   // two dispensaries, one cultivation
        #expect(html.contains("Total: 9 applications, 3 awarded; net fees $313,000"))
        // Two draws, each between the two applications of a village.
        #expect(r.drawSentences.count == 2)
        #expect(r.drawSentences.allSatisfy { $0.contains("a draw among 2 dispensary applications (village tier)") })
        #expect(r.drawSentences[0].hasPrefix("Step 1: ") && r.drawSentences[0].contains("T1, T2"))
    }

    @Test("metrics read in people's words, money as money, the machine name kept in small print")
    func metricLabels() {
        #expect(MetricLabel.label("awards.dispensary") == "Dispensary awards")
        #expect(MetricLabel.label("chaas.unserved.cultivation") == "CHAAs without cultivation sites")
        #expect(MetricLabel.label("fees.net") == "Net application fees")
        #expect(MetricLabel.format(1_377_558, "fees.net") == "$1,377,558")
        #expect(MetricLabel.format(2341.2775, "patients.served.dispensary") == "2,341")
        #expect(MetricLabel.html("fees.net").contains("<code>fees.net</code>"))
    }
}

@Suite struct PrintFooterTests {
    @Test("printed pages carry the scenario's name in the footer, escaped so it cannot end the style element")
    func footer() {
        let page = HTML.page(title: "Guam \"2017\" </style><script>x</script>", body: "")
        #expect(page.contains("@bottom-left{content:\"Guam \\22 2017\\22  \\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \"}"))
        #expect(!page.contains("</style><script>"))
    }
}

@Suite struct PrintRulesTests {
    @Test("printed, no heading is left at the bottom of a page and no figure, table or card is split")
    func printRules() {
        let page = HTML.page(title: "t", body: "")
        #expect(page.contains("h1,h2,h3{break-after:avoid}"))
        #expect(page.contains("table,svg,.card,.summary{break-inside:avoid}"))
        #expect(page.contains("@bottom-right{content:\"page \" counter(page)}"))
    }
}
