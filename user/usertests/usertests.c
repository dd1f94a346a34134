// user/usertests/usertests.c: octopos's in-guest test suite, the driver.
//
// usertests [-q] [-c] [-r] [-v] [-l] [-t ticks] [testname ...]
//   -q  quick set only (well under a minute under QEMU TCG)
//   -c  run continuously until a round fails
//   -r  the root file system is ramfs (skip disk-only tests); probed too
//   -v  print each test's name before it starts and its time in ticks
//   -l  list the tests and exit
//   -t  kill a test that runs longer than this many ticks (default 3000)
// Every test runs in a forked child so a crash, a kill or a leaked fd stays
// in that child; a watchdog child kills it if it hangs. The child sends its
// failure reason down a pipe; the driver prints one line per test and, at
// the end, "ALL TESTS PASSED" or "SOME TESTS FAILED: ..." and exits 0 or 1.
// A last pseudo-test, freemem-leak, checks that free memory came back to
// where it started once every child was reaped.
#include <stdarg.h>
#include "usertests.h"

struct ut_env ut;
char ut_buf[16384];
volatile char ut_sink;
static int reason_fd = -1;        // child side of the reason pipe

static struct ut_test tests[] = {
  // processes
  { t_forkwait,     "forkwait",     UT_QUICK, "fork/exit/wait pass exit statuses; wait(0) works" },
  { t_waitnone,     "waitnone",     UT_QUICK, "wait with no children returns -1" },
  { t_getpid,       "getpid",       UT_QUICK, "getpid is stable, fork returns the child's pid" },
  { t_exitstatus,   "exitstatus",   UT_QUICK, "many children, each status reaches its parent" },
  { t_killsleep,    "killsleep",    UT_QUICK, "kill of a sleeping child; status -1" },
  { t_killloop,     "killloop",     UT_QUICK, "kill of a spinning child; status -1" },
  { t_killself,     "killself",     UT_QUICK, "kill(getpid()) ends the caller with -1" },
  { t_killblocked,  "killblocked",  UT_QUICK, "kill wakes children blocked in read and wait" },
  { t_killbad,      "killbad",      UT_QUICK, "kill of absent pids returns -1" },
  { t_orphan,       "orphan",       UT_QUICK, "orphans keep running and are reaped by init" },
  { t_reparent,     "reparent",     UT_QUICK, "many short-lived orphans" },
  { t_forkmax,      "forkmax",      UT_QUICK, "fork until failure, then reap all" },
  { t_forkfork,     "forkfork",     0,        "several processes forking concurrently" },
  { t_forkpipe,     "forkpipe",     0,        "forks and pipes on every hart for 15 s (lock registration under the timer)" },
  { t_uptime,       "uptime",       UT_QUICK, "sleep advances uptime" },
  // resource limits (CONFIG_RLIMITS; skipped without)
  { t_rlimitargs,   "rlimitargs",   UT_QUICK, "getrlimit/setrlimit check their arguments; only root raises a hard limit" },
  { t_rlimitnofile, "rlimitnofile", UT_QUICK, "RLIMIT_NOFILE caps descriptors, survives fork" },
  { t_rlimitnproc,  "rlimitnproc",  UT_QUICK, "RLIMIT_NPROC caps a user's processes" },
  { t_rlimitroot,   "rlimitroot",   UT_QUICK, "a user cannot take the slots kept for root" },
  { t_rlimitcpu,    "rlimitcpu",    UT_QUICK, "RLIMIT_CPU kills a spinning process" },
  // signals (CONFIG_SIGNALS; skipped without)
  { t_sighandler,   "sighandler",   UT_QUICK, "handlers run and return, registers intact; SIG_IGN" },
  { t_sigkillstop,  "sigkillstop",  UT_QUICK, "SIGKILL and SIGSTOP cannot be caught, ignored or blocked" },
  { t_sigintr,      "sigintr",      UT_QUICK, "a signal interrupts read, sleep, pause, wait, write" },
  { t_sigalarm,     "sigalarm",     UT_QUICK, "alarm fires SIGALRM; alarm(0) reports the time left" },
  { t_sigwaitpid,   "sigwaitpid",   UT_QUICK, "waitpid statuses: exit, signal, stop; WNOHANG; SIGCHLD" },
  { t_sigfault,     "sigfault",     UT_QUICK, "SIGSEGV/SIGILL handlers; a blocked fault kills" },
  { t_sigpipe,      "sigpipe",      UT_QUICK, "write to a pipe without readers: SIGPIPE, or -1 if ignored" },
  { t_sigexec,      "sigexec",      UT_QUICK, "masks and handlers survive fork; exec resets handlers, keeps mask" },
  { t_sigforge,     "sigforge",     UT_QUICK, "a forged or missing sigreturn frame only kills the process" },
  { t_sigperm,      "sigperm",      UT_QUICK, "a user cannot signal root's processes" },
  { t_siggroupfork, "siggroupfork", UT_QUICK, "a group SIGKILL ends children forked while it is sent" },
  // pipes
  { t_pipebasic,    "pipebasic",    UT_QUICK, "pipe round trip" },
  { t_pipebig,      "pipebig",      UT_QUICK, "large transfer between processes, checked" },
  { t_pipenoreader, "pipenoreader", UT_QUICK, "write with no reader returns -1" },
  { t_pipenowriter, "pipenowriter", UT_QUICK, "read with no writer returns 0" },
  { t_pipebadptr,   "pipebadptr",   UT_QUICK, "pipe() with a bad pointer fails and leaks nothing" },
  // memory
  { t_sbrkbasic,    "sbrkbasic",    UT_QUICK, "sbrk grows and shrinks the break" },
  { t_sbrkneg,      "sbrkneg",      UT_QUICK, "sbrk below zero fails" },
  { t_sbrkabove,    "sbrkabove",    UT_QUICK, "touching above the break kills" },
  { t_sbrkfork,     "sbrkfork",     UT_QUICK, "fork copies the heap" },
  { t_sbrkhuge,     "sbrkhuge",     UT_QUICK, "sbrk larger than memory fails cleanly" },
  { t_sbrkmuch,     "sbrkmuch",     0,        "grow by megabytes, touch every page" },
  { t_kernmem,      "kernmem",      UT_QUICK, "reading kernel memory kills" },
  { t_highmem,      "highmem",      UT_QUICK, "trampoline, trapframe, MAXVA and above kill" },
  { t_textwrite,    "textwrite",    UT_QUICK, "writing the text page kills" },
  { t_stackguard,   "stackguard",   UT_QUICK, "touching the guard page kills" },
  { t_stackoverflow,"stackoverflow",UT_QUICK, "runaway recursion kills, not corrupts" },
  { t_memexhaust,   "memexhaust",   UT_QUICK, "sbrk until out of memory, fork/exec while low" },
  { t_memexhaust2,  "memexhaust2",  0,        "two processes exhaust memory at once" },
  { t_forkoom,      "forkoom",      UT_QUICK, "fork with 0..159 pages free: -1 at each failing allocation" },
  // file system
  { t_fileopen,     "fileopen",     UT_QUICK, "open modes, O_CREATE, O_TRUNC, unlink" },
  { t_filerw,       "filerw",       UT_QUICK, "write/read across the indirect block" },
  { t_kstackdeep,   "kstackdeep",   UT_QUICK, "exec that commits, unlink of an indirect file: deepest kernel stacks" },
  { t_bigfile,      "bigfile",      UT_DISK,  "a MAXFILE file; writing past it fails" },
  { t_opendir,      "opendir",      UT_QUICK, "directories open read-only only" },
  { t_unlinkdir,    "unlinkdir",    UT_QUICK, "unlink of . .. and non-empty dirs fails" },
  { t_link,         "link",         UT_QUICK, "hard links: nlink, across dirs, onto names" },
  { t_mkdir,        "mkdir",        UT_QUICK, "mkdir and chdir success and failure" },
  { t_rootdotdot,   "rootdotdot",   UT_QUICK, "/.. is /" },
  { t_fstat,        "fstat",        UT_QUICK, "fstat type, nlink, size" },
  { t_dup,          "dup",          UT_QUICK, "dup shares the offset, takes the lowest fd" },
  { t_console,      "console",      UT_QUICK, "console device file, mknod" },
  { t_dirmany,      "dirmany",      UT_QUICK, "a directory with many entries" },
  { t_concfs,       "concfs",       UT_QUICK, "children using their own files in one dir" },
  { t_concsame,     "concsame",     UT_QUICK, "children creating/unlinking the same names" },
  { t_unlinkopen,   "unlinkopen",   UT_QUICK, "an unlinked open file stays readable" },
  { t_truncate,     "truncate",     UT_QUICK, "O_TRUNC under another open fd" },
  { t_longname,     "longname",     UT_QUICK | UT_DISK, "names cut to DIRSIZ" },
  { t_pathwalk,     "pathwalk",     UT_QUICK, "deep paths, relative paths" },
  { t_cwdremove,    "cwdremove",    UT_QUICK, "exit with a removed cwd" },
  { t_diskfull,     "diskfull",     UT_DISK,  "write until the disk is full, then free" },
  { t_inodefull,    "inodefull",    UT_DISK,  "create files until inodes run out" },
  { t_symlink,      "symlink",      UT_QUICK, "symbolic links: follow, O_NOFOLLOW, loops (FS_SYMLINKS)" },
  { t_largefile,    "largefile",    UT_QUICK | UT_DISK, "1 MiB file via the doubly-indirect block (FS_XV6_LARGE_FILES)" },
  { t_rename,       "rename",       UT_QUICK, "rename over files and directories, refusals, open fds (FS_SYNC)" },
  { t_fsync,        "fsync",        UT_QUICK, "fsync of files, dirs; pipes, devices and bad fds refused (FS_SYNC)" },
  // bad arguments
  { t_badfd,        "badfd",        UT_QUICK, "fd -1, 100, NR_OPEN, closed" },
  { t_fdexhaust,    "fdexhaust",    UT_QUICK, "per-process fd table full" },
  { t_filetable,    "filetable",    0,        "system-wide file table full" },
  { t_badptr,       "badptr",       UT_QUICK, "every pointer argument with bad addresses" },
  { t_hugelen,      "hugelen",      UT_QUICK, "huge and negative lengths" },
  { t_badpath,      "badpath",      UT_QUICK, "unterminated, too long, missing paths" },
  { t_badsyscall,   "badsyscall",   UT_QUICK, "unknown system call numbers return -1" },
  { t_sysinfo,      "sysinfo",      UT_QUICK, "sysinfo, uname, getconfig" },
  // exec
  { t_execargs,     "execargs",     UT_QUICK, "exec passes argv" },
  { t_execfd,       "execfd",       UT_QUICK, "open fds survive exec" },
  { t_execbad,      "execbad",      UT_QUICK, "exec of missing, directory, non-ELF" },
  { t_execelf,      "execelf",      UT_QUICK, "exec of truncated and corrupt ELF files" },
  { t_execargv,     "execargv",     UT_QUICK, "too many / too long / bad argv" },
  { t_execmany,     "execmany",     0,        "concurrent exec" },
  // POSIX calls (CONFIG_POSIX_CALLS)
  { t_lseek,        "lseek",        UT_QUICK, "lseek SET/CUR/END, past the end, pipes, bad whence" },
  { t_getdents,     "getdents",     UT_QUICK, "getdents lists entries; small buffers, files, bad pointers" },
  { t_getcwd,       "getcwd",       UT_QUICK, "getcwd at /, in subdirectories, small and bad buffers" },
  { t_dup2,         "dup2",         UT_QUICK, "dup2 replaces, shares the offset; bad fds" },
  { t_clock,        "clock",        UT_QUICK, "clock_gettime advances; bad clocks and pointers" },
  { t_nanosleep,    "nanosleep",    UT_QUICK, "nanosleep sleeps; bad timespecs" },
  { t_ftruncate,    "ftruncate",    UT_QUICK, "ftruncate grows with zeros, empties; bad arguments" },
  { t_isatty,       "isatty",       UT_QUICK, "isatty: console 1, file and pipe 0, bad fd -1" },
  { 0, 0, 0, 0 },
};

