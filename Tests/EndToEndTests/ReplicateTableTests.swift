import Foundation
import Testing

/// `allocsim run --replicate-table` (issue 15).
@Suite struct ReplicateTableTests {
    func gunzip(_ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("replicates.csv.gz: a row per replicate and metric, in replicate order, byte-identical for 1 and 2 threads, means equal summary.csv's")
    func table() throws {
        let base = CLI.temporaryFolder()
        var files: [Data] = []
        for threads in ["1", "2"] {
            let out = base.appendingPathComponent("t\(threads)")
            let r = try CLI.run(["run", "Scenarios/teaching.yaml", "--replicates", "1500", "--threads", threads,
                                 "--replicate-table", "--quiet", "--out", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            files.append(FileManager.default.contents(atPath: out.appendingPathComponent("replicates.csv.gz").path) ?? Data())
        }
        #expect(!files[0].isEmpty && files[0] == files[1])
        let out = base.appendingPathComponent("t2")
        let lines = try gunzip(out.appendingPathComponent("replicates.csv.gz")).split(whereSeparator: \.isNewline)
        #expect(lines.first == "replicate,metric,value")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        // In replicate order, every replicate present.
        let replicates = rows.map { Int($0[0])! }
        #expect(replicates == replicates.sorted() && Set(replicates).count == 1500)
        // The table's mean of a metric is the summary's mean.
        let awards = rows.filter { $0[1] == "awards.dispensary" }.map { Double($0[2])! }
        #expect(awards.count == 1500)
        let summary = CLI.read(out.appendingPathComponent("summary.csv")).split(whereSeparator: \.isNewline)
            .first { $0.hasPrefix("awards.dispensary,") }!.split(separator: ",")
        #expect(abs(awards.reduce(0, +) / 1500 - Double(summary[1])!) < 1e-6)
        #expect(CLI.read(out.appendingPathComponent("manifest.json")).contains("replicates.csv.gz"))
    }
}
