// user/bin/bench.c: in-guest micro-benchmarks, timed with the time CSR.
//
//   bench [NAME [ITERS]]    NAME: null fork exec pipe pipebw file fsread sbrk, or all
//   bench lock|pushoff|loop [ITERS]
//
// Each benchmark runs ITERS operations five times; the median is reported as
// `bench NAME ITERS NS` (nanoseconds per operation, time CSR at 10 MHz).
// The kernel loops print NS.NN, the fastest of 25 runs.
// The same operations as /work/shared/bench's xvbench, so figures compare
// with xv6-riscv's (see docs/bench.md). lock, pushoff and loop time an
// uncontended acquire/release, interrupt masking alone, and an empty loop
// inside the kernel (lockbench(), CONFIG_LOCK_BENCH); `all` leaves them out
// (docs/locking.md).
#include "user.h"

#define REPS 5
#define TIMEBASE_HZ 10000000UL
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

// Inside the kernel: the time of one lockbench() call covers n rounds.
static void
b_kernel(int what, int n)
{
  if (lockbench(what, n) < 0)
    die("lockbench (kernel without CONFIG_LOCK_BENCH?)");
}

static void b_lock(int n) { b_kernel(LOCKBENCH_LOCK, n); }
static void b_pushoff(int n) { b_kernel(LOCKBENCH_PUSHOFF, n); }
static void b_loop(int n) { b_kernel(LOCKBENCH_LOOP, n); }

static struct { const char *name; void (*fn)(int); int iters; int named_only; } benches[] = {
  { "null", b_null, 20000, 0 }, { "fork", b_fork, 200, 0 }, { "exec", b_exec, 50, 0 },
  { "pipe", b_pipe, 2000, 0 }, { "pipebw", b_pipebw, 200, 0 }, { "file", b_file, 20, 0 },
  { "fsread", b_fsread, 20, 0 }, { "sbrk", b_sbrk, 5000, 0 },
  { "lock", b_lock, 100000, 1 }, { "pushoff", b_pushoff, 100000, 1 },
  { "loop", b_loop, 100000, 1 },
};

// The kernel loops are short and report the fastest of KREPS runs: on a
// shared host, interference only ever adds time, and what is wanted is
// the cost of the instructions.
#define KREPS 25

static void
run(int k, int iters)
{
  unsigned long t[KREPS];
  int reps = benches[k].named_only ? KREPS : REPS;
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
  unsigned long pick = benches[k].named_only ? t[0] : t[reps / 2];
  unsigned long ns = pick * (1000000000UL / TIMEBASE_HZ) / iters;
  if (benches[k].named_only)   // a few ns each, so two decimals
    printf("bench %s %d %lu.%02lu\n", benches[k].name, iters, ns,
           pick * (100000000000UL / TIMEBASE_HZ) / iters % 100);
  else
    printf("bench %s %d %lu\n", benches[k].name, iters, ns);
}

int
main(int argc, char *argv[])
{
  if (argc > 1 && strcmp(argv[1], "nop") == 0)
    return 0;
  const char *which = argc > 1 ? argv[1] : "all";
  int found = 0;
  for (int k = 0; k < (int)(sizeof(benches) / sizeof(benches[0])); k++) {
    if (strcmp(which, benches[k].name) != 0 && (strcmp(which, "all") != 0 || benches[k].named_only))
      continue;
    found = 1;
    run(k, argc > 2 ? atoi(argv[2]) : benches[k].iters);
  }
  if (!found) {
    fprintf(2, "usage: bench [null|fork|exec|pipe|pipebw|file|fsread|sbrk|all|lock|pushoff|loop [ITERS]]\n");
    return 1;
  }
  printf("bench done\n");
  return 0;
}
