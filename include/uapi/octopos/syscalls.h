// include/uapi/octopos/syscalls.h: the one system-call table.
//
// Both sides expand it: the kernel builds its dispatch array from it
// (kernel/syscall.c) and user/lib/usys.S turns each line into an ecall stub,
// so a number can never disagree between the two. Numbers 1-21 are
// xv6-riscv's and never change; new calls take new numbers from 22 up.
// Define SYSCALL(name, number) before including this file.
//
// SYSCALL_OPT(name, number, CONFIG_X) is a call that exists only when
// CONFIG_X is set. User space sees it like any other (a kernel without it
// answers -1); the kernel's table (kernel/syscall_table.S) leaves it out when
// CONFIG_X is unset, so a small kernel does not pay 4 bytes for every number
// up to the last one.
#ifndef SYSCALL_OPT
#define SYSCALL_OPT(name, nr, opt) SYSCALL(name, nr)
#define SYSCALL_OPT_DEFAULTED
#endif
SYSCALL(fork,      1)
SYSCALL(exit,      2)
SYSCALL(wait,      3)
SYSCALL(pipe,      4)
SYSCALL(read,      5)
SYSCALL(kill,      6)
SYSCALL(exec,      7)
SYSCALL(fstat,     8)
SYSCALL(chdir,     9)
SYSCALL(dup,      10)
SYSCALL(getpid,   11)
SYSCALL(sbrk,     12)
SYSCALL(sleep,    13)
SYSCALL(uptime,   14)
SYSCALL(open,     15)
SYSCALL(write,    16)
SYSCALL(mknod,    17)
SYSCALL(unlink,   18)
SYSCALL(link,     19)
SYSCALL(mkdir,    20)
SYSCALL(close,    21)
// octopos extensions
SYSCALL(sysinfo,  22)   // int sysinfo(struct sysinfo *): memory, harts, procs
SYSCALL(uname,    23)   // int uname(struct utsname *)
SYSCALL(poweroff, 24)   // int poweroff(int how): 0 off, 1 reboot
SYSCALL_OPT(getdents, 25, CONFIG_POSIX_CALLS) // int getdents(int fd, void *buf, int n): directory entries
SYSCALL(getconfig,26)   // int getconfig(char *buf, int n): the kernel's .config (CONFIG_IKCONFIG)
SYSCALL(lockstat, 27)   // int lockstat(struct lockstat_rec *, int n) (CONFIG_LOCK_STAT)
SYSCALL(symlink,  28)   // int symlink(const char *target, const char *path) (CONFIG_FS_SYMLINKS)
SYSCALL(getuid,   29)   // CONFIG_MULTIUSER from here on
SYSCALL(geteuid,  30)
SYSCALL(getgid,   31)
SYSCALL(getegid,  32)
SYSCALL(setuid,   33)   // int setuid(int uid): root only
SYSCALL(setgid,   34)   // int setgid(int gid): root only
SYSCALL(chmod,    35)   // int chmod(const char *path, int mode)
SYSCALL(chown,    36)   // int chown(const char *path, int uid, int gid): root only
SYSCALL(umask,    37)   // int umask(int mask): returns the old mask
SYSCALL(xstat,    38)   // int xstat(int fd, struct xstat *): stat with mode, uid, gid, mtime
SYSCALL(gettime,  39)   // int gettime(unsigned long *ns): wall-clock time (RTC)
SYSCALL(lockstat_harts, 40) // int lockstat_harts(int class, struct lockstat_hart_rec *, int n) (CONFIG_LOCK_STAT)
SYSCALL(lockbench, 41)  // long lockbench(int what, int n): time-CSR ticks of n lock operations (CONFIG_LOCK_BENCH)
SYSCALL(pagebench,42)   // int pagebench(int n, int batch, struct pagebench *) (CONFIG_PAGE_ALLOC_BENCH)
SYSCALL_OPT(sync,      43, CONFIG_FS_SYNC)     // int sync(void): commit every file system, wait
SYSCALL_OPT(fsync,     44, CONFIG_FS_SYNC)     // int fsync(int fd): commit what fd depends on, wait
SYSCALL_OPT(rename,    45, CONFIG_FS_SYNC)     // int rename(const char *old, const char *new): atomic
SYSCALL_OPT(lseek,     46, CONFIG_POSIX_CALLS) // long lseek(int fd, long off, int whence)
SYSCALL_OPT(getcwd,    47, CONFIG_POSIX_CALLS) // int getcwd(char *buf, int n)
SYSCALL_OPT(dup2,      48, CONFIG_POSIX_CALLS) // int dup2(int old, int new)
SYSCALL_OPT(clock_gettime, 49, CONFIG_POSIX_CALLS) // int clock_gettime(int clk, struct timespec *)
SYSCALL_OPT(nanosleep, 50, CONFIG_POSIX_CALLS) // int nanosleep(const struct timespec *, struct timespec *)
SYSCALL_OPT(ftruncate, 51, CONFIG_POSIX_CALLS) // int ftruncate(int fd, long len)
SYSCALL_OPT(isatty,    52, CONFIG_POSIX_CALLS) // int isatty(int fd)
SYSCALL_OPT(sigkill,   53, CONFIG_SIGNALS)     // int sigkill(int pid, int sig)
SYSCALL_OPT(sigaction, 54, CONFIG_SIGNALS)
SYSCALL_OPT(sigprocmask, 55, CONFIG_SIGNALS)
SYSCALL_OPT(sigreturn, 56, CONFIG_SIGNALS)
SYSCALL_OPT(sigsuspend, 57, CONFIG_SIGNALS)
SYSCALL_OPT(pause,     58, CONFIG_SIGNALS)
SYSCALL_OPT(alarm,     59, CONFIG_SIGNALS)
SYSCALL_OPT(waitpid,   60, CONFIG_SIGNALS)     // int waitpid(int pid, int *status, int options)
SYSCALL_OPT(setsid,    61, CONFIG_JOB_CONTROL)
SYSCALL_OPT(setpgid,   62, CONFIG_JOB_CONTROL)
SYSCALL_OPT(getpgid,   63, CONFIG_JOB_CONTROL)
SYSCALL_OPT(getsid,    64, CONFIG_JOB_CONTROL)
SYSCALL_OPT(tcsetpgrp, 65, CONFIG_JOB_CONTROL)
SYSCALL_OPT(tcgetpgrp, 66, CONFIG_JOB_CONTROL)
SYSCALL_OPT(getrlimit, 67, CONFIG_RLIMITS)
SYSCALL_OPT(setrlimit, 68, CONFIG_RLIMITS)
SYSCALL_OPT(procinfo,  69, CONFIG_PROCINFO)    // int procinfo(struct procinfo *, int n): for ps
SYSCALL_OPT(getppid,   70, CONFIG_PROCINFO)
SYSCALL_OPT(lasterror, 80, CONFIG_SIGNALS)     // int lasterror(void): the error number of the last failed call

#ifdef SYSCALL_OPT_DEFAULTED
#undef SYSCALL_OPT
#undef SYSCALL_OPT_DEFAULTED
#endif
