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

static struct {
  struct spinlock lock;
  struct freelist_page *head;
  size_t nfree;
  size_t npages;
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

// Caller holds freelist.lock.
static void *
freelist_pop(void)
{
  struct freelist_page *p = freelist.head;

  if (p != NULL) {
    freelist.head = p->next;
    freelist.nfree--;
  }
  return p;
}

// Push from the top down so that the list hands out low addresses first,
// which keeps early boot allocations together.
void
page_backend_init(uint64 start, uint64 end)
{
  initlock(&freelist.lock, "freelist");
  freelist.head = NULL;
  freelist.nfree = 0;
  for (uint64 pa = end; pa > start; pa -= PGSIZE)
    freelist_push((void *)(pa - PGSIZE));
  freelist.npages = freelist.nfree;
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
