#include "allocsim_rng.h"

typedef struct {
    uint64_t s[4];
} xoshiro_state;

uint64_t allocsim_mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline uint64_t rotl(const uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t next(xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void xoshiro_set(void *vstate, unsigned long int seed) {
    xoshiro_state *st = (xoshiro_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) {
        x += 0x9e3779b97f4a7c15ULL;
        st->s[i] = allocsim_mix64(x);
    }
}

static unsigned long int xoshiro_get(void *vstate) {
    return (unsigned long int)next((xoshiro_state *)vstate);
}

static double xoshiro_get_double(void *vstate) {
    /* 53 random bits in [0, 1). */
    return (double)(next((xoshiro_state *)vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**",
    0xffffffffffffffffUL,
    0,
    sizeof(xoshiro_state),
    &xoshiro_set,
    &xoshiro_get,
    &xoshiro_get_double
};

const gsl_rng_type *allocsim_rng_xoshiro256ss(void) {
    return &xoshiro_type;
}
