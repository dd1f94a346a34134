// user/usertests/t_signal.c: signals (CONFIG_SIGNALS; every test skips on
// a kernel without sigaction). Handlers run and return with the program's
// registers intact; SIGKILL and SIGSTOP cannot be caught, ignored or
// blocked; signals interrupt blocking calls; alarm; waitpid statuses and
// SIGCHLD; fault handlers; SIGPIPE; masks across fork and exec; a forged
// sigreturn frame gains nothing; another user's processes are refused.
#include "usertests.h"

static volatile int got, gotsig;

static void
need_signals(void)
{
  struct sigaction sa;
  if (sigaction(SIGUSR1, 0, &sa) < 0)
    skip("no CONFIG_SIGNALS");
}

static void
count(int sig)
{
  got++;
  gotsig = sig;
}

void
t_sighandler(void)
{
  need_signals();
  got = 0;
  CHECK(signal(SIGUSR1, count) == SIG_DFL, "the first handler replaced was not SIG_DFL");
  // Values live in registers across the call; a handler must not disturb them.
  unsigned long a = 0x1234567, b = 0x89abcdef;
  for (int i = 0; i < 5; i++) {
    CHECK(sigkill(getpid(), SIGUSR1) == 0, "sigkill to self failed");
    a = a * 3 + 1;
    b ^= a;
  }
  CHECK(got == 5 && gotsig == SIGUSR1, "handler ran %d times (signal %d), not 5", got, gotsig);
  unsigned long ea = 0x1234567, eb = 0x89abcdef;
  for (int i = 0; i < 5; i++) {
    ea = ea * 3 + 1;
    eb ^= ea;
  }
  CHECK(a == ea && b == eb, "registers changed across handlers");
  // sigaction reports what is installed; SIG_IGN drops the signal.
  struct sigaction old;
  CHECK(sigaction(SIGUSR1, 0, &old) == 0 && old.sa_handler == count, "sigaction did not report the handler");
  signal(SIGUSR1, SIG_IGN);
  CHECK(sigkill(getpid(), SIGUSR1) == 0 && got == 5, "an ignored signal ran the handler");
  CHECK(sigaction(0, 0, &old) == -1 && sigaction(NSIG, 0, &old) == -1, "bad signal numbers accepted");
  CHECK(sigkill(getpid(), NSIG) == -1, "sigkill with a bad signal number succeeded");
  CHECK(sigaction(SIGUSR1, (struct sigaction *)UT_KERNBASE, 0) == -1, "sigaction from a kernel address succeeded");
}

void
t_sigkillstop(void)
{
  need_signals();
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = count;
  sa.sa_restorer = sigreturn;
  CHECK(sigaction(SIGKILL, &sa, 0) == -1, "a SIGKILL handler was accepted");
  CHECK(sigaction(SIGSTOP, &sa, 0) == -1, "a SIGSTOP handler was accepted");
  sa.sa_handler = SIG_IGN;
  CHECK(sigaction(SIGKILL, &sa, 0) == -1, "SIGKILL could be ignored");
  CHECK(sigaction(SIGSTOP, &sa, 0) == -1, "SIGSTOP could be ignored");
  sigset_t all = ~0UL, m;
  CHECK(sigprocmask(SIG_SETMASK, &all, 0) == 0, "sigprocmask failed");
  CHECK(sigprocmask(SIG_SETMASK, 0, &m) == 0, "sigprocmask read failed");
  CHECK(!(m & sigmask(SIGKILL)) && !(m & sigmask(SIGSTOP)), "SIGKILL or SIGSTOP blocked: mask %lx", m);
  // A child blocking everything still stops and dies.
  int pid = xfork();
  if (pid == 0) {
    for (;;)
      ut_sink++;
  }
  int st;
  CHECK(sigkill(pid, SIGSTOP) == 0, "SIGSTOP failed");
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
        "waitpid(WUNTRACED) status %x, not stopped by SIGSTOP", st);
  CHECK(sigkill(pid, SIGKILL) == 0, "SIGKILL failed");
  CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
        "waitpid status %x, not killed by SIGKILL", st);
}

