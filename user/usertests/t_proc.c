// user/usertests/t_proc.c: process tests (fork, exit, wait, kill, getpid,
// sleep, uptime). They check the statuses and pids xv6 programs rely on,
// and that orphans and killed processes are cleaned up (the leak check at
// the end of the run sees any process that was never freed).
#include "usertests.h"

void
t_forkwait(void)
{
  static const int codes[] = { 0, 1, 7, 42, 255, -1, -42, 1000000 };

  for (unsigned int i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
    int pid = xfork();
    if (pid == 0)
      exit(codes[i]);
    int st = xwait(pid);
    CHECK(st == codes[i], "child exit(%d) gave status %d", codes[i], st);
  }
  // wait(0): the caller does not want the status.
  int pid = xfork();
  if (pid == 0)
    exit(3);
  int r = wait(0);
  CHECK(r == pid, "wait(0) returned %d, expected %d", r, pid);
}

void
t_waitnone(void)
{
  int st;
  CHECK(wait(0) == -1, "wait(0) with no children did not return -1");
  CHECK(wait(&st) == -1, "wait(&st) with no children did not return -1");
  // A reaped child is gone for good.
  int pid = xfork();
  if (pid == 0)
    exit(0);
  xwait(pid);
  CHECK(wait(0) == -1, "second wait for one child did not return -1");
}

void
t_getpid(void)
{
  int fds[2], me = getpid(), cpid;

  CHECK(me > 0, "getpid returned %d", me);
  CHECK(getpid() == me, "getpid changed");
  CHECK(pipe(fds) == 0, "pipe failed");
  int pid = xfork();
  if (pid == 0) {
    int p = getpid();
    write(fds[1], &p, sizeof(p));
    exit(0);
  }
  xread(fds[0], &cpid, sizeof(cpid));
  xwait(pid);
  CHECK(cpid == pid, "fork returned %d but the child's getpid is %d", pid, cpid);
  CHECK(pid != me, "child pid equals the parent's");
}

// Several children at once: each status must reach the parent with the
// right pid, whatever order they finish in.
void
t_exitstatus(void)
{
  static int pids[20];
  int n = nloops(10, 20), i;

  for (i = 0; i < n; i++) {
    pids[i] = xfork();
    if (pids[i] == 0) {
      if (i % 3 == 0)
        sleep(1);
      exit(100 + i);
    }
  }
  for (int k = 0; k < n; k++) {
    int st;
    int pid = wait(&st);
    for (i = 0; i < n; i++)
      if (pids[i] == pid)
        break;
    CHECK(i < n, "wait returned unknown pid %d", pid);
    CHECK(st == 100 + i, "child %d exited %d, wait saw %d", i, 100 + i, st);
    pids[i] = -2;
  }
  CHECK(wait(0) == -1, "extra child after all were reaped");
}

static void
sleeper(unsigned long ticks)
{
  sleep((int)ticks);
}

void
t_killsleep(void)
{
  int pid = xfork();
  if (pid == 0) {
    sleeper(100000);
    exit(0);
  }
  sleep(2);
  CHECK(kill(pid) == 0, "kill(%d) of a sleeping child failed", pid);
  int st = xwait(pid);
  CHECK(st == -1, "killed sleeping child exited with %d, not -1", st);
}

void
t_killloop(void)
{
  int pid = xfork();
  if (pid == 0) {
    for (;;)
      ut_sink++;
  }
  sleep(2);
  CHECK(kill(pid) == 0, "kill(%d) of a looping child failed", pid);
  int st = xwait(pid);
  CHECK(st == -1, "killed looping child exited with %d, not -1", st);
}

void
t_killself(void)
{
  int pid = xfork();
  if (pid == 0) {
    kill(getpid());
    sleep(5);       // the kill takes effect on the way back to user mode
    exit(0);
  }
  int st = xwait(pid);
  CHECK(st == -1, "child that killed itself exited with %d, not -1", st);
}

// A child blocked reading an empty pipe and one blocked in wait() both die.
void
t_killblocked(void)
{
  int fds[2], gfds[2], gpid;

  CHECK(pipe(fds) == 0 && pipe(gfds) == 0, "pipe failed");
  int reader = xfork();
  if (reader == 0) {
    char c;
    read(fds[0], &c, 1);     // nobody ever writes fds[1]
    exit(0);
  }
  int waiter = xfork();
  if (waiter == 0) {
    int g = fork();
    if (g == 0) {
      for (;;)
        sleep(100);
    }
    write(gfds[1], &g, sizeof(g));
    wait(0);
    exit(0);
  }
  xread(gfds[0], &gpid, sizeof(gpid));
  CHECK(gpid > 0, "waiter's fork failed");
  sleep(2);
  CHECK(kill(reader) == 0, "kill of reader failed");
  int st = xwait(reader);
  CHECK(st == -1, "killed reader exited %d", st);
  CHECK(kill(waiter) == 0, "kill of waiter failed");
  st = xwait(waiter);
  CHECK(st == -1, "killed waiter exited %d", st);
  CHECK(kill(gpid) == 0, "kill of orphaned grandchild %d failed", gpid);
}

