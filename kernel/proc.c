// kernel/proc.c: processes and the per-hart scheduler, xv6's design.
//
// Locks: p->lock guards a process's state, chan, killed, xstate and pid;
// wait_lock guards every p->parent and is taken before any p->lock, so
// that a parent's wait() and a child's exit() never miss each other's
// wakeups. A hart runs scheduler() on its boot stack and switches to a
// process's kernel stack with swtch(); a process gives the hart back with
// sched() holding only its own p->lock.
//
// A process's descriptor (and, with the shared kernel page table, its
// kernel stack) is allocated at fork and freed when it is reaped, so memory
// goes only to live processes; CONFIG_NR_PROCS bounds how many exist.
// slot_lock[i] guards proc_table[i]. A descriptor is freed only after
// freeproc() has emptied its slot and then taken and dropped its p->lock,
// so one reached through slot i stays valid while slot_lock[i] is held, or
// while its p->lock is held if that was taken under slot_lock[i]. One lock
// per slot, not one for the table, keeps the harts' scheduler loops from
// queueing on a single lock. Order: wait_lock, group_lock, slot_lock[i],
// p->lock; never take a slot lock while holding a p->lock.
//
// group_lock closes a gap between fork and the sends that scan the table
// (kill -1, kill to a group, the console's hangup at logout): a child put
// into a slot the scan had already passed, by a parent the scan reached
// later, would get nothing and live on (a fork bomb outlived two rounds of
// kill -9 -1 this way). Scans hold group_lock throughout (proc_scan_begin),
// and fork hands the parent's fatal signal and hangup to the child under it
// (finish_fork), so the child is either in the table before a scan starts
// or inherits what the scan gave its parent.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/cred.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include <octopos/errno.h>
#include <octopos/vm.h>
#include <octopos/kpt.h>
#include <octopos/page_alloc.h>
#include <octopos/kmalloc.h>
#include <octopos/fs.h>
#include <octopos/file.h>
#include <octopos/exec.h>
#include <octopos/lockdebug.h>
#include <octopos/kstack.h>
#include <octopos/power.h>
#include <octopos/ipi.h>
#include <octopos/rlimit.h>
#include <octopos/cmdline.h>
#include <octopos/signal.h>
#include <octopos/tty.h>
#include <asm/riscv.h>
#include <asm/arch.h>
#include <asm/memlayout.h>

struct cpu cpus[CONFIG_NR_CPUS];
int nharts_online;

static struct proc *proc_table[CONFIG_NR_PROCS];   // NULL: a free slot
static struct spinlock slot_lock[CONFIG_NR_PROCS];
static struct proc *initproc;
#define PID_MAX 0x7fffffff        // INT_MAX: a pid is a positive int
static int nextpid = 1;
static struct spinlock pid_lock;
static struct spinlock wait_lock;
static struct spinlock limit_lock;   // CONFIG_RLIMITS: see allocproc_limited()
static struct spinlock group_lock;   // CONFIG_SIGNALS: see the top of the file

static void forkret(void);
static void kthread_entry(void);
static void freeproc(struct proc *p);

#define PROC_ANY (-1)

// The process in slot i with its p->lock held, or NULL if the slot is empty
// or (unless state is PROC_ANY) its process is not in `state`. Both tests
// are peeks without p->lock: a caller rechecks what it relies on, and a
// process that changes meanwhile is seen on the next pass, as in xv6.
static struct proc *
proc_lock_slot(int i, int state)
{
  if (__atomic_load_n(&proc_table[i], __ATOMIC_RELAXED) == NULL)
    return NULL;
  acquire(&slot_lock[i]);
  struct proc *p = proc_table[i];
  if (p != NULL && (state == PROC_ANY || (int)p->state == state))
    acquire(&p->lock);
  else
    p = NULL;
  release(&slot_lock[i]);
  return p;
}

// Slot i's process state, or -1 for an empty slot, read without any lock:
// a hint for scans that would otherwise lock every slot (the scheduler's
// idle loop, wakeup's count of runnable processes). A process freed
// meanwhile is still mapped memory (kmalloc'd, in the direct map), so the
// read is harmless; whoever acts on the answer rechecks it under the locks.
static int
proc_peek_state(int i)
{
  struct proc *p = __atomic_load_n(&proc_table[i], __ATOMIC_RELAXED);
  return p == NULL ? -1 : (int)__atomic_load_n(&p->state, __ATOMIC_RELAXED);
}

