// kernel/kstack.c: kernel stack canary and depth gauge (CONFIG_DEBUG_KSTACK).
//
// Each process's kernel stack is one page. allocproc fills it with
// KSTACK_FILL; the lowest KSTACK_CANARY_WORDS words must still hold it
// whenever the process switches away (sched) and when it is freed. A stack
// that ran past its bottom has written those words on its way, so the
// overflow is reported at the next switch, naming the process and what it
// was doing (its last system call and user pc), before the page below,
// which with the shared kernel page table is any other page of RAM, is
// mistaken for the culprit. The same fill shows on free how deep the stack
// was ever used: kstack_deepest() keeps the maximum, and a stack that used
// more than 3/4 of its page is reported once per new maximum, so the margin
// is seen shrinking before it is gone.
//
// Cost: a page fill per fork, a few loads per switch, a page scan per exit.
#include <octopos/types.h>
#include <octopos/kstack.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include <octopos/page_alloc.h>
#include <asm/memlayout.h>

#define KSTACK_FILL          0x5a
#define KSTACK_FILL_WORD     (0x0101010101010101UL * KSTACK_FILL)
#define KSTACK_BYTES         (KSTACK_PAGES * PGSIZE)
#define KSTACK_CANARY_WORDS  4

static int deepest;          // bytes; racy maximum, a statistic

void
kstack_fill(struct proc *p)
{
  memset((void *)p->kstack, KSTACK_FILL, KSTACK_BYTES);
}

static void
overflow(struct proc *p, const char *when)
{
  panic("kernel stack overflow %s: pid %d (%s), last system call %ld, user pc 0x%lx, "
        "stack 0x%lx-0x%lx",
        when, p->pid, p->name, p->trapframe ? (long)p->trapframe->a7 : -1L,
        p->trapframe ? p->trapframe->epc : 0UL, p->kstack, p->kstack + KSTACK_BYTES);
}

void
kstack_check(struct proc *p)
{
  const uint64 *w = (const uint64 *)p->kstack;
  for (int i = 0; i < KSTACK_CANARY_WORDS; i++)
    if (w[i] != KSTACK_FILL_WORD)
      overflow(p, "at a switch");
}

void
kstack_done(struct proc *p)
{
  const uint64 *w = (const uint64 *)p->kstack;
  for (int i = 0; i < KSTACK_CANARY_WORDS; i++)
    if (w[i] != KSTACK_FILL_WORD)
      overflow(p, "seen at exit");
  int i = KSTACK_CANARY_WORDS;
  while (i < KSTACK_BYTES / 8 && w[i] == KSTACK_FILL_WORD)
    i++;
  int used = KSTACK_BYTES - i * 8;
  if (used > __atomic_load_n(&deepest, __ATOMIC_RELAXED)) {
    __atomic_store_n(&deepest, used, __ATOMIC_RELAXED);
    if (used > KSTACK_BYTES / 2)
      printf("kstack: pid %d (%s) used %d of %d bytes of kernel stack (last system call %ld)\n",
             p->pid, p->name, used, KSTACK_BYTES, p->trapframe ? (long)p->trapframe->a7 : -1L);
  }
}

int
kstack_deepest(void)
{
  return __atomic_load_n(&deepest, __ATOMIC_RELAXED);
}