void
t_killbad(void)
{
  CHECK(kill(-1) == -1, "kill(-1) did not fail");
  CHECK(kill(0) == -1, "kill(0) did not fail");
  CHECK(kill(1000000) == -1, "kill(1000000) did not fail");
  CHECK(kill(0x7fffffff) == -1, "kill(INT_MAX) did not fail");
  int pid = xfork();
  if (pid == 0)
    exit(0);
  xwait(pid);
  CHECK(kill(pid) == -1, "kill of a reaped child %d did not fail", pid);
}

// The middle process exits at once; the grandchild must keep running (it
// writes after its parent is gone) and must not be ours to wait for.
void
t_orphan(void)
{
  int fds[2];
  char c = 0;

  CHECK(pipe(fds) == 0, "pipe failed");
  int pid = xfork();
  if (pid == 0) {
    int g = fork();
    if (g < 0)
      fail("fork in child failed");
    if (g == 0) {
      close(fds[0]);
      sleep(5);
      write(fds[1], "o", 1);
      exit(0);
    }
    exit(0);
  }
  close(fds[1]);
  xwait(pid);
  CHECK(wait(0) == -1, "grandchild was reparented to us, not to init");
  CHECK(read(fds[0], &c, 1) == 1 && c == 'o', "orphan did not run after its parent exited");
  CHECK(read(fds[0], &c, 1) == 0, "pipe not at EOF after the orphan exited");
  close(fds[0]);
}

void
t_reparent(void)
{
  int n = nloops(20, 200);
  for (int i = 0; i < n; i++) {
    int pid = xfork();
    if (pid == 0) {
      int g = fork();
      if (g < 0)
        fail("fork in child failed");
      exit(0);
    }
    xwait(pid);
  }
}

// Fill the process table. The children block reading a pipe until the
// parent closes it; then all of them must be reapable and fork works again.
void
t_forkmax(void)
{
  int fds[2], n = 0;

  CHECK(pipe(fds) == 0, "pipe failed");
  for (; n < 2000; n++) {
    int pid = fork();
    if (pid < 0)
      break;
    if (pid == 0) {
      char c;
      close(fds[1]);
      read(fds[0], &c, 1);
      exit(0);
    }
  }
  close(fds[1]);
  close(fds[0]);
  CHECK(n >= 4, "only %d forks succeeded", n);
  CHECK(n < 2000, "fork never failed (%d children)", n);
  CHECK(n < ut.nr_procs, "%d children with NR_PROCS %d", n, ut.nr_procs);
  for (int i = 0; i < n; i++)
    CHECK(wait(0) > 0, "only %d of %d children reaped", i, n);
  CHECK(wait(0) == -1, "more children than forks");
  int pid = xfork();
  if (pid == 0)
    exit(0);
  xwait(pid);
}

// In worker i: fork a child that exits with code, and reap it.
static void
fork_and_reap(int i, int code)
{
  int c = fork();
  if (c < 0)
    fail("fork in worker %d failed", i);
  if (c == 0)
    exit(code);
  int st;
  if (wait(&st) != c || st != code)
    fail("worker %d: wait mismatch", i);
}

// Wait for n workers, each of which must exit 0.
static void
reap_workers(int n)
{
  for (int i = 0; i < n; i++) {
    int st;
    CHECK(wait(&st) > 0, "wait failed");
    CHECK(st == 0, "worker exited %d", st);
  }
}

void
t_forkfork(void)
{
  int n = 4, loops = nloops(20, 200);

  for (int i = 0; i < n; i++) {
    int pid = xfork();
    if (pid == 0) {
      for (int j = 0; j < loops; j++)
        fork_and_reap(i, j & 0x7f);
      exit(0);
    }
  }
  reap_workers(n);
}

// Forks and pipes at once, for seconds, on every hart: both register a
// new lock (a process's, a pipe's) with lock statistics, fork under the
// fork-limit lock. A lockstat registration preempted by the timer used to
// leave its flag held while the other harts spun on it with interrupts
// off, wedging the machine (soak seed 2612701, full_defconfig).
void
t_forkpipe(void)
{
  struct sysinfo si;
  CHECK(sysinfo(&si) == 0 && si.hz > 0, "sysinfo failed");
  int n = si.nharts > 1 ? 2 * (int)si.nharts : 4;
  int end = uptime() + (ut.quick ? 2 : 15) * (int)si.hz;

  for (int i = 0; i < n; i++) {
    int pid = xfork();
    if (pid != 0)
      continue;
    while (uptime() < end) {
      if (i & 1) {
        int fds[2];
        if (pipe(fds) < 0)
          fail("pipe in worker %d failed", i);
        close(fds[0]);
        close(fds[1]);
      } else {
        fork_and_reap(i, 0);
      }
    }
    exit(0);
  }
  reap_workers(n);
}

void
t_uptime(void)
{
  int u0 = uptime();
  CHECK(u0 >= 0, "uptime returned %d", u0);
  CHECK(sleep(0) == 0, "sleep(0) failed");
  CHECK(sleep(3) == 0, "sleep(3) failed");
  int u1 = uptime();
  CHECK(u1 - u0 >= 3, "sleep(3) took %d ticks", u1 - u0);
  CHECK(u1 - u0 < 1000, "sleep(3) took %d ticks", u1 - u0);
}
