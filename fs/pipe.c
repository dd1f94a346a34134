// fs/pipe.c: pipes, a PIPESIZE-byte ring between a writer and a reader.
//
// nread and nwrite count bytes ever read and written; they wrap at 2^32,
// which is harmless because PIPESIZE divides 2^32. The ring is empty when
// they are equal and full when they differ by PIPESIZE. Bytes are copied
// in runs, not one at a time, and a side is woken only if it is asleep.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/kmalloc.h>
#include <octopos/page_alloc.h>
#include <octopos/pipe.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>
#include <octopos/vm.h>
#include <octopos/signal.h>

_Static_assert((PIPESIZE & (PIPESIZE - 1)) == 0, "PIPESIZE must be a power of two");
_Static_assert(PIPESIZE <= PGSIZE, "the ring is one page");

struct pipe {
  struct spinlock lock;
  char *data;               // one page
  uint nread;
  uint nwrite;
  int readopen;             // read end still open
  int writeopen;            // write end still open
  int rwait;                // readers asleep on &nread
  int wwait;                // writers asleep on &nwrite
};

int
pipealloc(struct file **rf, struct file **wf)
{
  struct pipe *pi = NULL;

  *rf = *wf = NULL;
  if ((*rf = filealloc()) == NULL || (*wf = filealloc()) == NULL)
    goto bad;
  if ((pi = kzalloc(sizeof(*pi))) == NULL || (pi->data = kalloc()) == NULL)
    goto bad;
  initlock(&pi->lock, "pipe");
  pi->readopen = 1;
  pi->writeopen = 1;
  (*rf)->type = FD_PIPE;
  (*rf)->readable = 1;
  (*rf)->writable = 0;
  (*rf)->pipe = pi;
  (*wf)->type = FD_PIPE;
  (*wf)->readable = 0;
  (*wf)->writable = 1;
  (*wf)->pipe = pi;
  return 0;

bad:
  if (pi)
    kfree(pi);
  if (*rf)
    fileclose(*rf);
  if (*wf)
    fileclose(*wf);
  *rf = *wf = NULL;
  return -ENOMEM;
}

void
pipeclose(struct pipe *pi, int writable)
{
  acquire(&pi->lock);
  if (writable) {
    pi->writeopen = 0;
    if (pi->rwait)
      wakeup(&pi->nread);
  } else {
    pi->readopen = 0;
    if (pi->wwait)
      wakeup(&pi->nwrite);
  }
  if (!pi->readopen && !pi->writeopen) {
    release(&pi->lock);
    kfree_page(pi->data);
    kfree(pi);
    return;
  }
  release(&pi->lock);
}

int
pipewrite(struct pipe *pi, uint64 addr, int n)
{
  struct proc *pr = myproc();
  int i = 0;

  acquire(&pi->lock);
  while (i < n) {
    if (!pi->readopen || killed(pr)) {
      release(&pi->lock);
      if (IS_ENABLED(CONFIG_SIGNALS) && !pi->readopen)
        signal_post(pr, SIGPIPE);   // POSIX: and the write fails with EPIPE
      return -EPIPE;
    }
    uint space = PIPESIZE - (pi->nwrite - pi->nread);
    if (space == 0) {
      if (pi->rwait)
        wakeup(&pi->nread);
      pi->wwait++;
      sleep(&pi->nwrite, &pi->lock);
      pi->wwait--;
      continue;
    }
    // One run: up to the free space, the end of the ring, or n.
    uint at = pi->nwrite % PIPESIZE;
    uint m = MIN(MIN(space, (uint)(n - i)), PIPESIZE - at);
    if (copyin(pr->pagetable, pi->data + at, addr + i, m) < 0) {
      if (i == 0)
        i = -EFAULT;
      break;
    }
    pi->nwrite += m;
    i += m;
  }
  if (pi->rwait)
    wakeup(&pi->nread);
  release(&pi->lock);
  return i;
}

int
piperead(struct pipe *pi, uint64 addr, int n)
{
  struct proc *pr = myproc();
  int i = 0;

  acquire(&pi->lock);
  while (pi->nread == pi->nwrite && pi->writeopen) {
    if (killed(pr)) {
      release(&pi->lock);
      return -EINTR;
    }
    pi->rwait++;
    sleep(&pi->nread, &pi->lock);
    pi->rwait--;
  }
  while (i < n && pi->nread != pi->nwrite) {
    uint at = pi->nread % PIPESIZE;
    uint m = MIN(MIN(pi->nwrite - pi->nread, (uint)(n - i)), PIPESIZE - at);
    if (copyout(pr->pagetable, addr + i, pi->data + at, m) < 0) {
      if (i == 0)
        i = -EFAULT;
      break;
    }
    pi->nread += m;
    i += m;
  }
  if (pi->wwait)
    wakeup(&pi->nwrite);
  release(&pi->lock);
  return i;
}
