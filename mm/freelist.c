// mm/freelist.c: free-list page allocator (CONFIG_PAGE_ALLOC_FREELIST).
//
// xv6's design: every free page is a node on one singly linked list, and
// one lock guards the list. Allocation and free are O(1) and the code is
// tiny, but the list knows nothing about adjacency, so it serves only
// single pages: page_alloc(order > 0) returns NULL. Pick the buddy
// allocator for anything that needs contiguous multi-page buffers.
#include <octopos/page_alloc.h>
#include <octopos/spinlock.h>
#include "page_internal.h"

struct freelist_page {
  struct freelist_page *next;
};

_Static_assert(sizeof(struct freelist_page) <= PAGE_LINK_BYTES,
               "free-list link must fit in the bytes the poison check skips");

// Pages never handed out yet are not on the list: they are the range
// [frontier, limit), taken from the bottom when the list is empty. Setting
// up is then O(1) whatever the memory size, instead of writing a link into
// every page (which, under QEMU, also makes the host commit all of it).
static struct {
  struct spinlock lock;
  struct freelist_page *head;
  size_t nfree;                     // on the list and above the frontier
  size_t npages;
  uint64 frontier, limit;
} freelist;

// Caller holds freelist.lock.
static void
freelist_push(void *pa)
{
  struct freelist_page *p = pa;

  p->next = freelist.head;
  freelist.head = p;
  freelist.nfree++;
}

// Caller holds freelist.lock. Freed pages first (warm), then untouched
// ones from the bottom up, which keeps early boot allocations together.
static void *
freelist_pop(void)
{
  struct freelist_page *p = freelist.head;

  if (p != NULL) {
    freelist.head = p->next;
    freelist.nfree--;
  } else if (freelist.frontier < freelist.limit) {
    p = (struct freelist_page *)freelist.frontier;
    freelist.frontier += PGSIZE;
    freelist.nfree--;
  }
  return p;
}

void
page_backend_init(uint64 start, uint64 end)
{
  initlock(&freelist.lock, "freelist");
  freelist.head = NULL;
  freelist.frontier = PGROUNDUP(start);
  freelist.limit = freelist.frontier < end ? PGROUNDDOWN(end) : freelist.frontier;
  freelist.nfree = freelist.npages = (freelist.limit - freelist.frontier) / PGSIZE;
}

void *
page_backend_alloc(unsigned int order)
{
  void *pa;

  if (order != 0)
    return NULL;      // no adjacency information: see the top of the file
  acquire(&freelist.lock);
  pa = freelist_pop();
  release(&freelist.lock);
  return pa;
}

// Only order-0 blocks are ever handed out, but a larger block is still
// taken back page by page.
void
page_backend_free(void *pa, unsigned int order)
{
  acquire(&freelist.lock);
  for (uint64 i = 0; i < (1UL << order); i++)
    freelist_push((char *)pa + i * PGSIZE);
  release(&freelist.lock);
}

int
page_backend_alloc_batch(void **pages, int n)
{
  int i;

  acquire(&freelist.lock);
  for (i = 0; i < n; i++)
    if ((pages[i] = freelist_pop()) == NULL)
      break;
  release(&freelist.lock);
  return i;
}

void
page_backend_free_batch(void **pages, int n)
{
  acquire(&freelist.lock);
  for (int i = 0; i < n; i++)
    freelist_push(pages[i]);
  release(&freelist.lock);
}

size_t
page_backend_free_count(void)
{
  return freelist.nfree;
}

size_t
page_backend_total_count(void)
{
  return freelist.npages;
}
