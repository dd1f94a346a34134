// user/picolibc/crt0.S: entry point of programs linked with picolibc.
//
// exec leaves argc in a0, argv in a1 and sp on a one-page stack. A C
// library wants more than 4 KiB (printf of a double alone uses a good part
// of it), so the program moves to a larger stack in its own .bss
// (__octopos_stack, sized in start.c) and goes on in C; exec's page stays
// as the guard's neighbour, holding argv.
	.section .text.start, "ax", @progbits
	.globl _start
_start:
	la	sp, __octopos_stack_top
	andi	sp, sp, -16
	tail	__octopos_start
