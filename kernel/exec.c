// kernel/exec.c: exec(): replace the current process's image with an ELF file.
//
// The file is untrusted: the header's class, machine, type and program
// header table are checked, and every loadable segment must be page-aligned,
// leave room below the trapframe (USER_TOP) for the guard and stack pages
// without wrapping, have memsz >= filesz, and fit in the file. The new address space is built aside and only swapped in
// once everything succeeded, so a failed exec leaves the caller intact.
// Layout (xv6's): segments from 0, a guard page, one stack page, then the heap.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/cred.h>
#include <octopos/signal.h>
#include <octopos/errno.h>
#include <octopos/perm.h>
#include <octopos/string.h>
#include <octopos/vm.h>
#include <octopos/kpt.h>
#include <octopos/page_alloc.h>
#include <octopos/elf.h>
#include <octopos/exec.h>
#include <octopos/fs.h>
#include <octopos/syscall.h>
#include <uapi/octopos/fs.h>
#include <asm/riscv.h>
#include <asm/memlayout.h>

#define USTACK_PAGES 1
#define MAX_PHNUM 64
// Segments end here at most, so the guard and stack pages placed after them
// stay below USER_TOP (the trapframe, or KERNBASE when the kernel is mapped
// in every page table): beyond it they would land on a mapped page.
#define SEG_TOP (USER_TOP - (USTACK_PAGES + 1) * PGSIZE)

static int
flags2perm(uint32 flags)
{
  int perm = 0;
  if (flags & ELF_PROG_FLAG_EXEC)
    perm |= PTE_X;
  if (flags & ELF_PROG_FLAG_WRITE)
    perm |= PTE_W;
  return perm;
}

// Read segment bytes [off, off+sz) of ip into user memory at va (mapped).
static int
loadseg(pagetable_t pt, uint64 va, struct inode *ip, uint off, uint sz)
{
  for (uint i = 0; i < sz; i += PGSIZE) {
    uint64 pa = walkaddr(pt, va + i);
    if (pa == 0)
      return -EFAULT;
    uint n = MIN(sz - i, (uint)PGSIZE);
    if (readi(ip, 0, pa, off + i, n) != (int)n)
      return -ENOEXEC;
  }
  return 0;
}

static int
check_elf(struct elfhdr *eh, uint fsize)
{
  if (eh->magic != ELF_MAGIC || eh->elf[0] != ELFCLASS64 || eh->elf[1] != ELFDATA2LSB)
    return -ENOEXEC;
  if (eh->machine != EM_RISCV || eh->type != ET_EXEC)
    return -ENOEXEC;
  if (eh->phentsize != sizeof(struct proghdr) || eh->phnum == 0 || eh->phnum > MAX_PHNUM)
    return -ENOEXEC;
  if (eh->phoff > fsize || eh->phnum * sizeof(struct proghdr) > fsize - eh->phoff)
    return -ENOEXEC;
  return 0;
}

static int
check_seg(struct proghdr *ph, uint fsize)
{
  if (ph->memsz < ph->filesz)
    return -ENOEXEC;
  if (ph->vaddr + ph->memsz < ph->vaddr || ph->vaddr + ph->memsz > SEG_TOP)
    return -ENOEXEC;
  if (ph->vaddr % PGSIZE != 0)
    return -ENOEXEC;
  if (ph->off > fsize || ph->filesz > fsize - ph->off)
    return -ENOEXEC;
  return 0;
}

