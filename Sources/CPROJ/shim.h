#ifndef ALLOCSIM_CPROJ_SHIM_H
#define ALLOCSIM_CPROJ_SHIM_H

/* Karney's geodesic algorithms as PROJ ships them (geod_init, geod_inverse). */
#include <geodesic.h>

#endif
