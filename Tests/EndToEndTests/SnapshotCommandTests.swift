import Foundation
import Testing

@Suite struct SnapshotCommandTests {
    @Test("every bundled scenario has a committed snapshot, and it matches")
    func bundledSnapshots() throws {
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(scenarios.count >= 3)
        for file in scenarios {
            let name = String(file.dropLast(5))
            let r = try CLI.run(["snapshot", "check", "Scenarios/\(file)", "--dir", "Reports/snapshots/\(name)"])
            #expect(r.status == 0, "\(file): \(r.stdout)\(r.stderr)")
        }
    }

    /// A copy of the teaching snapshot in a temporary folder.
    func teachingCopy() throws -> URL {
        let dir = CLI.temporaryFolder().appendingPathComponent("snap")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Reports/snapshots/teaching"), to: dir)
        return dir
    }

    @Test("a one-certificate change drifts: exit 1 with a table of what moved")
    func oneCertificateDrift() throws {
        let dir = CLI.temporaryFolder()
        let changed = dir.appendingPathComponent("teaching3.yaml")
        try CLI.read(CLI.root.appendingPathComponent("Scenarios/teaching.yaml"))
            .replacingOccurrences(of: "certificates: { dispensary: 2, cultivation: 1 }", with: "certificates: { dispensary: 3, cultivation: 1 }")
            .write(to: changed, atomically: true, encoding: .utf8)
        let r = try CLI.run(["snapshot", "check", changed.path, "--dir", "Reports/snapshots/teaching"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("file") && r.stdout.contains("row") && r.stdout.contains("column") && r.stdout.contains("old"))
        #expect(r.stdout.contains("awards.dispensary"))
        #expect(r.stdout.contains("the scenario file changed"))
    }

    @Test("the tolerance path: a tiny float change passes at 1e-6 and drifts at 1e-12")
    func tolerancePath() throws {
        let dir = try teachingCopy()
        let summary = dir.appendingPathComponent("summary.csv")
        var lines = CLI.read(summary).components(separatedBy: "\r\n")
        let i = try #require(lines.firstIndex { $0.hasPrefix("lottery.draws,") })
        var cells = lines[i].components(separatedBy: ",")
        cells[1] = String(format: "%.9f", try #require(Double(cells[1])) * (1 + 2e-8))
        lines[i] = cells.joined(separator: ",")
        try lines.joined(separator: "\r\n").write(to: summary, atomically: true, encoding: .utf8)
        let loose = try CLI.run(["snapshot", "check", "Scenarios/teaching.yaml", "--dir", dir.path, "--tolerance", "1e-6"])
        #expect(loose.status == 0, "\(loose.stdout)")
        let strict = try CLI.run(["snapshot", "check", "Scenarios/teaching.yaml", "--dir", dir.path, "--tolerance", "1e-12"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("lottery.draws"))
    }

    @Test("a missing snapshot is exit 2 with how to record one")
    func missing() throws {
        let r = try CLI.run(["snapshot", "check", "Scenarios/teaching.yaml", "--dir", CLI.temporaryFolder().path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("allocsim snapshot record Scenarios/teaching.yaml --dir"))
    }

    @Test("record then check round-trips; two identical runs give byte-identical outputs and manifests")
    func recordCheck() throws {
        let base = CLI.temporaryFolder()
        for name in ["a", "b"] {
            let r = try CLI.run(["snapshot", "record", "Scenarios/teaching.yaml", "--replicates", "300",
                                 "--dir", base.appendingPathComponent(name).path])
            #expect(r.status == 0)
        }
        for file in ["awards.csv", "summary.csv", "villages.csv"] {
            #expect(CLI.read(base.appendingPathComponent("a/\(file)")) == CLI.read(base.appendingPathComponent("b/\(file)")))
        }
        let ma = CLI.read(base.appendingPathComponent("a/manifest.json"))
        let mb = CLI.read(base.appendingPathComponent("b/manifest.json"))
        #expect(ma.replacingOccurrences(of: "/a\"", with: "") == mb.replacingOccurrences(of: "/b\"", with: ""))
        #expect(ma.contains("\"scenario_sha256\": \"") && ma.contains("\"seed\": 42") && ma.contains("\"generator\": "))
        let c = try CLI.run(["snapshot", "check", "Scenarios/teaching.yaml", "--dir", base.appendingPathComponent("a").path])
        #expect(c.status == 0)
    }

    @Test("allocate and run write report.html and manifest.json; the reports escape scenario strings")
    func reportsForEachCommand() throws {
        let dir = CLI.temporaryFolder()
        let yaml = dir.appendingPathComponent("evil.yaml")
        try CLI.read(CLI.root.appendingPathComponent("Scenarios/teaching.yaml"))
            .replacingOccurrences(of: "name: Teaching round — three villages, two CHAAs", with: "name: \"<script>alert('x')</script> & \\\"Co\\\"\"")
            .replacingOccurrences(of: "Alder", with: "Alder<i>")
            .write(to: yaml, atomically: true, encoding: .utf8)
        for command in ["allocate", "run"] {
            let out = dir.appendingPathComponent(command)
            var args = [command, yaml.path, "--out", out.path]
            if command == "run" { args += ["--replicates", "200", "--quiet"] }
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(r.stderr)")
            let html = CLI.read(out.appendingPathComponent("report.html"))
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("Alder<i>"))
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"))
            #expect(html.contains("@media print"))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
        }
    }
}
