// include/octopos/kstack.h: kernel stack checks (CONFIG_DEBUG_KSTACK, kernel/kstack.c).
//
// A new process's kernel stack is filled with a pattern; the lowest words
// are a canary checked every time the process gives up its hart (sched)
// and when it is freed, so an overflow is reported with the process and
// its last system call instead of silently corrupting the page below
// (with the shared kernel page table a stack has no guard page). The free
// also measures how deep the stack was ever used and warns past 5/8.
#ifndef OCTOPOS_KSTACK_H
#define OCTOPOS_KSTACK_H
#include <octopos/types.h>

struct proc;

#if IS_ENABLED(CONFIG_DEBUG_KSTACK)
void kstack_fill(struct proc *p);            // allocproc: the stack is new
void kstack_check(struct proc *p);           // sched: the canary still intact?
void kstack_done(struct proc *p);            // freeproc: check and measure
#else
static inline void kstack_fill(struct proc *p) { (void)p; }
static inline void kstack_check(struct proc *p) { (void)p; }
static inline void kstack_done(struct proc *p) { (void)p; }
#endif

#endif
