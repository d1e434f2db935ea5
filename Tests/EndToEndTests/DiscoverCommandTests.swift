import Foundation
import Testing

/// `allocsim discover` on a sweep (issue 15).
@Suite struct DiscoverCommandTests {
    @Test("discover: boxes.csv with the peeling trajectory and a chosen box; bad conditions are exit 2 naming what exists")
    func discover() throws {
        let base = CLI.temporaryFolder()
        let sweep = base.appendingPathComponent("lhs")
        let s = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--lhs", "40", "--param", "certificates.dispensary=1:3",
                             "--param", "policy.schoolBufferFeet=100:3000", "--replicates", "30", "--quiet", "--out", sweep.path])
        #expect(s.status == 0, "\(s.stderr)")
        let out = base.appendingPathComponent("disc")
        let r = try CLI.run(["discover", sweep.path, "--metric", "awards.dispensary", "--where", "== 1", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cells have awards.dispensary == 1"))
        let boxes = CLI.read(out.appendingPathComponent("boxes.csv"))
        #expect(boxes.hasPrefix("step,coverage,density,mass,cells,chosen,parameter,low,high,levels\r\n0,1.000000,"))
        #expect(boxes.contains(",true,certificates.dispensary,"))
        #expect(CLI.read(out.appendingPathComponent("report.html")).contains("Peeling trajectory"))
        let bad = try CLI.run(["discover", sweep.path, "--metric", "awards.dispensary.chaa", "--where", "Nowhere == 0",
                               "--out", base.appendingPathComponent("bad").path])
        #expect(bad.status == 2 && bad.stderr.contains("no metric 'awards.dispensary.chaa.Nowhere'"), "\(bad.stderr)")
        #expect(bad.stderr.contains("awards.dispensary.chaa.North"))
        let op = try CLI.run(["discover", sweep.path, "--where", "awards.dispensary ~ 1", "--out", base.appendingPathComponent("bad").path])
        #expect(op.status == 2 && op.stderr.contains("expected METRIC OP NUMBER"))
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("bad").path))
    }
}
