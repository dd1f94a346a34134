// mm/vm.c: Sv39 page tables for the kernel and for user processes.
//
// The kernel page table maps RAM at its physical addresses (direct map)
// and the device registers drivers ask for at probe (ioremap) in a window
// of their own. A user page table maps the program from 0 and the
// trapframe. What else each holds (the trampoline page, kernel stacks, the
// kernel itself in every user table) is the kernel address-space backend's
// (octopos/kpt.h). RAM and device ranges come from the devicetree, so any
// memory size works.
//
// copyin/copyout are the trust boundary: they only touch pages that are
// valid and user-accessible in the process's page table, and they move
// whole runs with memmove (word copies), not byte loops.
#include <octopos/types.h>
#include <octopos/vm.h>
#include <octopos/kpt.h>
#include <octopos/page_alloc.h>
#include <octopos/string.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/fdt.h>
#include <asm/riscv.h>
#include <asm/arch.h>
#include <asm/memlayout.h>

pagetable_t kernel_pagetable;

// The PTE for va, creating page-table pages on the way when alloc is set.
// NULL if absent (or out of memory when allocating).
pte_t *
walk(pagetable_t pagetable, uint64 va, int alloc)
{
  if (va >= MAXVA)
    return NULL;
  for (int level = 2; level > 0; level--) {
    pte_t *pte = &pagetable[PX(level, va)];
    if (*pte & PTE_V) {
      if (IS_ENABLED(CONFIG_KERNEL_MAP_LARGE) && (*pte & (PTE_R | PTE_W | PTE_X)))
        return NULL;   // inside a kernel megapage (kvminit): no 4 KiB PTE here
      pagetable = (pagetable_t)PTE2PA(*pte);
    } else {
      if (!alloc || (pagetable = (pagetable_t)kalloc()) == NULL)
        return NULL;
      page_set_use(pagetable, PAGE_USE_PGTABLE);
      *pte = PA2PTE(pagetable) | PTE_V;
    }
  }
  return &pagetable[PX(0, va)];
}

uint64
walkaddr(pagetable_t pagetable, uint64 va)
{
  if (va >= MAXVA)
    return 0;
  pte_t *pte = walk(pagetable, va, 0);
  if (pte == NULL || (*pte & (PTE_V | PTE_U)) != (PTE_V | PTE_U))
    return 0;
  return PTE2PA(*pte);
}

// Map [va, va+size) to pa. va and size need not be page-aligned.
// 0, or -ENOMEM if a page-table page could not be allocated.
int
mappages(pagetable_t pagetable, uint64 va, uint64 size, uint64 pa, int perm)
{
  if (size == 0)
    panic("mappages: size 0");
  uint64 a = PGROUNDDOWN(va);
  uint64 last = PGROUNDDOWN(va + size - 1);
  for (;;) {
    pte_t *pte = walk(pagetable, a, 1);
    if (pte == NULL)
      return -ENOMEM;
    if (*pte & PTE_V)
      panic("mappages: remap of va %p", (void *)a);
    // A and D preset: no hardware update or fault needed on first use.
    *pte = PA2PTE(pa) | perm | PTE_V | PTE_A | PTE_D;
    if (a == last)
      break;
    a += PGSIZE;
    pa += PGSIZE;
  }
  return 0;
}

void
kvmmap(pagetable_t kpt, uint64 va, uint64 pa, uint64 sz, int perm)
{
  if (mappages(kpt, va, sz, pa, perm) != 0)
    panic("kvmmap: out of memory");
}

#define MEGAPAGE (1UL << PXSHIFT(1))   // 2 MiB: a level-1 leaf

// Map RAM [a, end) one-to-one, in 2 MiB pages where both ends allow and
// 4 KiB pages at the edges, so that the map's cost (page-table pages,
// walks at boot) does not grow with the memory size: 4 GiB is 2048
// entries, not a million. Nothing maps or unmaps single pages of the
// direct map afterwards; walk() stops at these leaves.
static void
kvmmap_ram(pagetable_t kpt, uint64 a, uint64 end, int perm)
{
  while (a < end) {
    if ((a & (MEGAPAGE - 1)) != 0 || end - a < MEGAPAGE) {
      uint64 next = MIN((a + MEGAPAGE) & ~(MEGAPAGE - 1), end);   // the next 2 MiB boundary
      kvmmap(kpt, a, a, next - a, perm);
      a = next;
      continue;
    }
    pte_t *top = &kpt[PX(2, a)];
    if (!(*top & PTE_V)) {
      pagetable_t t = kalloc();
      if (t == NULL)
        panic("kvminit: out of memory");
      *top = PA2PTE(t) | PTE_V;
    }
    ((pagetable_t)PTE2PA(*top))[PX(1, a)] = PA2PTE(a) | perm | PTE_V | PTE_A | PTE_D;
    a += MEGAPAGE;
  }
}

