// user/bin/pagebench.c: how page allocation scales with harts (CONFIG_PAGE_ALLOC_BENCH).
//
//   pagebench [-n PAIRS] [-b BATCH] [HARTS...]   default: -n 200000 -b 8, harts 1 2 4
//
// For each hart count K (at most the harts online) it forks K workers; each
// calls pagebench(): PAIRS alloc+free pairs of one page inside the kernel,
// BATCH pages allocated and then freed at a time. Workers spin until a
// common start time instead of blocking on a pipe: an idle hart sleeps in
// wfi until its next timer tick, so a woken worker could start 100 ms late.
// One line per K:
//
//   pagebench harts K pairs N ms T aggregate A/s per-hart P/s ratio R spread S
//
// aggregate: all pairs over (last end - first start); per-hart: the mean of
// each worker's own rate; ratio: aggregate over the first K's aggregate;
// spread: distinct harts the workers started on. With CONFIG_LOCK_STAT,
// one more line per allocator lock class, counted over the whole run:
//
//   pagebench harts K lock NAME acquires/kpair X contended% Y
//
// Times come from the time CSR (its rate from sysinfo), i.e. wall-clock time of the host.
#include "user.h"

#define TIMEBASE_HZ timebase_hz()   // the time CSR's rate, from the kernel
#define START_DELAY (TIMEBASE_HZ / 2)   // every worker on its hart by then
#define MAXK 8
#define MAXRECS 64

static const char *lock_names[] = { "buddy", "freelist", "pcp" };
#define NLOCKS (int)(sizeof(lock_names) / sizeof(lock_names[0]))

static struct lockstat_rec recs[MAXRECS];

// Acquires and contended counts of the allocator's lock classes; 0 if the
// kernel has no lock statistics.
static int
lock_snapshot(unsigned long acq[NLOCKS], unsigned long cont[NLOCKS])
{
  int n = lockstat(recs, MAXRECS);
  for (int j = 0; j < NLOCKS; j++)
    acq[j] = cont[j] = 0;
  if (n < 0)
    return 0;
  for (int i = 0; i < n && i < MAXRECS; i++)
    for (int j = 0; j < NLOCKS; j++)
      if (strcmp(recs[i].name, lock_names[j]) == 0) {
        acq[j] = recs[i].acquires;
        cont[j] = recs[i].contended;
      }
  return 1;
}

static void
worker(int pairs, int batch, uint64 start, int out)
{
  struct pagebench r;
  while (rdtime() < start)
    ;
  if (pagebench(pairs, batch, &r) < 0)
    memset(&r, 0, sizeof(r));
  write(out, &r, sizeof(r));
  exit(0);
}

// Run K workers at once. Returns the aggregate rate (pairs/s), or 0.
static unsigned long
run(int k, int pairs, int batch, unsigned long base)
{
  struct pagebench r[MAXK];
  unsigned long acq0[NLOCKS], cont0[NLOCKS], acq1[NLOCKS], cont1[NLOCKS];
  int fds[2];

  if (pipe(fds) < 0) {
    fprintf(2, "pagebench: pipe failed\n");
    return 0;
  }
  int have_stat = lock_snapshot(acq0, cont0);
  uint64 start = rdtime() + START_DELAY;
  for (int i = 0; i < k; i++) {
    int pid = fork();
    if (pid < 0) {
      fprintf(2, "pagebench: fork failed\n");
      k = i;
      break;
    }
    if (pid == 0) {
      close(fds[0]);
      worker(pairs, batch, start, fds[1]);
    }
  }
  close(fds[1]);
  int got = 0;
  while (got < k && read(fds[0], &r[got], sizeof(r[0])) == sizeof(r[0]))
    got++;
  close(fds[0]);
  while (wait(0) >= 0)
    ;
  lock_snapshot(acq1, cont1);

  uint64 first = ~0UL, last = 0, total = 0, perhart = 0;
  unsigned int harts = 0;   // bit mask of the harts workers started on
  for (int i = 0; i < got; i++) {
    if (r[i].ops != (unsigned long)pairs || r[i].t1 <= r[i].t0) {
      fprintf(2, "pagebench: worker %d failed (out of memory?)\n", i);
      return 0;
    }
    first = r[i].t0 < first ? r[i].t0 : first;
    last = r[i].t1 > last ? r[i].t1 : last;
    total += r[i].ops;
    perhart += r[i].ops * TIMEBASE_HZ / (r[i].t1 - r[i].t0) / got;
    harts |= 1U << (r[i].hart0 % 32);
  }
  if (got == 0 || got < k)
    return 0;
  unsigned long agg = total * TIMEBASE_HZ / (last - first);
  unsigned long ratio = base ? agg * 100 / base : 100;
  int spread = 0;
  for (unsigned int m = harts; m; m &= m - 1)
    spread++;
  printf("pagebench harts %d pairs %lu ms %lu aggregate %lu/s per-hart %lu/s ratio %lu.%lu%lu spread %d\n",
         k, total, (last - first) / (TIMEBASE_HZ / 1000), agg, perhart,
         ratio / 100, ratio / 10 % 10, ratio % 10, spread);
  for (int j = 0; have_stat && j < NLOCKS; j++) {
    unsigned long a = acq1[j] - acq0[j], c = cont1[j] - cont0[j];
    if (a == 0)
      continue;
    printf("pagebench harts %d lock %s acquires/kpair %lu contended%% %lu\n",
           k, lock_names[j], a * 1000 / total, c * 100 / a);
  }
  return agg;
}

int
main(int argc, char *argv[])
{
  int pairs = 200000, batch = 8, nk = 0, ks[MAXK];
  struct sysinfo si;
  struct pagebench probe;

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
      pairs = atoi(argv[++i]);
    else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc)
      batch = atoi(argv[++i]);
    else if (argv[i][0] >= '1' && argv[i][0] <= '9' && nk < MAXK)
      ks[nk++] = atoi(argv[i]);
    else {
      fprintf(2, "usage: pagebench [-n PAIRS] [-b BATCH] [HARTS...]\n");
      return 1;
    }
  }
  if (pagebench(0, 1, &probe) < 0) {
    fprintf(2, "pagebench: kernel built without CONFIG_PAGE_ALLOC_BENCH\n");
    return 1;
  }
  if (pairs < 1 || pairs > PAGEBENCH_MAX_OPS || batch < 1 || batch > PAGEBENCH_MAX_BATCH) {
    fprintf(2, "pagebench: need 1 <= PAIRS <= %d and 1 <= BATCH <= %d\n",
            PAGEBENCH_MAX_OPS, PAGEBENCH_MAX_BATCH);
    return 1;
  }
  if (nk == 0) {
    ks[nk++] = 1;
    ks[nk++] = 2;
    ks[nk++] = 4;
  }
  int online = sysinfo(&si) == 0 ? (int)si.nharts : 1;
  printf("pagebench: %d alloc+free pairs per worker, batch %d, %d harts online\n",
         pairs, batch, online);
  unsigned long base = 0;
  for (int i = 0; i < nk; i++) {
    if (ks[i] > online || ks[i] > MAXK) {
      printf("pagebench harts %d: skipped (%d online)\n", ks[i], online);
      continue;
    }
    unsigned long agg = run(ks[i], pairs, batch, base);
    if (agg == 0)
      return 1;
    if (base == 0)
      base = agg;
  }
  printf("pagebench done\n");
  return 0;
}
