// kernel/syscall_table.S: the system-call dispatch table, 4 bytes an entry.
//
// Built from <uapi/octopos/syscalls.h>, the same list the user stubs come
// from. An entry is the handler's address as a 32-bit word: the kernel is
// linked below 4 GiB (the linker script asserts it), and half-size entries
// save 4 bytes per call number, which the tiny kernel's budget notices.
// Handlers this configuration does not build are weak and resolve to 0,
// which syscall_dispatch() turns into -ENOSYS.

  .section .rodata.syscall_table, "a"
  .balign 4
  .globl syscall_table
syscall_table:
#define SYSCALL(name, nr) .weak sys_##name; .org syscall_table + 4 * (nr); .word sys_##name;
// An optional call is left out when its option is off, so the table ends at
// the last call this configuration has.
#define SYSCALL_OPT(name, nr, opt) .if IS_ENABLED(opt); SYSCALL(name, nr) .endif;
#include <uapi/octopos/syscalls.h>
#undef SYSCALL_OPT
#undef SYSCALL
  .globl syscall_table_end
syscall_table_end:
