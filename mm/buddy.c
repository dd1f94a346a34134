// mm/buddy.c: buddy page allocator (CONFIG_PAGE_ALLOC_BUDDY).
//
// Free memory is kept as blocks of 2^k pages, k = 0..CONFIG_PAGE_ALLOC_MAX_ORDER,
// each naturally aligned in physical address, on one doubly linked list
// per order. Allocation takes the smallest block that fits and splits off
// halves; a freed block merges with its buddy (the block whose address
// differs only in bit k) while that buddy is free and of the same order, so
// memory drifts back to large blocks. Both cost O(MAX_ORDER).
//
// The list links live in the first bytes of each free block (within
// PAGE_LINK_BYTES). One byte per page, carved from the bottom of the range,
// records "this page heads a free block of order k": that is how a free
// finds out, without a search, whether its buddy is free.
//
// buddy.lock guards everything here; it is a leaf lock.
#include <octopos/page_alloc.h>
#include <octopos/spinlock.h>
#include <octopos/string.h>
#include "page_internal.h"

#define MAX_ORDER   CONFIG_PAGE_ALLOC_MAX_ORDER
#define BUDDY_FREE  0x80      // tag: page heads a free block; low bits = order
#define BUDDY_NONE  0         // page is allocated or inside a larger block

struct buddy_block {
  struct buddy_block *next;
  struct buddy_block *prev;
};

_Static_assert(sizeof(struct buddy_block) <= PAGE_LINK_BYTES,
               "buddy links must fit in the bytes the poison check skips");

static struct {
  struct spinlock lock;
  struct buddy_block free[MAX_ORDER + 1];   // list heads (circular)
  uint8 *tag;             // per page of [base, end)
  uint64 base, end;       // managed range
  uint64 frontier;        // [frontier, end) is free but not yet on any list
  size_t nfree;           // free pages (listed and beyond the frontier)
  size_t npages;          // managed pages
} buddy;

static inline uint8 *
buddy_tag(uint64 pa)
{
  return &buddy.tag[(pa - buddy.base) >> PGSHIFT];
}

static void
buddy_push(uint64 pa, unsigned int order)
{
  struct buddy_block *b = (struct buddy_block *)pa;
  struct buddy_block *h = &buddy.free[order];

  b->next = h->next;
  b->prev = h;
  h->next->prev = b;
  h->next = b;
  *buddy_tag(pa) = BUDDY_FREE | order;
}

static void
buddy_unlink(uint64 pa)
{
  struct buddy_block *b = (struct buddy_block *)pa;

  b->prev->next = b->next;
  b->next->prev = b->prev;
  *buddy_tag(pa) = BUDDY_NONE;
}

// The buddy of the order-k block at pa, or 0 if it lies outside the range.
static uint64
buddy_of(uint64 pa, unsigned int order)
{
  uint64 b = pa ^ ((uint64)PGSIZE << order);
  if (b < buddy.base || b + ((uint64)PGSIZE << order) > buddy.end)
    return 0;
  return b;
}

// Put the next block beyond the frontier on its list: the largest aligned
// block that fits. 0 when the frontier has reached the end. Blocks are
// carved on demand, so set-up costs the same whatever the memory size.
// Caller holds buddy.lock (or runs before any other hart).
static int
buddy_carve(void)
{
  uint64 pa = buddy.frontier;
  if (pa >= buddy.end)
    return 0;
  int k = 0;                    // int: with MAX_ORDER 0, k < 0 must not warn
  while (k < MAX_ORDER && (pa & ((uint64)PGSIZE << k)) == 0 &&
         pa + ((uint64)PGSIZE << (k + 1)) <= buddy.end)
    k++;
  buddy_push(pa, k);
  buddy.frontier = pa + ((uint64)PGSIZE << k);
  return 1;
}

// Carve the tag bytes from the bottom; the rest is the frontier.
// Called once, before any other hart runs.
void
page_backend_init(uint64 start, uint64 end)
{
  initlock(&buddy.lock, "buddy");
  buddy.nfree = buddy.npages = 0;
  for (int k = 0; k <= MAX_ORDER; k++)
    buddy.free[k].next = buddy.free[k].prev = &buddy.free[k];

  uint64 tagbytes = PGROUNDUP((end - start) / PGSIZE);
  if (tagbytes >= end - start) {
    buddy.base = buddy.end = buddy.frontier = end;   // too small to manage anything
    return;
  }
  buddy.tag = (uint8 *)start;
  buddy.base = buddy.frontier = start + tagbytes;
  buddy.end = end;
  buddy.npages = buddy.nfree = (end - buddy.base) / PGSIZE;
  memset(buddy.tag, BUDDY_NONE, tagbytes);
}

// Caller holds buddy.lock.
static void *
buddy_alloc_locked(unsigned int order)
{
  unsigned int k = order;

  for (;;) {
    while (k <= MAX_ORDER && buddy.free[k].next == &buddy.free[k])
      k++;
    if (k <= MAX_ORDER)
      break;
    if (!buddy_carve())
      return NULL;
    k = order;
  }

  uint64 pa = (uint64)buddy.free[k].next;
  buddy_unlink(pa);
  while (k > order) {           // give back the upper halves
    k--;
    buddy_push(pa + ((uint64)PGSIZE << k), k);
  }
  buddy.nfree -= (size_t)1 << order;
  return (void *)pa;
}

// Caller holds buddy.lock.
static void
buddy_free_locked(uint64 pa, unsigned int order)
{
  int k = order;

  buddy.nfree += (size_t)1 << order;
  while (k < MAX_ORDER) {
    uint64 b = buddy_of(pa, k);
    if (b == 0 || *buddy_tag(b) != (BUDDY_FREE | k))
      break;
    buddy_unlink(b);
    pa &= ~((uint64)PGSIZE << k);       // the merged block starts at the lower half
    k++;
  }
  buddy_push(pa, k);
}

void *
page_backend_alloc(unsigned int order)
{
  void *pa;

  if (order > MAX_ORDER)
    return NULL;
  acquire(&buddy.lock);
  pa = buddy_alloc_locked(order);
  release(&buddy.lock);
  return pa;
}

void
page_backend_free(void *pa, unsigned int order)
{
  acquire(&buddy.lock);
  buddy_free_locked((uint64)pa, order);
  release(&buddy.lock);
}

int
page_backend_alloc_batch(void **pages, int n)
{
  int i;

  acquire(&buddy.lock);
  for (i = 0; i < n; i++)
    if ((pages[i] = buddy_alloc_locked(0)) == NULL)
      break;
  release(&buddy.lock);
  return i;
}

void
page_backend_free_batch(void **pages, int n)
{
  acquire(&buddy.lock);
  for (int i = 0; i < n; i++)
    buddy_free_locked((uint64)pages[i], 0);
  release(&buddy.lock);
}

size_t
page_backend_free_count(void)
{
  return buddy.nfree;
}

size_t
page_backend_total_count(void)
{
  return buddy.npages;
}
