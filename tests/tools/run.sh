#!/bin/bash
# tests/tools/run.sh: tests for the host file-system tools (mkfs, fsck,
# mkhostile). Builds them into a temporary directory, makes images, plants
# faults (with mkhostile and with direct byte edits) and checks that fsck
# reports each one and that `fsck -y` repairs the ones it may.
#
# Usage: tests/tools/run.sh [-k]   (-k keeps the temporary directory)
# Prints `PASS tools/<name>` or `FAIL tools/<name>: why` per test, then
# `N passed, N failed`; exits non-zero if anything failed.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
keep=0
[ "${1:-}" = "-k" ] && keep=1
tmp=$(mktemp -d /tmp/octopos-tools-test.XXXXXX)
if [ $keep = 0 ]; then trap 'rm -rf "$tmp"' EXIT; else echo "keeping $tmp"; fi

pass=0
fail=0
ok()  { echo "PASS tools/$1"; pass=$((pass + 1)); }
bad() { echo "FAIL tools/$1: $2"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ $fail = 0 ]; exit $?; }

if ! make -C "$top" -f tools/Makefile O="$tmp/build" HOSTCC=gcc Q= \
     say=@true >"$tmp/build.log" 2>&1; then
  bad build "make failed: $(tail -3 "$tmp/build.log" | tr '\n' ' ')"
  finish
fi
ok build
MKFS=$tmp/build/tools/mkfs
FSCK=$tmp/build/tools/fsck
HOSTILE=$tmp/build/tools/mkhostile

# Input files: a tiny one, an xv6-style _prog, one needing the indirect
# block, one larger than xv6's MAXFILE (268 blocks).
in=$tmp/in
mkdir -p "$in"
printf 'hello, octopos\n' >"$in/README"
head -c 20000 /dev/urandom >"$in/_cat"
head -c 100000 /dev/urandom >"$in/_sh"
head -c 300000 /dev/urandom >"$in/bigfile"
printf 'root:x:0:0\n' >"$in/passwd"
: >"$in/empty"