// ---- fail() and skip(): the message travels as one write ----

static void __attribute__((noreturn))
report_and_exit(int status, const char *fmt, va_list ap)
{
  static char msg[160];
  int n = vsnprintf(msg, sizeof(msg), fmt, ap);
  if (n > (int)sizeof(msg) - 1)
    n = sizeof(msg) - 1;            // what was kept
  if (reason_fd >= 0)
    write(reason_fd, msg, n);
  else
    printf("%s\n", msg);
  exit(status);
}

void
fail(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  report_and_exit(1, fmt, ap);
  va_end(ap);
}

void
skip(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  report_and_exit(UT_SKIP_STATUS, fmt, ap);
  va_end(ap);
}

// ---- helpers for tests ----

int
xfork(void)
{
  int pid = fork();
  if (pid < 0)
    fail("fork failed");
  return pid;
}

int
xwait(int pid)
{
  int st = 12345;
  int r = wait(&st);
  if (r != pid)
    fail("wait returned %d, expected %d", r, pid);
  return st;
}

int
xopen(const char *path, int flags)
{
  int fd = open(path, flags);
  if (fd < 0)
    fail("open %s (flags 0x%x) failed", path, flags);
  return fd;
}

void
xwrite(int fd, const void *buf, int n)
{
  int r = write(fd, buf, n);
  if (r != n)
    fail("write of %d bytes to fd %d returned %d", n, fd, r);
}

