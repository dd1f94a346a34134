# tests/cases/absent.py: devices and drivers that do not meet (issue 6, "Bad
# input"): a device with no driver built, a driver with no device, a device
# listed where nothing answers, and xv6fs with no disk.
#
# Each boot must say so in one log line naming the device and go on to the
# shell; only a missing root disk stops the boot, with one line naming what
# the kernel looked for, and QEMU powered off with status 1 (no panic). The
# devicetree edits work on the blob QEMU itself would pass (dumped with the
# same arguments), so everything else about the board stays as it is.

# An address on QEMU's virt board where nothing answers: past the eight
# virtio-mmio slots (0x10001000-0x10008fff), below fw-cfg (0x10100000).
NOWHERE = 0x10009000


def _once(s):
  """A regex matching output in which `s` occurs exactly once (one line)."""
  return r"\A(?![\s\S]*%s[\s\S]*%s)[\s\S]*%s" % ((s,) * 3)


def _rtc_nowhere(fdt):
  rtc = fdt.by_compatible("google,goldfish-rtc")[0]
  rtc.name = "rtc@%x" % NOWHERE
  rtc.set("reg", [0, NOWHERE, 0, 0x1000])


def _test_nowhere(fdt):
  dev = fdt.by_compatible("sifive,test0")[0]
  dev.name = "test@%x" % NOWHERE
  dev.set("reg", [0, NOWHERE, 0, 0x1000])


def _plic_nowhere(fdt):
  dev = fdt.by_compatible("riscv,plic0")[0]
  dev.name = "plic@%x" % NOWHERE
  dev.set("reg", [0, NOWHERE, 0, 0x600000])


def _rtc_gone(fdt):
  for n in fdt.by_compatible("google,goldfish-rtc"):
    fdt.remove(n)


def _extra_slot(addr):
  """An edit adding a ninth virtio-mmio slot at addr (a copy of the first)."""
  def edit(fdt):
    slot = fdt.by_compatible("virtio,mmio")[0]
    new = type(slot)("virtio_mmio@%x" % addr, [list(p) for p in slot.props])
    new.set("reg", [0, addr, 0, 0x1000])
    fdt.parent_of(slot).children.append(new)
  return edit


# The Goldfish RTC's registers: something answers, but not with the virtio
# magic (the time of day in nanoseconds instead).
RTC = 0x101000


NO_ROOT = r"^fs: no root disk: block device 0 not found \(looked for a virtio-blk disk; no ramdisk built\)$"
NO_RAMDISK = ["CONFIG_FDT_DIAGNOSTICS", "CONFIG_ROOT_FS_XV6", "CONFIG_VIRTIO_BLK", "!CONFIG_BLK_RAMDISK", "CONFIG_POWER_SIFIVE_TEST"]


# Every case here names or edits a device of QEMU's virt board (its
# devicetree's addresses): on sifive_u the edit has no node to change
# (randconfig seeds 0x7003, 0x7007: a test-driver IndexError).
VIRT = "CONFIG_QEMU_VIRT"


def _virt(requires):
  return requires if VIRT in requires else requires + [VIRT]


def _goes_on(name, help, requires, expect, **kw):
  """A boot that must print `expect` and still reach a working shell."""
  return dict(name=name, help=help, requires=_virt(requires), programs=["echo"], boot_expect=expect,
              steps=[("echo up", r"^up$")], checks=["init"], **kw)


def _stops(name, help, expect, **kw):
  """A boot that must print `expect` and power off (status 1) before any prompt."""
  return dict(name=name, help=help, requires=_virt(NO_RAMDISK), halts=1, boot_timeout=30,
              boot_expect=expect, **kw)


