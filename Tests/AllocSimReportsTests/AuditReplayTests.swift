import Foundation
import Testing
@testable import AllocSim
@testable import AllocSimReports

/// SPEC §3: "Every draw goes into the round's audit trail" — and an auditor
/// can replay it from lottery.csv alone. This test replays every draw of
/// the Guam round with its own xoshiro256** and rejection sampling, written
/// from the published algorithms, not with the engine's code.
@Suite struct AuditReplayTests {
    struct Xoshiro {
        var s: [UInt64] = []
        init(_ seed: UInt64) {
            var x = seed
            for _ in 0..<4 {
                x &+= 0x9e37_79b9_7f4a_7c15
                var z = x
                z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
                z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
                s.append(z ^ (z >> 31))
            }
        }
        mutating func next() -> UInt64 {
            func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
            let result = rotl(s[1] &* 5, 7) &* 9
            let t = s[1] << 17
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
            return result
        }
        /// As GSL's gsl_rng_uniform_int for a generator with min 0, max 2^64-1.
        mutating func uniformInt(_ n: UInt64) -> UInt64 {
            let scale = UInt64.max / n
            while true {
                let k = next() / scale
                if k < n { return k }
            }
        }
    }

    @Test("§14302(b)(4): every draw in lottery.csv replays from its gsl_rng_set value")
    func replay() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/guam-round.yaml")
        let p = PreparedScenario(try ScenarioLoader.load(path: url.path))
        let table = RoundTables.lottery(p, p.allocateExplicit(seed: 2017))
        #expect(table.rows.count > 5)
        var streams: [String: Xoshiro] = [:]
        for row in table.rows {
            let stream = row[8]
            let hex = try #require(stream.components(separatedBy: "gsl_rng_set=0x").last)
            let seed = try #require(UInt64(hex, radix: 16))
            var g = streams[stream] ?? Xoshiro(seed)
            let n = try #require(UInt64(row[5]))
            let index = g.uniformInt(n)
            streams[stream] = g
            #expect(String(index) == row[6], "step \(row[0])")
            #expect(CSVList.split(row[4])[Int(index)] == row[7])
        }
    }
}
