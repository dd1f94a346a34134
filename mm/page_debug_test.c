// mm/page_debug_test.c: host unit tests for CONFIG_DEBUG_PAGE_ALLOC's checks.
// host-test-sources: mm/page_debug.c mm/page_alloc.c mm/kmalloc.c
// host-test-config[buddy]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_NR_CPUS=1 CONFIG_DEBUG_PAGE_ALLOC
// host-test-sources[buddy]: mm/buddy.c
// host-test-config[buddy-pcp]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_SMP CONFIG_NR_CPUS=2 CONFIG_PAGE_ALLOC_PCP CONFIG_DEBUG_PAGE_ALLOC
// host-test-sources[buddy-pcp]: mm/buddy.c mm/pcp.c
// host-test-config[freelist]: CONFIG_PAGE_ALLOC_FREELIST CONFIG_PAGE_ALLOC_MAX_ORDER=0 CONFIG_NR_CPUS=1 CONFIG_DEBUG_PAGE_ALLOC
// host-test-sources[freelist]: mm/freelist.c
//
// Every bad free must panic with a message saying what was wrong and the
// caller's address, before the backend's lists are touched.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <octopos/kmalloc.h>
#include "host_test.h"
#include "page_model.h"

static int
setup(void **state)
{
  (void)state;
  model_init(512, (uint64)PGSIZE << 4, 0);
  host_log_clear();
  return 0;
}

static int
teardown(void **state)
{
  (void)state;
  model_fini();
  return 0;
}

#define assert_reported(what) do {                                       \
    if (strstr(host_panic_msg, what) == NULL)                            \
      fail_msg("panic \"%s\" does not say \"%s\"", host_panic_msg, what); \
  } while (0)

static void
debug_double_free_is_reported(void **state)
{
  (void)state;
  void *p = page_alloc(0);
  page_free(p, 0);
  EXPECT_PANIC(page_free(p, 0));
  assert_reported("double free");
}

static void
debug_free_of_never_allocated_page_is_reported(void **state)
{
  (void)state;
  EXPECT_PANIC(kfree_page((void *)(M.end - PGSIZE)));
  assert_reported("never allocated");
}

static void
debug_unaligned_free_is_reported(void **state)
{
  (void)state;
  char *p = page_alloc(0);
  EXPECT_PANIC(page_free(p + 8, 0));
  assert_reported("unaligned");
  page_free(p, 0);                 // the right free still works
}

static void
debug_free_outside_managed_ram_is_reported(void **state)
{
  (void)state;
  static char not_ram[2 * PGSIZE];
  EXPECT_PANIC(kfree_page((void *)PGROUNDUP((uint64)not_ram)));
  assert_reported("outside managed RAM");
}

static void
debug_page_free_of_kmalloc_memory_is_reported(void **state)
{
  (void)state;
  void *obj = kmalloc(64);
  EXPECT_PANIC(kfree_page((void *)PGROUNDDOWN((uint64)obj)));
  assert_reported("kmalloc owns");
  kfree(obj);
}

static void
debug_write_after_free_is_caught_on_alloc(void **state)
{
  (void)state;
  char *p = page_alloc(0);
  page_free(p, 0);
  p[100] = 1;                      // a stale pointer writes to the free page
  EXPECT_PANIC({ while (page_alloc(0) != NULL) ; });
  assert_reported("written after it was freed");
}

static void
debug_free_of_page_in_use_is_reported(void **state)
{
  (void)state;
  void *stack = kalloc(), *pt = kalloc();
  page_set_use(stack, PAGE_USE_KSTACK);
  page_set_use(pt, PAGE_USE_PGTABLE);
  EXPECT_PANIC(kfree_page(stack));
  assert_reported("in use as a kernel stack");
  EXPECT_PANIC(page_free(pt, 0));
  assert_reported("in use as a page-table page");
  page_set_use(stack, PAGE_USE_NONE);    // the owners' own frees still work
  page_set_use(pt, PAGE_USE_NONE);
  kfree_page(stack);
  kfree_page(pt);
}

static void
debug_write_after_free_names_offset_and_freer(void **state)
{
  (void)state;
  uint64 *p = page_alloc(0);
  page_free(p, 0);
  p[509] = 0x1234;                 // the issue-22 pattern: a word near the top
  EXPECT_PANIC({ while (page_alloc(0) != NULL) ; });
  if (strstr(host_log, "first at +0xfe8 = 0x1234") == NULL)
    fail_msg("report does not give the offset and value: %s", host_log);
}

__attribute__((noinline)) static void
free_it_twice(void *p)
{
  page_free(p, 0);
  page_free(p, 0);
}

static void
debug_report_names_the_caller(void **state)
{
  (void)state;
  void *p = page_alloc(0), *caller = NULL;
  EXPECT_PANIC(free_it_twice(p));
  const char *at = strstr(host_log, "called from ");
  assert_non_null(at);
  assert_int_equal(sscanf(at, "called from %p", &caller), 1);
  uint64 off = (uint64)caller - (uint64)free_it_twice;
  if (off > 512)
    fail_msg("report blames %p, not free_it_twice at %p", caller, (void *)free_it_twice);
}

static void
debug_clean_use_reports_nothing(void **state)
{
  (void)state;
  model_random_run(20000, IS_ENABLED(CONFIG_PAGE_ALLOC_BUDDY) ? 3 : 0);
  assert_string_equal(host_log, "");
}

// Buddy only from here on: they need multi-page blocks.
static void
debug_free_inside_a_block_is_reported(void **state)
{
  (void)state;
  char *p = page_alloc(2);
  EXPECT_PANIC(page_free(p + PGSIZE, 0));
  assert_reported("inside an allocated block");
  page_free(p, 2);
}

static void
debug_free_with_wrong_order_is_reported(void **state)
{
  (void)state;
  void *p = page_alloc(1);
  EXPECT_PANIC(page_free(p, 0));
  assert_reported("different order");
  EXPECT_PANIC(page_free(p, 2));
  page_free(p, 1);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(debug_double_free_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_free_of_never_allocated_page_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_unaligned_free_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_free_outside_managed_ram_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_page_free_of_kmalloc_memory_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_write_after_free_is_caught_on_alloc, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_report_names_the_caller, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_free_of_page_in_use_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_write_after_free_names_offset_and_freer, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_clean_use_reports_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_free_inside_a_block_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(debug_free_with_wrong_order_is_reported, setup, teardown),
  };
  size_t n = ARRAY_SIZE(tests) - (IS_ENABLED(CONFIG_PAGE_ALLOC_BUDDY) ? 0 : 2);
  return _cmocka_run_group_tests("page_debug", tests, n, NULL, NULL);
}
