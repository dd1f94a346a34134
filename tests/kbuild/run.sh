#!/bin/sh
# tests/kbuild/run.sh: the build system behaves as a Linux user expects.
#
# Configuration targets, bad input (an unknown defconfig, an out-of-range
# value), no-op and incremental rebuilds, fragments, savedefconfig,
# reproducible randconfig, tiny_defconfig's size budget, and a clean source
# tree. Builds go to a temporary directory. Prints PASS/FAIL per check and
# `N passed, N failed`.
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d /tmp/octopos-kbuild.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "PASS kbuild/$1"; }
bad() { fail=$((fail + 1)); echo "FAIL kbuild/$1: $2"; }
MAKE="make --no-print-directory"
before=$(git status --porcelain 2>/dev/null)
touch $T/start
sleep 1           # so that a file written in the same second counts as newer

# An unknown defconfig: an error listing the real ones, nothing written.
out=$($MAKE O=$T/a nosuch_defconfig 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q xv6_defconfig && [ ! -e $T/a/.config ]; then
  ok nosuch_defconfig_lists_defconfigs
else
  bad nosuch_defconfig_lists_defconfigs "rc/output/.config wrong: $(echo "$out" | tail -2)"
fi

# A hand-edited out-of-range value is refused with a message naming it.
$MAKE -s O=$T/b xv6_defconfig >/dev/null 2>&1
sed -i 's/^CONFIG_NR_CPUS=.*/CONFIG_NR_CPUS=99/' $T/b/.config
out=$($MAKE O=$T/b all 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "CONFIG_NR_CPUS=99"; then
  ok out_of_range_value_refused
else
  bad out_of_range_value_refused "built anyway or no message: $(echo "$out" | tail -2)"
fi

# A full build, then `make` again does nothing.
$MAKE -s O=$T/c tiny_defconfig >/dev/null 2>&1
if $MAKE O=$T/c -j2 all > $T/c.log 2>&1 && [ -f $T/c/octopos.elf ]; then
  ok tiny_builds
else
  bad tiny_builds "$(tail -3 $T/c.log)"
fi

# tiny_defconfig declares a size budget (CONFIG_KERNEL_SIZE_BUDGET): make size
# reports text+data without the initramfs and must stay within it; and the
# check must refuse a kernel over a budget (here one given on the command
# line), naming the size.
budget=$(sed -n 's/^CONFIG_KERNEL_SIZE_BUDGET=//p' $T/c/.config)
out=$($MAKE -s O=$T/c size 2>&1)
if [ $? -eq 0 ] && [ "${budget:-0}" -gt 0 ] && echo "$out" | grep -q "without linked-in images: [0-9]* bytes"; then
  ok tiny_within_size_budget
else
  bad tiny_within_size_budget "tiny_defconfig, budget ${budget:-none}: $(echo "$out" | grep -E 'without|over' | tr '\n' ' ')"
fi
size=$(echo "$out" | sed -n 's/.*without linked-in images: \([0-9]*\) bytes.*/\1/p')
out=$($MAKE -s O=$T/c size CONFIG_KERNEL_SIZE_BUDGET=1000 2>&1)
if [ $? -ne 0 ] && [ -n "$size" ] && echo "$out" | grep -q "$size bytes is over the budget of 1000"; then
  ok size_over_budget_fails
else
  bad size_over_budget_fails "a budget of 1000 passed or the message does not name $size: $(echo "$out" | tail -1)"
fi

# A uniprocessor kernel (tiny_defconfig, CONFIG_SMP=n) has no atomic
# instruction (AMO, LR, SC: locks and include/octopos/atomic.h mask
# interrupts instead) and no inter-hart code; an SMP one (xv6_defconfig) has
# both, so the disassembly check is seen to find them.
OBJDUMP=$($MAKE -s O=$T/c --eval='print-objdump: ; @echo $(OBJDUMP)' print-objdump 2>/dev/null)
NM=${OBJDUMP%objdump}nm
atomics() {   # the functions of $1 holding atomic instructions, one a line
  $OBJDUMP -d "$1" | awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 }
    /\t(amo[a-z]+|lr|sc)\.[wd][a-z.]*\t/ { print fn }' | tr -d '<>:' | sort -u
}
$MAKE -s O=$T/g xv6_defconfig >/dev/null 2>&1
if $MAKE O=$T/g -j2 all > $T/g.log 2>&1; then
  up=$(atomics $T/c/octopos.elf | tr '\n' ' ')
  smp=$(atomics $T/g/octopos.elf | tr '\n' ' ')
  upipi=$($NM $T/c/octopos.elf | awk '$3 ~ /^ipi_/ { printf "%s ", $3 }')
  smpipi=$($NM $T/g/octopos.elf | awk '$3 ~ /^ipi_/ { printf "%s ", $3 }')
  if [ -z "$up" ] && [ -z "$upipi" ] && echo " $smp" | grep -q " acquire " && [ -n "$smpipi" ]; then
    ok up_has_no_atomics_or_ipi
  else
    bad up_has_no_atomics_or_ipi "tiny_defconfig atomics in: ${up:-none}; ipi symbols: ${upipi:-none}; xv6_defconfig atomics in: ${smp:-none}; ipi symbols: ${smpipi:-none}"
  fi
else
  bad up_has_no_atomics_or_ipi "xv6_defconfig did not build: $(tail -2 $T/g.log)"
fi

# Without xv6fs (tiny_defconfig, ramfs_defconfig: the root in RAM) there is
# no log, no buffer cache and no transaction layer: none of their options
# is in .config and none of their objects is built or linked. xv6_defconfig
# has all of them, so the check is seen to find them.
fsobjs() {    # $1: build directory; the log/cache objects built there
  for o in fs/log.o fs/bio.o fs/vfs_trans.o; do [ -e "$1/$o" ] && printf '%s ' "$o"; done
}
fsopts() {    # $1: .config; the xv6fs-only options set in it
  grep -Eo '^CONFIG_(NR_BUFS|FS_LOG_[A-Z_]*|FS_IMAGE_[A-Z_]*|FS_COMMIT_[A-Z_]*|FS_TRANSACTIONS)=' "$1" | tr '\n' ' '
}
$MAKE -s O=$T/r ramfs_defconfig >/dev/null 2>&1
tinyo=$(fsobjs $T/c) tinyc=$(fsopts $T/c/.config) ramc=$(fsopts $T/r/.config)
xv6o=$(fsobjs $T/g) xv6c=$(fsopts $T/g/.config)
xv6sym=$($NM $T/g/octopos.elf 2>/dev/null | awk '$3 == "begin_op" || $3 == "binit" { printf "%s ", $3 }')
if [ -z "$tinyo$tinyc$ramc" ] && [ "$xv6o" = "fs/log.o fs/bio.o fs/vfs_trans.o " ] &&
   echo "$xv6c" | grep -q CONFIG_NR_BUFS && echo "$xv6c" | grep -q CONFIG_FS_TRANSACTIONS &&
   [ "$xv6sym" = "binit begin_op " -o "$xv6sym" = "begin_op binit " ]; then
  ok no_log_or_buffer_cache_without_xv6fs
else
  bad no_log_or_buffer_cache_without_xv6fs "tiny_defconfig objects: ${tinyo:-none}, options: ${tinyc:-none}; ramfs_defconfig options: ${ramc:-none}; xv6_defconfig objects: ${xv6o:-none}, options: ${xv6c:-none}, symbols: ${xv6sym:-none}"
fi
# The kernel address-space choice is made in one place (issue 20): in C and
# assembly only its backends (mm/kpt_*.c), the interface header and the two
# files that cannot call them (trampoline.S, kernel.ld.S) name it.
leaks=$(grep -rl 'CONFIG_KERNEL_PT_' --include='*.c' --include='*.h' --include='*.S' \
          arch drivers fs include kernel mm |
        grep -v -e '^mm/kpt_separate\.c$' -e '^mm/kpt_shared\.c$' -e '^include/octopos/kpt\.h$' \
                -e '^arch/riscv/kernel/trampoline\.S$' -e '^arch/riscv/kernel\.ld\.S$' | tr '\n' ' ')
[ -z "$leaks" ] && ok kernel_pt_choice_in_its_backends ||
  bad kernel_pt_choice_in_its_backends "CONFIG_KERNEL_PT_ tested outside octopos/kpt.h's backends in: $leaks"

out=$($MAKE O=$T/c all 2>&1)
if echo "$out" | grep -Eq '^  (CC|LD|AS|MKFS|CPIO|OBJCOPY|RAMDISK) '; then
  bad noop_rebuild_does_nothing "rebuilt: $(echo "$out" | head -3)"
else
  ok noop_rebuild_does_nothing
fi

# Changing an option rebuilds what depends on it.
sed -i 's/^CONFIG_NR_PROCS=.*/CONFIG_NR_PROCS=20/' $T/c/.config
out=$($MAKE O=$T/c all 2>&1)
if echo "$out" | grep -q 'CC      kernel/proc.o' && grep -q 'CONFIG_NR_PROCS 20' $T/c/include/generated/autoconf.h; then
  ok option_change_rebuilds
else
  bad option_change_rebuilds "$(echo "$out" | tail -3)"
fi
# ... and only that: user programs see no CONFIG_ symbol, so none is
# rebuilt or relinked, and the initramfs is not repacked.
if echo "$out" | grep -Eq '^  (CC|LD) +user/|^  (CPIO|MKFS) '; then
  bad option_change_leaves_user_programs "rebuilt: $(echo "$out" | grep -E 'user/|CPIO|MKFS' | head -3 | tr '\n' ' ')"
else
  ok option_change_leaves_user_programs
fi

# V=1 shows full commands (the object is made older than its source, not
# the source touched: the tests write nothing into the source tree).
touch -d '2000-01-01' $T/c/kernel/string.o
if $MAKE O=$T/c V=1 all 2>&1 | grep -q 'gcc .*-c -o .*string.o'; then
  ok verbose_shows_commands
else
  bad verbose_shows_commands "no gcc command line with V=1"
fi

# savedefconfig round-trips.
$MAKE -s O=$T/c savedefconfig >/dev/null 2>&1
if [ -f $T/c/defconfig ] && grep -q CONFIG_NR_PROCS=20 $T/c/defconfig; then
  ok savedefconfig_writes_minimal_config
else
  bad savedefconfig_writes_minimal_config "no $T/c/defconfig or value missing"
fi

# A fragment merges over a defconfig.
$MAKE -s O=$T/d xv6_defconfig debug.config >/dev/null 2>&1
if grep -q '^CONFIG_DEBUG_SPINLOCK=y' $T/d/.config && grep -q 'CONFIG_DEFCONFIG_NAME="xv6_defconfig"' $T/d/.config; then
  ok fragment_merges
else
  bad fragment_merges "debug.config not applied"
fi

# The banner, uname and image name say when a configuration is no longer
# the defconfig it came from (a fragment, menuconfig or a hand edit).
$MAKE -s O=$T/h xv6_defconfig >/dev/null 2>&1
n1=$(sh scripts/config-name.sh $T/h)
n2=$(sh scripts/config-name.sh $T/d)
if [ "$n1" = xv6_defconfig ] && [ "$n2" = xv6_defconfig+modified ]; then
  ok modified_config_named
else
  bad modified_config_named "xv6_defconfig gave '$n1', xv6_defconfig debug.config gave '$n2'"
fi

# randconfig honours KCONFIG_SEED.
$MAKE -s O=$T/e randconfig KCONFIG_SEED=0x1234 > $T/e.log 2>&1
$MAKE -s O=$T/f randconfig KCONFIG_SEED=0x1234 >/dev/null 2>&1
if grep -q 0x1234 $T/e.log && cmp -s $T/e/.config $T/f/.config; then
  ok randconfig_seed_reproduces
else
  bad randconfig_seed_reproduces "seed not printed or configs differ"
fi

# make help names every defconfig.
help=$($MAKE help 2>&1)
missing=
for f in configs/*_defconfig; do
  echo "$help" | grep -q "$(basename $f)" || missing="$missing $(basename $f)"
done
[ -z "$missing" ] && ok help_lists_defconfigs || bad help_lists_defconfigs "missing:$missing"

# A missing tool is named, with make deps.
out=$($MAKE O=$T/c CROSS_COMPILE=nosuch- all 2>&1)
if echo "$out" | grep -q "nosuch-gcc not found: run 'make deps'"; then
  ok missing_tool_named
else
  bad missing_tool_named "$(echo "$out" | tail -1)"
fi

# make image is reproducible: the same tree and config, the same bytes.
if $MAKE -s O=$T/c image > $T/img1.log 2>&1; then
  img=$(ls $T/c/images/*.tar.gz 2>/dev/null | head -1)
  sum1=$(sha256sum "$img" | cut -d' ' -f1)
  rm -f "$img"
  $MAKE -s O=$T/c image > $T/img2.log 2>&1
  sum2=$(sha256sum "$img" 2>/dev/null | cut -d' ' -f1)
  if [ -n "$sum1" ] && [ "$sum1" = "$sum2" ] && tar -tzf "$img" | grep -q run-qemu.sh; then
    ok image_is_reproducible
  else
    bad image_is_reproducible "checksums differ or no run-qemu.sh ($sum1 / $sum2)"
  fi
else
  bad image_is_reproducible "make image failed: $(tail -2 $T/img1.log)"
fi

# Each shipped defconfig is savedefconfig-minimal: its description line,
# then exactly what `make <name>_defconfig savedefconfig` writes.
notmin=
for f in configs/*_defconfig; do
  n=$(basename $f)
  if $MAKE -s O=$T/min/$n $n savedefconfig >/dev/null 2>&1; then
    { head -n 1 $f; cat $T/min/$n/defconfig; } | cmp -s - $f || notmin="$notmin $n"
  else
    notmin="$notmin $n(failed)"
  fi
done
[ -z "$notmin" ] && ok defconfigs_are_minimal || bad defconfigs_are_minimal \
  "differ from savedefconfig:$notmin (regenerate: make O=/tmp/m NAME savedefconfig; keep line 1)"

# Every Kconfig symbol has a row in docs/kconfig.md.
undoc=
for sym in $(cat $(find . -name Kconfig -not -path './build*' -not -path './.git/*') |
             sed -n 's/^[[:space:]]*\(menu\)\{0,1\}config[[:space:]]\{1,\}\([A-Z0-9_]*\).*/\2/p' | sort -u); do
  grep -q "CONFIG_$sym\\b" docs/kconfig.md || undoc="$undoc $sym"
done
[ -z "$undoc" ] && ok every_symbol_documented || bad every_symbol_documented "not in docs/kconfig.md:$undoc"

# Nothing was written into the source tree: no tracked or untracked file
# (build output under O= is ignored) changed since the tests started.
after=$(git status --porcelain 2>/dev/null)
touched=$(git ls-files -co --exclude-standard 2>/dev/null | while IFS= read -r f; do
  [ "$f" -nt $T/start ] && echo "$f"; done | head -5 | tr '\n' ' ')
if [ "$before" = "$after" ] && [ -z "$touched" ]; then
  ok source_tree_stays_clean
else
  bad source_tree_stays_clean "git status changed, or written since the start: ${touched:-none}"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
