// include/uapi/octopos/posix.h: what the POSIX_CALLS system calls (25, 46-52)
// take and return, shared by the kernel (fs/sysfile_posix.c,
// kernel/systime.c) and user space (user/libc-glue for picolibc).
//
// Layouts match what a 64-bit C library expects (struct timespec is two
// 64-bit words on RV64), so a libc can pass its own structs straight in.
#ifndef UAPI_OCTOPOS_POSIX_H
#define UAPI_OCTOPOS_POSIX_H

// lseek whence
#define OCTOPOS_SEEK_SET 0
#define OCTOPOS_SEEK_CUR 1
#define OCTOPOS_SEEK_END 2

// clock_gettime clocks: wall time (the RTC; without one, time since boot)
// and time since boot.
#define OCTOPOS_CLOCK_REALTIME  0
#define OCTOPOS_CLOCK_MONOTONIC 1

struct octopos_timespec {
  long tv_sec;
  long tv_nsec;             // 0..999999999
};

// getdents(fd, buf, n) fills buf with whole struct dirent records
// (<uapi/octopos/fs.h>: 2-byte inode number, 14-byte name, not always
// NUL-terminated), skipping free slots, and returns the bytes filled: 0 at
// the end of the directory. n smaller than one record is an error.

#endif
