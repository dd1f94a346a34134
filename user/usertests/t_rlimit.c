// user/usertests/t_rlimit.c: resource limits (CONFIG_RLIMITS; each test
// skips on a kernel without getrlimit). RLIMIT_NOFILE caps descriptors,
// RLIMIT_NPROC caps a non-root user's processes, the last process slots are
// root's, RLIMIT_CPU kills, and only root raises a hard limit.
#include "usertests.h"

#define UT_UID 4242   // a user id nothing else runs as

static void
need_rlimits(void)
{
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
    skip("no CONFIG_RLIMITS");
}

// Tests that run a child as another user need MULTIUSER and root: check
// in the test process, before any child exists.
static void
need_users(void)
{
  if (getuid() != 0)
    skip("needs CONFIG_MULTIUSER and root to become another user");
}

// In such a child: become user UT_UID.
static void
become_user(void)
{
  if (setuid(UT_UID) < 0 || getuid() != UT_UID)
    fail("setuid(%d) failed", UT_UID);
}

void
t_rlimitargs(void)
{
  struct rlimit rl, old;
  need_rlimits();
  CHECK(getrlimit(RLIM_NLIMITS, &rl) == -1, "getrlimit of a bad resource succeeded");
  CHECK(getrlimit(-1, &rl) == -1, "getrlimit(-1) succeeded");
  CHECK(getrlimit(RLIMIT_CPU, (struct rlimit *)UT_KERNBASE) == -1, "getrlimit to a kernel address succeeded");
  CHECK(setrlimit(RLIMIT_CPU, (struct rlimit *)UT_KERNBASE) == -1, "setrlimit from a kernel address succeeded");
  CHECK(getrlimit(RLIMIT_NOFILE, &old) == 0, "getrlimit(NOFILE) failed");
  CHECK(old.rlim_cur == (unsigned long)ut.nr_open, "RLIMIT_NOFILE %lu, not NR_OPEN %d", old.rlim_cur, ut.nr_open);
  rl.rlim_cur = 5;
  rl.rlim_max = 4;
  CHECK(setrlimit(RLIMIT_NOFILE, &rl) == -1, "setrlimit with cur > max succeeded");
  // An ordinary user may lower a hard limit but not raise it again.
  need_users();
  int pid = xfork();
  if (pid == 0) {
    become_user();
    rl.rlim_cur = rl.rlim_max = 8;
    CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0, "lowering RLIMIT_NOFILE failed");
    rl.rlim_cur = rl.rlim_max = 9;
    CHECK(setrlimit(RLIMIT_NOFILE, &rl) == -1, "a user raised a hard limit");
    rl.rlim_cur = 6;
    rl.rlim_max = 8;
    CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0, "lowering the soft limit failed");
    rl.rlim_cur = 8;
    CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0, "raising soft up to hard failed");
    exit(0);
  }
  CHECK(xwait(pid) == 0, "user child failed");
}

void
t_rlimitnofile(void)
{
  struct rlimit rl = { 5, 5 };
  need_rlimits();
  CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit(NOFILE, 5) failed");
  int fd, top = -1;
  while ((fd = dup(0)) >= 0)
    top = fd;
  CHECK(top >= 0 && top <= 4, "with RLIMIT_NOFILE 5 dup gave fd %d", top);
  close(top);
  CHECK(dup(0) == top, "a freed fd below the limit was not reused");
  int fds[2];
  CHECK(pipe(fds) == -1, "pipe succeeded with no descriptor below the limit");
  // fork keeps the limit.
  int pid = xfork();
  if (pid == 0) {
    struct rlimit c;
    CHECK(getrlimit(RLIMIT_NOFILE, &c) == 0 && c.rlim_cur == 5, "child's RLIMIT_NOFILE %lu", c.rlim_cur);
    exit(0);
  }
  CHECK(xwait(pid) == 0, "child saw another limit");
}

void
t_rlimitnproc(void)
{
  need_rlimits();
  need_users();
  int fds[2];
  CHECK(pipe(fds) == 0, "pipe failed");
  int pid = xfork();
  if (pid == 0) {
    become_user();
    struct rlimit rl = { 3, RLIM_INFINITY };
    CHECK(setrlimit(RLIMIT_NPROC, &rl) == 0, "setrlimit(NPROC, 3) failed");
    // We are one; two more may exist, then fork fails.
    int made = 0, r;
    for (int i = 0; i < 4; i++) {
      if ((r = fork()) == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);   // wait until the test ends
        exit(0);
      }
      if (r < 0)
        break;
      made++;
    }
    close(fds[1]);
    while (wait(0) > 0)
      ;
    exit(made);
  }
  // The user's children block on the pipe until every write end is
  // closed; the user child reaps them and exits with how many it made.
  close(fds[0]);
  close(fds[1]);
  int st = xwait(pid);
  CHECK(st == 2, "with RLIMIT_NPROC 3 a user forked %d more, not 2", st);
}

// A user without a process limit can fill the table only up to the slots
// kept for root; root can still fork then.
void
t_rlimitroot(void)
{
  need_rlimits();
  need_users();
  int go[2], ready[2];
  CHECK(pipe(go) == 0 && pipe(ready) == 0, "pipe failed");
  int pid = xfork();
  if (pid == 0) {
    become_user();
    struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
    CHECK(setrlimit(RLIMIT_NPROC, &rl) == 0, "setrlimit(NPROC, unlimited) failed");
    int made = 0, r;
    while ((r = fork()) >= 0) {
      if (r == 0) {
        char c;
        close(go[1]);
        read(go[0], &c, 1);
        exit(0);
      }
      made++;
      if (made > ut.nr_procs)
        break;
    }
    write(ready[1], "x", 1);
    close(go[1]);
    while (wait(0) > 0)
      ;
    exit(made > 0 && made < ut.nr_procs ? 0 : 1);
  }
  char c;
  close(ready[1]);
  xread(ready[0], &c, 1);
  // The user's forks failed; ours must not.
  int r = fork();
  if (r == 0)
    exit(0);
  close(go[1]);
  CHECK(r > 0, "root could not fork after a user filled the process table");
  xwait(r);
  int st = xwait(pid);
  CHECK(st == 0, "the user's forks were not stopped short of the table size");
}

void
t_rlimitcpu(void)
{
  need_rlimits();
  int pid = xfork();
  if (pid == 0) {
    struct rlimit rl = { 1, RLIM_INFINITY };
    CHECK(setrlimit(RLIMIT_CPU, &rl) == 0, "setrlimit(CPU, 1) failed");
    // Spin; a bound on elapsed time keeps a broken limit from hanging the run.
    int start = uptime();
    while (uptime() - start < 600)
      ut_sink++;
    exit(0);
  }
  CHECK(xwait(pid) == -1, "a child over its 1 s CPU limit was not killed within 60 s");
}
