// fs/fs_test_shim.h: host shim for fs/fs_test.c, force-included (-include)
// into every file of that host test, before any other header.
//
// It stands in for <octopos/proc.h> (whose include guard it takes): one
// process, no scheduler. User addresses are host pointers, and an address
// below 4096 is a fault. Sleeping would block forever with one thread, so
// sleep() fails the test. The definitions live in fs/fs_test.c.
#ifndef OCTOPOS_PROC_H
#define OCTOPOS_PROC_H
#include <octopos/types.h>
#include <octopos/spinlock.h>

struct file;
struct inode;

struct proc {
  int killed;
  pagetable_t pagetable;
  struct file **ofile;
  struct inode *cwd;
};

struct proc *myproc(void);
void sleep(void *chan, struct spinlock *lk);
void wakeup(void *chan);
int  killed(struct proc *p);
int  either_copyout(int user_dst, uint64 dst, void *src, uint64 len);
int  either_copyin(void *dst, int user_src, uint64 src, uint64 len);

#endif
