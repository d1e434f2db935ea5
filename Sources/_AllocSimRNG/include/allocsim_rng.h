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

#endif
