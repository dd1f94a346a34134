// include/octopos/spinlock_tas.h: test-and-set spinlocks (CONFIG_LOCK_SPIN), as xv6.
// Included only by octopos/spinlock.h, which declares the operations.
#ifndef OCTOPOS_SPINLOCK_TAS_H
#define OCTOPOS_SPINLOCK_TAS_H

struct spinlock {
  volatile uint locked;   // 0 free, 1 held: taken with an atomic swap
  uint releases;          // CONFIG_LOCK_STAT: times released, so a waiter can
                          // count the holders that went first (fills padding)
  const char *name;
  struct cpu *cpu;        // holder, for holding() and debugging
  struct lockstat *stat;  // this lock's class counters (CONFIG_LOCK_STAT)
};

static inline void
lock_reset(struct spinlock *lk)
{
  lk->locked = 0;
  lk->releases = 0;
  lk->stat = NULL;
}

#endif