int
kexec(const char *path, char **argv)
{
  struct proc *p = myproc();
  struct elfhdr eh;
  struct inode *ip;
  pagetable_t pt = NULL;
  uint64 sz = 0;
  int r;

  struct vfs_mount *m = vfs_begin_path(path);
  if ((ip = namei(path)) == NULL) {
    vfs_end(m);
    return -ENOENT;
  }
  if ((r = ilock(ip)) < 0)
    goto bad;
  uint fsize = ip->size;
  uint mode = ip->mode, uid = ip->uid, gid = ip->gid;   // for set-user-id
  r = -EACCES;
  if (ip->type != T_FILE || perm_check(ip, PERM_X) < 0)
    goto bad;
  r = -ENOEXEC;
  if (readi(ip, 0, (uint64)&eh, 0, sizeof(eh)) != sizeof(eh))
    goto bad;
  if ((r = check_elf(&eh, fsize)) < 0)
    goto bad;
  r = -ENOMEM;
  if ((pt = proc_pagetable_new(p)) == NULL)
    goto bad;

  for (int i = 0; i < eh.phnum; i++) {
    struct proghdr ph;
    r = -ENOEXEC;
    if (readi(ip, 0, (uint64)&ph, eh.phoff + i * sizeof(ph), sizeof(ph)) != sizeof(ph))
      goto bad;
    if (ph.type != ELF_PROG_LOAD)
      continue;
    if ((r = check_seg(&ph, fsize)) < 0)
      goto bad;
    if (ph.vaddr < sz) {         // overlapping or out-of-order segments
      r = -ENOEXEC;
      goto bad;
    }
    uint64 sz1 = uvmalloc(pt, sz, ph.vaddr + ph.memsz, flags2perm(ph.flags));
    if (sz1 == 0) {
      r = -ENOMEM;
      goto bad;
    }
    sz = sz1;
    if ((r = loadseg(pt, ph.vaddr, ip, ph.off, ph.filesz)) < 0)
      goto bad;
  }
  iunlockput(ip);
  vfs_end(m);
  ip = NULL;

  // A guard page, then the user stack.
  sz = PGROUNDUP(sz);
  uint64 sz1 = uvmalloc(pt, sz, sz + (USTACK_PAGES + 1) * PGSIZE, PTE_W);
  r = -ENOMEM;
  if (sz1 == 0)
    goto bad;
  sz = sz1;
  uvmclear(pt, sz - (USTACK_PAGES + 1) * PGSIZE);
  uint64 sp = sz;
  uint64 stackbase = sp - USTACK_PAGES * PGSIZE;

  // Arguments: the strings, then the argv[] array of pointers to them.
  uint64 ustack[MAXARG + 1];
  int argc;
  r = -E2BIG;
  for (argc = 0; argv[argc]; argc++) {
    if (argc >= MAXARG)
      goto bad;
    uint64 len = strlen(argv[argc]) + 1;
    if (sp - stackbase < len + 16)
      goto bad;
    sp -= len;
    sp -= sp % 16;
    if (copyout(pt, sp, argv[argc], len) < 0)
      goto bad;
    ustack[argc] = sp;
  }
  ustack[argc] = 0;
  uint64 vlen = (argc + 1) * sizeof(uint64);
  if (sp - stackbase < vlen + 16)
    goto bad;
  sp -= vlen;
  sp -= sp % 16;
  if (copyout(pt, sp, ustack, vlen) < 0)
    goto bad;

  // main(argc, argv): argc comes back as exec's return value in a0.
  p->trapframe->a1 = sp;
  const char *last = path, *s;
  for (s = path; *s; s++)
    if (*s == '/')
      last = s + 1;
  safestrcpy(p->name, last, sizeof(p->name));

  pagetable_t oldpt = p->pagetable;
  uint64 oldsz = p->sz;
  p->pagetable = pt;
  p->sz = sz;
  p->trapframe->epc = eh.entry;
  p->trapframe->sp = sp;
  kpt_enter(pt);      // stop using the old page table before freeing it
  proc_pagetable_free(oldpt, oldsz);
  cred_exec(p, mode, uid, gid);
  if (IS_ENABLED(CONFIG_SIGNALS))
    signal_exec(p);
  if (IS_ENABLED(CONFIG_PROCINFO))
    procinfo_exec(p, argv);
  return argc;

bad:
  if (pt)
    proc_pagetable_free(pt, sz);
  if (ip) {
    iunlockput(ip);
    vfs_end(m);
  }
  return r;
}

// exec(path, argv): copy the arguments into kernel pages, then kexec().
long
sys_exec(void)
{
  char path[MAXPATH];
  char *argv[MAXARG + 1];
  long r;
  int i;

  if ((r = argstr(0, path, MAXPATH)) < 0)
    return r;
  uint64 uargv = argaddr(1);
  memset(argv, 0, sizeof(argv));
  for (i = 0;; i++) {
    uint64 uarg;
    if (i > MAXARG) {
      r = -E2BIG;
      goto out;
    }
    if ((r = fetchaddr(uargv + sizeof(uint64) * i, &uarg)) < 0)
      goto out;
    if (uarg == 0)
      break;
    if ((argv[i] = kalloc()) == NULL) {
      r = -ENOMEM;
      goto out;
    }
    if ((r = fetchstr(uarg, argv[i], PGSIZE)) < 0)
      goto out;
  }
  argv[i] = NULL;
  r = kexec(path, argv);
out:
  for (i = 0; i <= MAXARG && argv[i] != NULL; i++)
    kfree_page(argv[i]);
  return r;
}
