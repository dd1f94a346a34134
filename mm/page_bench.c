// mm/page_bench.c: the pagebench() system call (CONFIG_PAGE_ALLOC_BENCH).
//
// pagebench(n, batch, &result) allocates `batch` order-0 pages, frees them,
// and repeats until n pairs are done, timing the whole run with the time
// CSR. It goes through page_alloc/page_free, so it measures exactly what
// kalloc/kfree_page cost (per-hart caches, backend lock, debug checks)
// without a page fault or a copy around them. user/bin/pagebench.c runs one
// per hart at once to see how the allocator scales (docs/mm.md).
#include <octopos/types.h>
#include <octopos/page_alloc.h>
#include <octopos/proc.h>
#include <octopos/syscall.h>
#include <octopos/vm.h>
#include <octopos/errno.h>
#include <octopos/string.h>
#include <uapi/octopos/pagebench.h>
#include <asm/riscv.h>

static uint
page_bench_hart(void)
{
  push_off();
  uint h = cpuid();
  pop_off();
  return h;
}

// The run itself. Returns 0, -ENOMEM with every page of the unfinished
// batch given back, or -EINTR if the process was killed meanwhile (looked
// at every 4096 pairs: under heavy lock contention a run can take minutes).
static int
page_bench_run(long n, int batch, struct pagebench *r)
{
  void *pages[PAGEBENCH_MAX_BATCH];

  r->hart0 = page_bench_hart();
  r->t0 = r_time();
  while (r->ops < (unsigned long)n) {
    if (r->ops % 4096 < (unsigned long)batch && r->ops > 0 && killed(myproc()))
      return -EINTR;
    int k = n - r->ops < (unsigned long)batch ? (int)(n - r->ops) : batch;
    for (int i = 0; i < k; i++) {
      if ((pages[i] = page_alloc(0)) == NULL) {
        while (i-- > 0)
          page_free(pages[i], 0);
        return -ENOMEM;
      }
    }
    for (int i = 0; i < k; i++)
      page_free(pages[i], 0);
    r->ops += k;
  }
  r->t1 = r_time();
  r->hart1 = page_bench_hart();
  return 0;
}

long
sys_pagebench(void)
{
  long n = argint(0);
  int batch = argint(1);
  struct pagebench r;

  if (n < 0 || n > PAGEBENCH_MAX_OPS || batch < 1 || batch > PAGEBENCH_MAX_BATCH)
    return -EINVAL;
  memset(&r, 0, sizeof(r));
  int err = page_bench_run(n, batch, &r);
  if (err < 0)
    return err;
  return copyout(myproc()->pagetable, argaddr(2), &r, sizeof(r));
}
