// arch/riscv/kernel/trap.c: traps from user space and from the kernel.
//
// A user trap arrives through the trampoline's uservec at usertrap() on the
// process's kernel stack; usertrapret() goes back through userret. Kernel
// traps arrive at kernelvec and kerneltrap(). Device interrupts go to the
// PLIC dispatcher, ticks to the clock.
#include <octopos/types.h>
#include <octopos/proc.h>
#include <octopos/printk.h>
#include <octopos/ratelimit.h>
#include <octopos/irq.h>
#include <octopos/clock.h>
#include <octopos/syscall.h>
#include <octopos/vm.h>
#include <octopos/lockdebug.h>
#include <octopos/kpt.h>
#include <octopos/ipi.h>
#include <octopos/rlimit.h>
#include <octopos/signal.h>
#include <asm/riscv.h>
#include <asm/arch.h>
#include <asm/memlayout.h>
#include <asm/mtrap.h>

extern char kernelvec[];
void usertrap(void);

void
trapinithart(void)
{
  csr_write(stvec, (uint64)kernelvec);
  csr_write(scounteren, 2);        // user space may read the time CSR
  csr_set(sie, SIE_SEIE | SIE_SSIE);
  arch_timer_init_hart();
}

// A timer tick: hart 0 keeps the time and, without an interrupt
// controller, polls the devices.
static void
tick(void)
{
  if (cpuid() != 0)
    return;
  clock_tick();
  if (IS_ENABLED(CONFIG_SIGNALS))
    signal_tick();
  irq_poll();   // a no-op unless the "controller" polls handlers on the tick
}

// What kind of trap is this? 2 for a timer tick, 1 for another device
// interrupt, 0 if not an interrupt we know.
static int
devintr(uint64 scause)
{
  if (!(scause & SCAUSE_INTR))
    return 0;
  switch (scause & 0xff) {
  case IRQ_S_EXT:
    irq_handle_external();
    return 1;
  case IRQ_S_TIMER:
    tick();
    arch_timer_next();
    return 2;
  case IRQ_S_SOFT:
    // An IPI (kernel/ipi.c), or with the CLINT timer a tick that M-mode
    // forwarded (arch/riscv/kernel/mtrapvec.S), or both: each says so.
    csr_clear(sip, SIE_SSIE);
    ipi_handle();   // it has done its work: the hart left wfi
    if (IS_ENABLED(CONFIG_TIMER_CLINT) && clint_timer_take_tick()) {
      tick();
      return 2;
    }
    return 1;
  }
  return 0;
}

// CONFIG_SIGNALS: the signal a fault raises (scause's exception code).
static int
fault_signal(uint64 scause)
{
  switch (scause) {
  case 0: case 4: case 6:     // misaligned fetch, load, store
  case 1: case 5: case 7:     // access faults: no memory there
    return SIGBUS;
  case 2:                     // illegal instruction
    return SIGILL;
  default:                    // page faults
    return SIGSEGV;
  }
}

void
usertrap(void)
{
  uint64 scause = csr_read(scause);
  int which = 0;
  uint64 call = 0, arg0 = 0;   // the system call and its a0, for a restart

  if (csr_read(sstatus) & SSTATUS_SPP)
    panic("usertrap: not from user mode");
  // Traps from here on are kernel traps.
  csr_write(stvec, (uint64)kernelvec);

  struct proc *p = myproc();
  p->trapframe->epc = csr_read(sepc);

  if (scause == EXC_ECALL_U) {
    if (!IS_ENABLED(CONFIG_SIGNALS) && killed(p))
      kexit(-1);
    call = p->trapframe->a7;
    arg0 = p->trapframe->a0;
    p->trapframe->epc += 4;     // return past the ecall
    intr_on();                  // the call may sleep; let devices in
    syscall_dispatch();
  } else if ((which = devintr(scause)) != 0) {
    // handled
  } else if (vm_handle_fault(p, scause, csr_read(stval)) == 0) {
    // a copy-on-write or lazily allocated page was filled in
  } else if (IS_ENABLED(CONFIG_SIGNALS)) {
    signal_fault(p, fault_signal(scause));   // to a handler, or the end
  } else {
    printf_ratelimited("killed on a fault",
                       "pid %d (%s): trap scause 0x%lx at pc 0x%lx addr 0x%lx: killed\n", p->pid, p->name, scause, csr_read(sepc), csr_read(stval));
    setkilled(p);
  }

  if (which == 2 && IS_ENABLED(CONFIG_RLIMITS))
    rlimit_tick(p);
  if (IS_ENABLED(CONFIG_SIGNALS)) {
    // A call that a stop interrupted (it returned -1) runs again once the
    // process continues, unless a handler runs first (then it is EINTR).
    if (signal_deliver(p) == DELIVER_STOPPED && call != 0 &&
        call != SYSNR_sigreturn && (long)p->trapframe->a0 == -1) {
      p->trapframe->a0 = arg0;
      p->trapframe->epc -= 4;
    }
  } else if (killed(p)) {
    kexit(-1);
  }
  if (which == 2)
    yield();
  usertrapret();
}

void
usertrapret(void)
{
  struct proc *p = myproc();

  lockdebug_check_user_return();
  // Interrupts off until sret: a trap now would go to uservec with the
  // kernel's state half set up.
  intr_off();
  csr_write(stvec, kpt_trap_va(uservec));

  p->trapframe->kernel_satp = csr_read(satp);
  p->trapframe->kernel_sp = p->kstack + KSTACK_PAGES * 4096;
  p->trapframe->kernel_trap = (uint64)usertrap;
  p->trapframe->kernel_hartid = r_tp();
  asm volatile("mv %0, gp" : "=r"(p->trapframe->kernel_gp));

  uint64 x = csr_read(sstatus);
  x &= ~SSTATUS_SPP;   // sret to user mode
  x |= SSTATUS_SPIE;   // with interrupts on
  csr_write(sstatus, x);
  csr_write(sepc, p->trapframe->epc);

  uint64 satp = MAKE_SATP(p->pagetable);
  kpt_enter(p->pagetable);   // shared: a no-op unless this process just started
  uint64 fn = kpt_trap_va(userret);
  ((void (*)(uint64))fn)(satp);
  __builtin_unreachable();
}

void
kerneltrap(void)
{
  uint64 sepc = csr_read(sepc);
  uint64 sstatus = csr_read(sstatus);
  uint64 scause = csr_read(scause);

  if (!(sstatus & SSTATUS_SPP))
    panic("kerneltrap: not from supervisor mode");
  if (intr_get())
    panic("kerneltrap: interrupts enabled");

  int which = devintr(scause);
  if (which == 0)
    kpt_kernel_fault(scause, csr_read(stval));   // panics if a stack overflowed
  if (which == 0)
    panic("kerneltrap: scause 0x%lx sepc 0x%lx stval 0x%lx", scause, sepc, csr_read(stval));
  if (which == 2 && myproc() != NULL) {
    if (IS_ENABLED(CONFIG_RLIMITS))
      rlimit_tick(myproc());
    yield();
  }

  // yield() may have taken other traps; restore what sret needs.
  csr_write(sepc, sepc);
  csr_write(sstatus, sstatus);
}
