// user/bin/lockfair.c: how fairly does a kernel lock serve harts under contention?
//
//   lockfair [time|pipe] [TICKS] [NPROC]
//
// Starts NPROC processes (default: one per online hart) that for TICKS timer
// ticks (default 10, one second) make system calls taking one kernel lock as
// fast as they can: `time` calls uptime(), which takes the tick lock (lock
// class "time"); `pipe` writes and reads one byte on one shared pipe (class
// "pipe"). The run is timed, not counted, so that harts idle in wfi wake at
// their next tick and join in. Prints the throughput (calls per second),
// then from the kernel's per-hart lock statistics (CONFIG_LOCK_STAT) each
// hart's acquisitions during the run and, since boot, its longest spin and
// the most holders any of its acquisitions queued behind ("waited").
//
// Spin counts depend on how QEMU's host schedules the harts; "waited" does
// not. A fair (ticket) lock keeps it below the number of harts: the last
// line says "bounded" when every hart took the lock and no acquisition
// waited behind as many holders as there are harts, "UNBOUNDED" otherwise.
#include "user.h"

#define MAXHARTS 8
#define TIMEBASE_HZ timebase_hz()   // the time CSR's rate, from the kernel

static struct lockstat_rec recs[64];
static struct lockstat_hart_rec before[MAXHARTS], after[MAXHARTS];

// The index of lock class `name` in lockstat()'s records, or -1.
static int
class_index(const char *name)
{
  int n = lockstat(recs, 64);
  for (int i = 0; i < n && i < 64; i++)
    if (strcmp(recs[i].name, name) == 0)
      return i;
  return -1;
}

// Make lock-taking calls until tick `end`; return how many.
static int
hammer(int mode, int end, int pfd[2])
{
  char c = 'x';
  int n = 0;
  for (;;) {
    if (mode == 0) {
      if (uptime() >= end)
        return n;
    } else {
      if ((n & 15) == 0 && uptime() >= end)
        return n;
      if (write(pfd[1], &c, 1) != 1 || read(pfd[0], &c, 1) != 1) {
        fprintf(2, "lockfair: pipe failed\n");
        exit(1);
      }
    }
    n++;
  }
}

// Run nproc hammering children, released together, for `ticks` ticks.
// Returns the calls they made; *t gets the time-CSR ticks it took.
static unsigned long
run(int mode, int ticks, int nproc, unsigned long *t)
{
  int go[2], pfd[2], res[2];
  if (pipe(go) < 0 || pipe(pfd) < 0 || pipe(res) < 0) {
    fprintf(2, "lockfair: pipe failed\n");
    exit(1);
  }
  for (int i = 0; i < nproc; i++) {
    int pid = fork();
    if (pid < 0) {
      fprintf(2, "lockfair: fork failed\n");
      exit(1);
    }
    if (pid == 0) {
      char c;
      close(go[1]);
      if (read(go[0], &c, 1) != 1)   // wait until all are forked
        exit(1);
      int n = hammer(mode, uptime() + ticks, pfd);
      write(res[1], &n, sizeof(n));
      exit(0);
    }
  }
  close(go[0]);
  close(res[1]);
  unsigned long t0 = rdtime();
  for (int i = 0; i < nproc; i++)
    write(go[1], "g", 1);
  unsigned long calls = 0;
  int bad = 0, n;
  for (int i = 0; i < nproc; i++) {
    int st;
    if (read(res[0], &n, sizeof(n)) == sizeof(n))
      calls += n;
    if (wait(&st) < 0 || st != 0)
      bad = 1;
  }
  *t = rdtime() - t0;
  close(go[1]);
  close(res[0]);
  close(pfd[0]);
  close(pfd[1]);
  if (bad) {
    fprintf(2, "lockfair: a worker failed\n");
    exit(1);
  }
  return calls;
}

int
main(int argc, char *argv[])
{
  int mode = argc > 1 && strcmp(argv[1], "pipe") == 0;
  if (argc > 1 && !mode && strcmp(argv[1], "time") != 0) {
    fprintf(2, "usage: lockfair [time|pipe] [TICKS] [NPROC]\n");
    return 1;
  }
  const char *cls = mode ? "pipe" : "time";
  struct sysinfo si;
  if (sysinfo(&si) < 0) {
    fprintf(2, "lockfair: sysinfo failed\n");
    return 1;
  }
  int harts = si.nharts;
  int ticks = argc > 2 ? atoi(argv[2]) : 10;
  int nproc = argc > 3 ? atoi(argv[3]) : harts;
  if (ticks < 1 || nproc < 1 || nproc > 32) {
    fprintf(2, "lockfair: bad TICKS or NPROC\n");
    return 1;
  }

  // Statistics are optional: without them, only the throughput.
  int k = class_index(cls);
  int nh = k >= 0 ? lockstat_harts(k, before, MAXHARTS) : -1;
  unsigned long t;
  unsigned long ops = run(mode, ticks, nproc, &t);
  unsigned long us = t / (TIMEBASE_HZ / 1000000);
  printf("lockfair: %s lock, %d harts, %d procs, %d ticks: %lu calls in %lu ms, %lu calls/s\n",
         cls, harts, nproc, ticks, ops, us / 1000, us ? ops * 1000000 / us : 0);
  if (nh < 0 || lockstat_harts(k, after, MAXHARTS) < 0) {
    printf("lockfair: no lock statistics (kernel without CONFIG_LOCK_STAT)\n");
    return 0;
  }
  if (nh > MAXHARTS)
    nh = MAXHARTS;

  printf("%4s %10s %10s %12s %10s %10s   (max-*: since boot)\n", "hart", "acquires", "contended",
         "spins", "max-spins", "max-waited");
  unsigned long total = 0, lo = ~0UL, hi = 0, worst = 0;
  int starved = 0;
  for (int h = 0; h < nh && h < harts; h++) {
    unsigned long a = after[h].acquires - before[h].acquires;
    printf("%4d %10lu %10lu %12lu %10lu %10lu\n", h, a,
           after[h].contended - before[h].contended, after[h].spins - before[h].spins,
           after[h].spins_max, after[h].waited_max);
    total += a;
    lo = a < lo ? a : lo;
    hi = a > hi ? a : hi;
    worst = after[h].waited_max > worst ? after[h].waited_max : worst;
    if (a == 0)
      starved++;
  }
  unsigned long even = total / harts;
  printf("lockfair: share per hart min %lu%% max %lu%% of an even split; worst wait %lu holders, %d harts: %s\n",
         even ? lo * 100 / even : 0, even ? hi * 100 / even : 0, worst, harts,
         starved == 0 && worst < (unsigned long)harts ? "bounded" : "UNBOUNDED");
  return 0;
}
