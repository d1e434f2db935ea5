import Foundation
import Testing

@Suite struct RunCommandTests {
    @Test("run writes the CSVs of SPEC §6 with their headers")
    func outputs() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("batch")
        let r = try CLI.run(["run", "Scenarios/teaching.yaml", "--replicates", "500", "--quiet", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let heads = [
            "summary.csv": "metric,mean,sd,p05,p50,p95,mcse",
            "villages.csv": "type,chaa,village,patients,p_award,ci_low,ci_high,mean_awards",
            "chaas.csv": "type,chaa,patients,p_award,ci_low,ci_high,mean_awards",
            "applications.csv": "id,p_award,ci_low,ci_high,p_lottery",
        ]
        for (file, head) in heads {
            #expect(CLI.read(out.appendingPathComponent(file)).hasPrefix(head + "\r\n"), "\(file)")
        }
        let apps = CLI.read(out.appendingPathComponent("applications.csv"))
        #expect(apps.contains("\r\nT9,1.000000,"))
        #expect(apps.contains("\r\nT3,0.000000,"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
    }

    @Test("SPEC §5: byte-identical CSV for --threads 1 and --threads 2")
    func threadsIdentical() throws {
        let base = CLI.temporaryFolder()
        for t in ["1", "2"] {
            let r = try CLI.run(["run", "Scenarios/guam.yaml", "--replicates", "3000", "--threads", t, "--quiet",
                                 "--out", base.appendingPathComponent("t\(t)").path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        for file in ["summary.csv", "villages.csv", "chaas.csv"] {
            let a = CLI.read(base.appendingPathComponent("t1/\(file)")), b = CLI.read(base.appendingPathComponent("t2/\(file)"))
            #expect(!a.isEmpty && a == b, "\(file)")
        }
    }

    @Test("Ctrl-C stops cleanly: no output folder, no staging folder left")
    func interrupt() throws {
        let dir = CLI.temporaryFolder()
        let out = dir.appendingPathComponent("big")
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["run", "Scenarios/guam.yaml", "--replicates", "50000000", "--quiet", "--out", out.path]
        p.currentDirectoryURL = CLI.root
        try p.run()
        // Interrupt once the run holds its output lock: its SIGINT handler is
        // in place by then (main installs it first), however slowly a loaded
        // machine starts the process. A fixed delay could signal too early.
        let lock = dir.appendingPathComponent(".big.lock").path
        let started = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: lock) && p.isRunning && Date() < started {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(FileManager.default.fileExists(atPath: lock), "the run never took its output lock")
        Thread.sleep(forTimeInterval: 0.2)   // into the replicates
        p.interrupt()
        // A watchdog, so a missed signal fails the test instead of hanging it.
        let deadline = Date().addingTimeInterval(30)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("fees.csv is written when plant tags are modelled")
    func feesCSV() throws {
        let dir = CLI.temporaryFolder()
        let yaml = dir.appendingPathComponent("plant.yaml")
        try (CLI.read(CLI.root.appendingPathComponent("Scenarios/teaching.yaml"))
             + "plantTags: { feePerSet: 25, population: { patientGrowers: { poisson: 50 }, caregivers: { fixed: 10 }, reducedShare: 0.25 } }\n")
            .write(to: yaml, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["run", yaml.path, "--replicates", "100", "--quiet", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let fees = CLI.read(out.appendingPathComponent("fees.csv"))
        #expect(fees.hasPrefix("metric,mean,sd,p05,p50,p95,mcse\r\nplant.certificates.patient,"))
        #expect(fees.contains("\r\nplant.forgone,"))
        #expect(CLI.read(out.appendingPathComponent("report.html")).contains("Plant-set fees"))
    }

    @Test("bad flags exit 2")
    func badFlags() throws {
        let r = try CLI.run(["run", "Scenarios/guam.yaml", "--replicates", "0", "--out", "/tmp/x"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--replicates"))
    }
}

@Suite struct CompareCommandTests {
    @Test("compare --set writes differences, places and a report; --threads 1 and 2 give the same bytes")
    func compareFromTheCommandLine() throws {
        let base = CLI.temporaryFolder()
        for t in ["1", "2"] {
            let r = try CLI.run(["compare", "Scenarios/teaching.yaml", "--set", "certificates.dispensary=3",
                                 "--label", "three dispensaries", "--replicates", "400", "--threads", t, "--quiet",
                                 "--out", base.appendingPathComponent("t\(t)").path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        for f in ["differences.csv", "villages.csv", "chaas.csv", "applications.csv", "scorecard-changes.csv"] {
            let a = CLI.read(base.appendingPathComponent("t1/\(f)")), b = CLI.read(base.appendingPathComponent("t2/\(f)"))
            #expect(!a.isEmpty && a == b, "\(f)")
        }
        let diff = CLI.read(base.appendingPathComponent("t1/differences.csv"))
        #expect(diff.hasPrefix("metric,baseline,reform,difference,ci_low,ci_high,p_higher,p_lower\r\n"))
        // Teaching: 2 → 3 dispensary certificates with four eligible
        // dispensary applications: exactly one more award in every replicate.
        #expect(diff.contains("awards.dispensary,2.000000,3.000000,1.000000,1.000000,1.000000,1.000000,0.000000"), "\(diff)")
        // The scorecard on both sides (issue 17): one more dispensary, the same points (3 already covers 2 CHAAs).
        let card = CLI.read(base.appendingPathComponent("t1/scorecard-changes.csv"))
        #expect(card.contains("\r\nAllows for a Reasonable Number of Dispensaries,3,3,3,0,3,3,3.00 dispensaries for 2 CHAAs"
                              + " on average (1 registered),4.00 dispensaries"), "\(card)")
        let html = CLI.read(base.appendingPathComponent("t1/report.html"))
        #expect(html.contains("What changed in the policy") && html.contains("certificates.dispensary"))
        #expect(html.contains("Scorecard points"))
        #expect(CLI.read(base.appendingPathComponent("t1/manifest.json")).contains("\"reforms\""))
    }

    @Test("compare refuses a reform key that does not exist, and two territories, with exit 2")
    func compareErrors() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("c").path
        let bad = try CLI.run(["compare", "Scenarios/teaching.yaml", "--set", "policy.schoolBuffer=500", "--out", out])
        #expect(bad.status == 2 && bad.stderr.contains("policy.schoolBuffer"), "\(bad.stderr)")
        let two = try CLI.run(["compare", "Scenarios/teaching.yaml", "Scenarios/guam.yaml", "--out", out])
        #expect(two.status == 2 && two.stderr.contains("different territories"), "\(two.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
