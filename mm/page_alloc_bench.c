// mm/page_alloc_bench.c: host microbenchmark for the page allocator.
//
// Built once per backend configuration by scripts/host-bench.sh, with the
// host-test shims (locks are no-ops, so this measures the algorithms, not
// lock contention). For each order it times two patterns, and prints one
// line per pattern in alloc+free pairs per second:
//   hot    page_alloc then page_free at once: the kalloc/kfree_page fast path
//   batch  256 blocks allocated, then freed in shuffled order: splitting and
//          merging across a fragmented pool
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>
#include <octopos/page_alloc.h>
#include "host_test.h"

#define ARENA_PAGES (16384)    // 64 MiB
#define BATCH 256

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double
bench_hot(unsigned int order, long iters)
{
  double t = now();
  for (long i = 0; i < iters; i++) {
    void *p = page_alloc(order);
    if (p == NULL)
      abort();
    page_free(p, order);
  }
  return iters / (now() - t);
}

static double
bench_batch(unsigned int order, long rounds)
{
  static void *blocks[BATCH];
  static unsigned perm[BATCH];
  unsigned seed = 1;

  for (int i = 0; i < BATCH; i++)
    perm[i] = i;
  for (int i = BATCH - 1; i > 0; i--) {
    seed = seed * 1103515245 + 12345;
    unsigned j = (seed >> 8) % (i + 1), t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  double t = now();
  for (long r = 0; r < rounds; r++) {
    for (int i = 0; i < BATCH; i++)
      if ((blocks[i] = page_alloc(order)) == NULL)
        abort();
    for (int i = 0; i < BATCH; i++)
      page_free(blocks[perm[i]], order);
  }
  return rounds * BATCH / (now() - t);
}

int
main(int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : "?";
  void *arena = host_arena((size_t)ARENA_PAGES * PGSIZE, (size_t)PGSIZE << 10);

  page_alloc_init((uint64)arena, (uint64)arena + (uint64)ARENA_PAGES * PGSIZE);
  // Fragment the pool a little, as a running kernel's would be.
  for (int i = 0; i < 1000; i++)
    if (i % 3 == 0)
      page_alloc(0);

  unsigned int orders[] = { 0, 1, 3, 6, 10 };
  for (unsigned k = 0; k < sizeof(orders) / sizeof(orders[0]); k++) {
    unsigned int order = orders[k];
    if (order > CONFIG_PAGE_ALLOC_MAX_ORDER || page_alloc(order) == NULL)
      continue;                     // (leaks one block: harmless here)
    long iters = MAX(2000000L >> order, 2000L);
    double hot = bench_hot(order, iters);
    if ((BATCH << order) > ARENA_PAGES / 2)
      fprintf(stdout, "%-14s order %2u  hot %11.0f /s  batch %11s\n", name, order, hot, "-");
    else
      fprintf(stdout, "%-14s order %2u  hot %11.0f /s  batch %11.0f /s\n", name, order,
              hot, bench_batch(order, MAX(20000L >> order, 20L)));
  }
  free(arena);
  return 0;
}