CASES = [
  # A config without a driver: the device is listed, the boot says nobody took it.
  _goes_on("nodriver-rtc",
           "without CONFIG_RTC_GOLDFISH the boot says 'fdt: not used by this kernel (no driver built): ... rtc@101000'",
           ["!CONFIG_RTC_GOLDFISH", "CONFIG_FDT_DIAGNOSTICS", "CONFIG_QEMU_VIRT"], [r"^fdt: not used by this kernel \(no driver built\): (.* )?rtc@101000( |$)"]),
  _goes_on("nodriver-rng",
           "a virtio RNG attached to a kernel without CONFIG_VIRTIO_RNG: one line naming its slot",
           ["CONFIG_VIRTIO_MMIO", "!CONFIG_VIRTIO_RNG"],
           [r"^virtio-mmio: virtio_mmio@10002000: no driver for entropy source \(id 4\)$",
            _once("virtio_mmio@10002000")],
           qemu_env={"RNG": "y"}),
  # A driver enabled whose device is absent.
  _goes_on("nodevice",
           "RTC node removed and no RNG attached: 'fdt: no device for' names both drivers",
           ["CONFIG_RTC_GOLDFISH", "CONFIG_VIRTIO_RNG", "CONFIG_FDT_DIAGNOSTICS"],
           [r"^fdt: no device for (.* )?goldfish-rtc( |$)",
            r"^fdt: no device for (.* )?virtio-rng( |$)"],
           qemu_env={"RNG": "n"}, dtb=_rtc_gone),
  # A device listed but not responding.
  _goes_on("dead-rtc",
           "the RTC listed where nothing answers: one 'not responding' line",
           ["CONFIG_RTC_GOLDFISH"],
           [r"^goldfish-rtc: rtc@%x: device not responding; not used$" % NOWHERE,
            _once("rtc@%x" % NOWHERE)],
           dtb=_rtc_nowhere),
  _goes_on("dead-poweroff",
           "the SiFive test device listed where nothing answers: one 'not responding' line",
           ["CONFIG_POWER_SIFIVE_TEST"],
           [r"^sifive-test: test@%x: device not responding; not used$" % NOWHERE,
            _once("test@%x" % NOWHERE)],
           dtb=_test_nowhere, poweroff=False),
  # No interrupt controller. Its own "not responding" line comes before
  # any console, so the first driver that wants an interrupt, the UART,
  # says it: the console still prints (polled) but cannot read, and the boot
  # must reach the prompt all the same. Ramfs root only: a virtio disk
  # without its interrupt is another story. Bare M-mode boot only: OpenSBI
  # reads the same devicetree and sets up the PLIC itself, so it takes the
  # store access fault first and stops before the kernel runs (randconfig
  # seed 0x5001: mepc in the firmware, mtval 0x10009004).
  dict(name="dead-plic",
       help="the PLIC listed where nothing answers: the UART says it has no interrupt; the boot reaches the prompt",
       requires=["CONFIG_IRQCHIP_PLIC", "CONFIG_SERIAL_16550", "CONFIG_ROOT_FS_RAMFS", "CONFIG_BOOT_MMODE"],
       dtb=_plic_nowhere,
       boot_expect=[r"^uart16550: serial@10000000: cannot get interrupt \d+ \(error -19\); "
                    r"output polled, no input$", _once("uart16550")],
       checks=["init"], poweroff=False),
  _goes_on("dead-virtio",
           "a virtio-mmio slot listed where nothing answers (the load faults): one line",
           ["CONFIG_VIRTIO_MMIO"],
           [r"^virtio-mmio: virtio_mmio@%x: not responding \(nothing at 0x%x\)$" % (NOWHERE, NOWHERE),
            _once("virtio_mmio@%x" % NOWHERE)],
           dtb=_extra_slot(NOWHERE)),
  _goes_on("badmagic-virtio",
           "a virtio-mmio slot listed over the RTC (wrong magic): one line",
           ["CONFIG_VIRTIO_MMIO"],
           [r"^virtio-mmio: virtio_mmio@%x: not responding \(magic 0x[0-9a-f]+\)$" % RTC,
            _once("virtio_mmio@%x" % RTC)],
           dtb=_extra_slot(RTC)),
  # xv6fs with no disk: one line naming what was looked for, a clean stop ...
  _stops("noroot",
         "xv6fs root, no disk, no ramdisk: 'fs: no root disk' names virtio-blk; QEMU exits 1, no panic",
         [r"^fdt: no device for (.* )?virtio-blk( |$)", NO_ROOT],
         qemu_env={"DISK": "none"}),
  _stops("noroot-legacy",
         "the disk on a legacy (version 1) virtio-mmio slot: one line naming the slot, then no root",
         [r"^virtio-mmio: virtio_mmio@10001000: legacy interface \(version 1\) not supported;",
          _once("virtio_mmio@10001000"), NO_ROOT],
         qemu_args=["-global", "virtio-mmio.force-legacy=true"]),
  # ... or the linked-in ramdisk, where one is built.
  dict(name="ramdisk-root",
       help="xv6fs root with a ramdisk and no disk attached: the ramdisk is dev 0 and the shell runs from it",
       # FDT_DIAGNOSTICS prints the "no device for" line (randconfig seed
       # 0x8028 had it off).
       requires=["CONFIG_ROOT_FS_XV6", "CONFIG_BLK_RAMDISK", "CONFIG_VIRTIO_BLK",
                 "CONFIG_FDT_DIAGNOSTICS"],
       programs=["ls"],
       qemu_env={"DISK": "none"},
       boot_expect=[r"^blkdev: dev 0 is ramdisk0, \d+ blocks$",
                    r"^fdt: no device for (.* )?virtio-blk( |$)",
                    r"^xv6fs: dev 0: "],
       steps=[("ls /", r"^init\s")],
       checks=["init"]),
]