_Static_assert(KSTACK_PAGES == 1, "the kernel stack backends give a stack one page");

void
procinit(void)
{
  initlock(&pid_lock, "nextpid");
  initlock(&wait_lock, "wait_lock");
  if (IS_ENABLED(CONFIG_RLIMITS))
    initlock(&limit_lock, "fork_limit");
  if (IS_ENABLED(CONFIG_SIGNALS))
    initlock(&group_lock, "group_send");
  for (int i = 0; i < CONFIG_NR_PROCS; i++)
    initlock(&slot_lock[i], "proc_slot");
}

// Interrupts must be off, so the process cannot move to another hart.
int
cpuid(void)
{
  return r_tp();
}

struct cpu *
mycpu(void)
{
  return &cpus[cpuid()];
}

struct proc *
myproc(void)
{
  push_off();
  struct proc *p = mycpu()->proc;
  pop_off();
  return p;
}

static int
allocpid(void)
{
  static int wrapped;
  int pid, live;

  // Pids count up from 1; after PID_MAX they start again at 2 (1 is init,
  // which never exits), never negative, and from then on skip any pid a
  // process still holds, so one pid never names two processes.
  do {
    acquire(&pid_lock);
    pid = nextpid;
    nextpid = pid == PID_MAX ? 2 : pid + 1;
    // (The reuse check is kept to multi-user kernels: tiny's budget; 2^31
    // forks on tiny.)
    if (IS_ENABLED(CONFIG_MULTIUSER))
      wrapped |= pid == PID_MAX;
    release(&pid_lock);
    live = 0;
    for (int i = 0; IS_ENABLED(CONFIG_MULTIUSER) && wrapped && i < CONFIG_NR_PROCS; i++) {
      acquire(&slot_lock[i]);
      live |= proc_table[i] != NULL && proc_table[i]->pid == pid;
      release(&slot_lock[i]);
    }
  } while (live);
  return pid;
}

// The user page table of a new process: no user memory yet, just the
// trapframe and the kernel's part (uvmcreate).
pagetable_t
proc_pagetable_new(struct proc *p)
{
  pagetable_t pt = uvmcreate();
  if (pt == NULL)
    return NULL;
  if (mappages(pt, TRAPFRAME, PGSIZE, (uint64)p->trapframe, PTE_R | PTE_W) < 0) {
    uvmfree(pt, 0);
    return NULL;
  }
  return pt;
}

void
proc_pagetable_free(pagetable_t pt, uint64 sz)
{
  uvmunmap(pt, TRAPFRAME, 1, 0);
  uvmfree(pt, sz);
}

// A new process in a free slot, set up to run in the kernel at forkret.
// Returns it with p->lock held, or NULL when out of slots or memory.
static struct proc *
allocproc(void)
{
  struct proc *p = kzalloc(sizeof(*p));
  if (p == NULL)
    return NULL;
  initlock(&p->lock, "proc");
  p->state = USED;
  p->pid = allocpid();
  for (p->slot = 0; p->slot < CONFIG_NR_PROCS; p->slot++) {
    acquire(&slot_lock[p->slot]);
    int taken = proc_table[p->slot] == NULL;
    if (taken)
      proc_table[p->slot] = p;
    release(&slot_lock[p->slot]);
    if (taken)
      break;
  }
  if (p->slot == CONFIG_NR_PROCS) {
    kfree(p);
    return NULL;
  }

  acquire(&p->lock);
  p->kstack = kpt_kstack_alloc(p);
  if (p->kstack == 0 || (p->trapframe = kalloc()) == NULL ||
      (p->pagetable = proc_pagetable_new(p)) == NULL) {
    freeproc(p);
    return NULL;
  }
  kstack_fill(p);
  memset(&p->context, 0, sizeof(p->context));
  p->context.ra = (uint64)forkret;
  p->context.sp = p->kstack + KSTACK_PAGES * PGSIZE;
  return p;
}

// Free a process, its slot and everything hanging from it. Called with
// p->lock held and no slot lock; p is gone on return. p was
// already unreachable except through the table (its children were given
// to init, its parent is reaping it), so emptying the slot, then waiting
// out whoever took p->lock through the table before that, leaves no one
// who can still reach it.
static void
freeproc(struct proc *p)
{
  if (p->context.ra != 0)
    kstack_done(p);       // it ran (or could have): check and measure its stack
  if (p->trapframe)
    kfree_page(p->trapframe);
  if (p->pagetable)
    proc_pagetable_free(p->pagetable, p->sz);
  if (IS_ENABLED(CONFIG_SIGNALS) && p->sigacts)
    signal_free(p);
  p->state = UNUSED;
  release(&p->lock);
  acquire(&slot_lock[p->slot]);
  proc_table[p->slot] = NULL;
  release(&slot_lock[p->slot]);
  acquire(&p->lock);
  release(&p->lock);
  kpt_kstack_free(p);
  kfree(p);
}

