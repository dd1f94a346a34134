// mm/page_debug.c: page allocator checks (CONFIG_DEBUG_PAGE_ALLOC).
//
// Every managed page has a state in the page map: never allocated,
// allocated (head of a block of some order, or a page inside one), or
// freed. page_free checks the state before anything reaches the backend,
// so a double free, a free of a page that was never handed out, a free of
// the wrong order or address, or a free of a kmalloc page is reported with
// the caller's address instead of silently corrupting the free lists.
//
// Freed pages are filled with PAGE_POISON; page_alloc checks the poison
// (all but the first PAGE_LINK_BYTES of each page, where the backend keeps
// its links, and the word after them, which names the code that freed the
// page) and so catches writes through dangling pointers, late: the report
// gives the offset and value of the first word written and who freed the
// page, which is usually enough to tell what wrote it. Pages
// never allocated since boot are not poisoned: filling all of RAM at boot
// takes seconds under QEMU once RAM reaches a GiB.
//
// Cost: a full-page write on each free and a full-page read on each
// allocation, and one global lock around the state changes.
#include <octopos/page_alloc.h>
#include <octopos/printk.h>
#include <octopos/spinlock.h>
#include <octopos/string.h>
#include "page_internal.h"

// The word of a freed block's first page that records who freed it.
#define FREER_WORD (PAGE_LINK_BYTES / 8)

static struct spinlock debug_lock;   // guards page_map[].state and .order

// Called once with the range the backend will manage, before it does.
// Every page starts PG_NEVER (the page map is zeroed).
void
page_debug_init(uint64 start, uint64 end)
{
  (void)start;
  (void)end;
  initlock(&debug_lock, "page_debug");
}

void
page_debug_alloc(void *pa, unsigned int order)
{
  uint64 poison = 0x0101010101010101UL * PAGE_POISON;
  uint64 npages = 1UL << order;
  struct page *pg = pa_to_page(pa);

  // The state read is racy but safe: the block is ours, nobody else
  // changes its pages' states until we free it.
  for (uint64 i = 0; i < npages; i++) {
    uint64 *w = (uint64 *)((char *)pa + i * PGSIZE);
    if (pg[i].state != PG_FREED)
      continue;
    for (int j = FREER_WORD + 1; j < PGSIZE / 8; j++) {
      if (w[j] == poison)
        continue;
      int n = 0, last = j;
      for (int k = j; k < PGSIZE / 8; k++)
        if (w[k] != poison)
          n++, last = k;
      printf("page_alloc: page %p freed by %p: %d words written after the free, "
             "first at +0x%x = 0x%lx, last at +0x%x = 0x%lx\n",
             (void *)w, (void *)w[FREER_WORD], n, j * 8, w[j], last * 8, w[last]);
      page_bug(__builtin_return_address(0), "free page was written after it was freed", &w[j]);
    }
  }

  acquire(&debug_lock);
  pg->state = PG_ALLOC;
  pg->order = order;
  for (uint64 i = 1; i < npages; i++)
    pg[i].state = PG_TAIL;
  release(&debug_lock);
}

// Returns only if freeing the 2^order pages at pa is sound; the pages are
// then marked free and poisoned.
void
page_debug_free(void *pa, unsigned int order, void *caller)
{
  struct page *pg = pa_to_page(pa);
  const char *bug = NULL;

  if (pg == NULL)
    page_bug(caller, "free of an address outside managed RAM", pa);
  if (order > CONFIG_PAGE_ALLOC_MAX_ORDER)
    page_bug(caller, "free with an order beyond PAGE_ALLOC_MAX_ORDER", pa);
  if ((uint64)pa % ((uint64)PGSIZE << order) != 0)
    page_bug(caller, "free of an unaligned address", pa);

  acquire(&debug_lock);
  if (pg->state == PG_NEVER)
    bug = "free of a page that was never allocated";
  else if (pg->state == PG_FREED)
    bug = "double free";
  else if (pg->state == PG_TAIL)
    bug = "free of a page inside an allocated block";
  else if (pg->order != order)
    bug = "free with a different order than allocated";
  else if (pg->owner != 0)
    bug = "page_free of a page kmalloc owns";
  else
    for (uint64 i = 0; i < (1UL << order); i++)
      pg[i].state = PG_FREED;
  release(&debug_lock);     // before reporting, so the report cannot deadlock
  if (bug != NULL)
    page_bug(caller, bug, pa);

  memset(pa, PAGE_POISON, (uint64)PGSIZE << order);
  ((void **)pa)[FREER_WORD] = caller;
}