// The child blocks in a call until a signal; the parent keeps sending
// until it has ended (the first may come before the child blocks).
static void
expect_interrupted(void (*blocker)(void), const char *what)
{
  got = 0;
  signal(SIGUSR1, count);     // before fork: the child must never die of it
  int pid = xfork();
  if (pid == 0) {
    blocker();
    exit(got > 0 ? 0 : 1);
  }
  signal(SIGUSR1, SIG_DFL);
  int st, r;
  while ((r = waitpid(pid, &st, WNOHANG)) == 0) {
    sigkill(pid, SIGUSR1);
    sleep(1);
  }
  CHECK(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: not interrupted (status %x)", what, st);
}

static int blkfds[2];

static void
block_read(void)
{
  char c;
  while (read(blkfds[0], &c, 1) != -1)
    ;
}

static void
block_sleep(void)
{
  while (sleep(100000) != -1)
    ;
}

static void
block_wait(void)
{
  if (fork() == 0) {
    char c;
    close(blkfds[1]);
    read(blkfds[0], &c, 1);   // until the test closes its write end
    exit(0);
  }
  while (wait(0) != -1 || got == 0)
    ;
}

static void
block_pause(void)
{
  pause();
}

static void
block_write(void)
{
  static char full[512];
  while (write(blkfds[1], full, sizeof(full)) != -1)
    ;
}

void
t_sigintr(void)
{
  need_signals();
  CHECK(pipe(blkfds) == 0, "pipe failed");
  expect_interrupted(block_read, "read of an empty pipe");
  expect_interrupted(block_sleep, "sleep");
  expect_interrupted(block_pause, "pause");
  expect_interrupted(block_wait, "wait");
  expect_interrupted(block_write, "write to a full pipe");
  close(blkfds[0]);
  close(blkfds[1]);
}

void
t_sigalarm(void)
{
  need_signals();
  got = 0;
  signal(SIGALRM, count);
  CHECK(alarm(1) == 0, "alarm with none pending returned nonzero");
  CHECK(alarm(1) == 1, "alarm did not report the second left");
  while (got == 0)
    pause();
  CHECK(gotsig == SIGALRM, "pause woke for signal %d", gotsig);
  CHECK(alarm(5) == 0 && alarm(0) == 5, "alarm(0) did not report the pending 5 s");
  // Without a handler SIGALRM ends the process.
  int pid = xfork();
  if (pid == 0) {
    signal(SIGALRM, SIG_DFL);
    alarm(1);
    for (;;)
      pause();
  }
  int st;
  CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM,
        "default SIGALRM: status %x", st);
}

void
t_sigwaitpid(void)
{
  need_signals();
  int st, pid;
  got = 0;
  signal(SIGCHLD, count);
  pid = xfork();
  if (pid == 0)
    exit(7);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7, "exit(7): status %x", st);
  CHECK(got >= 1, "no SIGCHLD for an exiting child");
  pid = xfork();
  if (pid == 0) {
    for (;;)
      pause();
  }
  CHECK(waitpid(pid, &st, WNOHANG) == 0, "WNOHANG with a live child did not return 0");
  CHECK(waitpid(pid + 1000, &st, WNOHANG) == -1, "waitpid of a non-child did not fail");
  sigkill(pid, SIGTERM);
  CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "SIGTERM: status %x", st);
  // Stop, continue, exit; xv6's wait still sees plain statuses.
  pid = xfork();
  if (pid == 0) {
    sigkill(getpid(), SIGSTOP);
    exit(3);
  }
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "stop: status %x", st);
  CHECK(sigkill(pid, SIGCONT) == 0, "SIGCONT failed");
  CHECK(wait(&st) == pid && st == 3, "after SIGCONT wait saw status %d, not 3", st);
  pid = xfork();
  if (pid == 0) {
    for (;;)
      pause();
  }
  kill(pid);
  CHECK(wait(&st) == pid && st == -1, "xv6 kill: wait status %d, not -1", st);
}

static void
fault_exit(int sig)
{
  exit(40 + sig);
}

static void
do_segv(unsigned long arg)
{
  (void)arg;
  signal(SIGSEGV, fault_exit);
  ut_sink = *(volatile char *)UT_KERNBASE;
}

static void
do_ill(unsigned long arg)
{
  (void)arg;
  signal(SIGILL, fault_exit);
  asm volatile(".word 0");    // an all-zero word is defined to be illegal
}

static void
do_segv_blocked(unsigned long arg)
{
  (void)arg;
  signal(SIGSEGV, fault_exit);
  sigset_t m = sigmask(SIGSEGV);
  sigprocmask(SIG_BLOCK, &m, 0);
  ut_sink = *(volatile char *)UT_KERNBASE;
}

void
t_sigfault(void)
{
  need_signals();
  int st = run_child(do_segv, 0);
  CHECK(st == 40 + SIGSEGV, "SIGSEGV handler: status %d, not %d", st, 40 + SIGSEGV);
  st = run_child(do_ill, 0);
  CHECK(st == 40 + SIGILL, "SIGILL handler: status %d, not %d", st, 40 + SIGILL);
  expect_killed(do_segv_blocked, 0, "a fault with its signal blocked");
}

void
t_sigpipe(void)
{
  need_signals();
  int fds[2], st;
  CHECK(pipe(fds) == 0, "pipe failed");
  close(fds[0]);
  int pid = xfork();
  if (pid == 0) {
    write(fds[1], "x", 1);
    exit(0);
  }
  CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "write to a readerless pipe: status %x", st);
  signal(SIGPIPE, SIG_IGN);
  CHECK(write(fds[1], "x", 1) == -1, "write with SIGPIPE ignored did not fail");
  close(fds[1]);
}

// The exec'd side of t_sigexec (exec_helper "__sigexec").
int
sig_exec_helper(void)
{
  struct sigaction a;
  sigset_t m;
  if (sigaction(SIGUSR1, 0, &a) < 0 || a.sa_handler != SIG_DFL)
    return 1;
  if (sigaction(SIGUSR2, 0, &a) < 0 || a.sa_handler != SIG_IGN)
    return 2;
  if (sigprocmask(SIG_BLOCK, 0, &m) < 0 || !(m & sigmask(SIGTERM)))
    return 3;
  return 0;
}