// The first process. It starts in forkret like any other and execs /init
// from there, once the root file system can be read.
void
userinit(void)
{
  struct proc *p = allocproc();
  if (p == NULL)
    panic("userinit: no process slot");
  initproc = p;
  if (IS_ENABLED(CONFIG_RLIMITS))
    rlimit_init(p);
  if (IS_ENABLED(CONFIG_SIGNALS) && signal_init(p) < 0)
    panic("userinit: no memory");
  if (IS_ENABLED(CONFIG_SIGNALS))
    p->pgid = p->sid = p->pid;
  safestrcpy(p->name, "init", sizeof(p->name));
  p->state = RUNNABLE;
  release(&p->lock);
}

// Kernel threads. One never returns to user space, so its trapframe is
// free to carry the function it runs from kthread_start() to
// kthread_entry().
int
kthread_start(void (*fn)(void), const char *name)
{
  struct proc *p = allocproc();
  if (p == NULL)
    return -ENOMEM;
  p->trapframe->a0 = (uint64)fn;
  p->context.ra = (uint64)kthread_entry;
  safestrcpy(p->name, name, sizeof(p->name));
  p->state = RUNNABLE;
  release(&p->lock);
  return 0;
}

// A kernel thread's first scheduling lands here holding p->lock, as in
// forkret().
static void
kthread_entry(void)
{
  struct proc *p = myproc();
  release(&p->lock);
  ((void (*)(void))p->trapframe->a0)();
  panic("kthread returned");
}

int
growproc(long n)
{
  struct proc *p = myproc();
  uint64 sz = p->sz;
  if (n > 0) {
    if (sz + n > USER_TOP || sz + n < sz)
      return -ENOMEM;
    // Refuse at once what free memory cannot meet. Lazily, the pages would
    // come at first touch and fail there; eagerly, uvmalloc would take every
    // free page one lock round at a time, then give them all back: seconds
    // of a contended allocator lock per sbrk(2 GiB) (randconfig 0x500e).
    if ((uint64)n / PGSIZE > page_free_count())
      return -ENOMEM;
    if (IS_ENABLED(CONFIG_LAZY_SBRK)) {
      sz += n;    // pages come at first touch
    } else if ((sz = uvmalloc(p->pagetable, sz, sz + n, PTE_W)) == 0) {
      return -ENOMEM;
    }
  } else if (n < 0) {
    if ((uint64)-n > sz)
      return -EINVAL;
    sz = uvmdealloc(p->pagetable, sz, sz + n);
    sfence_vma();   // this hart may still cache the pages just unmapped
  }
  p->sz = sz;
  return 0;
}

// CONFIG_RLIMITS: the check (kernel/rlimit.c) and the slot claim happen
// under limit_lock, so the slots kept for root are never taken by racing
// forks.
static struct proc *
allocproc_limited(struct proc *p)
{
  if (!IS_ENABLED(CONFIG_RLIMITS))
    return allocproc();
  acquire(&limit_lock);
  struct proc *np = rlimit_fork_denied(p) ? NULL : allocproc();
  release(&limit_lock);
  return np;
}

void
proc_scan_begin(void)
{
  acquire(&group_lock);
}

void
proc_scan_end(void)
{
  release(&group_lock);
}

// The last of fork under group_lock (see the top of the file): the child
// gets the parent's hangup and, if the parent is to die on its way back to
// user space, the signal it dies of (forkret delivers it, so the child
// never runs).
static void
finish_fork(struct proc *np, struct proc *p)
{
  proc_scan_begin();
  acquire(&p->lock);
  int fatal = signal_fatal_pending(p), revoked = p->tty_revoked;
  release(&p->lock);
  acquire(&np->lock);
  if (fatal)
    signal_post_locked(np, fatal);
  np->tty_revoked = revoked;
  release(&np->lock);
  proc_scan_end();
}

