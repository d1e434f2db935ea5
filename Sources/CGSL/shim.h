#ifndef ALLOCSIM_CGSL_SHIM_H
#define ALLOCSIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_qrng.h>

/* The Sobol generator type (Bratley & Fox / Antonov & Saleev), a global
   Swift cannot take the address of directly. */
static inline const gsl_qrng_type *allocsim_qrng_sobol(void) { return gsl_qrng_sobol; }

#endif