void
xread(int fd, void *buf, int n)
{
  int r = read(fd, buf, n);
  if (r != n)
    fail("read of %d bytes from fd %d returned %d", n, fd, r);
}

void
xclose(int fd)
{
  if (close(fd) != 0)
    fail("close(%d) failed", fd);
}

// Run fn(arg) in a child; return the child's exit status (-1 if killed).
int
run_child(void (*fn)(unsigned long), unsigned long arg)
{
  int pid = xfork();
  if (pid == 0) {
    fn(arg);
    exit(0);
  }
  return xwait(pid);
}

void
expect_killed(void (*fn)(unsigned long), unsigned long arg, const char *what)
{
  int st = run_child(fn, arg);
  if (st != -1)
    fail("%s %p: not killed (status %d)", what, (void *)arg, st);
}

// Grow the heap by a page and return the start of a page that we own and
// whose next page is unmapped: for strings and buffers that run off the end.
char *
heap_edge(void)
{
  char *p = sbrk(UT_PGSIZE);
  if (p == (char *)-1)
    fail("sbrk for heap_edge failed");
  return (char *)(UT_PGUP(p + UT_PGSIZE) - UT_PGSIZE);
}

void
fill_pattern(char *buf, int n, int seed)
{
  for (int i = 0; i < n; i++)
    buf[i] = (char)(seed * 31 + i * 7 + (i >> 8));
}