int
kfork(void)
{
  struct proc *p = myproc();
  struct proc *np = allocproc_limited(p);
  if (np == NULL)
    return -EAGAIN;
  if (uvmcopy(p->pagetable, np->pagetable, p->sz) < 0) {
    freeproc(np);
    return -ENOMEM;
  }
  np->sz = p->sz;
  if (IS_ENABLED(CONFIG_SIGNALS)) {
    if (signal_fork(np, p) < 0) {
      freeproc(np);
      return -ENOMEM;
    }
    np->pgid = p->pgid;
    np->sid = p->sid;
  }
  *np->trapframe = *p->trapframe;
  np->trapframe->a0 = 0;          // fork returns 0 in the child
  if (proc_files_fork(np, p) < 0) {
    freeproc(np);
    return -ENOMEM;
  }
  np->uid = p->uid;
  np->euid = p->euid;
  np->gid = p->gid;
  np->egid = p->egid;
  np->umask = p->umask;
  if (IS_ENABLED(CONFIG_RLIMITS))
    rlimit_fork(np, p);
  safestrcpy(np->name, p->name, sizeof(p->name));
  if (IS_ENABLED(CONFIG_PROCINFO)) {
    np->ppid = p->pid;
    memmove(np->cmdline, p->cmdline, sizeof(np->cmdline));
  }
  int pid = np->pid;
  release(&np->lock);
  if (IS_ENABLED(CONFIG_SIGNALS))
    finish_fork(np, p);

  acquire(&wait_lock);
  np->parent = p;
  release(&wait_lock);

  acquire(&np->lock);
  np->state = RUNNABLE;
  release(&np->lock);
  ipi_kick_idle();
  return pid;
}

// Give p's children to init. wait_lock held.
static void
reparent(struct proc *p)
{
  int any = 0;
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *pp = proc_lock_slot(i, PROC_ANY);
    if (pp == NULL)
      continue;
    if (pp->parent == p) {
      pp->parent = initproc;
      if (IS_ENABLED(CONFIG_PROCINFO))
        pp->ppid = initproc->pid;
      // A stopped orphan would wait forever for a SIGCONT nobody is left to
      // send (init cannot reap it): hang it up and continue it, as POSIX
      // does for an orphaned process group with stopped members.
      if (IS_ENABLED(CONFIG_SIGNALS) && pp->stopped) {
        signal_post_locked(pp, SIGHUP);
        signal_post_locked(pp, SIGCONT);
      }
      any = 1;
    }
    release(&pp->lock);
  }
  if (any)
    wakeup(initproc);   // not under a p->lock: it takes slot locks
}

void
kexit(int status)
{
  struct proc *p = myproc();
  if (p == initproc) {
    printf("init exited with status %d: nothing left to run, powering off\n", status);
    machine_poweroff(status ? 1 : 0);
  }
  proc_files_exit(p);
  if (IS_ENABLED(CONFIG_JOB_CONTROL))
    tty_exit(p);

  acquire(&wait_lock);
  reparent(p);
  wakeup(p->parent);      // the parent may be sleeping in wait()
  if (IS_ENABLED(CONFIG_SIGNALS))
    signal_post(p->parent, SIGCHLD);
  acquire(&p->lock);
  p->xstate = status;
  p->state = ZOMBIE;
  release(&wait_lock);

  sched();
  panic("zombie exit");
}

// Wait for a child that pid selects (-1 any, > 0 that one, 0 our process
// group, < -1 group -pid) to end or, with WUNTRACED, to stop. posix: the
// status word is waitpid's encoding, else xv6's exit status.
static inline __attribute__((always_inline)) int
wait_child(int pid, uint64 addr, int options, int posix)
{
  struct proc *p = myproc();
  acquire(&wait_lock);
  for (;;) {
    int havekids = 0;
    for (int i = 0; i < CONFIG_NR_PROCS; i++) {
      // Its lock also makes sure the child is done in exit() or swtch().
      struct proc *pp = proc_lock_slot(i, PROC_ANY);
      if (pp == NULL)
        continue;
      if (pp->parent != p || (posix && pid != -1 &&
          pid != (pid > 0 ? pp->pid : pid == 0 ? p->pgid : -pp->pgid))) {
        release(&pp->lock);
        continue;
      }
      havekids = 1;
      // Written so that with posix 0 (kwait) this is xv6's loop exactly.
      int zombie = pp->state == ZOMBIE, status;
      int *st = &pp->xstate;
      if (posix && zombie) {
        status = pp->termsig ? pp->termsig : (pp->xstate & 0xff) << 8;
        st = &status;
      }
      int stop = posix && !zombie && (options & WUNTRACED) && pp->stopped && !pp->stop_reported;
      if (stop) {
        pp->stop_reported = 1;
        status = (pp->stopsig << 8) | 0x7f;
        st = &status;
      }
      if (zombie || stop) {
        int cpid = pp->pid;
        if (addr != 0 && copyout(p->pagetable, addr, st, sizeof(*st)) < 0) {
          release(&pp->lock);
          release(&wait_lock);
          return -EFAULT;
        }
        if (zombie)
          freeproc(pp);
        else
          release(&pp->lock);
        release(&wait_lock);
        return cpid;
      }
      release(&pp->lock);
    }
    if (!havekids || killed(p) || (posix && (options & WNOHANG))) {
      release(&wait_lock);
      return posix && havekids && !killed(p) ? 0 : -ECHILD;
    }
    sleep(p, &wait_lock);
  }
}

