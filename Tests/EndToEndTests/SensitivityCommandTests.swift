import Foundation
import Testing

/// `allocsim sweep --sobol / --morris` as a researcher runs it (issue 15).
@Suite struct SensitivityCommandTests {
    let params = ["--param", "certificates.dispensary=1:3", "--param", "policy.schoolBufferFeet=500.0:1500.0",
                  "--param", "policy.villageOrder=chaa-patients,lottery,village-patients"]

    func sweep(_ design: [String], _ extra: [String], out: URL) throws -> Run {
        try CLI.run(["sweep", "Scenarios/teaching.yaml"] + design + params + ["--replicates", "60", "--quiet", "--out", out.path] + extra)
    }

    @Test("--sobol: N·(d+2) cells of whole numbers and levels, design.csv, sensitivity.csv with S1 and ST per metric and parameter")
    func sobol() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("sobol")
        let r = try sweep(["--sobol", "8"], [], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let cells = CSVRows(CLI.read(out.appendingPathComponent("cells.csv")))
        #expect(cells.rows.count == 8 * 5)
        // Integer ranges are rounded on the design: whole numbers only.
        #expect(cells.rows.allSatisfy { ["1", "2", "3"].contains($0[1]) && ["chaa-patients", "lottery", "village-patients"].contains($0[3]) })
        let design = CSVRows(CLI.read(out.appendingPathComponent("design.csv")))
        #expect(design.header == ["cell", "method", "sample", "block", "parameter", "step"])
        #expect(design.rows.prefix(5).map { $0[3] } == ["A", "AB", "AB", "AB", "B"])
        let s = CSVRows(CLI.read(out.appendingPathComponent("sensitivity.csv")))
        #expect(s.header == ["metric", "parameter", "index", "estimate", "ci_low", "ci_high"])
        let awards = s.rows.filter { $0[0] == "awards.dispensary" }
        #expect(Set(awards.map { $0[1] }) == ["certificates.dispensary", "policy.schoolBufferFeet", "policy.villageOrder"])
        #expect(Set(awards.map { $0[2] }) == ["S1", "ST"])
        // The certificate count drives dispensary awards more than the village order does.
        func st(_ p: String) -> Double { Double(awards.first { $0[1] == p && $0[2] == "ST" }![3])! }
        #expect(st("certificates.dispensary") > st("policy.villageOrder"))
        #expect(CLI.read(out.appendingPathComponent("report.html")).contains("Which parameters matter"))
    }

    @Test("sensitivity.csv is the same for any thread count and shard split")
    func shardsAndThreads() throws {
        let base = CLI.temporaryFolder()
        let one = base.appendingPathComponent("one")
        #expect(try sweep(["--morris", "4"], ["--threads", "1"], out: one).status == 0)
        let two = base.appendingPathComponent("two")
        #expect(try sweep(["--morris", "4"], ["--threads", "2"], out: two).status == 0)
        var dirs: [String] = []
        for i in 1...3 {
            let d = base.appendingPathComponent("s\(i)")
            #expect(try sweep(["--morris", "4"], ["--shard", "\(i)/3"], out: d).status == 0)
            #expect(!FileManager.default.fileExists(atPath: d.appendingPathComponent("sensitivity.csv").path))
            dirs.append(d.path)
        }
        let merged = base.appendingPathComponent("merged")
        let m = try CLI.run(["merge"] + dirs + ["--out", merged.path])
        #expect(m.status == 0, "\(m.stderr)")
        let text = CLI.read(one.appendingPathComponent("sensitivity.csv"))
        #expect(text.contains(",mu_star,") && text.contains(",sigma,"))
        #expect(CLI.read(two.appendingPathComponent("sensitivity.csv")) == text)
        #expect(CLI.read(merged.appendingPathComponent("sensitivity.csv")) == text)
        #expect(CLI.read(merged.appendingPathComponent("design.csv")) == CLI.read(one.appendingPathComponent("design.csv")))
    }

    @Test("bad designs are exit 2 with what was expected")
    func badDesigns() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("bad")
        let both = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--sobol", "8", "--lhs", "4"] + params + ["--out", out.path])
        #expect(both.status == 2 && both.stderr.contains("give one of --cells, --lhs, --sobol and --morris"))
        let one = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--sobol", "8", "--param", "policy.scoring=lexicographic", "--out", out.path])
        #expect(one.status == 2 && one.stderr.contains("expected a range LO:HI or two or more distinct levels"))
        let odd = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--morris", "4", "--morris-levels", "3"] + params + ["--out", out.path])
        #expect(odd.status == 2 && odd.stderr.contains("--morris-levels: expected an even number"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

/// A CSV read naively (no quoted commas in these files).
struct CSVRows {
    var header: [String]
    var rows: [[String]]
    init(_ text: String) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        header = lines.first ?? []
        rows = Array(lines.dropFirst())
    }
}
