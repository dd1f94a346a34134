// user/bin/bench.c: in-guest micro-benchmarks, timed with the time CSR.
//
//   bench [-min] [NAME [ITERS]]    NAME: null fork exec pipe pipebw file fsread sbrk par signal, or all;
//                                  lock pushoff loop (CONFIG_LOCK_BENCH)
//
// Each benchmark runs ITERS operations five times; the median is reported as
// `bench NAME ITERS NS` (nanoseconds per operation, time CSR at the timebase the kernel reports).
// -min: the fastest of 25 runs instead.
// The same operations as /work/shared/bench's xvbench, so figures compare
// with xv6-riscv's (see docs/bench.md).
//
//   bench lock|pushoff|loop [ITERS]
//
// time loops inside the kernel (lockbench(), CONFIG_LOCK_BENCH): an
// uncontended acquire+release, interrupt masking alone (push_off+pop_off),
// and the empty loop. These print `bench NAME ITERS NS.NN`, the fastest of
// 25 runs; `all` leaves them out (docs/locking.md).
#include "user.h"

#define REPS 5
#define TMPFILE "bench.tmp"

static char buf[4096];

static void
die(const char *what)
{
  fprintf(2, "bench: %s failed\n", what);
  exit(1);
}

static void
b_null(int n)
{
  for (int i = 0; i < n; i++)
    getpid();
}

static void
b_fork(int n)
{
  for (int i = 0; i < n; i++) {
    int pid = fork();
    if (pid < 0)
      die("fork");
    if (pid == 0)
      exit(0);
    wait(0);
  }
}

static void
b_exec(int n)
{
  char *argv[] = { "bench", "nop", 0 };
  for (int i = 0; i < n; i++) {
    int pid = fork();
    if (pid < 0)
      die("fork");
    if (pid == 0) {
      exec("/bench", argv);
      exec("bench", argv);
      exit(1);
    }
    wait(0);
  }
}

static void
b_pipe(int n)
{
  int a[2], b[2];
  char c = 'x';
  if (pipe(a) < 0 || pipe(b) < 0)
    die("pipe");
  int pid = fork();
  if (pid == 0) {
    for (int i = 0; i < n; i++) {
      if (read(a[0], &c, 1) != 1)
        exit(1);
      write(b[1], &c, 1);
    }
    exit(0);
  }
  for (int i = 0; i < n; i++) {
    write(a[1], &c, 1);
    if (read(b[0], &c, 1) != 1)
      die("pipe read");
  }
  wait(0);
  close(a[0]); close(a[1]); close(b[0]); close(b[1]);
}

static void
b_pipebw(int n)
{
  int p[2];
  if (pipe(p) < 0)
    die("pipe");
  int pid = fork();
  if (pid == 0) {
    close(p[1]);
    while (read(p[0], buf, sizeof(buf)) > 0)
      ;
    exit(0);
  }
  close(p[0]);
  for (int i = 0; i < n; i++)
    if (write(p[1], buf, sizeof(buf)) != sizeof(buf))
      die("pipe write");
  close(p[1]);
  wait(0);
}

static void
b_file(int n)
{
  for (int i = 0; i < n; i++) {
    int fd = open(TMPFILE, O_CREATE | O_WRONLY);
    if (fd < 0 || write(fd, buf, 1024) != 1024)
      die("create");
    close(fd);
    unlink(TMPFILE);
  }
}

static void
b_fsread(int n)
{
  int fd = open(TMPFILE, O_CREATE | O_TRUNC | O_WRONLY);
  for (int i = 0; i < 16; i++)
    if (write(fd, buf, sizeof(buf)) != sizeof(buf))
      die("write");
  close(fd);
  for (int i = 0; i < n; i++) {
    fd = open(TMPFILE, O_RDONLY);
    while (read(fd, buf, sizeof(buf)) > 0)
      ;
    close(fd);
  }
  unlink(TMPFILE);
}

static void
b_sbrk(int n)
{
  for (int i = 0; i < n; i++) {
    char *p = sbrk(4096);
    if (p == (char *)-1)
      die("sbrk");
    p[0] = 1;
    sbrk(-4096);
  }
}

// Two children that each compute for a few milliseconds, started together:
// on one hart they take turns; with idle harts it measures how soon those
// start a new process (at once when kicked by an IPI, else at their tick).
static void
b_par(int n)
{
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < 2; k++) {
      int pid = fork();
      if (pid < 0)
        die("fork");
      if (pid == 0) {
        for (volatile int j = 0; j < 200000; j++)
          ;
        exit(0);
      }
    }
    wait(0);
    wait(0);
  }
}

