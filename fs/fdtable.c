// fs/fdtable.c: per-process descriptor tables and working directories.
//
// p->ofile is an array of CONFIG_NR_OPEN file pointers allocated here; it
// is private to its process, so no lock guards it. fork() shares every open
// file with the child (f->ref), as it shares the working directory.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/kmalloc.h>
#include <octopos/proc.h>
#include <octopos/rlimit.h>

int
fdalloc(struct file *f)
{
  struct proc *p = myproc();
  int n = IS_ENABLED(CONFIG_RLIMITS) ? rlimit_nofile(p) : CONFIG_NR_OPEN;

  for (int fd = 0; fd < n; fd++) {
    if (p->ofile[fd] == NULL) {
      p->ofile[fd] = f;
      return fd;
    }
  }
  return -EMFILE;
}

struct file *
fdget(int fd)
{
  struct proc *p = myproc();

  if (fd < 0 || fd >= CONFIG_NR_OPEN || p->ofile == NULL)
    return NULL;
  return p->ofile[fd];
}

static int
alloc_table(struct proc *p)
{
  p->ofile = kzalloc(CONFIG_NR_OPEN * sizeof(struct file *));
  return p->ofile ? 0 : -ENOMEM;
}

int
proc_files_init(struct proc *p)
{
  if (alloc_table(p) < 0)
    return -ENOMEM;
  // NULL before the root is mounted; the first process sets it again then.
  p->cwd = fs_root();
  return 0;
}

int
proc_files_fork(struct proc *child, struct proc *parent)
{
  if (alloc_table(child) < 0)
    return -ENOMEM;
  for (int fd = 0; fd < CONFIG_NR_OPEN; fd++) {
    if (parent->ofile && parent->ofile[fd])
      child->ofile[fd] = filedup(parent->ofile[fd]);
  }
  child->cwd = parent->cwd ? idup(parent->cwd) : NULL;
  return 0;
}

void
proc_files_exit(struct proc *p)
{
  if (p->ofile) {
    for (int fd = 0; fd < CONFIG_NR_OPEN; fd++) {
      if (p->ofile[fd]) {
        struct file *f = p->ofile[fd];
        p->ofile[fd] = NULL;
        fileclose(f);
      }
    }
    kfree(p->ofile);
    p->ofile = NULL;
  }
  if (p->cwd) {
    struct vfs_mount *m = p->cwd->mnt;
    vfs_begin(m);
    iput(p->cwd);
    vfs_end(m);
    p->cwd = NULL;
  }
}
