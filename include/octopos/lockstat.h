// include/octopos/lockstat.h: lock statistics (CONFIG_LOCK_STAT, kernel/locking/lockstat.c).
#ifndef OCTOPOS_LOCKSTAT_H
#define OCTOPOS_LOCKSTAT_H
#include <octopos/spinlock.h>

#if IS_ENABLED(CONFIG_LOCK_STAT)
void lockstat_register(struct spinlock *lk);   // join the list that lockstat reports
// Account one acquisition that spun `spins` times (0 = uncontended).
static inline void
lockstat_note(struct spinlock *lk, uint64 spins)
{
  lk->stat.acquires++;
  if (spins) {
    lk->stat.contended++;
    lk->stat.spins += spins;
  }
}
#else
static inline void lockstat_register(struct spinlock *lk) { (void)lk; }
static inline void lockstat_note(struct spinlock *lk, uint64 spins) { (void)lk; (void)spins; }
#endif

#endif