// Build the kernel's page table (hart 0, once).
void
kvminit(void)
{
  pagetable_t kpt = kalloc();
  if (kpt == NULL)
    panic("kvminit: out of memory");
  page_set_use(kpt, PAGE_USE_PGTABLE);

  // Kernel text read/execute (with the start of read-only data on its last
  // page), the rest of read-only data read-only, everything after it
  // read/write.
  extern char _entry[];
  uint64 kbase = PGROUNDDOWN((uint64)_entry);
  kvmmap(kpt, kbase, kbase, (uint64)etext - kbase, PTE_R | PTE_X | PTE_G);
  uint64 ro = PGROUNDUP((uint64)etext), rw = (uint64)erodata;
  if (rw > ro)
    kvmmap(kpt, ro, ro, rw - ro, PTE_R | PTE_G);
  uint64 ram_end = fdt.mem_base + fdt.mem_size;
  if (IS_ENABLED(CONFIG_KERNEL_MAP_LARGE))
    kvmmap_ram(kpt, rw, ram_end, PTE_R | PTE_W | PTE_G);
  else
    kvmmap(kpt, rw, rw, ram_end - rw, PTE_R | PTE_W | PTE_G);
  kpt_map_kernel(kpt);
  kernel_pagetable = kpt;
}

// Map device registers [pa, pa + size) for a driver at probe time, in the
// device window IO_ALIAS (never executable, global: every process's page
// table shares the kernel's top-level entries, and probing is over before
// the first process exists). Only what a driver asks for is mapped, so large
// unused windows (PCI ECAM, flash) cost no page tables. The kernel virtual
// address of pa, or 0 if the range is not below RAM or a page table cannot
// be had. Mapping a page twice writes the same entry again (virtio slots
// share pages).
uint64
ioremap(uint64 pa, uint64 size)
{
  if (pa >= KERNBASE || pa + size > KERNBASE)
    return 0;
  for (uint64 a = PGROUNDDOWN(pa); a < pa + size; a += PGSIZE) {
    pte_t *pte = walk(kernel_pagetable, IO_ALIAS(a), 1);
    if (pte == NULL)
      return 0;
    *pte = PA2PTE(a) | PTE_R | PTE_W | PTE_V | PTE_A | PTE_D | PTE_G;
  }
  sfence_vma();
  return IO_ALIAS(pa);
}

void
kvminithart(void)
{
  sfence_vma();   // finish writes to the page table first
  csr_write(satp, MAKE_SATP(kernel_pagetable));
  sfence_vma();
}

// Remove npages of mappings from va (page-aligned); free the pages if
// do_free. Pages that are not mapped are skipped (a lazy heap has holes).
void
uvmunmap(pagetable_t pagetable, uint64 va, uint64 npages, int do_free)
{
  if (va % PGSIZE)
    panic("uvmunmap: not aligned");
  for (uint64 a = va; a < va + npages * PGSIZE; a += PGSIZE) {
    pte_t *pte = walk(pagetable, a, 0);
    if (pte == NULL || !(*pte & PTE_V))
      continue;
    if (PTE_FLAGS(*pte) == PTE_V)
      panic("uvmunmap: not a leaf");
    if (do_free)
      kfree_page((void *)PTE2PA(*pte));
    *pte = 0;
  }
}

pagetable_t
uvmcreate(void)
{
  pagetable_t pt = kalloc();
  if (pt == NULL)
    return NULL;
  page_set_use(pt, PAGE_USE_PGTABLE);
  if (kpt_user_init(pt) < 0) {
    uvmfree(pt, 0);
    return NULL;
  }
  return pt;
}

// Grow a process from oldsz to newsz bytes with zeroed pages.
// Returns the new size, or 0 (with nothing changed) when out of memory.
uint64
uvmalloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz, int xperm)
{
  if (newsz < oldsz)
    return oldsz;
  oldsz = PGROUNDUP(oldsz);
  for (uint64 a = oldsz; a < newsz; a += PGSIZE) {
    void *mem = kalloc();
    if (mem == NULL) {
      uvmdealloc(pagetable, a, oldsz);
      return 0;
    }
    if (mappages(pagetable, a, PGSIZE, (uint64)mem, PTE_R | PTE_U | xperm) != 0) {
      kfree_page(mem);
      uvmdealloc(pagetable, a, oldsz);
      return 0;
    }
  }
  return newsz;
}

