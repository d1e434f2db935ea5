import Foundation
import Testing

/// End-to-end: runs the built `allocsim` binary as a user would.
struct Run {
    var status: Int32
    /// True when a signal ended the process (a trap, a kill).
    var signalled = false
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `allocsim` binary next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("allocsim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        for config in ["debug", "release"] {
            let candidate = root.appendingPathComponent(".build/\(config)/allocsim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/allocsim")
    }

    static func run(_ args: [String]) throws -> Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                   stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryFolder() -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("allocsim-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    static func read(_ u: URL) -> String { (try? String(contentsOf: u, encoding: .utf8)) ?? "" }
}

@Suite struct AllocateCommandTests {
    @Test("allocate writes awards.csv with the columns of SPEC §6, matching the teaching scenario's hand computation")
    func teachingRound() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("round")
        let r = try CLI.run(["allocate", "Scenarios/teaching.yaml", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = CLI.read(out.appendingPathComponent("awards.csv")).split(whereSeparator: \.isNewline).map(String.init)
        #expect(csv.first == "id,type,village,chaa,status,tier,lottery,draws,reason,detail,fee_paid,refund")
        func row(_ id: String) -> [String] {
            (csv.first { $0.hasPrefix(id + ",") } ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(row("T3")[4] == "withdrawn" && row("T3")[8] == "applicant-limit")
        #expect(row("T6")[4] == "incomplete")
        #expect(row("T7")[8] == "school-buffer" && row("T7")[9] == "1000.0 ft from Lincoln Elementary (limit 1000 ft)")
        #expect(row("T8")[8] == "bus-stop-buffer")
        #expect(row("T9")[4] == "awarded" && row("T9")[5] == "all" && row("T9")[7] == "")
        // Exactly one of T1/T2 and one of T4/T5, each by lottery in tier
        // village, with the audit step of the draw that decided it.
        let winners = ["T1", "T2", "T4", "T5"].filter { row($0)[4] == "awarded" }
        #expect(winners.count == 2)
        #expect(winners.allSatisfy { row($0)[5] == "village" && row($0)[6] == "true" && ["1", "2"].contains(row($0)[7]) })
        let losers = ["T1", "T2", "T4", "T5"].filter { row($0)[4] == "not-awarded" }
        // The detail holds commas, so it is quoted: read the line whole.
        let loserLines = losers.map { id in csv.first { $0.hasPrefix(id + ",") } ?? "" }
        #expect(loserLines.count == 2)
        #expect(loserLines.allSatisfy { $0.contains(",lottery-lost,\"lost the draw at step ") && $0.hasSuffix(",35000.00,1000.00") })
        let lottery = CLI.read(out.appendingPathComponent("lottery.csv"))
        #expect(lottery.hasPrefix("step,type,tier,subject,candidates,n,index,chosen,stream,draw\r\n"))
        #expect(lottery.contains("T1;T2") && lottery.contains("T4;T5"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
    }

    @Test("the same seed gives byte-identical awards.csv and lottery.csv")
    func reproducible() throws {
        let base = CLI.temporaryFolder()
        for name in ["a", "b"] {
            _ = try CLI.run(["allocate", "Scenarios/guam-round.yaml", "--seed", "11", "--out", base.appendingPathComponent(name).path])
        }
        for file in ["awards.csv", "lottery.csv"] {
            let a = CLI.read(base.appendingPathComponent("a/\(file)")), b = CLI.read(base.appendingPathComponent("b/\(file)"))
            #expect(!a.isEmpty && a == b)
        }
    }

    @Test("allocate on the Guam round scenario writes the CSVs")
    func guamRound() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("guam")
        let r = try CLI.run(["allocate", "Scenarios/guam-round.yaml", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let awards = CLI.read(out.appendingPathComponent("awards.csv"))
        #expect(awards.split(whereSeparator: \.isNewline).count == 41)
        #expect(awards.contains(",school-buffer,"))
        // 3 dispensary + 10 cultivation certificates, more applicants than either.
        #expect(awards.components(separatedBy: ",awarded,").count - 1 == 13)
    }

    @Test("bad input exits 2 naming file, line and field, and writes no output folder")
    func badInputNoOutput() throws {
        let dir = CLI.temporaryFolder()
        let bad = dir.appendingPathComponent("bad.yaml")
        let text = CLI.read(CLI.root.appendingPathComponent("Scenarios/teaching.yaml"))
            .replacingOccurrences(of: "village: Cedar, site: [20000, 5000]", with: "village: Ceder, site: [20000, 5000]")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["allocate", bad.path, "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml:"))
        #expect(r.stderr.contains("applications.explicit[3].village: unknown village 'Ceder' (did you mean 'Cedar'?)"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test("a failed run does not clobber an earlier output folder")
    func keepsEarlierOutput() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("keep")
        _ = try CLI.run(["allocate", "Scenarios/teaching.yaml", "--out", out.path])
        let before = CLI.read(out.appendingPathComponent("awards.csv"))
        let r = try CLI.run(["allocate", "/nonexistent.yaml", "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent.yaml: the scenario file does not exist"))
        #expect(CLI.read(out.appendingPathComponent("awards.csv")) == before)
    }

    @Test("usage errors exit 2; --help exits 0 with examples")
    func usage() throws {
        #expect(try CLI.run(["allocate"]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
        let help = try CLI.run(["allocate", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Example"))
    }

    @Test("validate checks every bundled scenario")
    func validateBundled() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.map { "Scenarios/" + $0 }
        #expect(files.count >= 3)
        let r = try CLI.run(["validate"] + files + ["Benchmarks/arizona-scale.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
    }
}

@Suite struct FeesCommandTests {
    @Test("allocsim fees --json: F.3.b mixed caregiver")
    func json() throws {
        let r = try CLI.run(["fees", "--role", "caregiver", "--full", "1", "--reduced", "2", "--sets", "24", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout == "{\"limit\":24,\"paid_sets\":1,\"waived_sets\":23,\"fee\":25,\"forgone\":575}\n")
    }

    @Test("allocsim fees: readable answer with the rule, custom fee per set")
    func text() throws {
        let r = try CLI.run(["fees", "--role", "patient", "--full", "1", "--reduced", "0", "--sets", "12", "--fee-per-set", "50"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("fee:         $600.00"))
        #expect(r.stdout.contains("RI §1.12 F.1"))
    }

    @Test("impossible requests exit 2 and cite the rule")
    func impossible() throws {
        let cases: [([String], String)] = [
            (["--role", "caregiver", "--full", "0", "--reduced", "0", "--sets", "1"], "1 to 5 patients"),
            (["--role", "caregiver", "--full", "6", "--reduced", "0", "--sets", "12"], "1 to 5 patients"),
            (["--role", "caregiver", "--full", "3", "--reduced", "0", "--sets", "2"], "D.4"),
            (["--role", "caregiver", "--full", "1", "--reduced", "0", "--sets", "13"], "E.3"),
            (["--role", "patient", "--full", "1", "--reduced", "0", "--sets=-1"], "--sets: expected a whole number from 0 to 1000, found -1"),
            (["--role", "patient", "--full", "1", "--reduced", "1", "--sets", "2"], "exactly one registration"),
            (["--role", "grower", "--full", "1", "--reduced", "0", "--sets", "2"], "patient or caregiver"),
        ]
        for (args, needle) in cases {
            let r = try CLI.run(["fees"] + args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
        }
    }
}

@Suite struct FeesAfterLossTests {
    @Test("RI §1.12 F.3.c: fees --after-loss gives the balance with the limit of the full patients left")
    func afterLoss() throws {
        // 1 full + 1 reduced, 24 sets: 12 paid ($300); after the loss the
        // limit is 12, all paid: nothing due, 12 sets to remove.
        let one = try CLI.run(["fees", "--role", "caregiver", "--full", "1", "--reduced", "1", "--sets", "24",
                               "--after-loss", "--json"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("\"case\":\"F.3.c(2)\",\"paid\":300,\"limit\":12,\"sets_kept\":12,\"sets_to_remove\":12,\"balance\":0"),
                "\(one.stdout)")
        let none = try CLI.run(["fees", "--role", "caregiver", "--full", "0", "--reduced", "2", "--sets", "20", "--after-loss"])
        #expect(none.status == 0 && none.stdout.contains("F.3.c(3)"), "\(none.stdout)\(none.stderr)")
        let bad = try CLI.run(["fees", "--role", "caregiver", "--full", "2", "--reduced", "0", "--sets", "20", "--after-loss"])
        #expect(bad.status == 2 && bad.stderr.contains("F.3.c applies"), "\(bad.stderr)")
    }
}