# Little-endian 32/16-bit field helpers on an image.
rd32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
wr8()  { printf "\\x$(printf %02x "$3")" |
         dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
wr16() { wr8 "$1" "$2" $(($3 & 255)); wr8 "$1" $(($2 + 1)) $((($3 >> 8) & 255)); }

# expect_fsck NAME IMAGE WANT_RC PATTERN: fsck -n exits WANT_RC and, if
# PATTERN is given, prints a line matching it.
expect_fsck() {
  local name=$1 img=$2 want=$3 pat=${4:-} out rc
  out=$("$FSCK" "$img" 2>&1); rc=$?
  if [ $rc != "$want" ]; then
    bad "$name" "fsck exit $rc, want $want: $(echo "$out" | head -3 | tr '\n' '|')"
    return 1
  fi
  if [ -n "$pat" ] && ! echo "$out" | grep -q -- "$pat"; then
    bad "$name" "no line matching '$pat' in: $(echo "$out" | head -3 | tr '\n' '|')"
    return 1
  fi
  return 0
}

# --- mkfs: good images ------------------------------------------------
good=$tmp/good.img
if "$MKFS" "$good" "$in/README" "$in/_cat" "$in/_sh" "$in/empty" \
     "$in/passwd=/etc/passwd" 2>"$tmp/err"; then
  ok mkfs_default_image_builds
else
  bad mkfs_default_image_builds "$(cat "$tmp/err")"
fi

# xv6 layout: 2000 blocks, 200 inodes, 30 log blocks, no feature words.
want="270544960 2000 1954 200 30 2 32 45 0 0"   # 270544960 = 0x10203040
got=$(od -An -tu4 -j 1024 -N40 "$good" | xargs)
[ "$got" = "$want" ] && ok mkfs_superblock_matches_xv6_layout ||
  bad mkfs_superblock_matches_xv6_layout "got '$got' want '$want'"
[ "$(stat -c %s "$good")" = 2048000 ] && ok mkfs_image_is_2000_blocks ||
  bad mkfs_image_is_2000_blocks "size $(stat -c %s "$good")"

"$MKFS" "$tmp/again.img" "$in/README" "$in/_cat" "$in/_sh" "$in/empty" \
  "$in/passwd=/etc/passwd"
cmp -s "$good" "$tmp/again.img" && ok mkfs_output_is_deterministic ||
  bad mkfs_output_is_deterministic "two runs differ"

expect_fsck fsck_clean_default_image "$good" 0 '^clean$' &&
  ok fsck_clean_default_image

# Root directory: "." and ".." first, then README (leading _ stripped on
# cat and sh), at the first data block (46).
rootblk=$(rd32 "$good" $((32 * 1024 + 64 + 12)))
names=$(dd if="$good" bs=1024 skip="$rootblk" count=1 status=none |
        od -An -c -w16 | awk '{n=""; for(i=3;i<=NF;i++) if($i!="\\0") n=n $i; print n}' |
        head -7 | xargs)
[ "$rootblk" = 46 ] && [ "$names" = ". .. README cat sh empty etc" ] &&
  ok mkfs_root_entries_in_order ||
  bad mkfs_root_entries_in_order "root block $rootblk, names '$names'"

# mkfs_ok NAME ARGS...: mkfs ARGS succeeds (else reports NAME failed).
mkfs_ok() {
  local name=$1; shift
  if ! "$MKFS" "$@" 2>"$tmp/err"; then
    bad "$name" "mkfs failed: $(cat "$tmp/err")"
    return 1
  fi
  return 0
}
mkfs_ok mkfs_sizes_options -s 4000 -i 64 -l 12 "$tmp/small.img" "$in/README" &&
  expect_fsck mkfs_sizes_options "$tmp/small.img" 0 '^clean$' &&
  ok mkfs_sizes_options

mkfs_ok mkfs_large_files_image -L -s 3000 "$tmp/large.img" \
    "$in/bigfile=/big/file" "$in/README" &&
  expect_fsck mkfs_large_files_image "$tmp/large.img" 0 '^clean$' &&
  ok mkfs_large_files_image
feat=$(od -An -tu4 -j $((1024 + 32)) -N8 "$tmp/large.img" | xargs)
# features = LARGE_FILES, featmagic = 0x6f63746f ("octo").
[ "$feat" = "1 1868788847" ] && ok mkfs_large_sets_feature_word ||
  bad mkfs_large_sets_feature_word "features/featmagic '$feat'"

cat >"$tmp/manifest" <<EOF
# a manifest with every kind of entry
dir /bin
file $in/_cat /bin/cat
symlink /bin/cat /cat
device /dev/console 1 0
EOF
mkfs_ok mkfs_manifest_symlink_device -S -m "$tmp/manifest" "$tmp/sym.img" \
    "$in/README" &&
  expect_fsck mkfs_manifest_symlink_device "$tmp/sym.img" 0 '^clean$' &&
  ok mkfs_manifest_symlink_device

# Deep paths make directories with the right link counts: fsck checks them.
mkfs_ok mkfs_nested_directories "$tmp/deep.img" "$in/README=/a/b/c/d/readme" \
    "$in/passwd=/a/b/x" "$in/_cat=/a/e/cat" &&
  expect_fsck mkfs_nested_directories "$tmp/deep.img" 0 '^clean$' &&
  ok mkfs_nested_directories

# readback IMAGE GUESTPATH: print a file's contents, found by an
# independent reader (python) that follows the format as documented.
readback() {
  python3 - "$1" "$2" <<'PY'
import struct, sys
img = open(sys.argv[1], 'rb').read()
blk = lambda b: img[b * 1024:(b + 1) * 1024]
(magic, size, nblocks, ninodes, nlog, logstart, inodestart, bmapstart,
 features, featmagic) = struct.unpack('<10I', blk(1)[:40])
large = featmagic == 0x6f63746f and features & 1
def inode(i):
    raw = blk(inodestart + i // 16)[(i % 16) * 64:(i % 16 + 1) * 64]
    return struct.unpack('<4hI13I', raw)
def ints(b):
    return struct.unpack('<256I', blk(b))
def data(i):
    ino = inode(i)
    size, addrs = ino[4], list(ino[5:])
    nd = 11 if large else 12
    bl = addrs[:nd] + (list(ints(addrs[nd])) if addrs[nd] else [])
    if large and addrs[12]:
        for l1 in ints(addrs[12]):
            bl += list(ints(l1)) if l1 else [0] * 256
    return b''.join(blk(b) for b in bl[:(size + 1023) // 1024])[:size]
def lookup(d, name):
    raw = data(d)
    for off in range(0, len(raw), 16):
        inum, = struct.unpack('<H', raw[off:off + 2])
        if inum and raw[off + 2:off + 16].rstrip(b'\0') == name.encode():
            return inum
    sys.exit('no ' + name)
i = 1
for part in sys.argv[2].strip('/').split('/'):
    i = lookup(i, part)
sys.stdout.buffer.write(data(i))
PY
}
why=
for t in "$good:/cat:_cat" "$good:/sh:_sh" "$good:/etc/passwd:passwd" \
         "$good:/empty:empty" "$tmp/large.img:/big/file:bigfile" \
         "$tmp/deep.img:/a/b/c/d/readme:README" "$tmp/sym.img:/bin/cat:_cat"; do
  IFS=: read -r img path host <<<"$t"
  if ! readback "$img" "$path" >"$tmp/rb" 2>"$tmp/err"; then
    why="$path: $(cat "$tmp/err")"; break
  fi
  if ! cmp -s "$tmp/rb" "$in/$host"; then
    why="$path in $(basename "$img") differs from $host"; break
  fi
done
[ -z "$why" ] && ok mkfs_files_read_back_intact ||
  bad mkfs_files_read_back_intact "$why"
target=$(readback "$tmp/sym.img" /cat 2>&1)
[ "$target" = /bin/cat ] && ok mkfs_symlink_holds_target ||
  bad mkfs_symlink_holds_target "target '$target'"

# --- mkfs: errors -----------------------------------------------------
# mkfs_error NAME PATTERN ARGS...: mkfs fails, says PATTERN, leaves no image.
mkfs_error() {
  local name=$1 pat=$2 out; shift 2
  rm -f "$tmp/err.img"
  if out=$("$MKFS" "$@" 2>&1); then
    bad "$name" "mkfs succeeded"
  elif ! echo "$out" | grep -qi -- "$pat"; then
    bad "$name" "message '$out' lacks '$pat'"
  elif [ -e "$tmp/err.img" ]; then
    bad "$name" "left an image behind"
  else
    ok "$name"
  fi
}
mkfs_error mkfs_rejects_too_many_files "too many files" -i 4 "$tmp/err.img" \
  "$in/README" "$in/passwd" "$in/_cat" "$in/_sh"
mkfs_error mkfs_rejects_file_too_large "too large" "$tmp/err.img" "$in/bigfile"
mkfs_error mkfs_rejects_long_name "limit is 14" "$tmp/err.img" \
  "$in/README=/a_name_of_fifteen"
mkfs_error mkfs_rejects_dot_name "cannot be used" "$tmp/err.img" "$in/README=/x/../y"
mkfs_error mkfs_rejects_duplicate "already in the image" "$tmp/err.img" \
  "$in/README" "$in/README"
mkfs_error mkfs_rejects_image_too_small "too small" -s 40 "$tmp/err.img" "$in/README"
mkfs_error mkfs_rejects_image_full "image full" -s 100 "$tmp/err.img" "$in/_sh"
mkfs_error mkfs_rejects_unreadable_input "cannot read" "$tmp/err.img" "$in/nonexistent"
mkfs_error mkfs_rejects_symlink_without_S "need -S" -m "$tmp/manifest" "$tmp/err.img"
mkfs_error mkfs_rejects_bad_number "not a number" -s 12x "$tmp/err.img"
mkfs_error mkfs_rejects_bad_manifest_line "expected" \
  -m <(echo "frobnicate /x") "$tmp/err.img"

# --- fsck: planted faults -----------------------------------------------
# fault NAME KIND PATTERN REPAIRABLE: plant KIND, fsck must find PATTERN;
# if REPAIRABLE, fsck -y must exit 1 and leave a clean image, otherwise
# fsck -y must exit 2 (something left).
fault() {
  local name=$1 kind=$2 pat=$3 fixable=$4 src=${5:-$good} img=$tmp/$1.img rc
  if ! "$HOSTILE" "$kind" "$src" "$img" 2>"$tmp/err"; then
    bad "$name" "mkhostile $kind: $(cat "$tmp/err")"
    return
  fi
  expect_fsck "$name" "$img" 2 "$pat" || return
  "$FSCK" -y "$img" >"$tmp/y.out" 2>&1; rc=$?
  if [ "$fixable" = yes ]; then
    if [ $rc != 1 ]; then
      bad "$name" "fsck -y exit $rc, want 1: $(head -3 "$tmp/y.out" | tr '\n' '|')"
      return
    fi
    expect_fsck "$name" "$img" 0 '^clean$' || return
  elif [ $rc != 2 ]; then
    bad "$name" "fsck -y exit $rc on an unrepairable fault, want 2"
    return
  fi
  ok "$name"
}
fault fsck_finds_bad_magic          badmagic           'bad magic'         no
fault fsck_finds_size_beyond_file   badsize            'image file has only' no
fault fsck_finds_inode_out_of_range inode-out-of-range 'beyond the 200 inodes' no
fault fsck_finds_block_out_of_range block-out-of-range 'outside the data area' no
fault fsck_finds_entry_to_free_inode free-inode-entry  'names free inode'  no
fault fsck_finds_dir_cycle          dir-cycle          'cycle'             no
fault fsck_finds_dir_cycle_nested   dir-cycle          'cycle'             no "$tmp/deep.img"
fault fsck_finds_bad_file_size      bad-size           'more than the format allows' no
fault fsck_finds_dup_block          dup-block          'used twice'        no
fault fsck_repairs_bad_log          bad-log            'log: header says'  yes
fault fsck_repairs_bitmap_free      bitmap-free        'marked free but is in use' yes
fault fsck_repairs_bitmap_leak      bitmap-leak        'nothing uses it'   yes
fault fsck_repairs_bad_nlink        bad-nlink          'nlink 4, but 1'    yes
fault fsck_repairs_orphan_inode     orphan             'no directory entry names it' yes
fault fsck_repairs_bitmap_large     bitmap-free        'marked free'       yes "$tmp/large.img"
fault fsck_repairs_negative_nlink   nlink-negative     'nlink -32768, but 1' yes
fault fsck_repairs_zero_nlink       nlink-zero         'nlink 0, but 1'    yes
fault fsck_repairs_nlink_over_max   nlink-over         'nlink 32767, but 1' yes
fault fsck_repairs_root_nlink_neg   root-nlink-negative 'inode 1: nlink -1' yes
fault fsck_repairs_data_bitmap_clear data-bitmap-clear 'marked free but is in use' yes
fault fsck_finds_small_log          small-log          'smaller than one operation' no

# Direct byte edits on the default layout (inodes at block 32, bitmap at 45).
cp "$good" "$tmp/e1.img"
wr16 "$tmp/e1.img" $((32 * 1024 + 64 + 6)) 9              # root nlink = 9
# Root's own ".." plus /etc's "..": 2.
expect_fsck fsck_byte_edit_root_nlink "$tmp/e1.img" 2 'inode 1: nlink 9, but 2' &&
  { "$FSCK" -y "$tmp/e1.img" >/dev/null
    expect_fsck fsck_byte_edit_root_nlink "$tmp/e1.img" 0 '^clean$'; } &&
  ok fsck_byte_edit_root_nlink

cp "$good" "$tmp/e2.img"
wr8 "$tmp/e2.img" $((45 * 1024)) 0                         # blocks 0-7 free
expect_fsck fsck_byte_edit_bitmap_metadata "$tmp/e2.img" 2 'block 1 is marked free but holds metadata' &&
  { "$FSCK" -y "$tmp/e2.img" >/dev/null
    expect_fsck fsck_byte_edit_bitmap_metadata "$tmp/e2.img" 0 '^clean$'; } &&
  ok fsck_byte_edit_bitmap_metadata

cp "$good" "$tmp/e3.img"
wr16 "$tmp/e3.img" $((32 * 1024 + 64)) 7                   # root type 7
expect_fsck fsck_byte_edit_root_not_dir "$tmp/e3.img" 2 'root inode 1 is not a directory' &&
  ok fsck_byte_edit_root_not_dir

cp "$good" "$tmp/e4.img"
wr16 "$tmp/e4.img" $((46 * 1024 + 16)) 3                   # root's ".." -> 3
expect_fsck fsck_byte_edit_bad_dotdot "$tmp/e4.img" 2 "'..' names inode 3" &&
  ok fsck_byte_edit_bad_dotdot

cp "$good" "$tmp/e5.img"
wr8 "$tmp/e5.img" $((1024 + 28)) 60                        # bmapstart = 60
expect_fsck fsck_byte_edit_regions_overlap "$tmp/e5.img" 2 'regions out of order' &&
  ok fsck_byte_edit_regions_overlap

# A complete committed log is not a fault: fsck checks it as replayed,
# and -y installs it: one logged block (a random log block 3 -> block 1999).
cp "$good" "$tmp/e6.img"
wr8 "$tmp/e6.img" $((2 * 1024)) 1                          # n = 1
wr16 "$tmp/e6.img" $((2 * 1024 + 4)) 1999                  # block[0] = 1999
dd if=/dev/urandom of="$tmp/e6.img" bs=1024 seek=3 count=1 conv=notrunc status=none
if expect_fsck fsck_committed_log_is_replayed "$tmp/e6.img" 0 'checking as if replayed'; then
  "$FSCK" -y "$tmp/e6.img" >/dev/null
  if [ "$(rd32 "$tmp/e6.img" $((2 * 1024)))" = 0 ] &&
     cmp -s <(dd if="$tmp/e6.img" bs=1024 skip=3 count=1 status=none) \
            <(dd if="$tmp/e6.img" bs=1024 skip=1999 count=1 status=none); then
    ok fsck_committed_log_is_replayed
  else
    bad fsck_committed_log_is_replayed "log not installed and cleared by -y"
  fi
fi

# fsck never writes without -y.
"$HOSTILE" bitmap-leak "$good" "$tmp/ro.img"
cp "$tmp/ro.img" "$tmp/ro.orig"
"$FSCK" -n "$tmp/ro.img" >/dev/null
cmp -s "$tmp/ro.img" "$tmp/ro.orig" && ok fsck_n_does_not_write ||
  bad fsck_n_does_not_write "image changed"

# Truncated and empty files are rejected, not read past their end.
head -c 1500 "$good" >"$tmp/trunc.img"
expect_fsck fsck_truncated_image "$tmp/trunc.img" 2 'too small' &&
  ok fsck_truncated_image
head -c 100000 "$good" >"$tmp/trunc2.img"
expect_fsck fsck_image_shorter_than_sb_size "$tmp/trunc2.img" 2 'image file has only' &&
  ok fsck_image_shorter_than_sb_size

# --- fuzz: random metadata damage never crashes fsck or fsck -y ----------
# Built with the sanitizers when the compiler has them.
ASAN=$tmp/build/fsck-asan
if gcc -Wall -Wextra -Werror -O1 -fsanitize=address,undefined \
     -fno-sanitize-recover=all -I"$top/include" -I"$top/tools/lib" -o "$ASAN" \
     "$top/tools/fsck/fsck.c" "$top/tools/lib/xv6img.c" 2>/dev/null; then
  checker=$ASAN
else
  checker=$FSCK
fi
n=${FUZZ_ROUNDS:-40}
export ASAN_OPTIONS=detect_leaks=0   # fsck frees nothing at exit, by design
why=
for src in "$good" "$tmp/large.img" "$tmp/deep.img"; do
  for s in $(seq 1 "$n"); do
    "$HOSTILE" "scramble-$s" "$src" "$tmp/fz.img" || { why="mkhostile failed"; break 2; }
    "$checker" "$tmp/fz.img" >/dev/null 2>"$tmp/fz.err"; rc=$?
    [ $rc = 0 ] || [ $rc = 2 ] || { why="fsck exit $rc on seed $s: $(head -2 "$tmp/fz.err")"; break 2; }
    "$checker" -y "$tmp/fz.img" >/dev/null 2>"$tmp/fz.err"; rc=$?
    [ $rc -le 2 ] || { why="fsck -y exit $rc on seed $s: $(head -2 "$tmp/fz.err")"; break 2; }
    # A second -y finds nothing more it can repair.
    if "$checker" -y "$tmp/fz.img" 2>&1 | grep -q '^fixed'; then
      why="fsck -y not idempotent on seed $s ($(basename "$src"))"; break 2
    fi
  done
done
[ -z "$why" ] && ok fsck_survives_scrambled_images || bad fsck_survives_scrambled_images "$why"

"$HOSTILE" list | grep -q '^dir-cycle' && ok mkhostile_lists_kinds ||
  bad mkhostile_lists_kinds "no dir-cycle in list"

finish
