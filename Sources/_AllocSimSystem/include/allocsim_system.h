#ifndef ALLOCSIM_SYSTEM_H
#define ALLOCSIM_SYSTEM_H

#include <stddef.h>

/* Linux calls the Swift Glibc overlay does not export. */

/* Atomically swaps two existing paths (renameat2 with RENAME_EXCHANGE).
 * Returns 0, or -1 with errno set (EINVAL/ENOSYS where unsupported). */
int allocsim_rename_exchange(const char *from, const char *to);

/* Renames `from` to `to` only if `to` does not exist (RENAME_NOREPLACE);
 * falls back to link-free rename semantics where unsupported.
 * Returns 0, or -1 with errno set (EEXIST when `to` exists). */
int allocsim_rename_noreplace(const char *from, const char *to);

/* Creates the file `path` (in directory `dir`) already holding `len` bytes
 * of `content`, so the path never names the file empty or half-written: an
 * unnamed file (O_TMPFILE) is written, then linked in place only if `path`
 * does not exist. Where the file system lacks O_TMPFILE, falls back to
 * O_CREAT | O_EXCL and a write. Returns the open file (read-write), or -1
 * with errno set (EEXIST when `path` exists). */
int allocsim_create_with_content(const char *dir, const char *path, const char *content, size_t len);

/* fsync of a path (a file or a directory). Returns 0 or -1 with errno. */
int allocsim_fsync_path(const char *path);

#endif
