// user/include/user.h: the octopos user library: system calls and a small libc.
//
// System-call stubs come from user/lib/usys.S, which expands the same table
// the kernel uses (include/uapi/octopos/syscalls.h). The signatures are
// xv6-riscv's, so xv6 programs build against this header unchanged. Every call
// returns -1 on error.
#ifndef USER_USER_H
#define USER_USER_H

#include <octopos/types.h>
#include <uapi/octopos/fcntl.h>
#include <uapi/octopos/fs.h>
#include <uapi/octopos/stat.h>
#include <uapi/octopos/sysinfo.h>
#include <uapi/octopos/lockstat.h>
#include <uapi/octopos/xstat.h>
#include <uapi/octopos/pagebench.h>
#include <uapi/octopos/resource.h>
#include <uapi/octopos/signal.h>
#include <uapi/octopos/procinfo.h>

// System calls 1-21 (xv6-riscv).
int fork(void);
int exit(int status) __attribute__((noreturn));
int wait(int *status);
int pipe(int *fds);
int write(int fd, const void *buf, int n);
int read(int fd, void *buf, int n);
int close(int fd);
int kill(int pid);
int exec(const char *path, char **argv);
int open(const char *path, int flags);
int mknod(const char *path, short major, short minor);
int unlink(const char *path);
int fstat(int fd, struct stat *st);
int link(const char *oldpath, const char *newpath);
int mkdir(const char *path);
int chdir(const char *path);
int dup(int fd);
int getpid(void);
char *sbrk(int n);
int sleep(int ticks);
int uptime(void);

// octopos extensions (22 up).
int sysinfo(struct sysinfo *info);
int uname(struct utsname *u);
int poweroff(int how);                // 0 power off, 1 reboot; returns only on error
int gettime(unsigned long *ns);       // wall-clock ns since 1970 (RTC); -1 without one
int lockstat(struct lockstat_rec *recs, int n); // lock statistics (CONFIG_LOCK_STAT)
int lockstat_harts(int cls, struct lockstat_hart_rec *recs, int n); // one class, per hart
long lockbench(int what, int n);      // time-CSR ticks of n lock operations (CONFIG_LOCK_BENCH)
int getconfig(char *buf, int n);      // copies the kernel's .config; returns its length
// Users and permissions (CONFIG_MULTIUSER; -1 from a kernel without it).
int getuid(void);
int geteuid(void);
int getgid(void);
int getegid(void);
int setuid(int uid);                  // root: real and effective; others: back to the real id
int setgid(int gid);
int chmod(const char *path, int mode);
int chown(const char *path, int uid, int gid);   // root only; -1 keeps an id
int umask(int mask);                  // returns the old mask
int xstat(int fd, struct xstat *xs);  // fstat plus mode, owner, group, mtime
int symlink(const char *target, const char *path); // CONFIG_FS_SYMLINKS; -1 without
int pagebench(int n, int batch, struct pagebench *r); // CONFIG_PAGE_ALLOC_BENCH; -1 without
// Durability (CONFIG_FS_SYNC; -1 without).
int sync(void);                       // commit every file system, wait
int fsync(int fd);                    // commit what fd's file depends on, wait; -1 on a pipe or device
int rename(const char *old, const char *new); // atomic within one file system
// Resource limits (CONFIG_RLIMITS; -1 without).
int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);
// POSIX calls (CONFIG_POSIX_CALLS; -1 without): <uapi/octopos/posix.h>.
struct octopos_timespec;
int getdents(int fd, void *buf, int n);   // whole struct dirents; bytes, 0 at the end
long lseek(int fd, long off, int whence);
int getcwd(char *buf, int n);             // path length; -1 if n is too small
int dup2(int oldfd, int newfd);
int clock_gettime(int clk, struct octopos_timespec *ts);
int nanosleep(const struct octopos_timespec *req, struct octopos_timespec *rem);
int ftruncate(int fd, long len);          // grow, or shrink to 0
int isatty(int fd);                       // 1 console, 0 other files
// Signals (CONFIG_SIGNALS; -1 without). A handler set with sigaction needs
// sa_restorer = sigreturn; signal() (user/lib/signal.c) does that.
int sigkill(int pid, int sig);        // pid > 0, 0 (our group), -1 (all), < -1 (group -pid)
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
void sigreturn(void);                 // where handlers return (never call it yourself)
int sigsuspend(const sigset_t *mask);
int pause(void);
int alarm(int seconds);
int waitpid(int pid, int *status, int options);
sighandler_t signal(int sig, sighandler_t handler);
// Job control (CONFIG_JOB_CONTROL; -1 without).
int setsid(void);
int setpgid(int pid, int pgid);
int getpgid(int pid);
int getsid(int pid);
int tcsetpgrp(int fd, int pgid);
int tcgetpgrp(int fd);
// Processes (CONFIG_PROCINFO; -1 without).
int procinfo(struct procinfo *buf, int n);   // records copied
int getppid(void);
// user/lib/strerror.c (linked where used): the message for an error
// number, and a call that also returns the kernel's error number.
const char *strerror(int err);
long syscall_errno(int nr, long a0, long a1, int *err);
int lasterror(void);                  // CONFIG_SIGNALS: the last failed call's error number
const char *signame(int sig);         // "TERM" for SIGTERM, or 0
int signum(const char *name);         // "TERM", "SIGTERM" or "15": the number, or -1

// ulib.c
char *strcpy(char *dst, const char *src);
int strcmp(const char *p, const char *q);
int strncmp(const char *p, const char *q, uint n);
uint strlen(const char *s);
void *memset(void *dst, int c, uint n);
void *memmove(void *dst, const void *src, int n);
void *memcpy(void *dst, const void *src, uint n);
int memcmp(const void *a, const void *b, uint n);
char *strchr(const char *s, char c);
char *gets(char *buf, int max);
int atoi(const char *s);
int stat(const char *path, struct stat *st);

// printf.c: %d %u %x %p %s %c %%, with l/ll size prefixes and an optional
// width ("%5d", "%-14s", "%08x"). Output goes out in one write per call.
// snprintf stores at most size - 1 bytes and a NUL, and returns the length
// the whole output would have had (as C's); vsnprintf takes a va_list.
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int  snprintf(char *buf, int size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int  vsnprintf(char *buf, int size, const char *fmt, __builtin_va_list ap);

// umalloc.c
void *malloc(uint n);
void free(void *p);

// The `time` CSR is readable from user mode: a cheap clock for benchmarks,
// much finer than uptime()'s ticks. Its rate differs per board (10 MHz on
// QEMU virt, 1 MHz on sifive_u): timebase_hz() asks the kernel.
static inline uint64
rdtime(void)
{
  uint64 t;
  asm volatile("csrr %0, time" : "=r"(t));
  return t;
}

// Hz of rdtime(), from sysinfo (the devicetree's timebase-frequency; the
// kernel does not boot without one, so this is never 0).
static inline unsigned long
timebase_hz(void)
{
  struct sysinfo si;
  return sysinfo(&si) == 0 ? si.timebase : 0;
}

#endif