int
check_pattern(const char *buf, int n, int seed)
{
  for (int i = 0; i < n; i++)
    if (buf[i] != (char)(seed * 31 + i * 7 + (i >> 8)))
      return 0;
  return 1;
}

int
lowest_free_fd(void)
{
  int fd = dup(0);
  if (fd < 0)
    fail("dup(0) failed");
  close(fd);
  return fd;
}

int
nloops(int quick, int full)
{
  return ut.quick ? quick : full;
}

// ---- probing the kernel ----

static char cfgbuf[16384];

// Find "NAME=" at a line start in the kernel's .config; return the value or 0.
static char *
config_value(const char *name)
{
  int len = strlen(name);
  for (char *p = cfgbuf; *p; ) {
    if (memcmp(p, name, len) == 0 && p[len] == '=')
      return p + len + 1;
    while (*p && *p != '\n')
      p++;
    if (*p)
      p++;
  }
  return 0;
}

static void
probe(void)
{
  char *v;
  int n;

  ut.nr_open = 16;
  ut.nr_procs = 64;
  ut.nr_files = 100;
  n = getconfig(cfgbuf, sizeof(cfgbuf) - 1);
  if (n > 0) {
    if (n > (int)sizeof(cfgbuf) - 1)
      n = sizeof(cfgbuf) - 1;
    cfgbuf[n] = 0;
    ut.have_config = 1;
    if ((v = config_value("CONFIG_ROOT_FS_RAMFS")) && *v == 'y')
      ut.ramfs = 1;
    if ((v = config_value("CONFIG_FS_XV6_LARGE_FILES")) && *v == 'y')
      ut.large_files = 1;
    if ((v = config_value("CONFIG_NR_OPEN")))
      ut.nr_open = atoi(v);
    if ((v = config_value("CONFIG_NR_PROCS")))
      ut.nr_procs = atoi(v);
    if ((v = config_value("CONFIG_NR_FILES")))
      ut.nr_files = atoi(v);
    if ((v = config_value("CONFIG_POSIX_CALLS")) && *v == 'y')
      ut.posix_calls = 1;
  }
  int fd = open(ut.progname, O_RDONLY);
  if (fd >= 0) {
    ut.have_exec_self = 1;
    close(fd);
  }
}