void
t_sigexec(void)
{
  need_signals();
  signal(SIGUSR1, count);
  signal(SIGUSR2, SIG_IGN);
  sigset_t m = sigmask(SIGTERM), cm;
  sigprocmask(SIG_BLOCK, &m, 0);
  int pid = xfork();
  if (pid == 0) {
    struct sigaction a;
    sigprocmask(SIG_BLOCK, 0, &cm);
    if (!(cm & sigmask(SIGTERM)))
      exit(10);
    if (sigaction(SIGUSR1, 0, &a) < 0 || a.sa_handler != count)
      exit(11);
    exit(0);
  }
  CHECK(xwait(pid) == 0, "fork did not keep the mask and handlers");
  if (!ut.have_exec_self)
    skip("cannot open %s to exec it", ut.progname);
  pid = xfork();
  if (pid == 0) {
    char *av[] = { ut.progname, "__sigexec", 0 };
    exec(ut.progname, av);
    exit(98);
  }
  int st = xwait(pid);
  CHECK(st == 0, "after exec: %s", st == 1 ? "handler not reset" : st == 2 ? "ignore not kept" :
        st == 3 ? "mask not kept" : "exec failed");
}

// A handler that rewrites its saved frame to return into the kernel: the
// process may only fault, the kernel must not follow.
// The kernel's frame (kernel/signal.c): registers ra..t6, pc, mask, magic.
#define FRAME_PC    31
#define FRAME_MAGIC 33
static void
forge(int sig)
{
  volatile unsigned long here = sig;
  volatile unsigned long *f = &here;
  // The frame is just above the handler's own stack frame: find its magic.
  for (int i = 0; i < 128; i++, f++) {
    if (f[FRAME_MAGIC] == 0x6f63746f7369676eUL) {
      f[FRAME_PC] = UT_KERNBASE;
      f[1] = UT_KERNBASE;     // and the saved sp
      return;
    }
  }
}

static void
do_forge(unsigned long arg)
{
  (void)arg;
  signal(SIGUSR1, forge);
  sigkill(getpid(), SIGUSR1);
  exit(0);
}

static void
do_badreturn(unsigned long arg)
{
  (void)arg;
  sigreturn();                // no frame on the stack here
  exit(0);
}

void
t_sigforge(void)
{
  need_signals();
  int pid = xfork(), st;
  if (pid == 0)
    do_forge(0);
  CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
        "a frame returning into the kernel: status %x, not SIGSEGV", st);
  pid = xfork();
  if (pid == 0)
    do_badreturn(0);
  CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
        "sigreturn without a frame: status %x, not SIGSEGV", st);
}

void
t_sigperm(void)
{
  need_signals();
  int victim = xfork();
  if (victim == 0) {
    for (;;)
      pause();
  }
  int pid = xfork();
  if (pid == 0) {
    if (getuid() != 0 || setuid(4243) < 0)
      exit(UT_SKIP_STATUS);
    if (sigkill(victim, SIGTERM) != -1)
      exit(1);
    if (sigkill(victim, 0) != -1)
      exit(2);
    if (sigkill(-1, SIGTERM) != -1)   // nothing of ours but ourselves
      exit(3);
    exit(0);
  }
  int st = xwait(pid);
  sigkill(victim, SIGKILL);
  xwait(victim);
  if (st == UT_SKIP_STATUS)
    skip("needs CONFIG_MULTIUSER");
  CHECK(st == 0, "a user signalled root's process (step %d)", st);
}

// A group that forks without pause: each member forks and leaves the child
// to go on, so fork is always under way somewhere in the group.
static void
fork_chain(void)
{
  for (;;) {
    int pid = fork();
    if (pid > 0)
      exit(0);
  }
}

// A SIGKILL to a process group ends every member, children forked while it
// was being sent too. The kernel sends it by scanning the process table; a
// parent the scan reached late could put its child into a slot the scan
// had already passed, and the child lived on (a fork bomb outlived two
// rounds of kill -9 -1).
void
t_siggroupfork(void)
{
  need_signals();
  for (int round = 0; round < 20; round++) {
    int leader = xfork();
    if (leader == 0) {
      if (setpgid(0, 0) < 0)
        exit(UT_SKIP_STATUS);
      for (int i = 0; i < 3; i++)
        if (fork() == 0)
          break;
      fork_chain();
    }
    sleep(2);
    int st = xwait(leader);
    if (st == UT_SKIP_STATUS)
      skip("needs CONFIG_JOB_CONTROL");
    CHECK(sigkill(-leader, SIGKILL) == 0, "round %d: no process in group %d to kill", round, leader);
    int left = 1;
    for (int t = 0; t < 50 && left; t++) {
      left = sigkill(-leader, 0) == 0;
      if (left)
        sleep(1);
    }
    // Survivors would fork on through the tests after this one.
    for (int t = 0; t < 100 && left && sigkill(-leader, SIGKILL) == 0; t++)
      sleep(1);
    CHECK(!left, "round %d: group %d still has processes 5 s after SIGKILL", round, leader);
  }
}
