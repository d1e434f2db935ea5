internal import CGSL
internal import _AllocSimRNG

/// What a random stream is for (SPEC §5: one stream per purpose, so a
/// policy change moves only the draws it must). Changing the dispensary
/// certificates, say, leaves every cultivation lottery and every generated
/// application where it was.
public enum StreamPurpose: Hashable, Sendable, CustomStringConvertible {
    /// Village patients.
    case patients
    /// How many applications of a type each village gets.
    case applicationCounts(CertificateType)
    /// Where each generated application of a type is sited.
    case sites(CertificateType)
    /// Each generated application's incomplete and already-applied flags.
    case flags(CertificateType)
    /// The random submission order of generated applications.
    case submissionOrder
    /// The §14302(b)(4) lotteries of a certificate type.
    case lottery(CertificateType)
    /// Plant-tag cardholders (RI §1.12).
    case plantTags
    /// A sweep's Latin hypercube or Morris design.
    case design
    /// Bootstrap resampling of a sensitivity analysis's intervals.
    case bootstrap
    /// A program over time: arrivals, renewals, caregivers (issue 14).
    case program

    /// A distinct code per purpose, folded into the generator seed.
    public var code: UInt64 {
        switch self {
        case .patients: return 1
        case .applicationCounts(let t): return 16 + UInt64(t.index)
        case .sites(let t): return 32 + UInt64(t.index)
        case .flags(let t): return 48 + UInt64(t.index)
        case .submissionOrder: return 64
        case .lottery(let t): return 80 + UInt64(t.index)
        case .plantTags: return 96
        case .design: return 112
        case .bootstrap: return 128
        case .program: return 144
        }
    }

    public var description: String {
        switch self {
        case .patients: return "patients"
        case .applicationCounts(let t): return "counts.\(t.rawValue)"
        case .sites(let t): return "sites.\(t.rawValue)"
        case .flags(let t): return "flags.\(t.rawValue)"
        case .submissionOrder: return "submission"
        case .lottery(let t): return "lottery.\(t.rawValue)"
        case .plantTags: return "plant-tags"
        case .design: return "design"
        case .bootstrap: return "bootstrap"
        case .program: return "program"
        }
    }
}

/// Where a random stream comes from: the scenario seed, the replicate, the
/// purpose, and — only with `--independent-streams` — the sweep cell
/// (SPEC §5). By default every cell of a sweep and both sides of a
/// comparison use the same streams for replicate i (common random numbers).
///
/// The parts are folded into one 64-bit generator seed by SplitMix64's
/// bijective finaliser, so two streams never coincide unless their keys
/// collide in 64 bits (about one chance in 2^25 for a million-by-million
/// sweep). No 32-bit seeding happens anywhere.
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
    public var seed: UInt64
    public var cell: UInt64
    public var replicate: UInt64
    public var purpose: StreamPurpose

    public init(seed: UInt64, cell: UInt64 = 0, replicate: UInt64 = 0, purpose: StreamPurpose = .lottery(.dispensary)) {
        self.seed = seed
        self.cell = cell
        self.replicate = replicate
        self.purpose = purpose
    }

    /// The 64-bit value handed to `gsl_rng_set`.
    public var generatorSeed: UInt64 {
        StreamKey.generatorSeed(prefix: StreamKey.prefix(seed: seed, cell: cell, replicate: replicate), code: purpose.code)
    }

    /// The part of `generatorSeed` every purpose of a replicate shares.
    static func prefix(seed: UInt64, cell: UInt64, replicate: UInt64) -> UInt64 {
        var h = allocsim_mix64(seed ^ 0x616c_6c6f_6373_696d)   // "allocsim"
        h = allocsim_mix64((h ^ cell) &+ 0x9e37_79b9_7f4a_7c15)
        return allocsim_mix64((h ^ replicate) &+ 0xd1b5_4a32_d192_ed03)
    }

    /// The generator seed of the purpose whose `code` is given, from the
    /// replicate's `prefix`.
    static func generatorSeed(prefix h: UInt64, code: UInt64) -> UInt64 {
        allocsim_mix64((h ^ code) &+ 0x8cb9_2ba7_2f3d_8dd7)
    }

    public var description: String {
        "seed=\(seed) cell=\(cell) replicate=\(replicate) stream=\(purpose)"
    }
}