int
kwait(uint64 addr)
{
  return wait_child(-1, addr, 0, 0);
}

int
kwaitpid(int pid, uint64 addr, int options)
{
  return wait_child(pid, addr, options, 1);
}

// CONFIG_SIGNALS: a child stopped; its parent's waitpid may want to know.
void
proc_notify_parent(struct proc *p)
{
  acquire(&wait_lock);
  wakeup(p->parent);
  signal_post(p->parent, SIGCHLD);
  release(&wait_lock);
}

// Each hart's scheduler loop: pick a runnable process, run it until it
// gives the hart back, repeat. With nothing to run, wait in wfi (never
// spin: an idle hart costs the host nothing) for an interrupt or for a
// kick from a hart that made a process runnable (kernel/ipi.c).
void
scheduler(void)
{
  struct cpu *c = mycpu();
  c->proc = NULL;
  for (;;) {
    intr_on();       // let devices in: every process may be waiting on one
    intr_off();
    uint seen = ipi_seen();
    int found = 0;
    for (int i = 0; i < CONFIG_NR_PROCS; i++) {
      if (proc_peek_state(i) != RUNNABLE)   // an idle hart's scan takes
        continue;                           // no lock in vain
      struct proc *p = proc_lock_slot(i, RUNNABLE);
      if (p == NULL)
        continue;
      if (p->state == RUNNABLE) {
        p->state = RUNNING;
        c->proc = p;
        kpt_enter(p->pagetable);
        swtch(&c->context, &p->context);
        // Leave the process's page table while p->lock still keeps its
        // parent from freeing it.
        kpt_leave();
        c->proc = NULL;
        found = 1;
      }
      release(&p->lock);
    }
    if (!found)
      ipi_idle_wait(seen);
  }
}

// Switch to the scheduler. Hold only p->lock, with p->state changed.
// intena belongs to this kernel thread, not the hart, so save and restore it.
void
sched(void)
{
  struct proc *p = myproc();
  if (!holding(&p->lock))
    panic("sched: p->lock not held");
  if (mycpu()->noff != 1)
    panic("sched: %d locks held", mycpu()->noff);
  if (p->state == RUNNING)
    panic("sched: process running");
  if (intr_get())
    panic("sched: interrupts enabled");
  kstack_check(p);
  int intena = mycpu()->intena;
  swtch(&p->context, &mycpu()->context);
  mycpu()->intena = intena;
}

void
yield(void)
{
  struct proc *p = myproc();
  acquire(&p->lock);
  p->state = RUNNABLE;
  sched();
  release(&p->lock);
}

// A new process's first scheduling lands here, still holding p->lock.
static void
forkret(void)
{
  static int first = 1;
  struct proc *p = myproc();
  release(&p->lock);

  if (first) {
    // The file system needs a process context (it sleeps on the disk), so
    // the root is mounted here rather than in kmain().
    first = 0;
    int r = fs_mount_root();
    cmdline_quiet_end();   // init's messages and any error below show
    if (r < 0) {
      printf("octopos: cannot mount the root file system (error %d); powering off\n", r);
      machine_poweroff(1);
    }
    if (proc_files_init(p) < 0)
      panic("forkret: no memory for init's file table");
    char *init = (char *)cmdline_init_path();   // /init, or init=
    char *argv[] = { init, NULL };
    r = kexec(init, argv);
    if (r < 0) {
      printf("octopos: cannot run %s (error %d); powering off\n", init, r);
      machine_poweroff(1);
    }
  }
  // What the parent's fork left pending (finish_fork) acts before the
  // child runs a single instruction, as on any return to user space.
  if (IS_ENABLED(CONFIG_SIGNALS))
    signal_deliver(p);
  usertrapret();
}

