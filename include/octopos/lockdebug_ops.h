// include/octopos/lockdebug_ops.h: the debug checks inside acquire/release
// (kernel/locking/lockdebug.c); empty inlines without CONFIG_DEBUG_SPINLOCK.
#ifndef OCTOPOS_LOCKDEBUG_OPS_H
#define OCTOPOS_LOCKDEBUG_OPS_H
#include <octopos/spinlock.h>

#if IS_ENABLED(CONFIG_DEBUG_SPINLOCK)
void lockdebug_acquire(struct spinlock *lk);             // recursive acquire?
void lockdebug_release(struct spinlock *lk);             // release by a non-holder?
void lockdebug_spin_report(struct spinlock *lk, uint64 spins);
#define LOCKDEBUG_SPIN_LIMIT (1UL << 28)
static inline void
lockdebug_spin(struct spinlock *lk, uint64 spins)
{
  if ((spins & (LOCKDEBUG_SPIN_LIMIT - 1)) == 0)
    lockdebug_spin_report(lk, spins);
}
#else
static inline void lockdebug_acquire(struct spinlock *lk) { (void)lk; }
static inline void lockdebug_release(struct spinlock *lk) { (void)lk; }
static inline void lockdebug_spin(struct spinlock *lk, uint64 spins) { (void)lk; (void)spins; }
#endif

#endif
