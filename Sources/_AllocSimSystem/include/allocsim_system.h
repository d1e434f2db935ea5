#ifndef ALLOCSIM_SYSTEM_H
#define ALLOCSIM_SYSTEM_H

/* Linux calls the Swift Glibc overlay does not export. */

/* Atomically swaps two existing paths (renameat2 with RENAME_EXCHANGE).
 * Returns 0, or -1 with errno set (EINVAL/ENOSYS where unsupported). */
int allocsim_rename_exchange(const char *from, const char *to);

/* Renames `from` to `to` only if `to` does not exist (RENAME_NOREPLACE);
 * falls back to link-free rename semantics where unsupported.
 * Returns 0, or -1 with errno set (EEXIST when `to` exists). */
int allocsim_rename_noreplace(const char *from, const char *to);

/* fsync of a path (a file or a directory). Returns 0 or -1 with errno. */
int allocsim_fsync_path(const char *path);

#endif
