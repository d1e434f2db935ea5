import Foundation
import CGSL
import Testing
import _AllocSimRNG
@testable import AllocSim

/// SPEC §5: streams seeded with the full 64 bits never collide.
@Suite struct RandomStreamTests {
    @Test("SPEC §5: the first number of a million replicate streams has no repeats")
    func millionStreamsDistinct() {
        let rng = RandomStream(StreamKey(seed: 2016))
        var seen = Set<UInt64>(minimumCapacity: 1_000_000)
        for i in 0..<1_000_000 {
            rng.reseed(StreamKey(seed: 2016, cell: 0, replicate: UInt64(i)))
            seen.insert(rng.nextRaw())
        }
        #expect(seen.count == 1_000_000)
    }

    @Test("SPEC §5: seeds differing only above bit 32 give different streams")
    func highBitsMatter() {
        let a = RandomStream(StreamKey(seed: 1)).nextRaw()
        let b = RandomStream(StreamKey(seed: 1 + (1 << 32))).nextRaw()
        #expect(a != b)
    }

    @Test("SPEC §5: cells and replicates are independent keys")
    func cellAndReplicateDiffer() {
        #expect(StreamKey(seed: 5, cell: 1, replicate: 0).generatorSeed != StreamKey(seed: 5, cell: 0, replicate: 1).generatorSeed)
    }

    @Test("SPEC §5: a worker's streams, reseeded for a replicate after other draws, are the streams of that replicate's keys")
    func reseededStreamsAreTheirKeys() {
        let streams = ReplicateStreams(seed: 3, cell: 0, replicate: 0)
        let named: [(StreamPurpose, RandomStream)] = [(.patients, streams.patients), (.submissionOrder, streams.submissionOrder),
                                                       (.plantTags, streams.plantTags)]
            + CertificateType.allCases.flatMap { t in
                [(.applicationCounts(t), streams.applicationCounts[t.index]), (.sites(t), streams.sites[t.index]),
                 (.flags(t), streams.flags[t.index]), (.lottery(t), streams.lotteries[t.index])]
            }
        for (k, (_, s)) in named.enumerated() { for _ in 0...k { _ = s.nextRaw() } }   // a replicate's draws
        streams.reseed(seed: 11, cell: 4, replicate: 99)
        for (purpose, s) in named {
            let key = StreamKey(seed: 11, cell: 4, replicate: 99, purpose: purpose)
            #expect(s.key == key)
            #expect(s.drawCount == 0)
            let fresh = RandomStream(key)
            for _ in 0..<3 { #expect(s.nextRaw() == fresh.nextRaw(), "\(purpose)") }
        }
    }

    @Test("A Poisson count with exp(-mu) worked out once is gsl_ran_poisson's, value for value and draw for draw")
    func poissonWithCachedExponent() {
        // Means on both sides of 10, where GSL changes method, and at it.
        let means = [0, 1e-9, 0.3, 1, 1.9, 2.5, 7.3, 9.999999, 10, 10.000001, 12, 40]
        for seed in UInt64(1)...200 {
            let gsl = RandomStream(StreamKey(seed: seed)), cached = RandomStream(StreamKey(seed: seed))
            for mu in means {
                for _ in 0..<5 { #expect(gsl.poisson(mu) == cached.poisson(mu, expNegMu: exp(-mu)), "mu \(mu) seed \(seed)") }
                #expect(gsl.nextRaw() == cached.nextRaw(), "mu \(mu) seed \(seed): the streams are in step")
            }
            #expect(gsl.drawCount == cached.drawCount)
        }
    }

    @Test("uniform integers stay in range and the same key replays the same sequence")
    func replay() {
        let a = RandomStream(StreamKey(seed: 9)), b = RandomStream(StreamKey(seed: 9))
        for n in 1...50 {
            let x = a.uniformIndex(n)
            #expect(x >= 0 && x < n)
            #expect(x == b.uniformIndex(n))
        }
    }

    @Test("uniform() is the generator's 53 top bits over 2^53, in step with the raw outputs, as gsl_rng_uniform gives them")
    func uniformMatchesRawOutputs() {
        // Twin streams: one drawn as doubles (inline), one as raw 64-bit
        // outputs (through GSL's dispatch); every draw agrees bit for bit,
        // interleaved with draws that go through GSL (uniformIndex).
        let a = RandomStream(StreamKey(seed: 2017, replicate: 3)), b = RandomStream(StreamKey(seed: 2017, replicate: 3))
        for k in 0..<1000 {
            let u = a.uniform()
            #expect(u == Double(b.nextRaw() >> 11) * 0x1.0p-53)
            #expect(u >= 0 && u < 1)
            if k % 7 == 0 { #expect(a.uniformIndex(k + 2) == b.uniformIndex(k + 2)) }
        }
        #expect(a.drawCount == b.drawCount)
    }

    @Test("The inline uniform_int gives what gsl_rng_uniform_int gives, value for value and step for step, for small and huge n")
    func uniformIntMatchesGSL() {
        // Twin generators of allocsim's type, seeded alike: one drawn
        // inline, one through GSL's own function. Bounds from 2 to near
        // 2^64 exercise GSL's rejection loop (it rejects often when n is
        // just over a power of two, or over half the range).
        let a = gsl_rng_alloc(allocsim_rng_xoshiro256ss())!, b = gsl_rng_alloc(allocsim_rng_xoshiro256ss())!
        defer { gsl_rng_free(a); gsl_rng_free(b) }
        gsl_rng_set(a, 2017)
        gsl_rng_set(b, 2017)
        let bounds: [UInt] = [1, 2, 3, 7, 36, 1000, (1 << 32) + 1, (1 << 62) + 1, (1 << 63) + 1, UInt.max - 1, UInt.max]
        for k in 0..<20_000 {
            let n = bounds[k % bounds.count]
            #expect(allocsim_xoshiro_uniform_int(a, n) == gsl_rng_uniform_int(b, n), "draw \(k), n = \(n)")
        }
        #expect(gsl_rng_get(a) == gsl_rng_get(b))
    }
}

@Test("positions agree with allCases order (used as metric offsets)")
func positionsMatchAllCases() {
    #expect(AllocationTier.allCases.map(\.position) == Array(0..<AllocationTier.allCases.count))
    #expect(ApplicationStatus.allCases.map(\.position) == Array(0..<ApplicationStatus.allCases.count))
    #expect(CertificateType.allCases.map(\.index) == Array(0..<CertificateType.allCases.count))
}