// A signal round trip (CONFIG_SIGNALS): sigkill to ourselves, delivery to
// a handler on our stack, and sigreturn back. Left out without signals.
static volatile int caught;

static void
on_usr1(int sig)
{
  (void)sig;
  caught++;
}

static void
b_signal(int n)
{
  for (int i = 0; i < n; i++)
    sigkill(getpid(), SIGUSR1);
  if (caught < n)
    die("signal delivery");
}

static struct { const char *name; void (*fn)(int); int iters; } benches[] = {
  { "null", b_null, 20000 }, { "fork", b_fork, 200 }, { "exec", b_exec, 50 },
  { "pipe", b_pipe, 2000 }, { "pipebw", b_pipebw, 200 }, { "file", b_file, 20 },
  { "fsread", b_fsread, 20 }, { "sbrk", b_sbrk, 5000 }, { "par", b_par, 10 },
  { "signal", b_signal, 5000 },
};

// With -min, the fastest of KREPS runs instead of the median of REPS: on a
// shared host interference only ever adds time, so for A/B comparisons of
// short operations the minimum is the stable figure.
#define KREPS 25
static int fastest;

static void
run(int k, int iters)
{
  unsigned long t[KREPS];
  int reps = fastest ? KREPS : REPS;
  for (int r = 0; r < reps; r++) {
    unsigned long t0 = rdtime();
    benches[k].fn(iters);
    t[r] = rdtime() - t0;
  }
  for (int i = 0; i < reps; i++)      // sort for the median
    for (int j = i + 1; j < reps; j++)
      if (t[j] < t[i]) {
        unsigned long x = t[i];
        t[i] = t[j];
        t[j] = x;
      }
  unsigned long ns = t[fastest ? 0 : reps / 2] * 1000000000UL / timebase_hz() / iters;
  printf("bench %s %d %lu\n", benches[k].name, iters, ns);
}

// The kernel loops, timed by the kernel: always the fastest of KREPS.
static struct { const char *name; int what; } kbenches[] = {
  { "lock", LOCKBENCH_LOCK }, { "pushoff", LOCKBENCH_PUSHOFF }, { "loop", LOCKBENCH_LOOP },
};

static int
run_kernel(const char *name, int iters)
{
  for (int k = 0; k < (int)(sizeof(kbenches) / sizeof(kbenches[0])); k++) {
    if (strcmp(name, kbenches[k].name) != 0)
      continue;
    long best = -1;
    for (int r = 0; r < KREPS; r++) {
      long t = lockbench(kbenches[k].what, iters);
      if (t < 0)
        die("lockbench (kernel without CONFIG_LOCK_BENCH?)");
      if (best < 0 || t < best)
        best = t;
    }
    unsigned long cns = best * 100000000000UL / timebase_hz() / iters;   // 1/100 ns
    printf("bench %s %d %lu.%02lu\n", name, iters, cns / 100, cns % 100);
    return 1;
  }
  return 0;
}

int
main(int argc, char *argv[])
{
  if (argc > 1 && strcmp(argv[1], "nop") == 0)
    return 0;
  if (argc > 1 && strcmp(argv[1], "-min") == 0) {
    fastest = 1;
    argc--;
    argv++;
  }
  const char *which = argc > 1 ? argv[1] : "all";
  int found = run_kernel(which, argc > 2 && atoi(argv[2]) > 0 ? atoi(argv[2]) : 100000);
  for (int k = 0; k < (int)(sizeof(benches) / sizeof(benches[0])); k++) {
    if (strcmp(which, "all") != 0 && strcmp(which, benches[k].name) != 0)
      continue;
    found = 1;
    if (benches[k].fn == b_signal && signal(SIGUSR1, on_usr1) == (sighandler_t)-1)
      continue;               // a kernel without CONFIG_SIGNALS
    run(k, argc > 2 ? atoi(argv[2]) : benches[k].iters);
  }
  if (!found) {
    fprintf(2, "usage: bench [-min] [null|fork|exec|pipe|pipebw|file|fsread|sbrk|par|signal|all|lock|pushoff|loop [ITERS]]\n");
    return 1;
  }
  printf("bench done\n");
  return 0;
}
