// include/octopos/spinlock_ticket.h: ticket spinlocks (CONFIG_LOCK_TICKET).
// Included only by octopos/spinlock.h, which declares the operations.
//
// A hart takes the next ticket with one atomic fetch-and-add and waits until
// `owner` reaches it; release hands the lock to the next ticket in order.
// Relies on: amoadd.w on `next`, ordinary loads of `owner` seeing the
// holder's release store (fence before it), and fewer than 2^32 waiters.
#ifndef OCTOPOS_SPINLOCK_TICKET_H
#define OCTOPOS_SPINLOCK_TICKET_H

struct spinlock {
  volatile uint next;     // next ticket to hand out
  volatile uint owner;    // ticket now being served
  const char *name;
  struct cpu *cpu;
  struct lockstat *stat;  // this lock's class counters (CONFIG_LOCK_STAT)
};

static inline void
lock_reset(struct spinlock *lk)
{
  lk->next = 0;
  lk->owner = 0;
  lk->stat = NULL;
}

#endif
