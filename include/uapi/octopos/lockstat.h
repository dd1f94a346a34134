// include/uapi/octopos/lockstat.h: lock statistics, as lockstat() (call 27)
// and lockstat_harts() (call 40) report them (CONFIG_LOCK_STAT), and the
// lock micro-benchmark lockbench() (call 41, CONFIG_LOCK_BENCH).
#ifndef UAPI_OCTOPOS_LOCKSTAT_H
#define UAPI_OCTOPOS_LOCKSTAT_H

// One lock class (all locks of one name), summed over harts.
struct lockstat_rec {
  char name[24];
  unsigned long acquires;    // times taken
  unsigned long contended;   // times the taker had to spin
  unsigned long spins;       // total spin iterations
};

// One hart's share of one class: lockstat_harts(class, recs, n) fills
// recs[h] for hart h, with class numbered as in lockstat()'s records.
struct lockstat_hart_rec {
  unsigned long acquires;    // times this hart took a lock of the class
  unsigned long contended;   // ... and had to spin
  unsigned long spins;       // total spin iterations
  unsigned long spins_max;   // longest single wait, in spin iterations
  unsigned long waited;      // holders queued behind (releases between arrival and turn), summed
  unsigned long waited_max;  // the most holders one acquisition queued behind
};

// lockbench(what, n) (call 41, CONFIG_LOCK_BENCH) times n rounds of:
#define LOCKBENCH_LOCK    0   // acquire + release of an uncontended spinlock
#define LOCKBENCH_PUSHOFF 1   // push_off + pop_off (the interrupt masking inside a lock)
#define LOCKBENCH_LOOP    2   // nothing: the loop's own overhead
#define LOCKBENCH_MAX_N   1000000    // bounds one call to well under a second

#endif
