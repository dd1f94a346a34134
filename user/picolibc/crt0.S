// user/picolibc/crt0.S: entry point of programs linked with picolibc.
//
// exec leaves argc in a0, argv in a1 and sp on a one-page stack. A C
// library wants more than 4 KiB (printf of a double alone uses a good part
// of it), so the program moves to a larger stack in its own .bss
// (its top in __octopos_stack_top, start.c) and goes on in C; exec's page stays
// as the guard's neighbour, holding argv.
	.section .text.start, "ax", @progbits
	.globl _start
_start:
	la	t0, __octopos_stack_top
	ld	sp, 0(t0)
	tail	__octopos_start
