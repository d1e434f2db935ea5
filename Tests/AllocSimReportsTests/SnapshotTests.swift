import Foundation
import Testing
@testable import AllocSimReports

@Suite struct SnapshotTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        #expect(Fingerprint.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Fingerprint.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Fingerprint.sha256Hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Fingerprint.sha256Hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("snapshot comparison: whole numbers and text exactly, other numbers within the tolerance")
    func tolerance() {
        #expect(SnapshotComparison.same("1.000000", "1.0000000001", tolerance: 1e-9))
        #expect(!SnapshotComparison.same("1.000000", "1.0000001", tolerance: 1e-9))
        #expect(SnapshotComparison.same("1.000000", "1.0000001", tolerance: 1e-6))
        #expect(!SnapshotComparison.same("12", "13", tolerance: 0.5))
        #expect(!SnapshotComparison.same("awarded", "not-awarded", tolerance: 1))
        #expect(SnapshotComparison.same("0.000000", "0.000000", tolerance: 0))
    }

    @Test("snapshot comparison names file, row, column, old and new; rows added and removed")
    func drifts() {
        let old = CSVTable(header: ["metric", "mean"], rows: [["a", "1.000000"], ["b", "2.000000"]])
        let new = CSVTable(header: ["metric", "mean"], rows: [["a", "1.500000"], ["c", "2.000000"]])
        let d = SnapshotComparison.compare(file: "summary.csv", old: old, new: new, tolerance: 1e-9)
        #expect(d.contains(SnapshotDrift(file: "summary.csv", row: "1: a", column: "mean", old: "1.000000", new: "1.500000")))
        #expect(d.contains { $0.row == "2: b" && $0.new == "missing" })
        #expect(d.contains { $0.row == "2: c" && $0.old == "missing" })
        #expect(SnapshotComparison.table(d).contains("summary.csv"))
    }

    @Test("the manifest is fixed-order JSON that reads back")
    func manifest() {
        let m = Manifest(version: "0.1.0", gitCommit: nil, command: "run", arguments: ["run", "x \"y\".yaml"],
                         scenarioFile: "x.yaml", scenarioSHA256: String(repeating: "0", count: 64), scenarioName: "X",
                         seed: 18_446_744_073_709_551_615, replicates: 10, threads: 2, files: ["summary.csv"])
        #expect(m.json.hasPrefix("{\n  \"tool\": \"allocsim\",\n  \"version\": \"0.1.0\",\n  \"git_commit\": null,"))
        #expect(m.json.contains("\"x \\\"y\\\".yaml\""))
        let back = Manifest.parse(m.json)
        #expect(back?.seed == 18_446_744_073_709_551_615)
        #expect(back?.replicates == 10)
        #expect(back?.files == ["summary.csv"])
    }
}
