// user/lib/usys.S: one system-call stub per entry of the shared table.
//
// Each stub loads the call number into a7 and traps; arguments are already
// in a0..a5 and the kernel leaves the result in a0. Generating the stubs from
// include/uapi/octopos/syscalls.h keeps user and kernel numbers identical.
#define SYSCALL(name, nr) \
	.globl name; name: li a7, nr; ecall; ret;

	.text
#include <uapi/octopos/syscalls.h>
