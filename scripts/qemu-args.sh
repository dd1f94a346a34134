#!/bin/sh
# scripts/qemu-args.sh O: print the QEMU command line that boots the build in O.
#
# One line on stdout, derived from O/.config, so `make qemu`, the test driver
# (tests/run.py) and the shipped run-qemu.sh (scripts/mkimage.sh) all boot a
# build the same way. Paths are printed as given: `sh scripts/qemu-args.sh .`
# run inside an image directory yields relative paths.
#
# Environment overrides:
#   SMP=n      boot n harts instead of CONFIG_NR_CPUS
#   DISK=path  attach this disk image instead of O/fs.img (tests boot copies);
#              DISK=none: no disk at all. On sifive_u with BLK_MMC_SPI the
#              disk is the SD card, whose image QEMU wants a power of two
#              in size: DISK is padded with zeros in place to one; O/fs.img
#              itself is not touched, a padded copy O/sd.img is attached
#              (made again when fs.img is newer)
#   SD_SIZE=n  pad the SD card image to at least n bytes (a power of two):
#              QEMU makes a card over 2 GiB an SDHC one (CSD v2, sector
#              addresses); the padding is sparse
#   RNG=y|n    attach the virtio RNG or not, whatever CONFIG_VIRTIO_RNG says
#              (tests of a driver without its device, a device without its driver)
#   MEM=n      guest RAM in MiB instead of CONFIG_QEMU_MEM_MB
#   QEMU=prog  the emulator (default qemu-system-riscv64)
#   MACHINE=virt|sifive_u  the board instead of the one the configuration
#              names (CONFIG_QEMU_*): for a kernel built with both boards'
#              drivers (generic_defconfig); sifive_u is S-mode only
#   BOOT=uboot boot O/sdcard.img (scripts/mksdcard.sh) through OpenSBI and
#              U-Boot instead of handing QEMU the kernel (S-mode only; at
#              least 256 MiB of RAM, which U-Boot's load addresses need);
#              UBOOT=path picks U-Boot (default: Debian's u-boot-qemu)
set -e

O=${1:-build}
cfg=$O/.config
if [ ! -f "$cfg" ]; then
  echo "qemu-args.sh: $cfg not found: configure first (make O=$O xv6_defconfig)" >&2
  exit 1
fi

# cfgval NAME: the value of CONFIG_NAME in .config without quotes, or empty.
cfgval() {
  sed -n "s/^CONFIG_$1=//p" "$cfg" | tail -n 1 | sed 's/^"\(.*\)"$/\1/'
}

mem=${MEM:-$(cfgval QEMU_MEM_MB)}
uboot=
if [ "$BOOT" = uboot ]; then
  uboot=${UBOOT:-/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf}
  # qemu-riscv64_smode loads extlinux.conf at 0x8c200000: below 256 MiB
  # of RAM U-Boot faults reading it.
  [ "${mem:-128}" -ge 256 ] || mem=256
fi
smp=${SMP:-$(cfgval NR_CPUS)}
smp=${smp:-1}
machine=virt
[ "$(cfgval QEMU_SIFIVE_U)" = y ] && machine=sifive_u
case ${MACHINE:-$machine} in
  virt) machine=virt ;;
  sifive_u)
    if [ "$(cfgval BOOT_SBI)" != y ]; then
      echo "qemu-args.sh: MACHINE=sifive_u needs an S-mode kernel (CONFIG_BOOT_SBI)" >&2
      exit 1
    fi
    # Hart 0 is the E51 monitor core the kernel never uses: the U54s follow.
    machine=sifive_u
    smp=$((smp + 1)) ;;
  *) echo "qemu-args.sh: MACHINE=$MACHINE: virt or sifive_u" >&2; exit 1 ;;
esac
args="${QEMU:-qemu-system-riscv64} -machine $machine -nographic -m ${mem:-128}M -smp $smp"

# Under OpenSBI the kernel is still loaded from the ELF: QEMU places it at its
# link address (0x80200000), where OpenSBI jumps.
if [ -n "$uboot" ]; then
  args="$args -bios default -kernel $uboot"
elif [ "$(cfgval BOOT_SBI)" = y ]; then
  args="$args -bios default -kernel $O/octopos.elf"
else
  args="$args -bios none -kernel $O/octopos.elf"
fi

# Modern (version 2) virtio-mmio devices. The disk sits in slot 0 and the
# RNG in slot 1 whatever else is attached, so each keeps its address and
# interrupt number from boot to boot.
virtio=
disk=${DISK:-$O/fs.img}
[ -n "$uboot" ] && disk=${DISK:-$O/sdcard.img}
if [ "$(cfgval VIRTIO_BLK)" = y ] && [ "$disk" != none ] && [ -f "$disk" ]; then
  virtio="$virtio -drive file=$disk,if=none,format=raw,id=x0"
  virtio="$virtio -device virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0"
fi
if [ "${RNG:-$(cfgval VIRTIO_RNG)}" = y ]; then
  virtio="$virtio -device virtio-rng-device,bus=virtio-mmio-bus.1"
fi
# sifive_u's disk is the SD card on its SPI controller (mmc-spi-slot).
if [ "$machine" = sifive_u ] && [ "$(cfgval BLK_MMC_SPI)" = y ] && [ "$disk" != none ] &&
   [ -f "$disk" ]; then
  size=$(wc -c < "$disk")
  pow=512
  while [ "$pow" -lt "$size" ] || [ "$pow" -lt "${SD_SIZE:-0}" ]; do pow=$((pow * 2)); done
  if [ "$size" -ne "$pow" ]; then
    if [ "$disk" = "$O/fs.img" ]; then
      if [ ! -f "$O/sd.img" ] || [ "$disk" -nt "$O/sd.img" ]; then
        cp "$disk" "$O/sd.img"
        truncate -s "$pow" "$O/sd.img"
      fi
      disk=$O/sd.img
    else
      truncate -s "$pow" "$disk"
    fi
  fi
  args="$args -drive if=sd,format=raw,file=$disk"
fi
# sifive_u has no virtio-mmio bus.
if [ -n "$virtio" ] && [ "$machine" = virt ]; then
  args="$args -global virtio-mmio.force-legacy=false$virtio"
fi

echo "$args"
