// mm/kmalloc_test.c: host unit tests for the kernel heap.
// host-test-sources: mm/kmalloc.c mm/page_alloc.c
// host-test-config[buddy-debug]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_NR_CPUS=1 CONFIG_DEBUG_PAGE_ALLOC
// host-test-sources[buddy-debug]: mm/buddy.c mm/page_debug.c
// host-test-config[buddy-pcp]: CONFIG_PAGE_ALLOC_BUDDY CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_SMP CONFIG_NR_CPUS=2 CONFIG_PAGE_ALLOC_PCP
// host-test-sources[buddy-pcp]: mm/buddy.c mm/pcp.c
// host-test-config[freelist]: CONFIG_PAGE_ALLOC_FREELIST CONFIG_PAGE_ALLOC_MAX_ORDER=0 CONFIG_NR_CPUS=1
// host-test-sources[freelist]: mm/freelist.c
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <octopos/kmalloc.h>
#include "host_test.h"
#include "page_model.h"

#define BIGGEST ((size_t)PGSIZE << (IS_ENABLED(CONFIG_PAGE_ALLOC_BUDDY) ? CONFIG_PAGE_ALLOC_MAX_ORDER : 0))

static int
setup(void **state)
{
  (void)state;
  model_init(2048, (uint64)PGSIZE << 10, 0);
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

static void
kmalloc_zero_and_oversized_return_null(void **state)
{
  (void)state;
  assert_null(kmalloc(0));
  assert_null(kzalloc(0));
  assert_null(kmalloc(((size_t)PGSIZE << CONFIG_PAGE_ALLOC_MAX_ORDER) + 1));
  assert_null(kmalloc((size_t)-1));
  assert_null(kmalloc((size_t)-1 / 2 + 1));
  assert_int_equal(page_free_count(), page_total_count());
}

static void
kfree_null_is_a_noop(void **state)
{
  (void)state;
  kfree(NULL);
  assert_int_equal(page_free_count(), page_total_count());
}

static void
kmalloc_objects_are_aligned_to_their_size_class(void **state)
{
  (void)state;
  for (size_t size = 1; size <= 2048; size = size * 3 / 2 + 1) {
    size_t align = 16;
    while (align < size)
      align *= 2;
    char *p = kmalloc(size);
    assert_non_null(p);
    assert_int_equal((uint64)p % align, 0);
    kfree(p);
  }
}

static void
kmalloc_page_sized_objects_are_page_aligned(void **state)
{
  (void)state;
  size_t before = page_free_count();
  char *p = kmalloc(PGSIZE);
  assert_non_null(p);
  assert_int_equal((uint64)p % PGSIZE, 0);
  assert_int_equal(page_free_count(), before - 1);
  kfree(p);
  assert_int_equal(page_free_count(), before);
}

static void
kmalloc_large_sizes_take_whole_blocks(void **state)
{
  (void)state;
  size_t before = page_free_count();
  char *p = kmalloc(5 * PGSIZE);
  if (!IS_ENABLED(CONFIG_PAGE_ALLOC_BUDDY)) {
    assert_null(p);                 // the free list has no multi-page blocks
    return;
  }
  assert_non_null(p);
  assert_int_equal((uint64)p % (8 * PGSIZE), 0);
  assert_int_equal(page_free_count(), before - 8);
  memset(p, 1, 5 * PGSIZE);
  kfree(p);
  assert_int_equal(page_free_count(), before);
}

static void
kzalloc_returns_zeroed_memory(void **state)
{
  (void)state;
  for (int round = 0; round < 4; round++) {
    unsigned char *p = kzalloc(100);
    for (int i = 0; i < 100; i++)
      assert_int_equal(p[i], 0);
    memset(p, 0xff, 100);
    kfree(p);
  }
}

static void
kmalloc_empty_slabs_go_back_to_the_page_allocator(void **state)
{
  (void)state;
  size_t before = page_free_count();
  void *objs[1000];
  for (int i = 0; i < 1000; i++)
    assert_non_null(objs[i] = kmalloc(16));
  assert_true(page_free_count() <= before - 1000 / (PGSIZE / 16));
  for (int i = 0; i < 1000; i++)
    kfree(objs[i]);
  assert_true(page_free_count() >= before - 1);   // one empty slab may stay
}

// Random sizes up to BIGGEST/2, each object filled with its own byte and
// checked before its free: two live objects that overlap would clobber.
static void
kmalloc_random_objects_never_overlap(void **state)
{
  (void)state;
  enum { LIVE = 600 };
  struct { unsigned char *p; size_t size; unsigned char tag; } live[LIVE];
  size_t n = 0, maxsize = MIN(BIGGEST / 2, (size_t)3 * PGSIZE);

  for (int step = 0; step < 100000; step++) {
    if (n == LIVE || (n > 0 && model_rand() % 100 < 48)) {
      size_t i = model_rand() % n;
      for (size_t b = 0; b < live[i].size; b++)
        if (live[i].p[b] != live[i].tag)
          fail_msg("object %p (%zu bytes) was overwritten at byte %zu",
                   (void *)live[i].p, live[i].size, b);
      kfree(live[i].p);
      live[i] = live[--n];
    } else {
      size_t size = model_rand() % 8 == 0 ? 1 + model_rand() % maxsize
                                          : 1 + model_rand() % 300;
      unsigned char *p = kmalloc(size);
      if (p == NULL)
        fail_msg("kmalloc(%zu) failed with %zu pages free", size, page_free_count());
      unsigned char tag = (unsigned char)(step | 1);
      memset(p, tag, size);
      live[n].p = p;
      live[n].size = size;
      live[n++].tag = tag;
    }
  }
  while (n > 0)
    kfree(live[--n].p);
  // At most one empty slab per size class stays behind.
  assert_true(page_free_count() + 8 >= page_total_count());
}

static void
kfree_of_a_pointer_kmalloc_did_not_return_is_reported(void **state)
{
  (void)state;
  int on_stack;
  EXPECT_PANIC(kfree(&on_stack));
  assert_non_null(strstr(host_panic_msg, "outside managed RAM"));

  void *page = kalloc();
  EXPECT_PANIC(kfree(page));
  assert_non_null(strstr(host_panic_msg, "kmalloc did not return"));

  char *obj = kmalloc(64);
  EXPECT_PANIC(kfree(obj + 16));
  assert_non_null(strstr(host_panic_msg, "inside a kmalloc object"));
  kfree(obj);
}

static void
double_kfree_is_reported(void **state)
{
  (void)state;
  void *a = kmalloc(32), *b = kmalloc(32);   // b keeps the slab alive
  kfree(a);
  EXPECT_PANIC(kfree(a));
  assert_non_null(strstr(host_panic_msg, "double kfree"));
  assert_non_null(strstr(host_log, "called from"));
  kfree(b);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(kmalloc_zero_and_oversized_return_null, setup, teardown),
    cmocka_unit_test_setup_teardown(kfree_null_is_a_noop, setup, teardown),
    cmocka_unit_test_setup_teardown(kmalloc_objects_are_aligned_to_their_size_class, setup, teardown),
    cmocka_unit_test_setup_teardown(kmalloc_page_sized_objects_are_page_aligned, setup, teardown),
    cmocka_unit_test_setup_teardown(kmalloc_large_sizes_take_whole_blocks, setup, teardown),
    cmocka_unit_test_setup_teardown(kzalloc_returns_zeroed_memory, setup, teardown),
    cmocka_unit_test_setup_teardown(kmalloc_empty_slabs_go_back_to_the_page_allocator, setup, teardown),
    cmocka_unit_test_setup_teardown(kmalloc_random_objects_never_overlap, setup, teardown),
    cmocka_unit_test_setup_teardown(kfree_of_a_pointer_kmalloc_did_not_return_is_reported, setup, teardown),
    // CONFIG_DEBUG_PAGE_ALLOC only from here on.
    cmocka_unit_test_setup_teardown(double_kfree_is_reported, setup, teardown),
  };
  size_t n = ARRAY_SIZE(tests) - (IS_ENABLED(CONFIG_DEBUG_PAGE_ALLOC) ? 0 : 1);
  return _cmocka_run_group_tests("kmalloc", tests, n, NULL, NULL);
}
