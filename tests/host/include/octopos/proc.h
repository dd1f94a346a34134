// tests/host/include/octopos/proc.h: host shim: just the current hart.
//
// cpuid() returns host_cpuid, which a test may change to act as another
// hart (e.g. to fill several per-hart caches).
#ifndef OCTOPOS_PROC_H
#define OCTOPOS_PROC_H
#include <octopos/spinlock.h>

extern int host_cpuid;

static inline int
cpuid(void)
{
  return host_cpuid;
}

#endif
