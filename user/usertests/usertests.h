// user/usertests/usertests.h: what the usertests files share.
//
// usertests runs every test in a forked child. A test reports failure by
// calling fail(), which writes the reason down a pipe the driver reads and
// exits 1; returning from the test function means success. The user stack
// is one 4 KiB page, so tests keep big buffers static (ut_buf) and never
// recurse unless they mean to.
#ifndef USERTESTS_H
#define USERTESTS_H

#include <uapi/octopos/fcntl.h>
#include <uapi/octopos/fs.h>
#include <uapi/octopos/stat.h>
#include <uapi/octopos/sysinfo.h>
#include "user.h"

#define UT_PGSIZE   4096UL
#define UT_KERNBASE 0x80000000UL
#define UT_MAXVA    (1UL << 38)
#define UT_PGUP(a)  (((unsigned long)(a) + UT_PGSIZE - 1) & ~(UT_PGSIZE - 1))
#define UT_PGDOWN(a) ((unsigned long)(a) & ~(UT_PGSIZE - 1))

#define UT_SKIP_STATUS 77          // a child exiting with this was skipped

// What the driver learned about the running kernel before the first test.
struct ut_env {
  int quick;          // -q: keep every loop short
  int verbose;        // -v: say when each test starts and how long it took
  int ramfs;          // root file system is ramfs (-r or CONFIG_ROOT_FS_RAMFS)
  int large_files;    // CONFIG_FS_XV6_LARGE_FILES: MAXFILE does not apply
  int nr_open;        // CONFIG_NR_OPEN, or xv6's 16
  int nr_procs;       // CONFIG_NR_PROCS, or xv6's 64
  int nr_files;       // CONFIG_NR_FILES, or xv6's 100
  int timeout;        // -t: ticks a test may run before it is killed
  int have_config;    // getconfig() answered
  int have_exec_self; // progname can be opened, so exec tests can run
  int posix_calls;    // CONFIG_POSIX_CALLS (t_posix.c)
  char *progname;     // path to our own binary, for exec tests
};
extern struct ut_env ut;

// A test: fn runs in a fresh child. flags say when it may run.
#define UT_QUICK  0x1   // part of the -q set
#define UT_DISK   0x2   // needs the xv6 disk file system (skipped on ramfs)

struct ut_test {
  void (*fn)(void);
  const char *name;
  int flags;
  const char *what;     // one line for `usertests -l`
};

// Failure and skip, from the test child only (fail() also works in a
// grandchild: the reason travels down the same pipe).
void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void skip(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define CHECK(cond, ...) do { if (!(cond)) fail(__VA_ARGS__); } while (0)

// Helpers (usertests.c).
int  xfork(void);                          // fork or fail
int  xwait(int pid);                       // wait for pid, return its status
int  xopen(const char *path, int flags);   // open or fail
void xwrite(int fd, const void *buf, int n);
void xread(int fd, void *buf, int n);      // exactly n bytes or fail
void xclose(int fd);
int  run_child(void (*fn)(unsigned long), unsigned long arg);  // status
void expect_killed(void (*fn)(unsigned long), unsigned long arg, const char *what);
char *heap_edge(void);     // a page of our heap that ends at an unmapped page
void fill_pattern(char *buf, int n, int seed);
int  check_pattern(const char *buf, int n, int seed);  // 1 if it matches
int  lowest_free_fd(void);
int  nloops(int quick, int full);          // pick an iteration count

extern char ut_buf[16384];                 // scratch for tests (static: small stack)
extern volatile char ut_sink;              // keeps probing reads alive

// The tests, by file.
void t_forkwait(void);
void t_waitnone(void);
void t_getpid(void);
void t_exitstatus(void);
void t_killsleep(void);
void t_killloop(void);
void t_killself(void);
void t_killblocked(void);
void t_killbad(void);
void t_orphan(void);
void t_reparent(void);
void t_forkmax(void);
void t_forkfork(void);
void t_forkpipe(void);
void t_uptime(void);

void t_rlimitargs(void);
void t_rlimitnofile(void);
void t_rlimitnproc(void);
void t_rlimitroot(void);
void t_rlimitcpu(void);

void t_sighandler(void);
void t_sigkillstop(void);
void t_sigintr(void);
void t_sigalarm(void);
void t_sigwaitpid(void);
void t_sigfault(void);
void t_sigpipe(void);
void t_sigexec(void);
void t_sigforge(void);
void t_sigperm(void);
void t_siggroupfork(void);
int  sig_exec_helper(void);   // t_exec.c's helper runs it for "__sigexec"

void t_pipebasic(void);
void t_pipebig(void);
void t_pipenoreader(void);
void t_pipenowriter(void);
void t_pipebadptr(void);

void t_sbrkbasic(void);
void t_sbrkneg(void);
void t_sbrkabove(void);
void t_sbrkfork(void);
void t_sbrkhuge(void);
void t_sbrkmuch(void);
void t_kernmem(void);
void t_highmem(void);
void t_textwrite(void);
void t_stackguard(void);
void t_stackoverflow(void);
void t_memexhaust(void);
void t_memexhaust2(void);
void t_forkoom(void);

void t_rename(void);
void t_fsync(void);
void t_fileopen(void);
void t_filerw(void);
void t_bigfile(void);
void t_kstackdeep(void);
void t_opendir(void);
void t_unlinkdir(void);
void t_link(void);
void t_mkdir(void);
void t_rootdotdot(void);
void t_fstat(void);
void t_dup(void);
void t_console(void);
void t_dirmany(void);
void t_concfs(void);
void t_concsame(void);
void t_unlinkopen(void);
void t_truncate(void);
void t_longname(void);
void t_pathwalk(void);
void t_cwdremove(void);
void t_diskfull(void);
void t_inodefull(void);
void t_symlink(void);      // t_fsx.c: optional file-system features
void t_largefile(void);

void t_badfd(void);
void t_fdexhaust(void);
void t_filetable(void);
void t_badptr(void);
void t_hugelen(void);
void t_badpath(void);
void t_badsyscall(void);
void t_sysinfo(void);

void t_execargs(void);
void t_execfd(void);
void t_execbad(void);
void t_execelf(void);
void t_execargv(void);
void t_execmany(void);
int  exec_helper(int argc, char *argv[]);   // "usertests __xxx ...": child side

void t_lseek(void);        // t_posix.c: CONFIG_POSIX_CALLS
void t_getdents(void);
void t_getcwd(void);
void t_dup2(void);
void t_clock(void);
void t_nanosleep(void);
void t_ftruncate(void);
void t_isatty(void);

#endif
