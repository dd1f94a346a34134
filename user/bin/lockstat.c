// user/bin/lockstat.c: print lock statistics, most contended first (CONFIG_LOCK_STAT).
//
//   lockstat [TOP]       the TOP (10) most contended lock classes
//   lockstat -h CLASS    one class per hart (lockstat_harts)
//
// Each record is a lock class (all locks of one name). Per hart, "waited"
// is how many holders acquisitions queued behind: the fairness measure
// (lockfair runs a contended workload and judges it).
#include "user.h"
#include <uapi/octopos/lockstat.h>

#define MAXRECS 64
#define MAXHARTS 8
static struct lockstat_rec recs[MAXRECS];
static struct lockstat_hart_rec harts[MAXHARTS];

static int
per_hart(int n, const char *name)
{
  int k;
  for (k = 0; k < n && k < MAXRECS; k++)
    if (strcmp(recs[k].name, name) == 0)
      break;
  int nh = k < n && k < MAXRECS ? lockstat_harts(k, harts, MAXHARTS) : -1;
  if (nh < 0) {
    fprintf(2, "lockstat: no lock class %s\n", name);
    return 1;
  }
  printf("%-4s %12s %12s %14s %10s %10s %10s\n", "hart", "acquires", "contended", "spins",
         "max-spins", "waited", "max-waited");
  for (int h = 0; h < nh && h < MAXHARTS; h++)
    if (harts[h].acquires)
      printf("%-4d %12lu %12lu %14lu %10lu %10lu %10lu\n", h, harts[h].acquires,
             harts[h].contended, harts[h].spins, harts[h].spins_max, harts[h].waited,
             harts[h].waited_max);
  return 0;
}

int
main(int argc, char *argv[])
{
  int n = lockstat(recs, MAXRECS);
  if (n >= 0 && argc > 2 && strcmp(argv[1], "-h") == 0)
    return per_hart(n, argv[2]);
  int top = argc > 1 ? atoi(argv[1]) : 10;
  if (n < 0) {
    fprintf(2, "lockstat: kernel built without CONFIG_LOCK_STAT\n");
    return 1;
  }
  if (n > MAXRECS)
    n = MAXRECS;
  // Selection sort by contended, descending: n is small.
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (recs[j].contended > recs[i].contended) {
        struct lockstat_rec t = recs[i];
        recs[i] = recs[j];
        recs[j] = t;
      }
  printf("%-16s %12s %12s %14s\n", "lock", "acquires", "contended", "spins");
  for (int i = 0; i < n && i < top; i++)
    printf("%-16s %12lu %12lu %14lu\n", recs[i].name, recs[i].acquires, recs[i].contended, recs[i].spins);
  return 0;
}
