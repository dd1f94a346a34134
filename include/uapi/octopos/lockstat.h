// include/uapi/octopos/lockstat.h: one lock's statistics, as lockstat() (call 27) reports them.
#ifndef UAPI_OCTOPOS_LOCKSTAT_H
#define UAPI_OCTOPOS_LOCKSTAT_H

struct lockstat_rec {
  char name[24];
  unsigned long acquires;    // times taken
  unsigned long contended;   // times the taker had to spin
  unsigned long spins;       // total spin iterations
};

#endif
