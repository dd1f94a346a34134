// include/octopos/atomic.h: the few atomic operations the kernel uses
// outside its locks, with the body picked once, at include time.
//
// An SMP build uses GCC's __atomic builtins (amo*, lr/sc on RISC-V). A
// uniprocessor build (CONFIG_SMP=n) races only with its own interrupt
// handlers, so a read-modify-write is a plain load and store with interrupts
// masked (push_off/pop_off, as a UP lock is), and the kernel has no atomic
// instruction at all (tests/kbuild/run.sh checks its disassembly). Callers
// never ask which. p points to an aligned int-sized or long-sized object.
//
//   atomic_load(p)                 acquire; always re-reads memory
//   atomic_fetch_add(p, v)         adds v; returns the value before
//   atomic_fetch_dec_unless_zero(p) takes 1 off unless *p is 0; returns
//                                  the value before (a reference count's put)
#ifndef OCTOPOS_ATOMIC_H
#define OCTOPOS_ATOMIC_H

#if !IS_ENABLED(CONFIG_SMP)
#include <octopos/spinlock.h>

// The barriers keep the compiler from moving the access out of the masked
// stretch when push_off/pop_off are inlined (LTO).
#define __up_masked(expr) ({                                  \
  push_off();                                                 \
  asm volatile("" ::: "memory");                              \
  __typeof__(expr) __r = (expr);                              \
  asm volatile("" ::: "memory");                              \
  pop_off();                                                  \
  __r;                                                        \
})

#define atomic_load(p)      (*(volatile __typeof__(*(p)) *)(p))
#define atomic_fetch_add(p, v) __up_masked(({                 \
  __typeof__(*(p)) __o = *(p);                                \
  *(p) = __o + (v);                                           \
  __o;                                                        \
}))
#define atomic_fetch_dec_unless_zero(p) __up_masked(({       \
  __typeof__(*(p)) __o = *(p);                                \
  if (__o != 0)                                               \
    *(p) = __o - 1;                                           \
  __o;                                                        \
}))

#else

#define atomic_load(p)         __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define atomic_fetch_add(p, v) __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST)
// A failed compare-exchange leaves the value it saw in __o: try again with it.
#define atomic_fetch_dec_unless_zero(p) ({                    \
  __typeof__(*(p)) __o = atomic_load(p);                      \
  while (__o != 0 && !__atomic_compare_exchange_n(p, &__o, __o - 1, 0, \
                                 __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE)) \
    ;                                                         \
  __o;                                                        \
})

#endif

#endif