// Shrink a process from oldsz to newsz. Returns the new size.
uint64
uvmdealloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz)
{
  if (newsz >= oldsz)
    return oldsz;
  if (PGROUNDUP(newsz) < PGROUNDUP(oldsz)) {
    uint64 npages = (PGROUNDUP(oldsz) - PGROUNDUP(newsz)) / PGSIZE;
    uvmunmap(pagetable, PGROUNDUP(newsz), npages, 1);
  }
  return newsz;
}

static void
freewalk(pagetable_t pagetable)
{
  for (int i = 0; i < 512; i++) {
    pte_t pte = pagetable[i];
    if ((pte & PTE_V) && (pte & (PTE_R | PTE_W | PTE_X)) == 0) {
      freewalk((pagetable_t)PTE2PA(pte));
      pagetable[i] = 0;
    } else if (pte & PTE_V) {
      panic("freewalk: leaf still mapped");
    }
  }
  page_set_use(pagetable, PAGE_USE_NONE);   // its one legitimate free
  kfree_page(pagetable);
}

void
uvmfree(pagetable_t pagetable, uint64 sz)
{
  if (sz > 0)
    uvmunmap(pagetable, 0, PGROUNDUP(sz) / PGSIZE, 1);
  kpt_user_fini(pagetable);   // the kernel's part is not ours to free
  freewalk(pagetable);
}

// Copy a parent's memory into a child's page table. With CONFIG_COW_FORK
// the pages are shared instead: writable ones turn read-only and
// copy-on-write in both, and each shared page gains a reference.
int
uvmcopy(pagetable_t old, pagetable_t new, uint64 sz)
{
  uint64 a;
  for (a = 0; a < sz; a += PGSIZE) {
    pte_t *pte = walk(old, a, 0);
    if (pte == NULL || !(*pte & PTE_V))
      continue;
    if (IS_ENABLED(CONFIG_COW_FORK) && (*pte & PTE_U)) {
      if (*pte & PTE_W)
        *pte = (*pte & ~PTE_W) | PTE_COW;
      uint64 pa = PTE2PA(*pte);
      if (mappages(new, a, PGSIZE, pa, PTE_FLAGS(*pte) & ~(PTE_V | PTE_A | PTE_D)) != 0)
        goto fail;
      page_ref_get((void *)pa);
      continue;
    }
    void *mem = page_alloc(0);
    if (mem == NULL)
      goto fail;
    memmove(mem, (void *)PTE2PA(*pte), PGSIZE);
    if (mappages(new, a, PGSIZE, (uint64)mem, PTE_FLAGS(*pte) & ~(PTE_V | PTE_A | PTE_D)) != 0) {
      kfree_page(mem);
      goto fail;
    }
  }
  // The parent's writable pages just became read-only: drop any TLB
  // entry on this hart that still allows writes.
  if (IS_ENABLED(CONFIG_COW_FORK))
    sfence_vma();
  return 0;
fail:
  uvmunmap(new, 0, a / PGSIZE, 1);
  if (IS_ENABLED(CONFIG_COW_FORK))
    sfence_vma();
  return -ENOMEM;
}

void
uvmclear(pagetable_t pagetable, uint64 va)
{
  pte_t *pte = walk(pagetable, va, 0);
  if (pte == NULL)
    panic("uvmclear");
  *pte &= ~PTE_U;
}

// Resolve a fault on user page va of the current process: a write to a
// copy-on-write page gets a private copy (or the page itself, when no one
// else shares it any more); a touch of a heap page not yet allocated gets
// a zeroed page. 0 when fixed; -EFAULT for a real fault, -ENOMEM when
// memory ran out (the caller kills the process).
static int
vm_fault_in(struct proc *p, uint64 va, int write)
{
  va = PGROUNDDOWN(va);
  if (va >= USER_TOP || va >= p->sz)
    return -EFAULT;
  pte_t *pte = walk(p->pagetable, va, 0);
  if (pte != NULL && (*pte & PTE_V)) {
    if (!IS_ENABLED(CONFIG_COW_FORK) || !write || (*pte & (PTE_COW | PTE_U)) != (PTE_COW | PTE_U))
      return -EFAULT;
    uint64 pa = PTE2PA(*pte);
    if (page_ref_shared((void *)pa)) {
      void *mem = page_alloc(0);
      if (mem == NULL)
        return -ENOMEM;
      memmove(mem, (void *)pa, PGSIZE);
      *pte = PA2PTE(mem) | PTE_FLAGS(*pte);
      kfree_page((void *)pa);   // drop our share of the old page
    }
    *pte = (*pte & ~PTE_COW) | PTE_W;
    sfence_vma();
    return 0;
  }
  if (!IS_ENABLED(CONFIG_LAZY_SBRK))
    return -EFAULT;
  void *mem = kalloc();
  if (mem == NULL)
    return -ENOMEM;
  if (mappages(p->pagetable, va, PGSIZE, (uint64)mem, PTE_R | PTE_W | PTE_U) != 0) {
    kfree_page(mem);
    return -ENOMEM;
  }
  return 0;
}

