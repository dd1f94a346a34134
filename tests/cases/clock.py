# tests/cases/clock.py: the tick rate is CONFIG_HZ and the timebase is the
# devicetree's, whatever the board: user space sees both through sysinfo
# (free), and a devicetree without a usable timebase or hart stops the boot
# with the parser's message.
def _timebase_zero(dt):
  dt.find("/cpus").set("timebase-frequency", [0])


def _no_mmu(dt):
  for cpu in dt.find("/cpus").children:
    if cpu.name.startswith("cpu@"):
      cpu.props = [p for p in cpu.props if p[0] != "mmu-type"]


CASES = [
  dict(name="clock-hz10",
       help="free reports 10 ticks/s and QEMU virt's 10 MHz timebase",
       requires=["CONFIG_USER_SYSTOOLS", "CONFIG_HZ=10", "CONFIG_QEMU_VIRT"],
       programs=["free"],
       steps=[("free", r"clock: 10 ticks/s, timebase 10000000 Hz")]),
  dict(name="clock-sifive-u",
       help="on QEMU sifive_u free reports the FU540's 1 MHz timebase from its devicetree",
       requires=["CONFIG_USER_SYSTOOLS", "CONFIG_QEMU_SIFIVE_U"],
       programs=["free"],
       steps=[("free", r"clock: \d+ ticks/s, timebase 1000000 Hz")]),
  dict(name="clock-hz100",
       help="free reports 100 ticks/s; sleep 10 still lasts 10 ticks",
       requires=["CONFIG_USER_SYSTOOLS", "CONFIG_HZ=100"],
       programs=["free"],
       steps=[("free", r"clock: 100 ticks/s, timebase \d+ Hz")]),
  dict(name="dtb-timebase-0",
       help="a devicetree whose timebase-frequency is 0 stops the boot with the parser's message",
       requires=["CONFIG_FDT_DIAGNOSTICS", "CONFIG_EMERGENCY_UART_16550", "CONFIG_QEMU_VIRT"],
       dtb=_timebase_zero,
       halts="wfi", poweroff=False,
       boot_expect=[r"fdt: /cpus has no timebase-frequency \(or it is 0\)",
                    r"devicetree at .* is invalid; cannot boot"]),
  dict(name="dtb-no-usable-hart",
       help="a devicetree whose harts have no MMU stops the boot with the parser's message",
       requires=["CONFIG_FDT_DIAGNOSTICS", "CONFIG_EMERGENCY_UART_16550", "CONFIG_QEMU_VIRT"],
       dtb=_no_mmu,
       halts="wfi", poweroff=False,
       boot_expect=[r"fdt: no usable hart under /cpus", r"cannot boot"]),
  # The same on sifive_u: said on its emergency console, the SiFive UART
  # at 0x10010000 (EMERGENCY_UART_SIFIVE, the board's default).
  dict(name="dtb-no-usable-hart-sifive-u",
       help="sifive_u: a devicetree whose harts have no MMU is reported on the SiFive emergency UART",
       requires=["CONFIG_FDT_DIAGNOSTICS", "CONFIG_EMERGENCY_UART_SIFIVE", "CONFIG_QEMU_SIFIVE_U"],
       dtb=_no_mmu,
       halts="wfi", poweroff=False,
       boot_expect=[r"fdt: no usable hart under /cpus", r"cannot boot"]),
]