// Atomically release lk and sleep on chan; reacquire lk when woken.
void
sleep(void *chan, struct spinlock *lk)
{
  struct proc *p = myproc();
  lockdebug_check_sleep(lk);
  // Mark the process asleep before letting go of lk: a waker takes lk
  // before wakeup(), so it either sees SLEEPING here or runs before we
  // checked the condition. Holding p->lock keeps the scheduler away.
  acquire(&p->lock);
  p->chan = chan;
  p->state = SLEEPING;
  release(lk);
  sched();
  p->chan = NULL;
  release(&p->lock);
  acquire(lk);
}

void
wakeup(void *chan)
{
  int woke = 0, waiting = 0;
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    int st = proc_peek_state(i);
    if (st == RUNNABLE)     // only a hint for the kick below
      waiting++;
    if (st != SLEEPING)
      continue;
    // Only sleepers are locked, so never the caller (it is running).
    struct proc *p = proc_lock_slot(i, SLEEPING);
    if (p == NULL)
      continue;
    if (p->state == SLEEPING && p->chan == chan) {
      p->state = RUNNABLE;
      woke++;
    }
    release(&p->lock);
  }
  // A waker usually gives up its hart soon (a pipe's other end, exit) and
  // then runs what it woke itself: kick idle harts only for the rest.
  for (int n = woke + waiting; woke > 0 && n > 1 && ipi_kick_idle(); n--)
    ;
}

int
kkill(int pid)
{
  if (initproc != NULL && pid == initproc->pid)
    return -EPERM;    // init keeps the system alive; nobody may kill it
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *p = proc_lock_slot(i, PROC_ANY);
    if (p == NULL)
      continue;
    if (p->pid == pid && p->state != UNUSED) {
      if (!cred_may_kill(p)) {
        release(&p->lock);
        return -EPERM;
      }
      p->killed = 1;
      if (p->state == SLEEPING)
        p->state = RUNNABLE;   // wake it so it notices
      release(&p->lock);
      return 0;
    }
    release(&p->lock);
  }
  return -ESRCH;
}

void
setkilled(struct proc *p)
{
  acquire(&p->lock);
  p->killed = 1;
  release(&p->lock);
}

int
killed(struct proc *p)
{
  acquire(&p->lock);
  int k = p->killed;
  // A signal to act on also ends a blocking call (kernel/signal.c).
  if (IS_ENABLED(CONFIG_SIGNALS))
    k |= (p->sigpending & ~p->sigmask) != 0;
  release(&p->lock);
  return k;
}

struct proc *
proc_lock_index(int i)
{
  return proc_lock_slot(i, PROC_ANY);
}

struct proc *
proc_init(void)
{
  return initproc;
}

int
either_copyout(int user_dst, uint64 dst, void *src, uint64 len)
{
  if (user_dst)
    return copyout(myproc()->pagetable, dst, src, len);
  memmove((char *)dst, src, len);
  return 0;
}

int
either_copyin(void *dst, int user_src, uint64 src, uint64 len)
{
  if (user_src)
    return copyin(myproc()->pagetable, dst, src, len);
  memmove(dst, (char *)src, len);
  return 0;
}

int
proc_count(void)
{
  int n = 0;   // racy: a statistic
  for (int i = 0; i < CONFIG_NR_PROCS; i++)
    n += __atomic_load_n(&proc_table[i], __ATOMIC_RELAXED) != NULL;
  return n;
}

// Print the process list (^P on the console). No locks: it must work even
// when the kernel is wedged. A process freed meanwhile may print garbage
// (its memory stays mapped), hence the bound on the state.
void
procdump(void)
{
  static const char *states[] = {
    [UNUSED] "unused", [USED] "used", [SLEEPING] "sleep",
    [RUNNABLE] "runble", [RUNNING] "run", [ZOMBIE] "zombie",
  };
  printf("\n");
  for (int i = 0; i < CONFIG_NR_PROCS; i++) {
    struct proc *p = proc_table[i];
    if (p == NULL || p->state == UNUSED || p->state > ZOMBIE)
      continue;
    printf("%d %s %s\n", p->pid, states[p->state], p->name);
  }
}
