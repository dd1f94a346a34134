// mm/kmalloc.c: the kernel heap.
//
// Small objects come from slabs: a slab is one page cut into equal objects
// of one size class (16, 32, ... 2048 bytes; every class divides the page,
// so nothing is wasted at the end). The slab's bookkeeping lives in its
// struct page, not in the page itself: the object count, the offset of its
// first free object, and links on its class's list of slabs that still
// have a free object. Free objects chain through their first two bytes.
//
// Anything larger than 2048 bytes gets a whole block of 2^order pages,
// whose order is kept in the head page's struct page. With the free-list
// page allocator only one-page blocks exist, so kmalloc fails above 4 KiB.
//
// kfree finds the owner from the page map, so it needs no header: a pointer
// kmalloc did not return is reported (and a double kfree too, with
// CONFIG_DEBUG_PAGE_ALLOC). kmem.lock guards every slab's bookkeeping and
// the lists; the page allocator's locks nest inside it.
#include <octopos/kmalloc.h>
#include <octopos/page_alloc.h>
#include <octopos/spinlock.h>
#include <octopos/string.h>
#include "page_internal.h"

#define KM_MIN_SHIFT   4                        // smallest class: 16 bytes
#define KM_NCLASS      8                        // ... largest: 2048 bytes
#define KM_MAX_SMALL   (1 << (KM_MIN_SHIFT + KM_NCLASS - 1))
#define KM_OWNER_SLAB  1
#define KM_OWNER_LARGE 2
#define SLAB_NONE      0xffff                   // end of a slab's free chain
#define LIST_NONE      0xffffffffu              // end of a partial list

static struct {
  struct spinlock lock;
  uint32 partial[KM_NCLASS];   // page map index of the first slab with room
  uint idle;                   // empty slabs kept for reuse (one per class at most)
} kmem;

void
kmalloc_init(void)
{
  initlock(&kmem.lock, "kmem");
  for (int c = 0; c < KM_NCLASS; c++)
    kmem.partial[c] = LIST_NONE;
}

static inline uint32
slab_index(struct page *pg)
{
  return (uint32)(pg - page_map);
}

// Caller holds kmem.lock for the list operations below.
static void
slab_list_push(int c, struct page *pg)
{
  pg->slab_prev = LIST_NONE;
  pg->slab_next = kmem.partial[c];
  if (kmem.partial[c] != LIST_NONE)
    page_map[kmem.partial[c]].slab_prev = slab_index(pg);
  kmem.partial[c] = slab_index(pg);
}

static void
slab_list_remove(int c, struct page *pg)
{
  if (pg->slab_prev == LIST_NONE)
    kmem.partial[c] = pg->slab_next;
  else
    page_map[pg->slab_prev].slab_next = pg->slab_next;
  if (pg->slab_next != LIST_NONE)
    page_map[pg->slab_next].slab_prev = pg->slab_prev;
}

// A new slab for class c, on the partial list, or NULL. Caller holds kmem.lock.
static struct page *
slab_new(int c)
{
  uint size = 1U << (KM_MIN_SHIFT + c);
  char *pa = page_alloc(0);

  if (pa == NULL)
    return NULL;
  for (uint off = 0; off < PGSIZE; off += size)
    *(uint16 *)(pa + off) = off + size < PGSIZE ? off + size : SLAB_NONE;

  struct page *pg = pa_to_page(pa);
  pg->owner = KM_OWNER_SLAB;
  pg->slab_class = c;
  pg->slab_inuse = 0;
  pg->slab_free = 0;
  slab_list_push(c, pg);
  return pg;
}

static void *
kmalloc_large(size_t size)
{
  unsigned int order = 0;

  if (size > ((size_t)PGSIZE << CONFIG_PAGE_ALLOC_MAX_ORDER))
    return NULL;
  while (((size_t)PGSIZE << order) < size)
    order++;
  void *pa = page_alloc(order);
  if (pa != NULL) {
    struct page *pg = pa_to_page(pa);
    pg->owner = KM_OWNER_LARGE;
    pg->order = order;
  }
  return pa;
}

