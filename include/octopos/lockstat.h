// include/octopos/lockstat.h: lock statistics (CONFIG_LOCK_STAT, kernel/locking/lockstat.c).
#ifndef OCTOPOS_LOCKSTAT_H
#define OCTOPOS_LOCKSTAT_H
#include <octopos/spinlock.h>

#if IS_ENABLED(CONFIG_LOCK_STAT)
// Attach lk to the counters of its class: all locks with the same name.
void lockstat_register(struct spinlock *lk);
// Account one acquisition that spun `spins` times (0 = uncontended).
static inline void
lockstat_note(struct spinlock *lk, uint64 spins)
{
  struct lockstat *s = lk->stat;
  if (s == NULL)
    return;
  __atomic_fetch_add(&s->acquires, 1, __ATOMIC_RELAXED);
  if (spins) {
    __atomic_fetch_add(&s->contended, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&s->spins, spins, __ATOMIC_RELAXED);
  }
}
#else
static inline void lockstat_register(struct spinlock *lk) { (void)lk; }
static inline void lockstat_note(struct spinlock *lk, uint64 spins) { (void)lk; (void)spins; }
#endif

#endif
