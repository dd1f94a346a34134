// include/octopos/refcheck.h: reference census at power-off (CONFIG_DEBUG_FS_REFS, fs/refcheck.c).
//
// Open files and in-core inodes are counted, not traced: a path that takes
// a reference and never gives it back is invisible until an unlinked file
// outlives every process that had it (an orphan on disk after a clean
// power-off). Before powering off, a debug kernel accounts for every
// reference (descriptors, working directories, the mounted root) and
// reports what nobody holds, with the process and system call that took
// the reference last.
#ifndef OCTOPOS_REFCHECK_H
#define OCTOPOS_REFCHECK_H

struct inode;

#if IS_ENABLED(CONFIG_DEBUG_FS_REFS)
void refcheck_take(struct inode *ip);  // iget/idup: remember who took it
void refcheck_poweroff(void);          // sys_poweroff: account for everything
#else
static inline void refcheck_take(struct inode *ip) { (void)ip; }
static inline void refcheck_poweroff(void) {}
#endif

#endif
