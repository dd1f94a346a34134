// fs/refcheck.c: account for every open-file and inode reference at
// power-off (CONFIG_DEBUG_FS_REFS).
//
// References are counts, so a path that takes one and never gives it back
// leaves no trace until much later: an unlinked file whose last iput never
// comes stays allocated on disk after every process is gone (an orphan,
// freed only at the next mount). Before a debug kernel powers off, this
// walks every process's descriptors and working directory, adds the
// reference the mounted root keeps, and compares the sums with each open
// file's and each in-core inode's count. What nobody accounts for is
// printed with the process and system call that last took a reference to
// that inode, then a summary line: `refcheck: ... all accounted for`, or
// `refcheck: LEAK: ...` (tests/fuzz.py fails a run on it). A system call
// still in progress on another hart holds references too, so the census
// is exact only when nothing else runs, as after a fuzz run.
#include <octopos/types.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/kmalloc.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/refcheck.h>
#include <octopos/string.h>
#include <octopos/vfs.h>

// Who last took a reference to each cache slot (written under itable.lock).
static struct {
  int pid;
  long sysno;                   // the system call it was in, -1: none
  char name[16];
} taker[CONFIG_NR_INODES];

void
refcheck_take(struct inode *ip)
{
  struct proc *p = myproc();
  int i = inode_slot(ip);

  taker[i].pid = p ? p->pid : 0;
  taker[i].sysno = p && p->trapframe ? (long)p->trapframe->a7 : -1;
  safestrcpy(taker[i].name, p ? p->name : "kernel", sizeof(taker[i].name));
}

// The census's tables, from the heap: the kernel stack is too small.
struct census {
  struct file **files;          // distinct open files reached from descriptors
  int *slots;                   // descriptors naming each
  int nfiles;
  int *held;                    // per inode slot: references accounted for
};

static void
count_file(struct census *c, struct file *f)
{
  for (int i = 0; i < c->nfiles; i++) {
    if (c->files[i] == f) {
      c->slots[i]++;
      return;
    }
  }
  if (c->nfiles < CONFIG_NR_FILES) {
    c->files[c->nfiles] = f;
    c->slots[c->nfiles++] = 1;
  }
}

static void
count_process(struct census *c, struct proc *p)
{
  if (p->ofile != NULL)
    for (int fd = 0; fd < CONFIG_NR_OPEN; fd++)
      if (p->ofile[fd] != NULL)
        count_file(c, p->ofile[fd]);
  if (p->cwd != NULL)
    c->held[inode_slot(p->cwd)]++;
}

// Open files: each descriptor is one reference; each open file of an
// inode or device is one reference to that inode. Returns the shortfall.
static int
check_files(struct census *c)
{
  int bad = 0;

  for (int i = 0; i < c->nfiles; i++) {
    struct file *f = c->files[i];
    if (f->ip != NULL)
      c->held[inode_slot(f->ip)]++;
    if (f->ref != c->slots[i]) {
      printf("refcheck: open file (%s%u): %d references, %d descriptors\n",
             f->ip ? "inode " : "pipe", f->ip ? f->ip->inum : 0, f->ref, c->slots[i]);
      bad += f->ref > c->slots[i] ? f->ref - c->slots[i] : 0;
    }
  }
  int live = file_count();
  if (live != c->nfiles) {
    printf("refcheck: %d open files, %d reached from a descriptor\n", live, c->nfiles);
    bad += live > c->nfiles ? live - c->nfiles : 0;
  }
  return bad;
}

static int
check_inodes(struct census *c, int *inuse)
{
  struct vfs_mount *root = fs_root_mount();
  int bad = 0;

  for (int i = 0; i < CONFIG_NR_INODES; i++) {
    struct inode *ip = inode_at_slot(i);
    int ref = ip->ref;
    if (ref == 0)
      continue;
    (*inuse)++;
    int want = c->held[i] + (ip->mnt == root && root != NULL && ip->inum == root->rootino);
    if (ref == want)
      continue;
    printf("refcheck: inode %u on dev %u (type %d, nlink %d): %d references, %d accounted for;"
           " last taken by pid %d (%s) in system call %ld\n",
           ip->inum, ip->dev, ip->type, ip->nlink, ref, want,
           taker[i].pid, taker[i].name, taker[i].sysno);
    bad += ref > want ? ref - want : 0;
  }
  return bad;
}

void
refcheck_poweroff(void)
{
  struct census c = {
    .files = kzalloc(CONFIG_NR_FILES * sizeof(struct file *)),
    .slots = kzalloc(CONFIG_NR_FILES * sizeof(int)),
    .held = kzalloc(CONFIG_NR_INODES * sizeof(int)),
  };
  if (c.files == NULL || c.slots == NULL || c.held == NULL) {
    printf("refcheck: no memory for the census; not checked\n");
    goto out;
  }
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *p = proc_lock_index(i);
    if (p == NULL)
      continue;
    count_process(&c, p);
    release(&p->lock);
  }
  int inuse = 0;
  int bad = check_files(&c);
  bad += check_inodes(&c, &inuse);
  if (bad)
    printf("refcheck: LEAK: %d references not accounted for (a leak, or a system call still in progress)\n", bad);
  else
    printf("refcheck: %d inodes and %d open files in use, all accounted for\n", inuse, c.nfiles);
out:
  kfree(c.files);
  kfree(c.slots);
  kfree(c.held);
}
