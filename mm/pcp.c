// mm/pcp.c: per-hart page caches (CONFIG_PAGE_ALLOC_PCP).
//
// Each hart keeps a small stack of free order-0 pages, so that most
// kalloc/kfree_page calls never touch the backend's global lock. A hart
// refills from the backend PCP_BATCH pages at a time when its stack is
// empty and gives PCP_BATCH back when it is full, so one backend lock round
// trip is shared by many page operations.
//
// Each cache has its own lock. Its owner hart is almost the only one to
// take it, so it costs an uncontended atomic; it exists so that
// pcp_drain_all() can empty other harts' caches when the backend runs dry.
// Lock order: pcp lock, then the backend lock.
#include <octopos/page_alloc.h>
#include <octopos/spinlock.h>
#include <octopos/proc.h>
#include "page_internal.h"

#define PCP_HIGH  64      // most pages a hart holds (256 KiB)
#define PCP_BATCH 16      // pages moved per backend round trip

struct pcp {
  struct spinlock lock;
  int count;
  void *pages[PCP_HIGH];
};

static struct pcp pcps[CONFIG_NR_CPUS];

void
pcp_init(void)
{
  for (int i = 0; i < CONFIG_NR_CPUS; i++) {
    initlock(&pcps[i].lock, "pcp");
    pcps[i].count = 0;
  }
}

// Interrupts stay off from cpuid() to release so that the hart cannot
// change under us (a timer interrupt could otherwise move this process).
void *
pcp_alloc(void)
{
  void *pa = NULL;

  push_off();
  struct pcp *c = &pcps[cpuid()];
  acquire(&c->lock);
  if (c->count == 0)
    c->count = page_backend_alloc_batch(c->pages, PCP_BATCH);
  if (c->count > 0)
    pa = c->pages[--c->count];
  release(&c->lock);
  pop_off();
  return pa;
}

void
pcp_free(void *pa)
{
  push_off();
  struct pcp *c = &pcps[cpuid()];
  acquire(&c->lock);
  if (c->count == PCP_HIGH) {
    // Give back the coldest pages, from the bottom of the stack.
    page_backend_free_batch(c->pages, PCP_BATCH);
    for (int i = PCP_BATCH; i < PCP_HIGH; i++)
      c->pages[i - PCP_BATCH] = c->pages[i];
    c->count -= PCP_BATCH;
  }
  c->pages[c->count++] = pa;
  release(&c->lock);
  pop_off();
}

void
pcp_drain_all(void)
{
  for (int i = 0; i < CONFIG_NR_CPUS; i++) {
    struct pcp *c = &pcps[i];
    acquire(&c->lock);
    page_backend_free_batch(c->pages, c->count);
    c->count = 0;
    release(&c->lock);
  }
}

size_t
pcp_count(void)
{
  size_t n = 0;

  for (int i = 0; i < CONFIG_NR_CPUS; i++)
    n += __atomic_load_n(&pcps[i].count, __ATOMIC_RELAXED);
  return n;
}
