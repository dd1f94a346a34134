#!/bin/bash
# scripts/host-bench.sh: page allocator microbenchmark on the host.
#
#   scripts/host-bench.sh [OUTDIR]      (default OUTDIR: build/host-bench)
#
# Builds mm/page_alloc_bench.c against each backend configuration with the
# host-test shims (tests/host/) and prints alloc+free pairs per second for
# several block orders. Nothing is written to the source tree.
set -eu

srctree=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-build/host-bench}
mkdir -p "$out" && out=$(cd "$out" && pwd)
cc=${HOSTCC:-gcc}

variant() {
  local name=$1 sources=$2; shift 2
  local dir="$out/$name"
  mkdir -p "$dir/include/generated"
  for w in "$@"; do
    case $w in *=*) echo "#define ${w%%=*} ${w#*=}" ;; *) echo "#define $w 1" ;; esac
  done > "$dir/include/generated/autoconf.h"
  (cd "$srctree" && $cc -std=gnu11 -O2 -DNDEBUG -Wall -Wextra \
     -include include/octopos/kconfig.h -I"$dir/include" -Itests/host/include \
     -Iinclude -Imm -o "$dir/bench" mm/page_alloc_bench.c mm/page_alloc.c \
     mm/kmalloc.c $sources tests/host/host_shim.c -lcmocka)
  "$dir/bench" "$name"
}

common="CONFIG_PAGE_ALLOC_MAX_ORDER=10 CONFIG_NR_CPUS=1"
variant buddy          "mm/buddy.c"                 CONFIG_PAGE_ALLOC_BUDDY $common
variant buddy+pcp      "mm/buddy.c mm/pcp.c"        CONFIG_PAGE_ALLOC_BUDDY $common CONFIG_SMP CONFIG_PAGE_ALLOC_PCP
variant buddy+debug    "mm/buddy.c mm/page_debug.c" CONFIG_PAGE_ALLOC_BUDDY $common CONFIG_DEBUG_PAGE_ALLOC
variant freelist       "mm/freelist.c"              CONFIG_PAGE_ALLOC_FREELIST $common
variant freelist+pcp   "mm/freelist.c mm/pcp.c"     CONFIG_PAGE_ALLOC_FREELIST $common CONFIG_SMP CONFIG_PAGE_ALLOC_PCP
