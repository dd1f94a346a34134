# tests/cases/cmdline.py: the kernel command line (issue 19; docs/boot.md).
#
# QEMU's -append becomes /chosen/bootargs, exactly what U-Boot's extlinux
# `append` gives the kernel, so these boots cover the command line without
# U-Boot's few seconds; tests/bootchain.py boots the real chain. The
# built-in line (full_defconfig: CONFIG_CMDLINE="loglevel=7") applies when
# QEMU passes none; debug_defconfig forces its own (root=ramdisk) whatever
# the bootloader says.

BOOTLOADER = r"^cmdline \(bootloader\): "


def _case(name, help, append, expect, requires=("CONFIG_BOOT_CMDLINE",), **kw):
  args = ["-append", append] if append is not None else []
  kw.setdefault("steps", [("echo up", r"^up$")])
  kw.setdefault("checks", ["init"])
  return dict(name=name, help=help, requires=list(requires), programs=["echo"],
              qemu_args=args, boot_expect=expect, **kw)


CASES = [
  _case("cmdline-builtin",
        "no -append: the built-in CONFIG_CMDLINE is used and said so",
        None, [r"^cmdline \(built-in\): loglevel=7$"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", 'CONFIG_CMDLINE=loglevel=7']),
  _case("cmdline-force",
        "CONFIG_CMDLINE_FORCE: the bootloader's root= and init= are ignored",
        "root=PARTLABEL=nowhere init=/nonexistent",
        [r"^cmdline \(built-in, forced; the bootloader's is ignored\): root=ramdisk$",
         r"^xv6fs: dev 0: "],
        requires=["CONFIG_BOOT_CMDLINE", "CONFIG_CMDLINE_FORCE", 'CONFIG_CMDLINE=root=ramdisk']),
  _case("cmdline-unknown",
        "unknown and malformed words are listed once and the boot goes on",
        "foo root= loglevel=9 bar=1 init=sh",
        [BOOTLOADER + r"foo root= loglevel=9 bar=1 init=sh$",
         r"\A(?![\s\S]*cmdline: ignored:[\s\S]*cmdline: ignored:)[\s\S]*"
         r"^cmdline: ignored: foo root= loglevel=9 bar=1 init=sh$",
         r"init: starting (sh|login)"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE"]),
  _case("cmdline-malformed",
        "a line with an unterminated quote is refused whole; the boot uses the defaults",
        'root=PARTLABEL=nowhere init="/bin/x',
        [r"^cmdline \(bootloader\): refused, a quote that is never closed; booting with the defaults$"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE"]),
  _case("cmdline-toolong",
        "a line longer than the kernel keeps is refused whole",
        "root=PARTLABEL=nowhere " + "x" * 200,
        [r"^cmdline: the bootloader's line is 223 bytes, more than the 127 kept; booting with the defaults$"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE"]),
  _case("cmdline-init",
        "init=/sh runs the shell as the first process (no login)",
        "init=/sh", [BOOTLOADER + r"init=/sh$", r"\A(?![\s\S]*init: starting)"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", "CONFIG_ROOT_FS_XV6"],
        checks=[],
        steps=[("echo up", r"^up$")]),
  _case("cmdline-quiet",
        "quiet: no kernel boot messages after the command line; init and the shell still run",
        "quiet",
        [BOOTLOADER + r"quiet$",
         r"\A(?![\s\S]*hart \d+ online)(?![\s\S]*^octopos \d)[\s\S]*init: starting"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE"]),
  _case("cmdline-console-path",
        "console= by devicetree path (options after ':' ignored) names the UART",
        "console=/soc/serial@10000000:115200n8",
        [r"^cmdline: console=/soc/serial@10000000:115200n8 is serial@10000000$"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", "CONFIG_SERIAL_16550", "CONFIG_QEMU_VIRT"]),
  _case("cmdline-console-alias",
        "console=serial0 is the first serial@ node; a node that is no UART keeps the console",
        "console=serial0",
        [r"^cmdline: console=serial0 is serial@10000000$"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", "CONFIG_SERIAL_16550", "CONFIG_QEMU_VIRT"]),
  _case("cmdline-console-none",
        "console= naming no UART says so and the default UART (stdout-path's, else the first) stays the console",
        "console=/soc/rtc@101000",
        [r"^cmdline: console=/soc/rtc@101000 names no serial@ node in the devicetree; "
         r"the (first|stdout-path) UART stays the console$"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", "CONFIG_SERIAL_16550", "CONFIG_QEMU_VIRT"]),
  _case("smp-hold",
        "smp_hold=1: cpu 1 is left stopped, found missing after the wait, started again by "
        "the recovery path; every hart then comes online",
        "smp_hold=1",
        [r"^smp: cpu 1 not online after 10 s: never entered the kernel; "
         r"the firmware says stopped; started again$",
         r"^octopos \S+ \(\S+\) harts (\d+)/\1 ",
         r"\A(?![\s\S]*still not online)"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", "CONFIG_SMP", "CONFIG_BOOT_SBI"],
        smp=["max"], boot_timeout=90),
  _case("smp-stray",
        "smp_stray=1: cpu 1 is started at the boot entry with an address for its cpu index, "
        "as OpenSBI 1.1's hart-start race does; it finds its cpu in the release slot and comes online",
        "smp_stray=1",
        [r"^octopos \S+ \(\S+\) harts (\d+)/\1 ",
         r"\A(?![\s\S]*not online)"],
        requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", "CONFIG_SMP", "CONFIG_BOOT_SBI"],
        smp=["max"]),
  dict(name="cmdline-noroot",
       help="root= naming nothing lists the block devices and powers off (status 1), no panic",
       requires=["CONFIG_BOOT_CMDLINE", "!CONFIG_CMDLINE_FORCE", "CONFIG_ROOT_FS_XV6",
                 "CONFIG_VIRTIO_BLK", "!CONFIG_BLK_RAMDISK", "CONFIG_POWER_SIFIVE_TEST"],
       qemu_args=["-append", "root=PARTLABEL=nowhere"], halts=1, boot_timeout=30,
       boot_expect=[r"^fs: root=PARTLABEL=nowhere names no block device$",
                    r"^  dev 0: virtio-blk0, whole disk, \d+ blocks$",
                    r"cannot mount the root file system"]),
]
