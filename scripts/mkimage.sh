#!/bin/sh
# scripts/mkimage.sh O: pack a built octopos into one reproducible archive,
# O/images/octopos-VERSION-CONFIG.tar.gz (`make image`, after `make all`).
#
# The archive holds everything needed to boot the build elsewhere: the kernel
# (ELF and raw binary), fs.img if the build made one, the full .config (as
# `config`) and its minimal `defconfig`, run-qemu.sh with the exact QEMU flags
# on relative paths, a README and SHA256SUMS. S-mode configurations with a
# disk also get the `Image` and sdcard.img (scripts/mksdcard.sh, written to
# O/sdcard.img too), which run-qemu.sh boots through OpenSBI and U-Boot
# (run-qemu-direct.sh hands QEMU the kernel instead), and flash.md. Two runs over the same build
# give byte-identical archives: entries are sorted, owned by 0:0, stamped
# with SOURCE_DATE_EPOCH (or 0), and gzip leaves out name and time.
#
# VERSION and CONFIG_DEFCONFIG_NAME come from the environment when the
# top-level Makefile exports them, else from the Makefile and O/.config.
set -e

O=${1:-build}
srctree=$(cd "$(dirname "$0")/.." && pwd)
cfg=$O/.config

die() {
  echo "mkimage.sh: $*" >&2
  exit 1
}

[ -f "$cfg" ] || die "$cfg not found: configure and build first (make O=$O xv6_defconfig all)"
for f in octopos.elf octopos.bin; do
  [ -f "$O/$f" ] || die "$O/$f not found: build first (make O=$O all)"
done

cfgval() {
  sed -n "s/^CONFIG_$1=//p" "$cfg" | tail -n 1 | sed 's/^"\(.*\)"$/\1/'
}

version=${VERSION:-$(sed -n 's/^VERSION[ 	]*:*=[ 	]*//p' "$srctree/Makefile" | head -n 1)}
[ -n "$version" ] || die "no VERSION in the environment or in $srctree/Makefile"
defconfig=${CONFIG_DEFCONFIG_NAME:-$(sh "$srctree/scripts/config-name.sh" "$O")}
config=$(echo "$defconfig" | sed 's/_defconfig//; s/+modified$/-modified/')
[ -n "$config" ] || config=custom
base=octopos-$version-$config
epoch=${SOURCE_DATE_EPOCH:-0}

# The minimal defconfig, regenerated so it matches this .config.
(cd "$srctree" && ${MAKE:-make} -s O="$O" savedefconfig >/dev/null) ||
  die "make O=$O savedefconfig failed"
[ -f "$O/defconfig" ] || die "make savedefconfig left no $O/defconfig"

mkdir -p "$O/images"
stagedir=$O/images/.stage
stage=$stagedir/$base
rm -rf "$stagedir"
mkdir -p "$stage"
trap 'rm -rf "$stagedir"' EXIT

cp "$O/octopos.elf" "$O/octopos.bin" "$stage/"
cp "$cfg" "$stage/config"
cp "$O/defconfig" "$stage/defconfig"
disk=
if [ -f "$O/fs.img" ] && [ "$(cfgval VIRTIO_BLK)" = y ]; then
  cp "$O/fs.img" "$stage/"
  disk=fs.img
fi
sdcard=
if [ -n "$disk" ] && [ "$(cfgval BOOT_SBI)" = y ]; then
  sh "$srctree/scripts/mksdcard.sh" "$O" "$O/sdcard.img" >/dev/null
  cp "$O/Image" "$O/sdcard.img" "$stage/"
  cp "$srctree/scripts/flash.md" "$stage/"
  sdcard=sdcard.img
fi

# QEMU flags as scripts/qemu-args.sh prints them for a build in ".", so the
# paths inside run-qemu.sh are relative to the unpacked directory.
cp "$cfg" "$stage/.config"
flags=$(cd "$stage" && env -u SMP -u DISK -u MEM -u RNG -u BOOT QEMU=qemu-system-riscv64 \
  sh "$srctree/scripts/qemu-args.sh" .)
uflags=
[ -n "$sdcard" ] && uflags=$(cd "$stage" && env -u SMP -u DISK -u MEM -u RNG BOOT=uboot \
  UBOOT='$uboot' QEMU=qemu-system-riscv64 sh "$srctree/scripts/qemu-args.sh" .)
