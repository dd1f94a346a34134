#!/bin/sh
# scripts/measure-build.sh [OUTDIR]: the build figures in docs/build.md:
# clean build time of each defconfig with -j2, no-op rebuild time, and
# kernel size (text/data/bss, and text+data without the initramfs as
# `make size` counts it for CONFIG_KERNEL_SIZE_BUDGET). Measurements, not tests.
out=${1:-/tmp/octopos-measure}
rm -rf "$out"
printf '| defconfig | clean build (s) | no-op rebuild (s) | text | data | bss | kernel text+data without linked-in images |\n|---|---|---|---|---|---|---|\n'
for f in configs/*_defconfig; do
  c=$(basename "$f")
  make -s O="$out/$c" "$c" >/dev/null 2>&1
  t0=$(date +%s.%N)
  make -s O="$out/$c" -j2 all >/dev/null 2>&1 || { echo "| $c | build failed | | | | | |"; continue; }
  t1=$(date +%s.%N)
  make -s O="$out/$c" all >/dev/null 2>&1
  t2=$(date +%s.%N)
  k=$(make -s O="$out/$c" size 2>&1 | sed -n 's/.*without linked-in images: \([0-9]*\) bytes.*/\1/p')
  set -- $(riscv64-unknown-elf-size "$out/$c/octopos.elf" | tail -1)
  printf '| %s | %.1f | %.2f | %s | %s | %s | %s |\n' "$c" "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $t2 - $t1}")" "$1" "$2" "$3" "$k"
done
