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
