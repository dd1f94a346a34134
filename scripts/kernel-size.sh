#!/bin/sh
# scripts/kernel-size.sh O SIZE BUDGET: the kernel size lines of `make size`.
#
# The figure a size budget is about is the kernel's text+data without the
# images linked into it: the initramfs (an archive of user programs, in
# .rodata, so `size` counts it in text) and the ramdisk (a file-system
# image, CONFIG_BLK_RAMDISK, in .data) are not kernel. What is left out is
# printed next to the figure: the images, and the page-alignment gaps between
# sections (read-only and writable data start on separate pages), which
# are in the image but in neither text nor data. With BUDGET > 0
# (CONFIG_KERNEL_SIZE_BUDGET) a kernel over it fails, naming both numbers.
O=$1 SIZE=$2 BUDGET=${3:-0}
elf=$O/octopos.elf
set -- $($SIZE "$elf" | awk 'NR == 2 { print $1, $2 }')
text=$1 data=$2
i=0
if [ -f "$O/initramfs.cpio" ] && grep -q '^CONFIG_INITRAMFS=y' "$O/.config"; then
  i=$(wc -c < "$O/initramfs.cpio")
  echo "initramfs: $i bytes (in text above, not counted below)"
else
  echo "initramfs: none (CONFIG_INITRAMFS is off)"
fi
r=0
if [ -f "$O/ramdisk.img" ] && grep -q '^CONFIG_BLK_RAMDISK=y' "$O/.config"; then
  r=$(wc -c < "$O/ramdisk.img")
  echo "ramdisk: $r bytes (in data above, not counted below)"
fi
# Loaded sections from the first address to the end of .data, less their sizes.
gaps=$($SIZE -A "$elf" | awk '
  $1 == ".text" || $1 == ".rodata" || $1 == ".data" {
    if (lo == "" || $3 < lo) lo = $3
    if ($3 + $2 > hi) hi = $3 + $2
    sum += $2
  }
  END { print hi - lo - sum }')
k=$((text - i + data - r))
echo "kernel text+data without linked-in images: $k bytes (text $((text - i)), data $((data - r));" \
     "alignment gaps, in neither: $gaps)"
if [ "$BUDGET" -gt 0 ]; then
  if [ "$k" -gt "$BUDGET" ]; then
    echo "kernel size: $k bytes is over the budget of $BUDGET (CONFIG_KERNEL_SIZE_BUDGET) by $((k - BUDGET))" >&2
    exit 1
  fi
  echo "budget: $BUDGET bytes (CONFIG_KERNEL_SIZE_BUDGET), $((BUDGET - k)) to spare"
fi
