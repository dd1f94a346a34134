// include/octopos/spinlock.h: the one spinlock API.
//
// The implementation is picked here, once, at include time: a uniprocessor
// build (CONFIG_SMP=n) makes a lock "interrupts off on this hart" with no
// atomics; SMP builds use test-and-set (CONFIG_LOCK_SPIN) or ticket locks
// (CONFIG_LOCK_TICKET). No caller ever asks which.
//
//   initlock(lk, name)   acquire(lk)   release(lk)   holding(lk)
//   push_off()/pop_off() nestable interrupt disable, counted per hart
#ifndef OCTOPOS_SPINLOCK_H
#define OCTOPOS_SPINLOCK_H
#include <octopos/types.h>

struct lockstat;          // a lock class's counters (CONFIG_LOCK_STAT, octopos/lockstat.h)
struct spinlock;          // its body comes from the backend header below

void initlock(struct spinlock *lk, const char *name);
void push_off(void);
void pop_off(void);

// The backend headers are included only from here. The uniprocessor one
// defines acquire/release/holding inline; both SMP backends take them out
// of line (kernel/locking/spinlock_tas.c, spinlock_ticket.c), declared once.
#if !IS_ENABLED(CONFIG_SMP)
#include <octopos/spinlock_up.h>
#else
void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
int  holding(struct spinlock *lk);
#if IS_ENABLED(CONFIG_LOCK_TICKET)
#include <octopos/spinlock_ticket.h>
#else
#include <octopos/spinlock_tas.h>
#endif
#endif

#endif