/// One replicate's streams, one per purpose, reseeded for each replicate
/// (a Monte Carlo worker keeps one set for all its replicates).
public final class ReplicateStreams {
    public let patients: RandomStream
    public let submissionOrder: RandomStream
    public let plantTags: RandomStream
    /// Indexed by `CertificateType.index`.
    public let applicationCounts: [RandomStream]
    public let sites: [RandomStream]
    public let flags: [RandomStream]
    public let lotteries: [RandomStream]
    private let all: [RandomStream]
    /// What `reseed` writes for each of `all`, as plain values: read from
    /// the streams themselves, each was retained and released, and its
    /// purpose's code worked out again, every replicate (some 800
    /// instructions of a Guam replicate). The pointers stay valid while
    /// `all` holds the streams.
    private let targets: [RandomStream.SeedTarget]

    public init(seed: UInt64 = 0, cell: UInt64 = 0, replicate: UInt64 = 0) {
        func stream(_ p: StreamPurpose) -> RandomStream {
            RandomStream(StreamKey(seed: seed, cell: cell, replicate: replicate, purpose: p))
        }
        let types = CertificateType.allCases
        patients = stream(.patients)
        submissionOrder = stream(.submissionOrder)
        plantTags = stream(.plantTags)
        applicationCounts = types.map { stream(.applicationCounts($0)) }
        sites = types.map { stream(.sites($0)) }
        flags = types.map { stream(.flags($0)) }
        lotteries = types.map { stream(.lottery($0)) }
        all = [patients, submissionOrder, plantTags] + applicationCounts + sites + flags + lotteries
        targets = all.map(\.seedTarget)
    }

    /// Every stream of replicate `replicate` (of `cell`, which is 0 unless
    /// streams are independent per cell).
    public func reseed(seed: UInt64, cell: UInt64, replicate: UInt64) {
        // The replicate's part of the seed is hashed once for all streams.
        let prefix = StreamKey.prefix(seed: seed, cell: cell, replicate: replicate)
        for t in targets {
            t.key.pointee.seed = seed
            t.key.pointee.cell = cell
            t.key.pointee.replicate = replicate
            t.reseed(generatorSeed: StreamKey.generatorSeed(prefix: prefix, code: t.code))
        }
    }
}

/// A GSL random number generator of type xoshiro256** (see
/// `_AllocSimRNG`), seeded with the full 64 bits of a `StreamKey`.
///
/// It owns a `gsl_rng` and frees it on `deinit`; it is deliberately not
/// `Sendable`: each task or thread makes its own. `reseed(_:)` reuses the
/// allocation, so a Monte Carlo worker keeps one for all its replicates.
public final class RandomStream {
    private let rng: UnsafeMutablePointer<gsl_rng>
    /// Where the stream comes from, as last (re)seeded.
    public var key: StreamKey { keyStorage.pointee }
    /// How many draws have been taken since the last (re)seeding. Counted
    /// with a wrapping add: no run comes near 2^63 draws on one stream, and
    /// a draw spends no overflow check on it.
    public var drawCount: Int { counter.pointee }
    // Both kept behind pointers: a stored `var` of a class is checked for
    // exclusive access at every read and change (about 75 instructions
    // each), which costs more than a draw.
    private let counter: UnsafeMutablePointer<Int>
    private let keyStorage: UnsafeMutablePointer<StreamKey>

    /// The GSL generator's name, for provenance manifests.
    public static let generatorName = "xoshiro256** (custom gsl_rng_type, SplitMix64-seeded)"

    private static let setUp: Void = { _ = gsl_set_error_handler_off() }()