// size bytes aligned to the smaller of their size class and 4 KiB, or NULL
// for size 0, a size beyond the largest block, or no memory.
void *
kmalloc(size_t size)
{
  if (size == 0)
    return NULL;
  if (size > KM_MAX_SMALL)
    return kmalloc_large(size);

  int c = 0;
  while ((1UL << (KM_MIN_SHIFT + c)) < size)
    c++;

  acquire(&kmem.lock);
  struct page *pg;
  if (kmem.partial[c] != LIST_NONE) {
    pg = &page_map[kmem.partial[c]];
    // An empty slab on the list is one kfree kept back (a fresh one is
    // used up before the lock is dropped).
    kmem.idle -= pg->slab_inuse == 0;
  } else if ((pg = slab_new(c)) == NULL) {
    release(&kmem.lock);
    return NULL;
  }
  char *obj = (char *)page_to_pa(pg) + pg->slab_free;
  pg->slab_free = *(uint16 *)obj;
  pg->slab_inuse++;
  if (pg->slab_free == SLAB_NONE)
    slab_list_remove(c, pg);
  release(&kmem.lock);
  return obj;
}

void *
kzalloc(size_t size)
{
  void *p = kmalloc(size);

  if (p != NULL)
    memset(p, 0, size);
  return p;
}

// Is the object at off already on pg's free chain? Caller holds kmem.lock.
static bool
slab_is_free(struct page *pg, uint off)
{
  char *base = page_to_pa(pg);

  for (uint f = pg->slab_free; f != SLAB_NONE; f = *(uint16 *)(base + f))
    if (f == off)
      return true;
  return false;
}

static void
slab_free_object(struct page *pg, char *p, void *caller)
{
  int c = pg->slab_class;
  uint off = (uint)((uint64)p & (PGSIZE - 1));

  if (off % (1U << (KM_MIN_SHIFT + c)) != 0)
    page_bug(caller, "kfree of a pointer inside a kmalloc object", p);

  acquire(&kmem.lock);
  if (IS_ENABLED(CONFIG_DEBUG_PAGE_ALLOC) && slab_is_free(pg, off)) {
    release(&kmem.lock);
    page_bug(caller, "double kfree", p);
  }
  if (pg->slab_free == SLAB_NONE)     // was full, so not on the list
    slab_list_push(c, pg);
  *(uint16 *)p = pg->slab_free;
  pg->slab_free = off;
  pg->slab_inuse--;

  // Give an empty slab back unless it is the class's only one: keeping
  // one avoids a page round trip for every alloc/free pair.
  bool give_back = pg->slab_inuse == 0 &&
                   (pg->slab_prev != LIST_NONE || pg->slab_next != LIST_NONE);
  if (give_back) {
    slab_list_remove(c, pg);
    pg->owner = 0;
  } else {
    kmem.idle += pg->slab_inuse == 0;
  }
  release(&kmem.lock);
  if (give_back)
    page_free_from(page_to_pa(pg), 0, caller);
}

// Empty slabs kept back for reuse: memory no object holds, which
// sysinfo counts as free (at most one page per size class).
uint
kmalloc_idle_pages(void)
{
  return kmem.idle;
}

// Free p from kmalloc/kzalloc; NULL is a no-op. A pointer kmalloc did not
// return is a kernel bug: it is reported with kfree's caller and panics.
void
kfree(void *p)
{
  void *caller = __builtin_return_address(0);

  if (p == NULL)
    return;
  struct page *pg = pa_to_page(p);
  if (pg == NULL)
    page_bug(caller, "kfree of an address outside managed RAM", p);

  if (pg->owner == KM_OWNER_SLAB) {
    slab_free_object(pg, p, caller);
  } else if (pg->owner == KM_OWNER_LARGE && ((uint64)p & (PGSIZE - 1)) == 0) {
    pg->owner = 0;
    page_free_from(p, pg->order, caller);
  } else {
    page_bug(caller, "kfree of a pointer kmalloc did not return", p);
  }
}
