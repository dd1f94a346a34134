// user/bin/lockstat.c: print lock statistics, most contended first (CONFIG_LOCK_STAT).
//
// Each record is a lock class (all locks of one name). "spread" is not
// shown per hart; compare contended/acquires between runs of spin and
// ticket kernels to see fairness.
#include "user.h"
#include <uapi/octopos/lockstat.h>

#define MAXRECS 64
static struct lockstat_rec recs[MAXRECS];

int
main(int argc, char *argv[])
{
  int top = argc > 1 ? atoi(argv[1]) : 10;
  int n = lockstat(recs, MAXRECS);
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
