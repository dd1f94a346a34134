// include/octopos/lockdebug.h: spinlock debugging hooks (CONFIG_DEBUG_SPINLOCK).
//
// The checks live in kernel/locking/lockdebug.c; without the option they are
// empty inlines, so callers never test the option themselves.
#ifndef OCTOPOS_LOCKDEBUG_H
#define OCTOPOS_LOCKDEBUG_H

struct spinlock;

#if IS_ENABLED(CONFIG_DEBUG_SPINLOCK)
void lockdebug_check_user_return(void);   // no lock may be held going to user space
void lockdebug_check_sleep(struct spinlock *lk);  // only lk may be held when sleeping
#else
static inline void lockdebug_check_user_return(void) { }
static inline void lockdebug_check_sleep(struct spinlock *lk) { (void)lk; }
#endif

#endif
