// include/octopos/page_alloc.h: physical pages.
//
// Defined by mm/page_alloc.c (shared code, statistics) and one backend:
// mm/buddy.c (CONFIG_PAGE_ALLOC_BUDDY) or mm/freelist.c
// (CONFIG_PAGE_ALLOC_FREELIST). Callers never ask which was built.
#ifndef OCTOPOS_PAGE_ALLOC_H
#define OCTOPOS_PAGE_ALLOC_H
#include <octopos/types.h>

#define PGSIZE  4096
#define PGSHIFT 12
#define PGROUNDUP(sz)   (((sz) + PGSIZE - 1) & ~(uint64)(PGSIZE - 1))
#define PGROUNDDOWN(a)  (((a)) & ~(uint64)(PGSIZE - 1))

// Hand the allocator the physical range [start, end) (page-aligned inside).
void   page_alloc_init(uint64 start, uint64 end);
// 2^order contiguous, naturally aligned pages, or NULL. Contents undefined.
void  *page_alloc(unsigned int order);
void   page_free(void *pa, unsigned int order);
size_t page_free_count(void);    // free 4 KiB pages
size_t page_total_count(void);   // pages under management

// The common case: one zero-filled page (kalloc) / one page back (kfree_page).
void  *kalloc(void);
void   kfree_page(void *pa);      // drops one reference; the last one frees

// Sharing one page between address spaces (copy-on-write fork): each extra
// owner takes a reference; kfree_page() by the last owner frees the page.
void   page_ref_get(void *pa);
int    page_ref_shared(void *pa);  // more than one owner?

// Pages whose use must end before they are freed: a live kernel stack or
// page-table page handed to page_free/kfree_page is a bug that
// CONFIG_DEBUG_PAGE_ALLOC reports at the free (naming the caller) instead
// of leaving it to corrupt whoever gets the page next. The code that owns
// such a page marks it after allocating and unmarks it just before its
// one legitimate free. Without DEBUG_PAGE_ALLOC these cost nothing.
enum page_use { PAGE_USE_NONE, PAGE_USE_KSTACK, PAGE_USE_PGTABLE };
#if IS_ENABLED(CONFIG_DEBUG_PAGE_ALLOC)
void   page_set_use(void *pa, enum page_use use);
#else
static inline void page_set_use(void *pa, enum page_use use) { (void)pa; (void)use; }
#endif

#endif
