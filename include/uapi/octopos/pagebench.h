// include/uapi/octopos/pagebench.h: what pagebench() (call 42,
// CONFIG_PAGE_ALLOC_BENCH) reports about one run of page allocations.
#ifndef UAPI_OCTOPOS_PAGEBENCH_H
#define UAPI_OCTOPOS_PAGEBENCH_H

// Largest run and batch one call accepts: a call stays well under a second
// of kernel time, and the batch fits on the kernel stack.
#define PAGEBENCH_MAX_OPS   2000000
#define PAGEBENCH_MAX_BATCH 32

struct pagebench {
  unsigned long t0;       // time CSR (10 MHz) before the first allocation
  unsigned long t1;       // ... and after the last free
  unsigned long ops;      // alloc+free pairs done
  unsigned int hart0;     // hart that started the run
  unsigned int hart1;     // hart that finished it (differs if the process moved)
};

#endif
