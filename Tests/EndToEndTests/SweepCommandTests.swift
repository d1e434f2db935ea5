import Foundation
import Testing

@Suite struct SweepCommandTests {
    let params = ["--param", "certificates.dispensary=1,2", "--param", "policy.villageOrder=chaa-patients,lottery,village-patients"]

    func sweep(_ extra: [String], out: URL) throws -> Run {
        try CLI.run(["sweep", "Scenarios/teaching.yaml"] + params + ["--replicates", "301", "--quiet", "--out", out.path] + extra)
    }

    /// Compares two sweep folders file by file (manifest.json aside).
    func identical(_ a: URL, _ b: URL) throws -> Bool {
        let fm = FileManager.default
        func files(_ u: URL) throws -> [String] {
            try fm.subpathsOfDirectory(atPath: u.path).filter { !$0.hasSuffix("manifest.json") && !$0.hasSuffix("state") }.sorted()
        }
        let fa = try files(a), fb = try files(b)
        guard fa == fb else { return false }
        return fa.allSatisfy { fm.contents(atPath: a.appendingPathComponent($0).path) == fm.contents(atPath: b.appendingPathComponent($0).path) }
    }

    @Test("sharded-and-merged equals unsharded, byte for byte, for several N (by cells and by replicates)")
    func shardMerge() throws {
        let base = CLI.temporaryFolder()
        let whole = base.appendingPathComponent("whole")
        #expect(try sweep([], out: whole).status == 0)
        #expect(CLI.read(whole.appendingPathComponent("cells.csv")).hasPrefix("cell,certificates.dispensary,policy.villageOrder\r\n1,1,chaa-patients\r\n"))
        #expect(CLI.read(whole.appendingPathComponent("results.csv")).hasPrefix("cell,metric,measure,type,chaa,village,tier,status,reason,mean,sd,p05,p50,p95,mcse\r\n1,"))
        for n in [2, 4, 9] {   // 6 cells: 2 and 4 split cells, 9 splits replicates
            var dirs: [String] = []
            for i in 1...n {
                let d = base.appendingPathComponent("n\(n)-s\(i)")
                #expect(try sweep(["--shard", "\(i)/\(n)"], out: d).status == 0)
                dirs.append(d.path)
            }
            let merged = base.appendingPathComponent("merged\(n)")
            let r = try CLI.run(["merge"] + dirs + ["--out", merged.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try identical(whole, merged), "N = \(n)")
        }
    }

    @Test("resume after a kill equals an uninterrupted run")
    func resumeAfterKill() throws {
        let base = CLI.temporaryFolder()
        let args = ["sweep", "Scenarios/guam.yaml", "--lhs", "12", "--param", "policy.schoolBufferFeet=500:1500",
                    "--replicates", "4000", "--quiet"]
        let whole = base.appendingPathComponent("whole")
        #expect(try CLI.run(args + ["--out", whole.path]).status == 0)
        let killed = base.appendingPathComponent("killed")
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args + ["--out", killed.path]
        p.currentDirectoryURL = CLI.root
        try p.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let r = try CLI.run(args + ["--resume", "--out", killed.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try identical(whole, killed))
    }

    @Test("an unknown key or a value of the wrong type is exit 2 naming the key; nothing is written")
    func badParams() throws {
        let base = CLI.temporaryFolder()
        let cases: [([String], String)] = [
            (["--param", "certificates.dispensry=1,2"], "certificates.dispensry"),
            (["--param", "policy.schoolBufferFeet=500,far"], "policy.schoolBufferFeet"),
            (["--param", "policy.scoring=best"], "policy.scoring"),
            (["--param", "geography.chaas[9].name=x"], "geography.chaas[9]"),
            (["--lhs", "5", "--param", "policy.schoolBufferFeet=9:1"], "policy.schoolBufferFeet"),
            (["--param", "nothing"], "--param 'nothing'"),
        ]
        for (i, (args, needle)) in cases.enumerated() {
            let out = base.appendingPathComponent("bad\(i)")
            let r = try CLI.run(["sweep", "Scenarios/teaching.yaml"] + args + ["--out", out.path])
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(needle), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    @Test("merge refuses shards of different sweeps, missing shards, and a non-empty --out without --resume")
    func refusals() throws {
        let base = CLI.temporaryFolder()
        let a = base.appendingPathComponent("a"), b = base.appendingPathComponent("b")
        #expect(try sweep(["--shard", "1/2"], out: a).status == 0)
        #expect(try sweep(["--shard", "2/2", "--seed", "7"], out: b).status == 0)
        let r = try CLI.run(["merge", a.path, b.path, "--out", base.appendingPathComponent("m").path])
        #expect(r.status == 2 && r.stderr.contains("seed"))
        let missing = try CLI.run(["merge", a.path, "--out", base.appendingPathComponent("m").path])
        #expect(missing.status == 2 && missing.stderr.contains("missing shard(s) 2/2"))
        let again = try sweep(["--shard", "1/2"], out: a)
        #expect(again.status == 2 && again.stderr.contains("--resume"))
        let other = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--param", "certificates.dispensary=3", "--resume", "--out", a.path])
        #expect(other.status == 2 && other.stderr.contains("different sweep"))
    }

    @Test("--cells FILE and --slurm-script: an array of shards and a dependent merge")
    func cellsAndSlurm() throws {
        let base = CLI.temporaryFolder()
        let cells = base.appendingPathComponent("cells.csv")
        try "certificates.dispensary,policy.scoring\n1,lexicographic\n3,patients-per-facility\n".write(to: cells, atomically: true, encoding: .utf8)
        let out = base.appendingPathComponent("cells-out")
        let r = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--cells", cells.path, "--replicates", "50", "--quiet", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLI.read(out.appendingPathComponent("cells.csv")) == "cell,certificates.dispensary,policy.scoring\r\n1,1,lexicographic\r\n2,3,patients-per-facility\r\n")
        #expect(CLI.read(out.appendingPathComponent("report.html")).contains("<svg"))
        let script = base.appendingPathComponent("submit.sh")
        let s = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--cells", cells.path, "--slurm-script", script.path,
                             "--shards", "5", "--out", base.appendingPathComponent("cluster").path])
        #expect(s.status == 0)
        let text = CLI.read(script)
        #expect(text.contains("#SBATCH --array=1-5"))
        #expect(text.contains("--dependency=afterok:"))
        #expect(text.contains("--shard \"${SLURM_ARRAY_TASK_ID}/5\""))
        #expect(text.contains("' merge '"))
    }
}

/// Issue "nothing a user owns is lost": the Slurm driver quotes every path,
/// so a hostile `--out` is data, never a command.
@Suite struct SlurmQuotingTests {
    @Test("a --out holding $(...), backquotes and quotes runs nothing; a fake sbatch sees the literal path")
    func hostileOut() throws {
        let base = CLI.temporaryFolder()
        let bin = base.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = base.appendingPathComponent("sbatch.log")
        let fake = bin.appendingPathComponent("sbatch")
        try """
        #!/usr/bin/env bash
        printf '%s\\n' "$@" >> \(SlurmQuotingTests.q(log.path))
        cat >> \(SlurmQuotingTests.q(log.path))
        echo 4242
        """.write(to: fake, atomically: true, encoding: .utf8)
        chmod(fake.path, 0o755)
        let pwned = base.appendingPathComponent("PWNED")
        let out = base.path + "/o'ut $(touch \(pwned.path)) `touch \(pwned.path)` \"q\""
        let script = base.appendingPathComponent("drive.sh")
        let s = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--param", "certificates.dispensary=1,2",
                             "--slurm-script", script.path, "--shards", "2", "--out", out])
        #expect(s.status == 0, "\(s.stderr)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["bash", script.path]
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: pwned.path), "a command in --out was executed")
        let seen = CLI.read(log)
        #expect(seen.contains("--output=" + out + "/logs/shard-%a.out"), "\(seen)")
        #expect(FileManager.default.fileExists(atPath: out + "/shards"))
    }

    static func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

@Suite struct SlurmOverwriteTests {
    @Test("--slurm-script never overwrites a file allocsim did not write; it rewrites its own")
    func refusesForeignFile() throws {
        let base = CLI.temporaryFolder()
        let mine = base.appendingPathComponent("notes.sh")
        try "echo my own script\n".write(to: mine, atomically: true, encoding: .utf8)
        let args = ["sweep", "Scenarios/teaching.yaml", "--param", "certificates.dispensary=1,2", "--shards", "2",
                    "--out", base.appendingPathComponent("out").path, "--slurm-script"]
        let r = try CLI.run(args + [mine.path])
        #expect(r.status == 2 && r.stderr.contains("refusing to overwrite"), "\(r.stderr)")
        #expect(CLI.read(mine) == "echo my own script\n")
        let ours = base.appendingPathComponent("drive.sh")
        #expect(try CLI.run(args + [ours.path]).status == 0)
        #expect(try CLI.run(args + [ours.path]).status == 0)
    }
}
