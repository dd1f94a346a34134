# tests/cases/boot.py: the kernel boots to the shell on any number of harts
# and powers off cleanly.
#
# "max" boots CONFIG_NR_CPUS harts; "over" boots one more than the kernel
# was built for (the extra hart must park, not corrupt per-CPU state); 1
# boots a lone hart (SMP kernels must not wait for harts that never come).
# Where `poweroff` is built (CONFIG_USER_SYSTOOLS) it must exit QEMU with 0.
CASES = [
  dict(name="boot",
       help="banner names the config, every hart comes online, '$ ', poweroff exits 0",
       smp=["max", "over", 1],
       checks=["banner", "harts", "init"],
       quick=2),
]
