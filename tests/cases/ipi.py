# tests/cases/ipi.py: inter-hart interrupts (CONFIG_IPI) reach every hart.
#
# At boot hart 0 kicks each other online hart once and waits for its trap
# handler to count the IPI; the kernel prints "ipi: BACKEND, N/M harts
# answered". Every hart must answer (N == M), over the boot mode's backend
# (ipi-clint in the bare M-mode boot, ipi-sbi under OpenSBI), and the system must
# then run processes on all harts (forktest spreads children over them).
def _case(backend, option):
  return dict(name="ipi-" + backend,
              help="every other hart answers the boot-time IPI (%s); forktest runs" % backend,
              requires=[option],
              programs=["forktest"],
              smp=[2, "max"],
              boot_expect=[r"^ipi: %s, (\d+)/\1 harts answered\r?$" % backend],
              steps=[dict(cmd="forktest", expect=r"fork test OK", timeout=60)],
              checks=["banner", "harts"])


CASES = [_case("clint", "CONFIG_IPI_CLINT"), _case("sbi", "CONFIG_IPI_SBI")]
