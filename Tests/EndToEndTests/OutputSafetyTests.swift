import Foundation
import Testing

/// Issue "nothing a user owns is ever lost": what `--out` may replace
/// (README, "What allocsim may overwrite"), tried as a user would.
@Suite struct OutputSafetyTests {
    static let teaching = CLI.root.appendingPathComponent("Scenarios/teaching.yaml")

    /// Every file under `dir` with its bytes.
    static func snapshot(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir.path)
        while let rel = e?.nextObject() as? String {
            let u = dir.appendingPathComponent(rel)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: u.path)
            } else {
                out[rel + "/"] = Data()
            }
        }
        return out
    }

    @Test("a folder holding a user's file is refused with exit 2 naming the file, and left as it was")
    func userFolderRefused() throws {
        let dir = CLI.temporaryFolder().appendingPathComponent("project")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "my notes".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let before = OutputSafetyTests.snapshot(dir)
        for command in [["allocate", OutputSafetyTests.teaching.path], ["run", OutputSafetyTests.teaching.path, "--replicates", "10"]] {
            let r = try CLI.run(command + ["--out", dir.path])
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("notes.txt") && r.stderr.contains("choose a new folder"), "\(r.stderr)")
            #expect(OutputSafetyTests.snapshot(dir) == before)
        }
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.deletingLastPathComponent().path)
        #expect(siblings == ["project"], "no staging or lock files left: \(siblings)")
    }

    @Test("the scenario's own folder, '.', the home folder and '/' are refused; the scenario survives")
    func protectedFolders() throws {
        let dir = CLI.temporaryFolder().appendingPathComponent("project")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let scenario = dir.appendingPathComponent("scenario.yaml")
        try FileManager.default.copyItem(at: OutputSafetyTests.teaching, to: scenario)
        let before = OutputSafetyTests.snapshot(dir)
        for out in [dir.path, dir.deletingLastPathComponent().path, ".", "/", NSHomeDirectory()] {
            let r = try CLI.run(["allocate", scenario.path, "--out", out])
            #expect(r.status == 2, "--out \(out): \(r.stderr)")
            #expect(r.stderr.contains("refusing"), "--out \(out): \(r.stderr)")
        }
        #expect(OutputSafetyTests.snapshot(dir) == before)
        let snap = try CLI.run(["snapshot", "record", scenario.path, "--dir", dir.path, "--replicates", "5"])
        #expect(snap.status == 2 && snap.stderr.contains("input file"), "\(snap.stderr)")
    }

    @Test("an earlier output of the same command is replaced whole; one of another command is not")
    func replacesOnlyItsOwn() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("round")
        let first = try CLI.run(["allocate", OutputSafetyTests.teaching.path, "--seed", "1", "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.run(["allocate", OutputSafetyTests.teaching.path, "--seed", "2", "--out", out.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(CLI.read(out.appendingPathComponent("manifest.json")).contains("\"seed\": 2"))
        let other = try CLI.run(["run", OutputSafetyTests.teaching.path, "--replicates", "10", "--out", out.path])
        #expect(other.status == 2 && other.stderr.contains("refusing"), "\(other.stderr)")
        // A stray file dropped into an earlier output makes it the user's.
        try "x".write(to: out.appendingPathComponent("mine.txt"), atomically: true, encoding: .utf8)
        let third = try CLI.run(["allocate", OutputSafetyTests.teaching.path, "--out", out.path])
        #expect(third.status == 2 && third.stderr.contains("mine.txt"), "\(third.stderr)")
    }

    @Test("a symbolic link as --out is refused, and the folder it points to is untouched")
    func symlinkRefused() throws {
        let base = CLI.temporaryFolder()
        let real = base.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try "keep".write(to: real.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        let link = base.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let r = try CLI.run(["allocate", OutputSafetyTests.teaching.path, "--out", link.path])
        #expect(r.status == 2 && r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(CLI.read(real.appendingPathComponent("keep.txt")) == "keep")
    }

    @Test("a second run on a folder being written exits 2 at once")
    func lockedFolder() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("batch")
        let lockPath = out.deletingLastPathComponent().appendingPathComponent(".batch.lock").path
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let r = try CLI.run(["run", OutputSafetyTests.teaching.path, "--replicates", "10", "--out", out.path])
        #expect(r.status == 2 && r.stderr.contains("another allocsim is writing"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a run killed with SIGKILL leaves the earlier output intact; the next run cleans its staging folder")
    func killedRun() throws {
        let base = CLI.temporaryFolder()
        let out = base.appendingPathComponent("batch")
        let first = try CLI.run(["run", OutputSafetyTests.teaching.path, "--replicates", "50", "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let earlier = OutputSafetyTests.snapshot(out)
        for delay in [0.05, 0.3, 0.8] {
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["run", OutputSafetyTests.teaching.path, "--replicates", "3000000", "--quiet", "--out", out.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(OutputSafetyTests.snapshot(out) == earlier, "after a kill at \(delay) s")
        }
        // What a kill during the commit would leave: a staging folder.
        let stale = base.appendingPathComponent(".batch.partial-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try "half".write(to: stale.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
        let next = try CLI.run(["run", OutputSafetyTests.teaching.path, "--replicates", "20", "--out", out.path])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        let left = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
        // A folder that merely looks like staging but holds a user's file,
        // and a user's own file named like the lock, are left alone.
        let lookalike = base.appendingPathComponent(".batch.partial-424242")
        try FileManager.default.createDirectory(at: lookalike, withIntermediateDirectories: true)
        try "mine".write(to: lookalike.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "my lock notes".write(to: base.appendingPathComponent(".batch.lock"), atomically: true, encoding: .utf8)
        let again = try CLI.run(["run", OutputSafetyTests.teaching.path, "--replicates", "20", "--out", out.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(CLI.read(lookalike.appendingPathComponent("notes.txt")) == "mine")
        #expect(CLI.read(base.appendingPathComponent(".batch.lock")) == "my lock notes")
    }

    @Test("control characters in scenario strings reach the terminal escaped")
    func terminalEscapes() throws {
        let dir = CLI.temporaryFolder()
        let file = dir.appendingPathComponent("esc.yaml")
        var text = try String(contentsOf: OutputSafetyTests.teaching, encoding: .utf8)
        text = text.replacingOccurrences(of: "name: Teaching round — three villages, two CHAAs",
                                         with: "name: \"Evil\\e[2J\\a name\"")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(r.stdout.contains("\\u{1B}[2J"), "\(r.stdout)")
    }

    @Test("the audit's hostile scenarios end with exit 0 or 2 and a field path, never a signal")
    func hostileScenarios() throws {
        let dir = CLI.root.appendingPathComponent("Tests/Fixtures/hostile")
        let out = CLI.temporaryFolder().appendingPathComponent("out")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            let file = dir.appendingPathComponent(name)
            let expected = String(CLI.read(file).prefix { $0 != "\n" }.dropFirst("# expect: ".count))
            let r = try CLI.run(["run", file.path, "--replicates", "20", "--quiet", "--out", out.path])
            #expect(!r.signalled, "\(name) ended with a signal")
            if expected == "ok" {
                #expect(r.status == 0, "\(name): \(r.stderr)")
            } else {
                #expect(r.status == 2 && r.stderr.contains(": \(expected):"), "\(name): \(r.stderr)")
            }
        }
    }

    @Test("command-line numbers out of range are usage errors with the range, not traps")
    func commandLineRanges() throws {
        let t = OutputSafetyTests.teaching.path
        let out = CLI.temporaryFolder().appendingPathComponent("x").path
        let cases: [[String]] = [
            ["fees", "--role", "caregiver", "--full", "9223372036854775807", "--reduced", "1", "--sets", "2"],
            ["run", t, "--replicates", "9223372036854775807", "--out", out],
            ["run", t, "--threads", "10000", "--out", out],
            ["sweep", t, "--lhs", "9223372036854775807", "--param", "policy.schoolBufferFeet=1:2", "--out", out],
            ["sweep", t, "--param", "certificates.dispensary=1,2", "--shard", "1/9223372036854775807", "--out", out],
            ["sweep", t, "--param", "certificates.dispensary=1,2", "--slurm-script", out + ".sh", "--shards", "9223372036854775807", "--out", out],
        ]
        for args in cases {
            let r = try CLI.run(args)
            #expect(r.status == 2 && !r.signalled, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("expected"), "\(args): \(r.stderr)")
        }
    }
}
