// tests/host/include/page_model.h: a reference model for page allocator tests.
//
// The model owns one byte per arena page: 0 if the allocator may hand it
// out, 1 if a test holds it. model_take() checks a block the allocator
// returned (inside the arena, naturally aligned, overlapping nothing held)
// and model_give() releases it, so a long random sequence of alloc/free
// checked against the model finds overlap and leaks. Include after
// <cmocka.h> in one test file.
#ifndef PAGE_MODEL_H
#define PAGE_MODEL_H
#include <stdlib.h>
#include <octopos/page_alloc.h>

struct page_model {
  char *arena;            // from host_arena()
  uint64 start, end;      // the range handed to page_alloc_init
  unsigned char *held;    // per page of [start, end)
  size_t nheld;           // pages held by the test
  uint64 rng;
};

static struct page_model M;

// Hand page_alloc_init an arena of npages pages, whose start is `skew`
// pages past an address aligned to `align` bytes (skew makes the range
// deliberately unaligned to any large block).
static void
model_init(size_t npages, size_t align, size_t skew)
{
  M.arena = host_arena((npages + skew) * PGSIZE, align);
  M.start = (uint64)M.arena + skew * PGSIZE;
  M.end = M.start + npages * PGSIZE;
  M.held = calloc(npages, 1);
  M.nheld = 0;
  M.rng = 0x9e3779b97f4a7c15UL;
  page_alloc_init(M.start, M.end);
}

static void
model_fini(void)
{
  free(M.arena);
  free(M.held);
  M.arena = NULL;
  M.held = NULL;
}

static uint64
model_rand(void)
{
  M.rng ^= M.rng << 13;
  M.rng ^= M.rng >> 7;
  M.rng ^= M.rng << 17;
  return M.rng;
}

static void
model_take(void *pa, unsigned int order)
{
  uint64 a = (uint64)pa, n = 1UL << order;

  assert_non_null(pa);
  if (a < M.start || a + n * PGSIZE > M.end)
    fail_msg("block %p order %u outside the managed range", pa, order);
  if (a % (n * PGSIZE) != 0)
    fail_msg("block %p of order %u is not naturally aligned", pa, order);
  for (uint64 i = 0; i < n; i++) {
    size_t pg = (a - M.start) / PGSIZE + i;
    if (M.held[pg])
      fail_msg("block %p order %u overlaps a block already held", pa, order);
    M.held[pg] = 1;
  }
  M.nheld += n;
}

static void
model_give(void *pa, unsigned int order)
{
  uint64 a = (uint64)pa;

  for (uint64 i = 0; i < (1UL << order); i++)
    M.held[(a - M.start) / PGSIZE + i] = 0;
  M.nheld -= 1UL << order;
}

// Every page is either held by the test or counted free by the allocator.
static void
model_check_counts(void)
{
  assert_int_equal(page_free_count() + M.nheld, page_total_count());
}

struct model_block {
  void *pa;
  unsigned int order;
};

// Random alloc/free for `steps` steps with orders 0..maxorder, checked
// against the model; frees everything at the end. Returns the failed
// allocations (exhaustion is allowed, but only when memory is short).
static size_t
model_random_run(size_t steps, unsigned int maxorder)
{
  size_t cap = page_total_count() + 1, n = 0, nfail = 0;
  struct model_block *live = calloc(cap, sizeof(*live));

  for (size_t s = 0; s < steps; s++) {
    if (n > 0 && (model_rand() % 100 < 45 || n == cap)) {
      size_t i = model_rand() % n;
      page_free(live[i].pa, live[i].order);
      model_give(live[i].pa, live[i].order);
      live[i] = live[--n];
    } else {
      // Small orders are common, as in a kernel.
      unsigned int order = model_rand() % 4 == 0 ? model_rand() % (maxorder + 1) : 0;
      void *pa = page_alloc(order);
      if (pa == NULL) {
        nfail++;
        if (order == 0 && page_free_count() > 0)
          fail_msg("order-0 allocation failed with %zu pages free", page_free_count());
        continue;
      }
      model_take(pa, order);
      live[n++] = (struct model_block){ pa, order };
    }
    if (s % 64 == 0)
      model_check_counts();
  }
  while (n > 0) {
    n--;
    page_free(live[n].pa, live[n].order);
    model_give(live[n].pa, live[n].order);
  }
  model_check_counts();
  free(live);
  return nfail;
}

#endif
