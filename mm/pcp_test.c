// mm/pcp_test.c: host unit tests for the per-hart page caches, over both backends.
// host-test-sources: mm/pcp.c mm/page_alloc.c mm/kmalloc.c
// host-test-config[buddy]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_SMP CONFIG_NR_CPUS=4 CONFIG_PAGE_ALLOC_PCP
// host-test-sources[buddy]: mm/buddy.c
// host-test-config[freelist]: CONFIG_PAGE_ALLOC_FREELIST CONFIG_PAGE_ALLOC_MAX_ORDER=0 CONFIG_SMP CONFIG_NR_CPUS=4 CONFIG_PAGE_ALLOC_PCP CONFIG_DEBUG_PAGE_ALLOC
// host-test-sources[freelist]: mm/freelist.c mm/page_debug.c
//
// cpuid() is host_cpuid here, so a test plays several harts in turn.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_test.h"
#include "page_model.h"

static int
teardown(void **state)
{
  (void)state;
  host_cpuid = 0;
  model_fini();
  return 0;
}

static void
pcp_cached_pages_count_as_free(void **state)
{
  (void)state;
  model_init(256, PGSIZE, 0);
  void *p = kalloc();
  kfree_page(p);
  assert_int_equal(page_free_count(), page_total_count());
}

static void
pcp_free_then_alloc_on_one_hart_reuses_the_page(void **state)
{
  (void)state;
  model_init(256, PGSIZE, 0);
  void *p = page_alloc(0);
  page_free(p, 0);
  assert_ptr_equal(page_alloc(0), p);   // hot page from the top of the stack
  page_free(p, 0);
}

static void
pcp_other_harts_caches_drain_when_memory_runs_out(void **state)
{
  (void)state;
  model_init(400, PGSIZE, 0);
  size_t total = page_total_count();
  void **pages = calloc(total + 1, sizeof(void *));
  for (int hart = 0; hart < CONFIG_NR_CPUS; hart++) {
    host_cpuid = hart;              // each hart in turn takes everything
    size_t n = 0;
    while ((pages[n] = page_alloc(0)) != NULL) {
      model_take(pages[n], 0);
      n++;
    }
    assert_int_equal(n, total);
    for (size_t i = 0; i < n; i++) {
      page_free(pages[i], 0);       // leaves a full cache on this hart
      model_give(pages[i], 0);
    }
  }
  free(pages);
  model_check_counts();
}

static void
pcp_random_alloc_free_across_harts_matches_model(void **state)
{
  (void)state;
  model_init(2000, PGSIZE, 3);
  for (int round = 0; round < 40; round++) {
    host_cpuid = round % CONFIG_NR_CPUS;
    model_random_run(5000, IS_ENABLED(CONFIG_PAGE_ALLOC_BUDDY) ? 4 : 0);
  }
  assert_int_equal(page_free_count(), page_total_count());
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown(pcp_cached_pages_count_as_free, teardown),
    cmocka_unit_test_teardown(pcp_free_then_alloc_on_one_hart_reuses_the_page, teardown),
    cmocka_unit_test_teardown(pcp_other_harts_caches_drain_when_memory_runs_out, teardown),
    cmocka_unit_test_teardown(pcp_random_alloc_free_across_harts_matches_model, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
