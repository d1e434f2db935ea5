#ifndef ALLOCSIM_RNG_H
#define ALLOCSIM_RNG_H

#include <gsl/gsl_rng.h>
#include <stdint.h>

/// xoshiro256** (Blackman & Vigna, 2018) as a GSL generator type.
///
/// `gsl_rng_set(r, seed)` uses all 64 bits of `seed` (an `unsigned long`,
/// 64 bits on LP64): the 256-bit state is filled from `seed` by SplitMix64.
/// GSL's own mt19937 keeps only 32 bits of its seed, so a million streams
/// seeded that way would repeat (SPEC §5).
const gsl_rng_type *allocsim_rng_xoshiro256ss(void);

/// SplitMix64's finaliser: a bijective 64-bit mix.
uint64_t allocsim_mix64(uint64_t x);

/// The state a generator of this type keeps (what `gsl_rng.state` points to).
typedef struct {
    uint64_t s[4];
} allocsim_xoshiro_state;

static inline uint64_t allocsim_xoshiro_rotl(const uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

/// The next 64-bit output, advancing the state.
static inline uint64_t allocsim_xoshiro_next(allocsim_xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = allocsim_xoshiro_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = allocsim_xoshiro_rotl(s[3], 45);
    return result;
}

/// 53 random bits as a double in [0, 1): this type's `get_double`.
static inline double allocsim_xoshiro_double(allocsim_xoshiro_state *st) {
    return (double)(allocsim_xoshiro_next(st) >> 11) * 0x1.0p-53;
}

/// What `gsl_rng_uniform(r)` returns for a generator `r` of this type, with
/// the same step of its state, but inline: without the calls through GSL's
/// dispatch and the type's function pointer (Monte Carlo draws millions).
static inline double allocsim_xoshiro_uniform(const gsl_rng *r) {
    return allocsim_xoshiro_double((allocsim_xoshiro_state *)r->state);
}

/// `UINT64_MAX / n` for 0 < n < ALLOCSIM_SCALE_TABLE, worked out when the
/// library is loaded: the first of `allocsim_xoshiro_uniform_int`'s two
/// divisions, looked up instead for the small bounds of lottery draws
/// and shuffles.
#define ALLOCSIM_SCALE_TABLE 1024
extern uint64_t allocsim_uniform_int_scale[ALLOCSIM_SCALE_TABLE];

/// What `gsl_rng_uniform_int(r, n)` returns for a generator `r` of this
/// type, with the same steps of its state, but inline (as
/// `allocsim_xoshiro_uniform`): GSL's rejection method, whose range is
/// the type's max - min = 2^64 - 1 here. The lottery draws and the
/// submission shuffle take some 57 of these a Guam replicate. For n = 0,
/// which GSL rejects as an error, 0 and no step, as GSL returns with its
/// error handler off (never a division by zero).
static inline unsigned long allocsim_xoshiro_uniform_int(const gsl_rng *r, unsigned long n) {
    if (n == 0) return 0;
    allocsim_xoshiro_state *st = (allocsim_xoshiro_state *)r->state;
    const uint64_t scale = n < ALLOCSIM_SCALE_TABLE ? allocsim_uniform_int_scale[n] : UINT64_MAX / n;
    uint64_t k;
    do {
        k = allocsim_xoshiro_next(st) / scale;
    } while (k >= n);
    return k;
}

#endif
