# tests/cases/shlimits.py: the shell's limits refuse, never crash or run a
# part of a line (issue 16): a line is read whole up to 4096 bytes, a longer
# one runs nothing; nested parentheses are limited with a message; long
# pipelines do not overflow the shell's one-page stack.
_LONG_TAIL = "echo " + "x" * 250 + " rm important"
_TOO_LONG = "echo " + "y" * 4200 + " ; rm important"
_DEEP = "(" * 39 + "echo deep" + ")" * 39
_PIPE = "echo piped" + " | cat" * 12

CASES = [
  dict(name="shlimits",
       help="a 260-byte line runs whole; a 4200-byte line runs nothing; 39 nested ( refused; 12-stage pipe",
       programs=["echo", "cat", "rm"],
       # Not on QEMU sifive_u yet: there the E51 monitor hart spins in
       # OpenSBI (a host core's worth of QEMU time while the system is idle),
       # and under a loaded host the shell falls more than the test's 2 ms
       # per typed byte behind, so the console's full 128-byte input buffer
       # drops bytes (3 of 4 loaded runs, 2026-12-02; passes when quiet).
       # The fix is input flow control (hold bytes in the UART when the
       # buffer is full), not a slower test.
       # Nor with a polled console (IRQCHIP_POLL): the UART is read once a
       # tick, and at HZ 10 the test's 2 ms per byte overflows the 16550's
       # 16-byte FIFO between two polls (randconfig seed 0x2002, 1 of 4
       # loaded runs). Same fix: flow control, or input interrupts.
       requires=["!CONFIG_QEMU_SIFIVE_U", "!CONFIG_IRQCHIP_POLL"],
       steps=[
         ("echo hi > important", [], 10),
         dict(cmd=_LONG_TAIL, expect=r"^x{250} rm important$", timeout=20),
         ("cat important", r"^hi$"),
         dict(cmd=_TOO_LONG, expect=r"sh: line too long", reject=r"^y{50}", timeout=40),
         ("cat important", r"^hi$"),
         dict(cmd=_DEEP, expect=r"sh: parentheses nested too deeply", reject=r"^deep$"),
         ("(((((((echo shallow)))))))", r"^shallow$"),
         (_PIPE, r"^piped$"),
         ("echo still here", r"^still here$"),
       ]),
]
