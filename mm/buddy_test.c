// mm/buddy_test.c: host unit tests for the buddy page allocator.
// host-test-sources: mm/buddy.c mm/page_alloc.c mm/kmalloc.c
// host-test-config[plain]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_NR_CPUS=1
// host-test-config[pcp]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_SMP CONFIG_NR_CPUS=2 CONFIG_PAGE_ALLOC_PCP
// host-test-sources[pcp]: mm/pcp.c
// host-test-config[order3-debug]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=3 CONFIG_NR_CPUS=1 CONFIG_DEBUG_PAGE_ALLOC
// host-test-sources[order3-debug]: mm/page_debug.c
// host-test-config[order0]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=0 CONFIG_NR_CPUS=1
//
// The allocator runs on an aligned_alloc'd arena; every block it returns
// is checked against tests/host/include/page_model.h.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_test.h"
#include "page_model.h"
#include "page_internal.h"   // sizeof(struct page): the page map the allocator carves

#define MAX_ORDER  CONFIG_PAGE_ALLOC_MAX_ORDER
#define BLOCK      ((uint64)PGSIZE << MAX_ORDER)

static int
teardown(void **state)
{
  (void)state;
  model_fini();
  return 0;
}

// Largest-order blocks that fit in the managed range [end - total, end).
static size_t
expected_max_blocks(void)
{
  uint64 base = M.end - page_total_count() * PGSIZE;
  uint64 first = (base + BLOCK - 1) & ~(BLOCK - 1);
  return first >= M.end ? 0 : (M.end - first) / BLOCK;
}

// Allocate max-order blocks until none is left, check them, free them.
static size_t
count_max_blocks(void)
{
  size_t cap = (page_total_count() >> MAX_ORDER) + 1, n = 0;
  void **blocks = calloc(cap, sizeof(void *));

  while (n < cap && (blocks[n] = page_alloc(MAX_ORDER)) != NULL) {
    model_take(blocks[n], MAX_ORDER);
    n++;
  }
  for (size_t i = 0; i < n; i++) {
    page_free(blocks[i], MAX_ORDER);
    model_give(blocks[i], MAX_ORDER);
  }
  free(blocks);
  return n;
}

static void
buddy_init_manages_any_page_aligned_range(void **state)
{
  (void)state;
  // 1000 pages, 3 pages past a 4 MiB boundary: nothing lines up.
  model_init(1000, BLOCK, 3);
  size_t mappages = (1000 * sizeof(struct page) + PGSIZE - 1) / PGSIZE;
  size_t rest = 1000 - mappages;
  size_t tagpages = (rest + PGSIZE - 1) / PGSIZE;
  assert_int_equal(page_total_count(), rest - tagpages);
  assert_int_equal(page_free_count(), page_total_count());
}

static void
buddy_tiny_range_manages_nothing(void **state)
{
  (void)state;
  model_init(1, PGSIZE, 0);
  assert_int_equal(page_total_count(), 0);
  assert_null(page_alloc(0));
  assert_null(kalloc());
}

static void
buddy_blocks_are_naturally_aligned(void **state)
{
  (void)state;
  model_init(4 << MAX_ORDER, BLOCK, 5);
  for (unsigned int order = 0; order <= MAX_ORDER; order++) {
    void *pa = page_alloc(order);
    model_take(pa, order);           // checks alignment and range
  }
  model_check_counts();
}

static void
buddy_order_above_max_fails(void **state)
{
  (void)state;
  model_init(4 << MAX_ORDER, BLOCK, 0);
  assert_null(page_alloc(MAX_ORDER + 1));
  assert_null(page_alloc(100));
  assert_int_equal(page_free_count(), page_total_count());
}

static void
buddy_exhaustion_returns_null(void **state)
{
  (void)state;
  model_init(600, PGSIZE, 1);
  size_t total = page_total_count();
  void **pages = calloc(total + 1, sizeof(void *));
  size_t n = 0;
  while ((pages[n] = page_alloc(0)) != NULL) {
    model_take(pages[n], 0);
    n++;
    assert_true(n <= total);
  }
  assert_int_equal(n, total);
  assert_int_equal(page_free_count(), 0);
  assert_null(page_alloc(0));
  assert_null(page_alloc(1));
  page_free(pages[0], 0);
  model_give(pages[0], 0);
  pages[0] = page_alloc(0);
  model_take(pages[0], 0);
  for (size_t i = 0; i < n; i++)
    page_free(pages[i], 0);
  free(pages);
  assert_int_equal(page_free_count(), total);
}

static void
buddy_free_merges_to_max_order(void **state)
{
  (void)state;
  model_init(8 << MAX_ORDER, BLOCK, 0);
  size_t want = expected_max_blocks();
  assert_true(want >= 6);
  assert_int_equal(count_max_blocks(), want);

  // Break every block down to single pages, free them in random order.
  size_t total = page_total_count();
  void **pages = calloc(total, sizeof(void *));
  for (size_t i = 0; i < total; i++) {
    pages[i] = page_alloc(0);
    model_take(pages[i], 0);
  }
  assert_null(page_alloc(0));
  for (size_t i = total - 1; i > 0; i--) {
    size_t j = model_rand() % (i + 1);
    void *t = pages[i]; pages[i] = pages[j]; pages[j] = t;
  }
  for (size_t i = 0; i < total; i++) {
    page_free(pages[i], 0);
    model_give(pages[i], 0);
  }
  free(pages);
  assert_int_equal(page_free_count(), total);
  assert_int_equal(count_max_blocks(), want);
}

static void
buddy_random_alloc_free_matches_model(void **state)
{
  (void)state;
  model_init(3000, BLOCK, 7);
  size_t want = expected_max_blocks();
  model_random_run(200000, MAX_ORDER);
  assert_int_equal(page_free_count(), page_total_count());
  assert_int_equal(count_max_blocks(), want);
}

static void
buddy_random_run_survives_exhaustion(void **state)
{
  (void)state;
  model_init(300, PGSIZE, 0);       // small: allocations keep running dry
  size_t nfail = model_random_run(100000, MAX_ORDER);
  assert_true(nfail > 0);
  assert_int_equal(page_free_count(), page_total_count());
}

static void
kalloc_returns_a_zeroed_page(void **state)
{
  (void)state;
  model_init(64, PGSIZE, 0);
  unsigned char *p = kalloc();
  memset(p, 0xa5, PGSIZE);
  kfree_page(p);
  unsigned char *q = kalloc();      // most likely p again
  for (int i = 0; i < PGSIZE; i++)
    assert_int_equal(q[i], 0);
  kfree_page(q);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown(buddy_init_manages_any_page_aligned_range, teardown),
    cmocka_unit_test_teardown(buddy_tiny_range_manages_nothing, teardown),
    cmocka_unit_test_teardown(buddy_blocks_are_naturally_aligned, teardown),
    cmocka_unit_test_teardown(buddy_order_above_max_fails, teardown),
    cmocka_unit_test_teardown(buddy_exhaustion_returns_null, teardown),
    cmocka_unit_test_teardown(buddy_free_merges_to_max_order, teardown),
    cmocka_unit_test_teardown(buddy_random_alloc_free_matches_model, teardown),
    cmocka_unit_test_teardown(buddy_random_run_survives_exhaustion, teardown),
    cmocka_unit_test_teardown(kalloc_returns_a_zeroed_page, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
