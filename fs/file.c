// fs/file.c: the system-wide open-file table and file I/O.
//
// A struct file is kzalloc'd when open() or pipe() makes one and kfree'd
// when its last reference goes; ftable.n counts the live ones so that
// CONFIG_NR_FILES stays the system-wide limit (the table it used to size
// is gone). ftable.lock guards the count and each f->ref. Reads and writes
// dispatch on the file's type: a pipe, a device (devsw[] by major number)
// or an inode of any file system.
#include <octopos/types.h>
#include <octopos/devsw.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/kmalloc.h>
#include <octopos/pipe.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>
#include <octopos/vm.h>

static struct {
  struct spinlock lock;
  int n;                        // live files, at most CONFIG_NR_FILES
} ftable;

void
fileinit(void)
{
  initlock(&ftable.lock, "ftable");
}

// A new file with ref 1, or NULL when CONFIG_NR_FILES are open or memory
// is short; the caller fails its system call either way.
struct file *
filealloc(void)
{
  struct file *f = kzalloc(sizeof(*f));

  if (f == NULL)
    return NULL;
  acquire(&ftable.lock);
  if (ftable.n == CONFIG_NR_FILES) {
    release(&ftable.lock);
    kfree(f);
    return NULL;
  }
  ftable.n++;
  release(&ftable.lock);
  f->ref = 1;
  return f;
}

int
file_count(void)
{
  return ftable.n;              // racy: a statistic
}

struct file *
filedup(struct file *f)
{
  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("filedup");
  f->ref++;
  release(&ftable.lock);
  return f;
}

void
fileclose(struct file *f)
{
  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("fileclose");
  if (--f->ref > 0) {
    release(&ftable.lock);
    return;
  }
  ftable.n--;
  release(&ftable.lock);

  // No descriptor points here any more: finish without the lock (iput
  // may sleep), then free.
  if (f->type == FD_PIPE) {
    pipeclose(f->pipe, f->writable);
  } else if (f->type == FD_INODE || f->type == FD_DEVICE) {
    struct vfs_mount *m = f->ip->mnt;
    vfs_begin(m);
    iput(f->ip);
    vfs_end(m);
  }
  kfree(f);
}

int
filestat(struct file *f, uint64 addr)
{
  struct stat st;
  int err;

  if (f->type != FD_INODE && f->type != FD_DEVICE)
    return -EBADF;
  if ((err = ilock(f->ip)) == 0)
    stati(f->ip, &st);
  iunlock(f->ip);
  if (err < 0)
    return err;
  return copyout(myproc()->pagetable, addr, &st, sizeof(st));
}

static struct devsw *
dev_of(struct file *f)
{
  if (f->major < 0 || f->major >= NDEV)
    return NULL;
  return &devsw[f->major];
}

int
fileread(struct file *f, uint64 addr, int n)
{
  struct devsw *d;
  int r;

  if (!f->readable)
    return -EBADF;
  switch (f->type) {
  case FD_PIPE:
    return piperead(f->pipe, addr, n);
  case FD_DEVICE:
    if ((d = dev_of(f)) == NULL || d->read == NULL)
      return -ENODEV;
    return d->read(1, addr, n);
  case FD_INODE:
    if ((r = ilock(f->ip)) == 0 && (r = readi(f->ip, 1, addr, f->off, n)) > 0)
      f->off += r;
    iunlock(f->ip);
    return r;
  default:
    panic("fileread");
  }
}

// Write to an inode in chunks small enough for one transaction each of
// its file system (vfs_write_max; 0: the whole write at once).
static int
inode_write(struct file *f, uint64 addr, int n)
{
  struct vfs_mount *m = f->ip->mnt;
  uint max = vfs_write_max(m);
  int i = 0, r = 0;

  while (i < n) {
    int n1 = max ? MIN(n - i, (int)max) : n - i;
    vfs_begin(m);
    if ((r = ilock(f->ip)) == 0 && (r = writei(f->ip, 1, addr + i, f->off, n1)) > 0)
      f->off += r;
    iunlock(f->ip);
    vfs_end(m);
    if (r != n1)
      break;                    // error or short write (disk full)
    i += r;
  }
  if (i == n)
    return n;
  return r < 0 ? r : -ENOSPC;
}

int
filewrite(struct file *f, uint64 addr, int n)
{
  struct devsw *d;

  if (!f->writable)
    return -EBADF;
  switch (f->type) {
  case FD_PIPE:
    return pipewrite(f->pipe, addr, n);
  case FD_DEVICE:
    if ((d = dev_of(f)) == NULL || d->write == NULL)
      return -ENODEV;
    vfs_flush();                // what the writer did is on disk before anyone sees this
    return d->write(1, addr, n);
  case FD_INODE:
    return inode_write(f, addr, n);
  default:
    panic("filewrite");
  }
}
