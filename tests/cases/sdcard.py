# tests/cases/sdcard.py: the SD card on SPI (BLK_MMC_SPI) as the root disk
# on sifive_u (with ROOT_FS_XV6: a ramfs root leaves the card unmounted,
# randconfig seed 0x2002): the root is the card (device 0), the shell runs on it, what
# is written there is still there after a reboot (a ramdisk root would have
# lost it), a card over 2 GiB (SDHC: CSD v2, sector addresses) works too,
# with the slot empty the boot says so and goes on with the linked-in
# ramdisk, and a card smaller than the file system on it stops the boot
# with the superblock check's message.


def _one_mib(path):
  # A 1 MiB card (a power of two, as QEMU wants) holding the first MiB of
  # an image whose superblock says it is several MiB long.
  with open(path, "r+b") as f:
    f.truncate(1 << 20)


CASES = [
  dict(name="sd-root",
       help="sifive_u: the root is xv6fs on the SD card; files are written and read back",
       requires=["CONFIG_BLK_MMC_SPI", "CONFIG_ROOT_FS_XV6"],
       programs=["echo", "cat", "ls", "rm"],
       boot_expect=[r"mmc-spi: mmc-spi0: SD\S+ card on spi@10050000",
                    r"blkdev: dev 0 is mmc-spi0", r"xv6fs: dev 0: "],
       steps=[
         ("echo on the card > sdf", []),
         ("cat sdf", r"^on the card$"),
         ("ls sdf", r"^sdf\s+2\s+\d+\s+12$"),
         ("rm sdf", []),
         dict(cmd="cat sdf", expect=r"cannot open|[Nn]o such|error"),
       ]),
  dict(name="sd-reboot",
       help="sifive_u: a file written on the SD card is there after a reboot",
       requires=["CONFIG_BLK_MMC_SPI", "CONFIG_ROOT_FS_XV6", "CONFIG_USER_SYSTOOLS"],
       programs=["echo", "cat", "reboot"],
       boot_expect=[r"blkdev: dev 0 is mmc-spi0"],
       steps=[
         ("echo survives the reset > keep", []),
         dict(cmd="reboot", expect=[r"octopos \d+\.\d+\.\d+ \(", r"blkdev: dev 0 is mmc-spi0"],
              timeout=60),
         dict(cmd="cat keep", expect=r"^survives the reset$", timeout=60),
       ]),
  dict(name="sd-sdhc",
       help="sifive_u with a 4 GiB card: QEMU makes it SDHC (CSD v2, sector addresses); the root works",
       requires=["CONFIG_BLK_MMC_SPI", "CONFIG_ROOT_FS_XV6"],
       programs=["echo", "cat"],
       qemu_env={"SD_SIZE": str(4 << 30)},
       boot_expect=[r"mmc-spi: mmc-spi0: SDHC/XC card on spi@10050000, CSD v2, 4194304 KiB, "
                    r"sector addressing", r"blkdev: dev 0 is mmc-spi0, 4194304 blocks"],
       steps=[
         ("echo high capacity > hcf", []),
         ("cat hcf", r"^high capacity$"),
       ]),
  dict(name="sd-nocard",
       help="sifive_u with the SD slot empty: one line says so and the root is the ramdisk",
       requires=["CONFIG_BLK_MMC_SPI", "CONFIG_BLK_RAMDISK"],
       programs=["echo"],
       qemu_env={"DISK": "none"},
       boot_expect=[r"mmc-spi: mmc-spi0: no (usable )?card \(", r"blkdev: dev 0 is ramdisk0"],
       steps=[("echo still here", r"^still here$")]),
  dict(name="sd-small",
       help="sifive_u with a 1 MiB card under a larger file system: the boot stops and says why",
       requires=["CONFIG_BLK_MMC_SPI", "CONFIG_ROOT_FS_XV6"],
       disk_edit=_one_mib,
       halts="wfi", poweroff=False,
       boot_expect=[r"mmc-spi: mmc-spi0: SD\S+ card on spi@10050000, CSD v\d, 1024 KiB",
                    r"xv6fs: bad superblock: larger than the device"]),
]
