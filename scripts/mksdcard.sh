#!/bin/sh
# scripts/mksdcard.sh O [OUT]: a partitioned disk image that a real RISC-V
# boot chain (OpenSBI -> U-Boot distro boot) boots, from the build in O
# (default OUT: O/sdcard.img). S-mode configurations only: it needs O/Image.
#
# Layout (GPT, 512-byte sectors, partitions 1 MiB-aligned):
#   1  "boot"          FAT, EFI system type, legacy-BIOS-bootable flag (U-Boot
#                      distro boot scans the flagged partition): /Image and
#                      /extlinux/extlinux.conf
#   2  "octopos-root"  O/fs.img, the xv6fs root (root=PARTLABEL=octopos-root)
#   3  "octopos-rootB" only with ROOTB=path: a second root, for root= tests
# Nothing is mounted (mtools writes the FAT) and the bytes depend only on
# the inputs: the FAT serial, partition and disk GUIDs are derived from the
# configuration name, every timestamp is SOURCE_DATE_EPOCH (or 1980-01-01,
# FAT's first day).
#
# Environment: APPEND=words (the extlinux.conf append line; default
# root=PARTLABEL=octopos-root), ROOTB=image (adds partition 3), NOEXTLINUX=1
# (a boot partition without extlinux.conf: what U-Boot says then is in
# docs/boot.md), SOURCE_DATE_EPOCH.
set -e

O=${1:-build}
out=${2:-$O/sdcard.img}
cfg=$O/.config
die() {
  echo "mksdcard.sh: $*" >&2
  exit 1
}
[ -f "$cfg" ] || die "$cfg not found: configure and build first"
cfgval() {
  sed -n "s/^CONFIG_$1=//p" "$cfg" | tail -n 1 | sed 's/^"\(.*\)"$/\1/'
}
[ "$(cfgval BOOT_SBI)" = y ] || die "only S-mode (CONFIG_BOOT_SBI) kernels boot through U-Boot"
[ -f "$O/Image" ] || die "$O/Image not found: build first (make O=$O all)"
[ -f "$O/fs.img" ] || die "$O/fs.img not found: this configuration has no xv6fs root image"
for t in sfdisk mkfs.vfat mmd mcopy; do
  command -v $t >/dev/null 2>&1 || [ -x /usr/sbin/$t ] || [ -x /sbin/$t ] ||
    die "$t not found: run 'make deps' (packages fdisk, dosfstools, mtools)"
done
PATH=$PATH:/usr/sbin:/sbin

defconfig=$(cfgval DEFCONFIG_NAME)
config=${defconfig%_defconfig}
[ -n "$config" ] || config=custom
version=${VERSION:-$(sed -n 's/^VERSION[ 	]*:*=[ 	]*//p' "$(dirname "$0")/../Makefile" | head -n 1)}
epoch=${SOURCE_DATE_EPOCH:-315532800}
[ "$epoch" -ge 315532800 ] || epoch=315532800   # FAT cannot say earlier than 1980
export SOURCE_DATE_EPOCH=$epoch TZ=UTC

# A GUID from a hash of the configuration and what it is for.
guid() {
  h=$(printf 'octopos %s %s' "$config" "$1" | sha256sum | cut -c1-32)
  echo "$h" | sed 's/^\(.\{8\}\)\(.\{4\}\).\(.\{3\}\).\(.\{3\}\)\(.\{12\}\)$/\1-\2-4\3-8\4-\5/'
}
serial=$(printf 'octopos %s fat' "$config" | sha256sum | cut -c1-8)

mib=2048                                        # sectors per MiB
bytes_to_mib() { echo $((($1 + 1048575) / 1048576)); }
boot_mib=4
root_mib=$(bytes_to_mib "$(stat -c %s "$O/fs.img")")
rootb_mib=0
[ -n "$ROOTB" ] && rootb_mib=$(bytes_to_mib "$(stat -c %s "$ROOTB")")
total_mib=$((1 + boot_mib + root_mib + rootb_mib + 1))   # + the backup GPT at the end

tmp=$out.tmp.d
rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# The boot partition: FAT with the kernel and extlinux.conf.
label=octopos-$config
cat > "$tmp/extlinux.conf" <<EOC
# extlinux/extlinux.conf: read by U-Boot's distro boot (the pxe/sysboot
# format). Written by octopos scripts/mksdcard.sh for $label.
default $label
label $label
	menu label octopos $version ($defconfig)
	kernel /Image
	append ${APPEND-root=PARTLABEL=octopos-root}
EOC
boot=$tmp/boot.fat
truncate -s $((boot_mib * 1048576)) "$boot"
mkfs.vfat -i "$serial" -n OCTOPOS --invariant "$boot" >/dev/null
cp "$O/Image" "$tmp/Image"
touch -d "@$epoch" "$tmp/Image" "$tmp/extlinux.conf"
mcopy -m -i "$boot" "$tmp/Image" ::/Image
if [ -z "$NOEXTLINUX" ]; then
  mmd -i "$boot" ::/extlinux
  mcopy -m -i "$boot" "$tmp/extlinux.conf" ::/extlinux/extlinux.conf
fi

# The partition table.
disk=$tmp/disk.img
truncate -s $((total_mib * 1048576)) "$disk"
s1=$mib
s2=$((s1 + boot_mib * mib))
s3=$((s2 + root_mib * mib))
{
  echo "label: gpt"
  echo "label-id: $(guid disk)"
  echo "unit: sectors"
  echo "first-lba: 34"
  echo "start=$s1, size=$((boot_mib * mib)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=$(guid boot), name=\"boot\", attrs=\"LegacyBIOSBootable\""
  echo "start=$s2, size=$((root_mib * mib)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=$(guid root), name=\"octopos-root\""
  [ -n "$ROOTB" ] &&
    echo "start=$s3, size=$((rootb_mib * mib)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=$(guid rootB), name=\"octopos-rootB\""
  true
} | sfdisk -q --no-reread --no-tell-kernel "$disk" >/dev/null
dd if="$boot" of="$disk" bs=512 seek=$s1 conv=notrunc status=none
dd if="$O/fs.img" of="$disk" bs=512 seek=$s2 conv=notrunc status=none
[ -n "$ROOTB" ] && dd if="$ROOTB" of="$disk" bs=512 seek=$s3 conv=notrunc status=none
mv "$disk" "$out"
echo "  SDCARD  $out"
