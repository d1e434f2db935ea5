#ifndef ALLOCSIM_CZLIB_SHIM_H
#define ALLOCSIM_CZLIB_SHIM_H
/* zlib from Debian's zlib1g-dev, for gzip-compressed tables
   (`allocsim run --replicate-table`). */
#include <zlib.h>
#endif
