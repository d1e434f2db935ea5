/* Counts heap allocations of a process (LD_PRELOAD), for the replicate
 * benchmark: at exit it prints "malloc_count: N" to standard error. The
 * benchmark runs the same command at two replicate counts and divides the
 * difference by the difference in replicates, so start-up and output cost
 * cancel and what remains is allocations per replicate.
 *
 * cc -O2 -shared -fPIC malloc_count.c -o malloc_count.so -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_long calls;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);

/* dlsym may itself call calloc: serve it from a small static buffer. */
static char bootstrap[4096];
static size_t bootstrap_used;

static void init(void) {
    if (real_malloc) return;
    real_calloc = dlsym(RTLD_NEXT, "calloc");
    real_malloc = dlsym(RTLD_NEXT, "malloc");
    real_realloc = dlsym(RTLD_NEXT, "realloc");
    real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
}

void *malloc(size_t n) { init(); atomic_fetch_add(&calls, 1); return real_malloc(n); }
void *calloc(size_t a, size_t b) {
    if (!real_calloc) {
        size_t n = (a * b + 15) & ~(size_t)15;
        if (bootstrap_used + n > sizeof bootstrap) return NULL;
        void *p = bootstrap + bootstrap_used; bootstrap_used += n; return p;
    }
    atomic_fetch_add(&calls, 1);
    return real_calloc(a, b);
}
void *realloc(void *p, size_t n) { init(); atomic_fetch_add(&calls, 1); return real_realloc(p, n); }
int posix_memalign(void **p, size_t a, size_t n) { init(); atomic_fetch_add(&calls, 1); return real_posix_memalign(p, a, n); }
void *aligned_alloc(size_t a, size_t n) { init(); atomic_fetch_add(&calls, 1); return real_aligned_alloc(a, n); }
void free(void *p) {
    if ((char *)p >= bootstrap && (char *)p < bootstrap + sizeof bootstrap) return;
    static void (*real_free)(void *);
    if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
    real_free(p);
}

__attribute__((destructor)) static void report(void) {
    char line[64];
    int n = snprintf(line, sizeof line, "malloc_count: %ld\n", atomic_load(&calls));
    if (n > 0) { ssize_t w = write(2, line, (size_t)n); (void)w; }
}
