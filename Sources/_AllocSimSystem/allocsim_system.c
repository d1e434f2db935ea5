#define _GNU_SOURCE
#include "allocsim_system.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int renameat2_flags(const char *from, const char *to, unsigned int flags) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
#else
    (void)from; (void)to; (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

int allocsim_rename_exchange(const char *from, const char *to) {
    return renameat2_flags(from, to, RENAME_EXCHANGE);
}

int allocsim_rename_noreplace(const char *from, const char *to) {
    int r = renameat2_flags(from, to, RENAME_NOREPLACE);
    if (r == 0 || (errno != EINVAL && errno != ENOSYS)) return r;
    /* A file system without renameat2 flags: check, then rename. The caller
     * holds the target's lock, so no other allocsim races this. */
    struct stat st;
    if (lstat(to, &st) == 0) { errno = EEXIST; return -1; }
    return rename(from, to);
}

/* Writes all of `content` to `fd`; 0, or -1 with errno set. */
static int write_all(int fd, const char *content, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, content, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        content += n;
        len -= (size_t)n;
    }
    return 0;
}

int allocsim_create_with_content(const char *dir, const char *path, const char *content, size_t len) {
#ifdef O_TMPFILE
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
    if (fd >= 0) {
        char self[64];
        snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
        if (write_all(fd, content, len) == 0 && linkat(AT_FDCWD, self, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0) return fd;
        int saved = errno;
        close(fd);
        if (saved == EEXIST) { errno = EEXIST; return -1; }
        /* No /proc, or a link the file system refuses: the plain way below. */
    }
#endif
    (void)dir;
    int f = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0644);
    if (f < 0) return -1;
    if (write_all(f, content, len) != 0) {
        int saved = errno;
        close(f);
        unlink(path);
        errno = saved;
        return -1;
    }
    return f;
}

int allocsim_fsync_path(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int r = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return r;
}
