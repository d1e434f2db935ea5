import Foundation
import Testing

/// `allocsim program` (issue 14).
@Suite struct ProgramCommandTests {
    @Test("program: timeline.csv the same bytes for 1 and 2 threads, events.csv in date order with rules, a report; a scenario without program: and bad options are exit 2")
    func program() throws {
        let base = CLI.temporaryFolder()
        var timelines: [String] = []
        for threads in ["1", "2"] {
            let out = base.appendingPathComponent("p" + threads)
            let r = try CLI.run(["program", "Scenarios/vermont-caregivers.yaml", "--years", "2", "--replicates", "40",
                                 "--threads", threads, "--trace", "--quiet", "--out", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            timelines.append(CLI.read(out.appendingPathComponent("timeline.csv")))
        }
        #expect(timelines[0] == timelines[1])
        let rows = timelines[0].split(separator: "\r\n")
        #expect(rows[0] == "date,metric,mean,p05,p50,p95,n")
        #expect(rows.contains { $0.hasPrefix("2027-12,caregivers.expired,") })
        let events = CLI.read(base.appendingPathComponent("p1/events.csv")).split(separator: "\r\n").dropFirst()
        let dates = events.map { String($0.prefix(10)) }
        #expect(dates == dates.sorted())
        #expect(events.contains { $0.contains(",caregiver expired,VT 3.7(b),") })
        let html = CLI.read(base.appendingPathComponent("p1/report.html"))
        #expect(html.contains("Caregivers expired (VT 3.7(b))") && html.contains("Rules in force"))
        #expect(!html.contains("<h2>Readings</h2>"), "no rounds, no engine readings")

        // With rounds, the report shows the engine's readings that ran, as a round's report does.
        let guam = try CLI.run(["program", "Scenarios/guam-program.yaml", "--years", "1", "--replicates", "4", "--quiet",
                                "--out", base.appendingPathComponent("g").path])
        #expect(guam.status == 0, "\(guam.stderr)")
        let g = CLI.read(base.appendingPathComponent("g/report.html"))
        #expect(g.contains("<h2>Readings</h2>") && g.contains("villageOrder"), "the engine's readings")
        let none = try CLI.run(["program", "Scenarios/guam.yaml", "--out", base.appendingPathComponent("none").path])
        #expect(none.status == 2 && none.stderr.contains("expected a program section"), "\(none.stderr)")
        let years = try CLI.run(["program", "Scenarios/guam-program.yaml", "--years", "0", "--out", base.appendingPathComponent("y").path])
        #expect(years.status == 2 && years.stderr.contains("--years"))
        // 50 years of 100,000 arrivals a year would be too many patients to simulate: refused before running.
        let big = base.appendingPathComponent("big.yaml")
        try (CLI.read(CLI.root.appendingPathComponent("Scenarios/vermont-caregivers.yaml"))
            .replacingOccurrences(of: "arrivalsPerYear: 800", with: "arrivalsPerYear: 100000")).write(to: big, atomically: true, encoding: .utf8)
        let long = try CLI.run(["program", big.path, "--years", "50", "--out", base.appendingPathComponent("l").path])
        #expect(long.status == 2 && long.stderr.contains("expected at most 2000000"), "\(long.stderr)")
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("l").path))
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("none").path))
    }
}