// ---- running tests ----

static const char *failed[128];
static int nfailed, nskipped, npassed;
static char reason[160];

// Read the child's reason: everything up to the NUL the driver itself wrote
// after the child was reaped, so this never blocks on a lingering grandchild.
static void
read_reason(int fd)
{
  int n = 0;
  char c;
  while (read(fd, &c, 1) == 1 && c != 0) {
    if (n < (int)sizeof(reason) - 1)
      reason[n++] = c == '\n' ? ' ' : c;
  }
  reason[n] = 0;
}

static void
record_failure(const char *name)
{
  if (nfailed < (int)(sizeof(failed) / sizeof(failed[0])))
    failed[nfailed] = name;
  nfailed++;
}

static void
run(struct ut_test *t)
{
  int fds[2], st, pid, t0;

  if ((t->flags & UT_DISK) && ut.ramfs) {
    printf("test %s: SKIPPED (root file system is ramfs)\n", t->name);
    nskipped++;
    return;
  }
  if (ut.verbose)
    printf("start %s\n", t->name);
  t0 = uptime();
  if (pipe(fds) < 0) {
    printf("test %s: FAILED (driver: pipe failed)\n", t->name);
    record_failure(t->name);
    return;
  }
  pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    printf("test %s: FAILED (driver: fork failed)\n", t->name);
    record_failure(t->name);
    return;
  }
  if (pid == 0) {
    close(fds[0]);
    reason_fd = fds[1];
    t->fn();
    exit(0);
  }
  // The watchdog: if it wakes before the test ends, it says why and kills it.
  int dog = fork();
  if (dog == 0) {
    close(fds[0]);
    sleep(ut.timeout);
    fprintf(fds[1], "timed out after %d ticks", ut.timeout);
    kill(pid);
    exit(0);
  }
  st = 12345;
  int r, dst;
  while ((r = wait(&dst)) >= 0 && r != pid && r != dog)
    ;
  if (r == pid) {
    st = dst;
    if (dog > 0) {
      kill(dog);
      while ((r = wait(0)) >= 0 && r != dog)
        ;
    }
  } else {
    while ((r = wait(&st)) >= 0 && r != pid)
      ;
  }
  write(fds[1], "", 1);
  read_reason(fds[0]);
  close(fds[0]);
  close(fds[1]);

  if (st == 0) {
    printf("test %s: OK\n", t->name);
    npassed++;
  } else if (st == UT_SKIP_STATUS) {
    printf("test %s: SKIPPED (%s)\n", t->name, reason[0] ? reason : "no reason");
    nskipped++;
  } else {
    if (reason[0] == 0)
      snprintf(reason, sizeof(reason), st == -1 ? "killed, status -1" :
                  "exit status %d", st);
    printf("test %s: FAILED (%s)\n", t->name, reason);
    record_failure(t->name);
  }
  if (ut.verbose)
    printf("  (%d ticks)\n", uptime() - t0);
}

