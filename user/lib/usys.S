// user/lib/usys.S: one system-call stub per entry of the shared table.
//
// Each stub loads the call number into a7 and traps; arguments are already
// in a0..a5 and the kernel leaves the result in a0. Generating the stubs from
// include/uapi/octopos/syscalls.h keeps user and kernel numbers identical.
//
// The picolibc glue (user/picolibc) assembles this same file with
// -DUSYS_PREFIX=__sys_, so its raw stubs (__sys_read, ...) leave the plain
// names to the C library's own functions.
#ifdef USYS_PREFIX
#define USYS_CAT2(a, b) a##b
#define USYS_CAT(a, b) USYS_CAT2(a, b)
#define USYS_NAME(name) USYS_CAT(USYS_PREFIX, name)
#else
#define USYS_NAME(name) name
#endif
#define SYSCALL(name, nr) \
	.globl USYS_NAME(name); USYS_NAME(name): li a7, nr; ecall; ret;

	.text
#include <uapi/octopos/syscalls.h>
