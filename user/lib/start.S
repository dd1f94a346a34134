// user/lib/start.S: program entry point.
//
// exec leaves argc in a0, argv in a1 and sp at the top of the one-page user
// stack, which is already the calling convention main() wants. Returning
// from main means exit(main's value): exit never returns.
	.section .text.start, "ax", @progbits
	.globl _start
_start:
	call main
	call exit
1:	j 1b
