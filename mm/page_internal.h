// mm/page_internal.h: the seams inside the physical page allocator.
//
// Private to mm/. The layers, top to bottom:
//
//   page_alloc.c   page_alloc/page_free/kalloc: debug checks, then dispatch
//   pcp.c          per-hart stacks of order-0 pages (CONFIG_PAGE_ALLOC_PCP)
//   buddy.c or freelist.c   the backend, one global lock
//
// page_alloc.c also owns one struct page per managed page (the page map),
// carved from the start of RAM at init; kmalloc.c and page_debug.c keep
// their per-page state there. An optional layer that is not built gets
// no-op inline stubs here, so no caller carries an #ifdef.
#ifndef MM_PAGE_INTERNAL_H
#define MM_PAGE_INTERNAL_H
#include <octopos/types.h>
#include <octopos/page_alloc.h>

// A backend may keep its links in the first PAGE_LINK_BYTES of a free page
// (or of a free block's first page), and nowhere else: the debug poison
// check skips exactly these bytes.
#define PAGE_LINK_BYTES 16

// Backend (mm/buddy.c or mm/freelist.c). The backend trusts its callers:
// every check on a free lives in page_alloc.c/page_debug.c.
void   page_backend_init(uint64 start, uint64 end);   // both page-aligned
void  *page_backend_alloc(unsigned int order);        // NULL if none
void   page_backend_free(void *pa, unsigned int order);
// Order-0 batches under one lock acquisition, for the per-hart caches.
// alloc fills pages[0..n) and returns how many it got (0..n).
int    page_backend_alloc_batch(void **pages, int n);
void   page_backend_free_batch(void **pages, int n);
size_t page_backend_free_count(void);
size_t page_backend_total_count(void);

// Per-page descriptor. Its fields belong to whoever owns the page: the
// debug layer keeps `state`, kmalloc keeps the rest while it owns the page.
struct page {
  uint8  state;        // PG_* below; maintained only with DEBUG_PAGE_ALLOC
  uint8  order;        // debug: block order at the head page; kmalloc: large block order
  uint8  owner;        // KM_OWNER_* (mm/kmalloc.c), PG_OWNER_* below (debug), or 0
  uint8  slab_class;   // kmalloc: size-class index of a slab page
  uint16 slab_inuse;   // kmalloc: objects handed out from this slab
  uint16 slab_free;    // kmalloc: offset of the first free object, or SLAB_NONE
  uint32 slab_next;    // kmalloc: partial-slab list links (page map indices)
  uint32 slab_prev;
  uint32 extra_refs;   // owners beyond the first: copy-on-write sharing (0 = one owner)
};

// struct page.state (debug only)
#define PG_NEVER  0    // never handed out since boot
#define PG_ALLOC  1    // head page of an allocated block of `order`
#define PG_TAIL   2    // other page of an allocated block
#define PG_FREED  3    // free again (in the backend or a per-hart cache)

// struct page.owner beyond kmalloc's (debug only, page_set_use): freeing
// the page while it holds one of these is reported.
#define PG_OWNER_USE 8   // + enum page_use

extern struct page *page_map;     // one per page in [page_map_base, page_map_end)
extern uint64 page_map_base;
extern uint64 page_map_end;

// The descriptor of the page holding pa, or NULL if pa is not managed RAM.
static inline struct page *
pa_to_page(const void *pa)
{
  uint64 a = (uint64)pa;
  if (a < page_map_base || a >= page_map_end)
    return NULL;
  return &page_map[(a - page_map_base) >> PGSHIFT];
}

static inline void *
page_to_pa(const struct page *pg)
{
  return (void *)(page_map_base + ((uint64)(pg - page_map) << PGSHIFT));
}

// page_free with the caller to blame in debug reports; kfree uses it so a
// report names kfree's caller, not kfree.
void page_free_from(void *pa, unsigned int order, void *caller);

// mm/kmalloc.c: called by page_alloc_init once the page map exists.
void kmalloc_init(void);

// Report a kernel memory bug (bad free, corrupted free page) and panic.
// Names the code address `caller`.
void page_bug(void *caller, const char *what, const void *pa)
  __attribute__((noreturn));

#if IS_ENABLED(CONFIG_PAGE_ALLOC_PCP)
// mm/pcp.c: order-0 pages through this hart's cache.
void   pcp_init(void);
void  *pcp_alloc(void);
void   pcp_free(void *pa);
void   pcp_drain_all(void);   // every hart's cache back to the backend
size_t pcp_count(void);       // pages held in caches (racy; for statistics)
#else
static inline void   pcp_init(void) {}
static inline void  *pcp_alloc(void) { return page_backend_alloc(0); }
static inline void   pcp_free(void *pa) { page_backend_free(pa, 0); }
static inline void   pcp_drain_all(void) {}
static inline size_t pcp_count(void) { return 0; }
#endif

#if IS_ENABLED(CONFIG_DEBUG_PAGE_ALLOC)
// mm/page_debug.c: page states, poisoning, checks on free.
#define PAGE_POISON 0x6b
void page_debug_init(uint64 start, uint64 end);
void page_debug_alloc(void *pa, unsigned int order);
void page_debug_free(void *pa, unsigned int order, void *caller);
#else
static inline void page_debug_init(uint64 start, uint64 end) { (void)start; (void)end; }
static inline void page_debug_alloc(void *pa, unsigned int order) { (void)pa; (void)order; }
static inline void page_debug_free(void *pa, unsigned int order, void *caller)
{ (void)pa; (void)order; (void)caller; }
#endif

#endif
