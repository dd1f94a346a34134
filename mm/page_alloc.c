// mm/page_alloc.c: the physical page allocator's front end.
//
// page_alloc/page_free are the only way into the backend (mm/buddy.c or
// mm/freelist.c, whichever the build picked). Order-0 traffic goes through
// the per-hart caches when CONFIG_PAGE_ALLOC_PCP is set; with
// CONFIG_DEBUG_PAGE_ALLOC every free is checked and every allocation is
// checked against the poison left at free. This file also owns the page
// map: one struct page per managed page, for kmalloc and the debug layer.
#include <octopos/atomic.h>
#include <octopos/page_alloc.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include "page_internal.h"

struct page *page_map;
uint64 page_map_base;
uint64 page_map_end;

// Carve the page map from the bottom of [start, end), then hand the rest to
// the debug layer (which only starts its lock: pages are poisoned when
// freed, not here) and the backend. Any page-aligned
// range works, however large or small; a range too small to hold the map
// plus one page leaves the allocator empty.
void
page_alloc_init(uint64 start, uint64 end)
{
  start = PGROUNDUP(start);
  end = PGROUNDDOWN(end);
  if (end <= start)
    end = start;

  uint64 npages = (end - start) / PGSIZE;
  uint64 mapbytes = PGROUNDUP(npages * sizeof(struct page));
  if (mapbytes >= end - start)
    mapbytes = end - start;
  page_map = (struct page *)start;
  page_map_base = start + mapbytes;
  page_map_end = end;
  memset(page_map, 0, mapbytes);

  pcp_init();
  page_debug_init(page_map_base, page_map_end);
  page_backend_init(page_map_base, page_map_end);
  kmalloc_init();
}

// 2^order contiguous, naturally aligned pages, or NULL. When the backend
// runs dry, pages parked in the per-hart caches go back to it first: they
// may be exactly the buddies a large request needs.
void *
page_alloc(unsigned int order)
{
  void *pa;

  if (order > CONFIG_PAGE_ALLOC_MAX_ORDER)
    return NULL;
  pa = order == 0 ? pcp_alloc() : page_backend_alloc(order);
  if (pa == NULL && IS_ENABLED(CONFIG_PAGE_ALLOC_PCP)) {
    pcp_drain_all();
    pa = page_backend_alloc(order);
  }
  if (pa != NULL)
    page_debug_alloc(pa, order);
  return pa;
}

void
page_free_from(void *pa, unsigned int order, void *caller)
{
  page_debug_free(pa, order, caller);   // returns only if the free is sound
  if (order == 0)
    pcp_free(pa);
  else
    page_backend_free(pa, order);
}

void
page_free(void *pa, unsigned int order)
{
  page_free_from(pa, order, __builtin_return_address(0));
}

void *
kalloc(void)
{
  void *pa = page_alloc(0);
  if (pa != NULL)
    memset(pa, 0, PGSIZE);
  return pa;
}

// Drop one owner's reference to a page; the last owner frees it.
void
kfree_page(void *pa)
{
  struct page *pg = pa_to_page(pa);
  if (pg && atomic_fetch_dec_unless_zero(&pg->extra_refs) != 0)
    return;   // someone else still maps it
  page_free_from(pa, 0, __builtin_return_address(0));
}

void
page_ref_get(void *pa)
{
  atomic_fetch_add(&pa_to_page(pa)->extra_refs, 1);
}

int
page_ref_shared(void *pa)
{
  return atomic_load(&pa_to_page(pa)->extra_refs) != 0;
}

size_t
page_free_count(void)
{
  return page_backend_free_count() + pcp_count();
}

size_t
page_total_count(void)
{
  return page_backend_total_count();
}

void
page_bug(void *caller, const char *what, const void *pa)
{
  printf("page_alloc: %s: pa %p, called from %p\n", what, pa, caller);
  panic("page_alloc: %s", what);
}
