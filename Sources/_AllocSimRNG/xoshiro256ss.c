#include "allocsim_rng.h"

uint64_t allocsim_uniform_int_scale[ALLOCSIM_SCALE_TABLE];

__attribute__((constructor)) static void allocsim_fill_scale_table(void) {
    allocsim_uniform_int_scale[0] = 0;   /* unused: n = 0 is never drawn */
    for (uint64_t n = 1; n < ALLOCSIM_SCALE_TABLE; n++) allocsim_uniform_int_scale[n] = UINT64_MAX / n;
}

uint64_t allocsim_mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void xoshiro_set(void *vstate, unsigned long int seed) {
    allocsim_xoshiro_state *st = (allocsim_xoshiro_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) {
        x += 0x9e3779b97f4a7c15ULL;
        st->s[i] = allocsim_mix64(x);
    }
}

static unsigned long int xoshiro_get(void *vstate) {
    return (unsigned long int)allocsim_xoshiro_next((allocsim_xoshiro_state *)vstate);
}

static double xoshiro_get_double(void *vstate) {
    return allocsim_xoshiro_double((allocsim_xoshiro_state *)vstate);
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**",
    0xffffffffffffffffUL,
    0,
    sizeof(allocsim_xoshiro_state),
    &xoshiro_set,
    &xoshiro_get,
    &xoshiro_get_double
};

const gsl_rng_type *allocsim_rng_xoshiro256ss(void) {
    return &xoshiro_type;
}