rm "$stage/.config"

direct=run-qemu.sh
if [ -n "$sdcard" ]; then
  direct=run-qemu-direct.sh
  cat > "$stage/run-qemu.sh" <<EOF
#!/bin/sh
# run-qemu.sh: boot sdcard.img as a board would: OpenSBI, then U-Boot, whose
# distro boot reads extlinux/extlinux.conf from the FAT partition and
# starts the Image (serial console on this terminal; type poweroff to
# leave, or Ctrl-A x). UBOOT=path picks U-Boot (default: Debian's
# u-boot-qemu). Arguments go to QEMU.
cd "\$(dirname "\$0")" || exit 1
uboot=\${UBOOT:-/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf}
if [ ! -f "\$uboot" ]; then
  echo "run-qemu.sh: \$uboot not found: install u-boot-qemu, set UBOOT=, or use ./run-qemu-direct.sh" >&2
  exit 1
fi
exec $uflags "\$@"
EOF
fi
cat > "$stage/$direct" <<EOF
#!/bin/sh
# $direct: boot this octopos image under QEMU, the kernel handed to it
# directly (serial console on this terminal; type poweroff to leave, or
# Ctrl-A x). Arguments are passed on to QEMU, e.g. ./$direct -s -S to wait
# for gdb.
cd "\$(dirname "\$0")" || exit 1
exec $flags "\$@"
EOF

desc=
if [ -f "$srctree/configs/$defconfig" ]; then
  desc=$(head -n 1 "$srctree/configs/$defconfig" | sed 's/^#[ 	]*//')
fi
{
  echo "octopos $version, configuration $config${desc:+: $desc}"
  echo
  echo "octopos is a Kconfig-configurable teaching kernel for 64-bit RISC-V,"
  echo "descended from MIT's xv6-riscv. This archive boots on QEMU's virt board."
  echo
  echo "Run it (needs qemu-system-riscv64, Debian package qemu-system-misc):"
  echo "  ./run-qemu.sh"
  if [ -n "$sdcard" ]; then
    echo "boots sdcard.img through OpenSBI and U-Boot (also needs u-boot-qemu);"
    echo "./run-qemu-direct.sh gives QEMU the kernel and fs.img directly."
  fi
  echo "The shell prompt is '\$ '; 'poweroff' ends QEMU. The command line is:"
  echo "  ${uflags:-$flags}"
  echo
  echo "Contents:"
  echo "  octopos.elf   the kernel, ELF (QEMU -kernel loads it)"
  echo "  octopos.bin   the kernel, raw binary for loaders that want one"
  [ -n "$disk" ] && echo "  fs.img        root file system (xv6fs); $direct boots it read-write"
  if [ -n "$sdcard" ]; then
    echo "  Image         the kernel as a RISC-V Linux-style Image (U-Boot booti)"
    echo "  sdcard.img    GPT disk: FAT boot partition (Image, extlinux/extlinux.conf)"
    echo "                and the root partition; flash.md says how to write it to a card"
    echo "  run-qemu-direct.sh  boots without U-Boot"
  fi
  echo "  config        the full kernel configuration (.config)"
  echo "  defconfig     the same, minimal: copy to configs/NAME_defconfig to rebuild"
  echo "  run-qemu.sh   boots the image; extra arguments go to QEMU"
  echo "  SHA256SUMS    check with: sha256sum -c SHA256SUMS"
  echo
  echo "Rebuild from source: make O=build ${defconfig:-<name>_defconfig} all"
} > "$stage/README"

chmod 644 "$stage"/*
chmod 755 "$stage"/run-qemu*.sh
(cd "$stage" && LC_ALL=C ls | grep -v '^SHA256SUMS$' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
chmod 644 "$stage/SHA256SUMS"

out=$O/images/$base.tar.gz
LC_ALL=C tar --sort=name --format=gnu --mtime="@$epoch" --owner=0 --group=0 \
  --numeric-owner --mode='u+rw,go-w,a+rX' -C "$stagedir" -cf - "$base" | gzip -9 -n > "$out.tmp"
mv "$out.tmp" "$out"
echo "  IMAGE   $out"