// Free memory must come back once every child has been reaped. Orphans are
// reaped by init at its own pace, so retry for a few seconds.
static void
leak_check(unsigned long start)
{
  struct sysinfo si;
  unsigned long now = 0;

  while (wait(0) >= 0)
    ;
  for (int i = 0; i < 50; i++) {
    if (sysinfo(&si) < 0) {
      printf("test freemem-leak: SKIPPED (sysinfo failed)\n");
      nskipped++;
      return;
    }
    now = si.freemem;
    if (now >= start) {
      printf("test freemem-leak: OK\n");
      npassed++;
      return;
    }
    sleep(2);
  }
  printf("test freemem-leak: FAILED (free memory %lu bytes at start, %lu now: "
         "%lu pages lost)\n", start, now, (start - now) / UT_PGSIZE);
  record_failure("freemem-leak");
}

static int
selected(struct ut_test *t, char **names, int nnames)
{
  if (nnames == 0)
    return !ut.quick || (t->flags & UT_QUICK);
  for (int i = 0; i < nnames; i++)
    if (strcmp(names[i], t->name) == 0)
      return 1;
  return 0;
}

// Warm up whatever the kernel allocates once and keeps (a first pipe, a
// first fork), so the leak check compares like with like.
static void
warm_up(void)
{
  int fds[2];
  if (pipe(fds) == 0) {
    close(fds[0]);
    close(fds[1]);
  }
  int pid = fork();
  if (pid == 0)
    exit(0);
  if (pid > 0)
    wait(0);
}

static int
round_(char **names, int nnames)
{
  struct sysinfo si;
  int have_si;

  nfailed = nskipped = npassed = 0;
  warm_up();
  have_si = sysinfo(&si) == 0;
  for (struct ut_test *t = tests; t->fn; t++)
    if (selected(t, names, nnames))
      run(t);
  if (have_si)
    leak_check(si.freemem);
  else {
    printf("test freemem-leak: SKIPPED (no sysinfo system call)\n");
    nskipped++;
  }
  if (nfailed == 0) {
    printf("ALL TESTS PASSED\n");
    return 0;
  }
  printf("SOME TESTS FAILED:");
  for (int i = 0; i < nfailed && i < (int)(sizeof(failed) / sizeof(failed[0])); i++)
    printf(" %s", failed[i]);
  printf("\n");
  return 1;
}

int
main(int argc, char *argv[])
{
  static char *names[64];
  int nnames = 0, continuous = 0, list = 0;

  if (argc >= 2 && argv[1][0] == '_' && argv[1][1] == '_')
    exit(exec_helper(argc, argv));

  ut.progname = argv[0] ? argv[0] : "usertests";
  ut.timeout = 3000;
  probe();
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-q") == 0)
      ut.quick = 1;
    else if (strcmp(argv[i], "-c") == 0)
      continuous = 1;
    else if (strcmp(argv[i], "-r") == 0)
      ut.ramfs = 1;
    else if (strcmp(argv[i], "-v") == 0)
      ut.verbose = 1;
    else if (strcmp(argv[i], "-l") == 0)
      list = 1;
    else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
      ut.timeout = atoi(argv[++i]);
    else if (argv[i][0] == '-') {
      fprintf(2, "usage: usertests [-q] [-c] [-r] [-v] [-l] [-t ticks] [testname ...]\n");
      exit(1);
    } else if (nnames < 64)
      names[nnames++] = argv[i];
  }
  if (list) {
    for (struct ut_test *t = tests; t->fn; t++)
      printf("%s%s%s: %s\n", t->name, (t->flags & UT_QUICK) ? " [quick]" : "",
             (t->flags & UT_DISK) ? " [disk]" : "", t->what);
    exit(0);
  }
  for (int i = 0; i < nnames; i++) {
    struct ut_test *t;
    for (t = tests; t->fn; t++)
      if (strcmp(t->name, names[i]) == 0)
        break;
    if (!t->fn) {
      fprintf(2, "usertests: no test named %s (usertests -l lists them)\n", names[i]);
      exit(1);
    }
  }

  if (ut.timeout <= 0)
    ut.timeout = 3000;
  printf("usertests starting (%s set, %s root, kernel .config %s)\n",
         ut.quick ? "quick" : "full", ut.ramfs ? "ramfs" : "disk",
         ut.have_config ? "read" : "not available");
  if (!continuous)
    exit(round_(names, nnames));
  for (int r = 1; ; r++) {
    printf("usertests: round %d\n", r);
    if (round_(names, nnames) != 0)
      exit(1);
  }
}
