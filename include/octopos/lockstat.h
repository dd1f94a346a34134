// include/octopos/lockstat.h: lock statistics (CONFIG_LOCK_STAT, kernel/locking/lockstat.c).
//
// Counters are kept per lock class (all locks of one name) and, within a
// class, per hart. A hart only ever writes its own slot, and acquire runs
// with interrupts off, so the counters need no atomic instructions.
//
// `waited` measures fairness independently of how long anyone spun: it is
// the number of holders an acquisition queued behind (the releases that
// happened between its arrival and its turn). A ticket lock bounds it by
// the number of other harts; a test-and-set lock does not bound it at all.
#ifndef OCTOPOS_LOCKSTAT_H
#define OCTOPOS_LOCKSTAT_H
#include <octopos/spinlock.h>
#include <octopos/proc.h>

#if IS_ENABLED(CONFIG_LOCK_STAT)
struct lockstat_hart {
  uint64 acquires;        // successful acquisitions
  uint64 contended;       // acquisitions that had to spin
  uint64 spins;           // total spin iterations
  uint64 spins_max;       // the longest single wait, in iterations
  uint64 waited;          // holders queued behind, summed
  uint64 waited_max;      // the most holders one acquisition queued behind
};

struct lockstat {
  struct lockstat_hart hart[CONFIG_NR_CPUS];
};

// Attach lk to the counters of its class: all locks with the same name.
void lockstat_register(struct spinlock *lk);

// Account one acquisition by this hart that spun `spins` times (0 =
// uncontended) and queued behind `waited` holders. Interrupts are off.
static inline void
lockstat_note(struct spinlock *lk, uint64 spins, uint waited)
{
  struct lockstat *s = lk->stat;
  if (s == NULL)
    return;
  struct lockstat_hart *h = &s->hart[cpuid()];
  h->acquires++;
  h->waited += waited;
  if (waited > h->waited_max)
    h->waited_max = waited;
  if (spins) {
    h->contended++;
    h->spins += spins;
    if (spins > h->spins_max)
      h->spins_max = spins;
  }
}
#else
static inline void lockstat_register(struct spinlock *lk) { (void)lk; }
static inline void
lockstat_note(struct spinlock *lk, uint64 spins, uint waited)
{
  (void)lk; (void)spins; (void)waited;
}
#endif

#endif
