internal import CGSL
internal import _AllocSimRNG

/// Where a random stream comes from: the scenario seed, the sweep cell and
/// the replicate number (SPEC §5).
///
/// The three are folded into one 64-bit generator seed by SplitMix64's
/// bijective finaliser, so two replicates never share a stream unless
/// their keys collide in 64 bits (about one chance in 2^25 for a
/// million-by-million sweep). No 32-bit seeding happens anywhere.
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
    public var seed: UInt64
    public var cell: UInt64
    public var replicate: UInt64

    public init(seed: UInt64, cell: UInt64 = 0, replicate: UInt64 = 0) {
        self.seed = seed
        self.cell = cell
        self.replicate = replicate
    }

    /// The 64-bit value handed to `gsl_rng_set`.
    public var generatorSeed: UInt64 {
        var h = allocsim_mix64(seed ^ 0x616c_6c6f_6373_696d)   // "allocsim"
        h = allocsim_mix64((h ^ cell) &+ 0x9e37_79b9_7f4a_7c15)
        h = allocsim_mix64((h ^ replicate) &+ 0xd1b5_4a32_d192_ed03)
        return h
    }

    public var description: String {
        "seed=\(seed) cell=\(cell) replicate=\(replicate)"
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
    public private(set) var key: StreamKey
    /// How many draws have been taken since the last (re)seeding.
    public private(set) var drawCount: Int = 0

    /// The GSL generator's name, for provenance manifests.
    public static let generatorName = "xoshiro256** (custom gsl_rng_type, SplitMix64-seeded)"

    private static let setUp: Void = { _ = gsl_set_error_handler_off() }()

    public init(_ key: StreamKey) {
        _ = RandomStream.setUp
        guard let r = gsl_rng_alloc(allocsim_rng_xoshiro256ss()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        rng = r
        self.key = key
        gsl_rng_set(rng, UInt(key.generatorSeed))
    }

    deinit { gsl_rng_free(rng) }

    public func reseed(_ key: StreamKey) {
        self.key = key
        drawCount = 0
        gsl_rng_set(rng, UInt(key.generatorSeed))
    }

    /// A raw 64-bit output (used by tests of stream independence).
    public func nextRaw() -> UInt64 {
        drawCount += 1
        return UInt64(gsl_rng_get(rng))
    }

    /// A uniform integer in `0..<n` by `gsl_rng_uniform_int` (rejection
    /// sampling, so every value is exactly equally likely).
    public func uniformIndex(_ n: Int) -> Int {
        precondition(n > 0, "uniformIndex needs at least one candidate")
        if n == 1 { return 0 }
        drawCount += 1
        return Int(gsl_rng_uniform_int(rng, UInt(n)))
    }

    /// A uniform double in [0, 1).
    public func uniform() -> Double {
        drawCount += 1
        return gsl_rng_uniform(rng)
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
        drawCount += 1
        return Int(gsl_ran_poisson(rng, mu))
    }

    /// A multinomial split of `total` over weights `p` (`gsl_ran_multinomial`).
    public func multinomial(total: Int, weights: [Double]) -> [Int] {
        var out = [UInt32](repeating: 0, count: weights.count)
        drawCount += 1
        weights.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                gsl_ran_multinomial(rng, weights.count, UInt32(total), p.baseAddress, o.baseAddress)
            }
        }
        return out.map(Int.init)
    }

    /// A binomial count (`gsl_ran_binomial`).
    public func binomial(p: Double, n: Int) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        drawCount += 1
        return Int(gsl_ran_binomial(rng, p, UInt32(n)))
    }
}