    public init(_ key: StreamKey) {
        _ = RandomStream.setUp
        guard let r = gsl_rng_alloc(allocsim_rng_xoshiro256ss()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        rng = r
        keyStorage = .allocate(capacity: 1)
        keyStorage.initialize(to: key)
        counter = .allocate(capacity: 1)
        counter.initialize(to: 0)
        gsl_rng_set(rng, UInt(key.generatorSeed))
    }

    deinit {
        gsl_rng_free(rng)
        counter.deallocate()
        keyStorage.deallocate()
    }

    public func reseed(_ key: StreamKey) {
        keyStorage.pointee = key
        seedTarget.reseed(generatorSeed: key.generatorSeed)
    }

    /// A stream's state as plain pointers, with its purpose's code, for
    /// reseeding without a reference to the stream (`ReplicateStreams`).
    struct SeedTarget {
        let rng: UnsafeMutablePointer<gsl_rng>
        let key: UnsafeMutablePointer<StreamKey>
        let counter: UnsafeMutablePointer<Int>
        let code: UInt64

        /// Starts the stream afresh from `generatorSeed` (its key already
        /// written): no draws made yet.
        func reseed(generatorSeed: UInt64) {
            counter.pointee = 0
            gsl_rng_set(rng, UInt(generatorSeed))
        }
    }

    var seedTarget: SeedTarget { SeedTarget(rng: rng, key: keyStorage, counter: counter, code: key.purpose.code) }

    /// A raw 64-bit output (used by tests of stream independence).
    public func nextRaw() -> UInt64 {
        counter.pointee &+= 1
        return UInt64(gsl_rng_get(rng))
    }

    /// A uniform integer in `0..<n`: `gsl_rng_uniform_int`'s value
    /// (rejection sampling, so every value is exactly equally likely),
    /// drawn inline from the generator like `uniform()`.
    public func uniformIndex(_ n: Int) -> Int {
        precondition(n > 0, "uniformIndex needs at least one candidate")
        if n == 1 { return 0 }
        counter.pointee &+= 1
        return Int(allocsim_xoshiro_uniform_int(rng, UInt(n)))
    }

    /// A uniform double in [0, 1): `gsl_rng_uniform`'s value, drawn inline
    /// from the generator (every stream is of the `_AllocSimRNG` type).
    public func uniform() -> Double {
        counter.pointee &+= 1
        return allocsim_xoshiro_uniform(rng)
    }

    /// A Bernoulli trial with success probability `p`.
    public func bernoulli(_ p: Double) -> Bool {
        if p <= 0 { return false }
        if p >= 1 { return true }
        return uniform() < p
    }

    /// A Poisson count with mean `mu` (`gsl_ran_poisson`).
    public func poisson(_ mu: Double) -> Int {
        if mu <= 0 { return 0 }
        counter.pointee &+= 1
        return Int(gsl_ran_poisson(rng, mu))
    }

    /// `poisson(mu)` for a mean drawn from again and again (a village's,
    /// every replicate), with `expNegMu` = exp(−mu) worked out once by the
    /// caller: the same count from the same draws. For means up to 10,
    /// `gsl_ran_poisson` multiplies uniforms until the product falls to
    /// exp(−mu) (Knuth's method), working exp(−mu) out at every call; this
    /// does the same with the caller's value and the generator's uniforms
    /// inline (as `uniform()`). Larger means go to GSL. A test checks the
    /// two against each other, value for value and draw for draw.
    public func poisson(_ mu: Double, expNegMu: Double) -> Int {
        guard mu > 0, mu <= 10 else { return poisson(mu) }
        counter.pointee &+= 1
        var product = 1.0, k = 0
        repeat {
            product *= allocsim_xoshiro_uniform(rng)
            k += 1
        } while product > expNegMu
        return k - 1
    }

    /// A multinomial split of `total` over weights `p` (`gsl_ran_multinomial`).
    public func multinomial(total: Int, weights: [Double]) -> [Int] {
        var out = [UInt32](repeating: 0, count: weights.count)
        counter.pointee &+= 1
        weights.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                gsl_ran_multinomial(rng, weights.count, UInt32(total), p.baseAddress, o.baseAddress)
            }
        }
        return out.map(Int.init)
    }

    /// A multinomial split into `counts`, with `raw` as GSL's output
    /// buffer: both are reused, so nothing is allocated once they have grown.
    public func multinomial(total: Int, weights: [Double], into counts: inout [Int], raw: inout [UInt32]) {
        ScratchArray.fill(&raw, 0, count: weights.count)
        counter.pointee &+= 1
        weights.withUnsafeBufferPointer { p in
            raw.withUnsafeMutableBufferPointer { o in
                gsl_ran_multinomial(rng, weights.count, UInt32(total), p.baseAddress, o.baseAddress)
            }
        }
        // Through a span: one uniqueness check, not one per count.
        ScratchArray.fill(&counts, 0, count: raw.count)
        var out = counts.mutableSpan
        for i in raw.indices { out[i] = Int(raw[i]) }
    }

    /// A binomial count (`gsl_ran_binomial`).
    public func binomial(p: Double, n: Int) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        counter.pointee &+= 1
        return Int(gsl_ran_binomial(rng, p, UInt32(n)))
    }
}
