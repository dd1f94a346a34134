// include/octopos/proc.h: processes, harts, sleep and wakeup (kernel/proc.c).
#ifndef OCTOPOS_PROC_H
#define OCTOPOS_PROC_H
#include <octopos/spinlock.h>
#include <asm/trapframe.h>
#include <uapi/octopos/resource.h>

struct file;
struct inode;

// Saved registers for kernel context switches (arch/riscv/kernel/swtch.S).
struct context {
  uint64 ra;
  uint64 sp;
  uint64 s[12];           // s0..s11
};

// Per-hart state.
struct cpu {
  struct proc *proc;          // the process running on this hart, or NULL
  struct context context;     // swtch() here to enter the scheduler
  int noff;                   // depth of push_off() nesting
  int intena;                 // were interrupts enabled before push_off()?
  uint hartid;                // hardware hart id
  int online;                 // reached the scheduler
  int boot_step;              // how far a secondary got in kmain() (SMP_STEP_*)
};

// Steps of a secondary hart's bring-up, kept so that a hart that never
// comes online can be reported with the last one it passed.
enum { SMP_STEP_NONE, SMP_STEP_ENTERED, SMP_STEP_PAGING, SMP_STEP_TRAPS, SMP_STEP_IRQ };

extern struct cpu cpus[CONFIG_NR_CPUS];
extern int nharts_online;

enum procstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

struct proc {
  struct spinlock lock;

  // p->lock must be held when using these:
  enum procstate state;
  void *chan;                 // if non-zero, sleeping on chan
  int killed;
  int xstate;                 // exit status, returned to the parent's wait
  int pid;
  // wait_lock must be held when using this:
  struct proc *parent;

  // private to the process, so p->lock need not be held:
  int slot;                   // index in the process table (kernel/proc.c)
  uint64 kstack;              // virtual address of the kernel stack
  uint64 sz;                  // size of process memory (bytes)
  pagetable_t pagetable;      // user page table
  struct trapframe *trapframe;
  struct context context;
  struct file **ofile;        // CONFIG_NR_OPEN open files
  struct inode *cwd;
  char name[16];              // for debugging
  uint uid, euid, gid, egid;  // CONFIG_MULTIUSER; 0 otherwise
  uint umask;
  struct rlimit rlim[RLIM_NLIMITS]; // CONFIG_RLIMITS (kernel/rlimit.c)
  uint64 cputicks;            // timer ticks spent running (RLIMITS)
  struct sigacts *sigacts;    // CONFIG_SIGNALS: the handlers
  uint saved_mask;            // sigsuspend: the mask a handler's return restores
  int restore_mask;           // saved_mask is set
  // The fields for options tiny leaves off come last, so that the ones
  // above keep offsets that compressed loads and stores reach (tiny's
  // size budget). CONFIG_SIGNALS (kernel/signal.c), under p->lock:
  uint sigpending;            // bit s: signal s waits for delivery
  uint sigmask;               // bit s: signal s is blocked
  int stopped;                // stopped by a stop signal until SIGCONT
  int stopsig;                // which, for waitpid
  int stop_reported;          // waitpid(WUNTRACED) has seen this stop
  int termsig;                // the signal that ended it, for waitpid
  uint alarm_at;              // ticks value when SIGALRM is due; 0: none
  // CONFIG_JOB_CONTROL: process group and session (private; read by
  // others under p->lock)
  int pgid, sid;
  int tty_revoked;            // its session hung up: no console access
  int lasterror;              // CONFIG_SIGNALS: error number of the last failed call
  // CONFIG_PROCINFO (kernel/procinfo.c): for ps
  int ppid;                   // parent's pid (changes under wait_lock + p->lock)
  char cmdline[48];           // exec's arguments, space-separated
};

struct cpu  *mycpu(void);
struct proc *myproc(void);
int  cpuid(void);             // index into cpus[], interrupts must be off

void sleep(void *chan, struct spinlock *lk);
void wakeup(void *chan);
int  killed(struct proc *p);
void setkilled(struct proc *p);
void yield(void);
void procdump(void);
int  proc_count(void);

// Copy to/from either a user address (user_dst/user_src true) or a kernel
// address. Return 0 or -EFAULT.
// Process life cycle (kernel/proc.c). Return a pid, 0, or a negative error.
int  kfork(void);
void kexit(int status) __attribute__((noreturn));
int  kwait(uint64 status_addr);    // user address for the status, or 0
int  kkill(int pid);
int  kwaitpid(int pid, uint64 status_addr, int options);  // CONFIG_SIGNALS
struct proc *proc_lock_index(int i);   // slot i's process, locked, or NULL
// Around a scan that sends to several processes (CONFIG_SIGNALS): a fork
// racing with it cannot leave a child the scan misses (kernel/proc.c).
void proc_scan_begin(void);
void proc_scan_end(void);
struct proc *proc_init(void);          // the first process
void procinfo_exec(struct proc *p, char **argv);   // CONFIG_PROCINFO
void userinit(void);
// A process that runs fn in the kernel and never enters user mode (no
// memory, no files, no parent); fn must not return. 0 or -ENOMEM.
int  kthread_start(void (*fn)(void), const char *name);
void procinit(void);
void scheduler(void) __attribute__((noreturn));
int  growproc(long n);
void sched(void);
// A user page table holding just the trampoline and p's trapframe.
pagetable_t proc_pagetable_new(struct proc *p);
void proc_pagetable_free(pagetable_t pt, uint64 sz);

int either_copyout(int user_dst, uint64 dst, void *src, uint64 len);
int either_copyin(void *dst, int user_src, uint64 src, uint64 len);

#endif
