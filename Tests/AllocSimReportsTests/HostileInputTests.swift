import AllocSim
import AllocSimFuzzing
import Foundation
import Testing
@testable import AllocSimReports

/// Issue "nothing a user owns is lost, no input crashes the tool": every
/// input the fuzzer or the audit found troublesome, replayed in-process; a
/// trap here fails the run.
@Suite struct HostileInputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func files(_ folder: String) -> [URL] {
        let dir = fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().filter { !$0.hasSuffix(".md") }.map { dir.appendingPathComponent($0) }
    }

    @Test("the audit's reproducers end at validation naming the field, or run; never a trap")
    func auditReproducers() throws {
        let files = HostileInputTests.files("hostile")
        #expect(files.count >= 20)
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let expected = String(text.prefix { $0 != "\n" }.dropFirst("# expect: ".count))
            switch ScenarioExercise.run(Data(text.utf8)) {
            case .rejected(let messages):
                #expect(expected != "ok", "\(url.lastPathComponent): \(messages)")
                #expect(messages.contains { $0.contains(": \(expected):") }, "\(url.lastPathComponent): \(messages)")
            case .ran(let bytes):
                #expect(expected == "ok", "\(url.lastPathComponent) ran; expected a rejection at \(expected)")
                #expect(bytes > 0)
            }
        }
    }

    @Test("every input the fuzzer kept runs or is rejected with a message")
    func fuzzFindings() throws {
        for url in HostileInputTests.files("fuzz") {
            let outcome = ScenarioExercise.run(try Data(contentsOf: url))
            if case .rejected(let messages) = outcome { #expect(!messages.isEmpty, "\(url.lastPathComponent)") }
        }
    }

    @Test("RFC 4180: every byte 0-127 inside a field reads back unchanged, CR LF included")
    func everyByteRoundTrips() {
        for b in 0..<128 {
            let c = String(UnicodeScalar(UInt8(b)))
            for field in ["a\(c)b", c, "\(c)x", "x\(c)", "\r\n", "a\r\nb", " lead", "trail "] {
                let table = CSVTable(header: ["h1", "h2"], rows: [[field, "next"]])
                let back = CSVTable.parse(table.text)
                #expect(back.rows == [[field, "next"]], "byte \(b) in \(field.debugDescription)")
            }
        }
        // The audit's forged record: a CR LF inside an id must not start a row.
        let forged = CSVTable(header: ["id", "status"], rows: [["X\r\nY,awarded", "not-awarded"]])
        #expect(CSVTable.parse(forged.text).rows.count == 1)
    }

    @Test("a list in one field keeps ids that hold the separator apart")
    func listFieldIsUnambiguous() {
        let ids = ["A;B", "C\\", "", "plain"]
        #expect(CSVList.split(CSVList.join(ids)) == ids)
        #expect(CSVList.split(CSVList.join(["A", "B"])) == ["A", "B"])
        #expect(CSVList.join(["A;B", "C"]) != CSVList.join(["A", "B;C"]))
    }

    @Test("a corrupt or tampered state file is refused, never a trap")
    func corruptState() {
        let bad = [
            "allocsim-state 1\nshape -1 0 0 0 0\n",
            "allocsim-state 1\nshape 9223372036854775807 0 1 1 1\n",
            "allocsim-state 1\nshape 1 0 1 1 1\nmetric -1 1 dense 1\n",
            "allocsim-state 1\nshape 1 0 1 1 1\nmetric 0 1 dense 9223372036854775807 9223372036854775807\n",
            "allocsim-state 1\nshape 1 0 1 1 1\nvillageAny -3 1\n",
            "allocsim-state 1\nshape 1 0 1 1 1\nreplicates -5\n",
            "allocsim-state 1\nshape 1 0 1 1 1\nmetric 0 sparse 3ff0000000000000:9223372036854775807 3ff0000000000000:9223372036854775807\n",
            "allocsim-state 1\nshape 1 0 1 1 1\nchaaAny\n",
        ]
        for text in bad { #expect(BatchAccumulator.fromState(text) == nil, "\(text.debugDescription)") }
    }
}

/// The structure-aware half of the fuzzing: each numeric field of a valid
/// scenario pushed to its documented bound (it must run) and one step past
/// it (it must be rejected naming that field) — `Limits`.
@Suite struct BoundsMutationTests {
    static let base = """
    name: bounds
    seed: 3
    replicates: 5
    certificates: { dispensary: 1, cultivation: 1 }
    geography:
      units: feet
      chaas:
        - name: North
          villages:
            - { name: Alder, population: 2000, patients: 200, facilities: { dispensary: 0, cultivation: 0 }, center: [5000, 5000] }
            - { name: Birch, population: 1000, patients: 100, center: [9000, 5000] }
        - name: South
          villages:
            - { name: Cedar, population: 1500, patients: 150, center: [20000, 5000] }
      schools:
        - { name: Lincoln, point: [0, 0] }
    applications:
      explicit:
        - { id: T1, type: dispensary, village: Alder, site: [5000, 5000], individuals: [pat], submitted: 1 }
        - { id: T2, type: cultivation, village: Cedar, site: [20000, 5000], individuals: [pat, quinn], submitted: 2 }
      generate:
        applications:
          dispensary: { distribution: poisson, each: 1 }
          cultivation: { distribution: fixed, each: 1 }
        sites: { method: radius, radiusFeet: 2000 }
        incomplete: 0.1
        alreadyApplied: 0.2
    policy:
      schoolBufferFeet: 1000
      applicantLimits: { perChaa: 1, total: 2 }
    fees: { certificateApplication: 35000, refundNotAwarded: 1000 }
    plantTags:
      feePerSet: 25
      population:
        patientGrowers: { fixed: 10 }
        caregivers: { poisson: 5 }
        reducedShare: 0.3
    """

    /// (field path, value at the bound, value one step past it).
    static let fields: [(String, String, String)] = [
        ("replicates", "10000000000", "10000000001"),
        ("certificates.dispensary", "100000", "100001"),
        ("certificates.cultivation", "0", "-1"),
        ("geography.chaas[0].villages[0].patients", "999999700", "1000000001"),
        ("geography.chaas[0].villages[0].population", "10000000000", "10000000001"),
        ("geography.chaas[0].villages[0].facilities.dispensary", "100000", "100001"),
        ("geography.chaas[0].villages[0].center[0]", "1000000000", "1000000001"),
        ("geography.schools[0].point[1]", "-1000000000", "-1000000001"),
        ("applications.explicit[0].submitted", "1000000000", "1000000001"),
        ("applications.explicit[1].site[0]", "1000000000", "1e10"),
        ("applications.generate.applications.dispensary.each", "100", "1000001"),
        ("applications.generate.applications.cultivation.each", "0", "-1"),
        ("applications.generate.sites.radiusFeet", "100000000", "100000001"),
        ("applications.generate.incomplete", "1", "1.0000001"),
        ("applications.generate.alreadyApplied", "0", "-0.1"),
        ("policy.schoolBufferFeet", "100000000", "100000001"),
        ("policy.busStopBufferFeet", "0", ".inf"),
        ("policy.facilityBufferFeet", "100000000", ".nan"),
        ("policy.applicantLimits.perChaa", "1000000", "1000001"),
        ("policy.applicantLimits.total", "1", "0"),
        ("fees.certificateApplication", "1000000000000", "1000000000001"),
        ("fees.refundNotAwarded", "0", "-1"),
        ("plantTags.feePerSet", "1000000", "1000001"),
        ("plantTags.patientLimit", "1000", "1001"),
        ("plantTags.maxPatientsPerCaregiver", "100", "101"),
        ("plantTags.population.patientGrowers.fixed", "1000", "1000001"),
        ("plantTags.population.caregivers.poisson", "1000", "1000001"),
        ("plantTags.population.reducedShare", "1", "2"),
    ]

    @Test("each field at its bound runs; one step past it is rejected naming the field")
    func boundsAndOneStepPast() throws {
        let doc = try ScenarioDocumentFixture.document(BoundsMutationTests.base)
        _ = try doc.load()
        for (path, atBound, past) in BoundsMutationTests.fields {
            let ok = try doc.setting(path, to: atBound)
            do {
                let s = try ok.load()
                #expect(ScenarioExercise.run(s, replicates: 2) > 0, "\(path) = \(atBound)")
            } catch {
                Issue.record("\(path) = \(atBound) was rejected: \(error)")
            }
            do {
                _ = try doc.setting(path, to: past).load()
                Issue.record("\(path) = \(past) was accepted")
            } catch let e as ScenarioError {
                #expect(e.issues.contains { $0.path == path || $0.path.hasPrefix(path) }, "\(path) = \(past): \(e)")
            }
        }
    }
}

enum ScenarioDocumentFixture {
    static func document(_ yaml: String) throws -> ScenarioDocument {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bounds-\(UUID().uuidString).yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try ScenarioDocument.read(path: url.path)
    }
}