// The kernel address of user page va with the permissions wanted, or 0.
// In the current process's page table, copy-on-write and lazy pages are
// filled in first, so copyout() into them works.
static uint64
user_page(pagetable_t pt, uint64 va, int write)
{
  if (va >= MAXVA)
    return 0;
  uint64 need = PTE_V | PTE_U | (write ? PTE_W : PTE_R);
  pte_t *pte = walk(pt, va, 0);
  if (pte != NULL && (*pte & need) == need)
    return PTE2PA(*pte);
  struct proc *p = myproc();
  if ((IS_ENABLED(CONFIG_COW_FORK) || IS_ENABLED(CONFIG_LAZY_SBRK)) &&
      p != NULL && p->pagetable == pt && vm_fault_in(p, va, write) == 0) {
    pte = walk(pt, va, 0);
    if (pte != NULL && (*pte & need) == need)
      return PTE2PA(*pte);
  }
  return 0;
}

int
copyout(pagetable_t pagetable, uint64 dstva, const void *src, uint64 len)
{
  while (len > 0) {
    uint64 va0 = PGROUNDDOWN(dstva);
    uint64 pa0 = user_page(pagetable, va0, 1);
    if (pa0 == 0)
      return -EFAULT;
    uint64 n = MIN(PGSIZE - (dstva - va0), len);
    memmove((void *)(pa0 + (dstva - va0)), src, n);
    len -= n;
    src = (const char *)src + n;
    dstva = va0 + PGSIZE;
  }
  return 0;
}

int
copyin(pagetable_t pagetable, void *dst, uint64 srcva, uint64 len)
{
  while (len > 0) {
    uint64 va0 = PGROUNDDOWN(srcva);
    uint64 pa0 = user_page(pagetable, va0, 0);
    if (pa0 == 0)
      return -EFAULT;
    uint64 n = MIN(PGSIZE - (srcva - va0), len);
    memmove(dst, (void *)(pa0 + (srcva - va0)), n);
    len -= n;
    dst = (char *)dst + n;
    srcva = va0 + PGSIZE;
  }
  return 0;
}

int
copyinstr(pagetable_t pagetable, char *dst, uint64 srcva, uint64 max)
{
  while (max > 0) {
    uint64 va0 = PGROUNDDOWN(srcva);
    uint64 pa0 = user_page(pagetable, va0, 0);
    if (pa0 == 0)
      return -EFAULT;
    uint64 n = MIN(PGSIZE - (srcva - va0), max);
    const char *p = (const char *)(pa0 + (srcva - va0));
    for (uint64 i = 0; i < n; i++) {
      if ((*dst++ = p[i]) == 0)
        return 0;
    }
    max -= n;
    srcva = va0 + PGSIZE;
  }
  return -ENAMETOOLONG;
}

int
vm_handle_fault(struct proc *p, uint64 scause, uint64 va)
{
  if (!IS_ENABLED(CONFIG_COW_FORK) && !IS_ENABLED(CONFIG_LAZY_SBRK))
    return -EFAULT;
  if (scause != EXC_LOAD_PAGE_FAULT && scause != EXC_STORE_PAGE_FAULT)
    return -EFAULT;
  int r = vm_fault_in(p, va, scause == EXC_STORE_PAGE_FAULT);
  if (r == -ENOMEM)
    printf("pid %d (%s): out of memory on a page fault at 0x%lx\n", p->pid, p->name, va);
  return r;
}

// Make this hart use pt. With the kernel in every address space the switch
// happens only when the hart changes process, never on a trap.
void
vm_switch(pagetable_t pt)
{
  uint64 satp = MAKE_SATP(pt);
  if (csr_read(satp) != satp) {
    sfence_vma();
    csr_write(satp, satp);
    sfence_vma();
  }
}
