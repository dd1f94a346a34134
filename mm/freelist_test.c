// mm/freelist_test.c: host unit tests for the xv6 free-list page allocator.
// host-test-sources: mm/freelist.c mm/page_alloc.c mm/kmalloc.c
// host-test-config[plain]: CONFIG_PAGE_ALLOC_FREELIST CONFIG_PAGE_ALLOC_MAX_ORDER=0 CONFIG_NR_CPUS=1
// host-test-config[debug]: CONFIG_PAGE_ALLOC_FREELIST CONFIG_PAGE_ALLOC_MAX_ORDER=0 CONFIG_NR_CPUS=1 CONFIG_DEBUG_PAGE_ALLOC
// host-test-sources[debug]: mm/page_debug.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_test.h"
#include "page_model.h"
#include "page_internal.h"   // sizeof(struct page): the page map the allocator carves

static int
teardown(void **state)
{
  (void)state;
  model_fini();
  return 0;
}

static void
freelist_manages_every_page_after_the_page_map(void **state)
{
  (void)state;
  model_init(1000, PGSIZE, 1);
  size_t mappages = (1000 * sizeof(struct page) + PGSIZE - 1) / PGSIZE;
  assert_int_equal(page_total_count(), 1000 - mappages);
  assert_int_equal(page_free_count(), page_total_count());
}

static void
freelist_hands_out_every_page_once_then_null(void **state)
{
  (void)state;
  model_init(500, PGSIZE, 0);
  size_t total = page_total_count(), n = 0;
  void **pages = calloc(total + 1, sizeof(void *));
  while ((pages[n] = page_alloc(0)) != NULL) {
    model_take(pages[n], 0);          // no page twice, all inside the range
    n++;
    assert_true(n <= total);
  }
  assert_int_equal(n, total);
  assert_int_equal(page_free_count(), 0);
  assert_null(kalloc());
  for (size_t i = 0; i < n; i++)
    kfree_page(pages[i]);
  free(pages);
  assert_int_equal(page_free_count(), total);
}

static void
freelist_multi_page_requests_fail(void **state)
{
  (void)state;
  model_init(64, PGSIZE, 0);
  // PAGE_ALLOC_MAX_ORDER is 0 with the free list (mm/Kconfig): any larger
  // order, up to the buddy allocator's default, must fail.
  for (unsigned int order = 1; order <= 10; order++)
    assert_null(page_alloc(order));
  assert_int_equal(page_free_count(), page_total_count());
}

static void
freelist_hands_out_low_addresses_first(void **state)
{
  (void)state;
  model_init(64, PGSIZE, 0);
  uint64 a = (uint64)page_alloc(0), b = (uint64)page_alloc(0);
  assert_true(a < b);
  assert_int_equal(a, M.end - page_total_count() * PGSIZE);
}

static void
freelist_random_alloc_free_matches_model(void **state)
{
  (void)state;
  model_init(700, PGSIZE, 0);
  model_random_run(300000, 0);     // order-0 may fail only with nothing free
  assert_int_equal(page_free_count(), page_total_count());
}

static void
kalloc_returns_a_zeroed_page(void **state)
{
  (void)state;
  model_init(16, PGSIZE, 0);
  unsigned char *p = kalloc();
  memset(p, 0x5a, PGSIZE);
  kfree_page(p);
  p = kalloc();
  for (int i = 0; i < PGSIZE; i++)
    assert_int_equal(p[i], 0);
  kfree_page(p);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown(freelist_manages_every_page_after_the_page_map, teardown),
    cmocka_unit_test_teardown(freelist_hands_out_every_page_once_then_null, teardown),
    cmocka_unit_test_teardown(freelist_multi_page_requests_fail, teardown),
    cmocka_unit_test_teardown(freelist_hands_out_low_addresses_first, teardown),
    cmocka_unit_test_teardown(freelist_random_alloc_free_matches_model, teardown),
    cmocka_unit_test_teardown(kalloc_returns_a_zeroed_page, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
