#!/bin/sh
# scripts/mksdk.sh O PICOLIBC_DIR LIBGCC: write octopos's application SDK
# for the build in O (`make sdk`): O/sdk/octopos-sdk-VERSION-CONFIG/ and a
# reproducible tarball of it beside it.
#
# The SDK is relocatable: bin/riscv64-octopos-gcc finds everything relative
# to itself, so the directory can be unpacked anywhere. It holds picolibc's
# headers (with octopos's <sys/dirent.h>) and the uapi headers, the
# start-up file, octopos's glue (libocto.a), picolibc's libc.a/libm.a and
# libgcc.a for rv64imac/lp64, the program layout (lib/octopos.ld), a CMake
# toolchain file, a make snippet and a README. The cross compiler itself
# (gcc-riscv64-unknown-elf) is the host's: the wrapper calls it.
set -e

O=$1
PICO=$2
LIBGCC=$3
srctree=$(cd "$(dirname "$0")/.." && pwd)
die() {
  echo "mksdk.sh: $*" >&2
  exit 1
}
[ -f "$O/.config" ] || die "$O/.config not found"
grep -q '^CONFIG_USER_LIBC_PICOLIBC=y' "$O/.config" ||
  die "the SDK is built from picolibc: set CONFIG_USER_LIBC_PICOLIBC (full_defconfig has it)"
for f in "$O/user/picolibc/crt0.o" "$O/user/picolibc/libocto.a" "$PICO/lib/rv64imac/lp64/libc.a" "$LIBGCC"; do
  [ -f "$f" ] || die "$f not found"
done

version=${VERSION:-$(sed -n 's/^VERSION[ 	]*:*=[ 	]*//p' "$srctree/Makefile" | head -n 1)}
defconfig=$(sed -n 's/^CONFIG_DEFCONFIG_NAME="\(.*\)"/\1/p' "$O/.config")
config=${defconfig%_defconfig}
[ -n "$config" ] || config=custom
base=octopos-sdk-$version-$config
epoch=${SOURCE_DATE_EPOCH:-0}
sdk=$O/sdk/$base
rm -rf "$sdk"
mkdir -p "$sdk/bin" "$sdk/include" "$sdk/lib" "$sdk/share/cmake"

# Headers: picolibc's, octopos's overrides, the system-call ABI.
cp -R "$PICO/include/." "$sdk/include/"
cp -R "$srctree/user/picolibc/include/." "$sdk/include/"
mkdir -p "$sdk/include/uapi"
cp -R "$srctree/include/uapi/octopos" "$sdk/include/uapi/"

# Libraries and start-up.
lib=$PICO/lib/rv64imac/lp64
cp "$O/user/picolibc/crt0.o" "$O/user/picolibc/libocto.a" "$sdk/lib/"
cp "$lib/libc.a" "$lib/libm.a" "$sdk/lib/"
cp "$LIBGCC" "$sdk/lib/libgcc.a"
cp "$srctree/user/picolibc/picolibc.ld" "$sdk/lib/octopos.ld"
# Debug information is most of picolibc's libc.a (17 of 20 MiB).
${STRIP:-riscv64-unknown-elf-strip} --strip-debug "$sdk/lib/"*.a

# The compiler wrapper. Compile-only runs (-c, -S, -E, -M) get the flags;
# links also get crt0, the layout and the libraries.
cat > "$sdk/bin/riscv64-octopos-gcc" <<'WRAP'
#!/bin/sh
# riscv64-octopos-gcc: compile and link C for octopos (picolibc), e.g.
#   riscv64-octopos-gcc -O2 -o hello hello.c
# Calls the host's riscv64-unknown-elf-gcc (OCTOPOS_CROSS_COMPILE=prefix
# picks another) with the SDK this script lives in.
sdk=$(cd "$(dirname "$0")/.." && pwd)
cross=${OCTOPOS_CROSS_COMPILE:-riscv64-unknown-elf-}
link=1
for a in "$@"; do
  case $a in
    -c|-S|-E|-M|-MM|--version|-v|-dumpversion|-dumpmachine|-print-*) link=0 ;;
  esac
done
if [ $link = 1 ]; then
  exec "${cross}gcc" -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -fno-pie -no-pie \
    -ffunction-sections -fdata-sections -ftls-model=local-exec \
    -D_POSIX_MONOTONIC_CLOCK=200112L -D__octopos__ -isystem "$sdk/include" \
    -nostdlib -static -T "$sdk/lib/octopos.ld" -L "$sdk/lib" \
    -Wl,-z,max-page-size=4096 -Wl,--build-id=none -Wl,--no-relax -Wl,--gc-sections \
    "$sdk/lib/crt0.o" "$@" \
    -Wl,--whole-archive "$sdk/lib/libocto.a" -Wl,--no-whole-archive \
    -Wl,--start-group "$sdk/lib/libc.a" "$sdk/lib/libm.a" "$sdk/lib/libgcc.a" -Wl,--end-group
fi
exec "${cross}gcc" -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -fno-pie -no-pie \
  -ffunction-sections -fdata-sections -ftls-model=local-exec \
  -D_POSIX_MONOTONIC_CLOCK=200112L -D__octopos__ -isystem "$sdk/include" "$@"
WRAP

cat > "$sdk/share/cmake/octopos-toolchain.cmake" <<'CMAKE'
# octopos-toolchain.cmake: cmake -DCMAKE_TOOLCHAIN_FILE=<sdk>/share/cmake/octopos-toolchain.cmake
get_filename_component(OCTOPOS_SDK "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER "${OCTOPOS_SDK}/bin/riscv64-octopos-gcc")
find_program(CMAKE_AR riscv64-unknown-elf-ar)
find_program(CMAKE_RANLIB riscv64-unknown-elf-ranlib)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH "${OCTOPOS_SDK}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
CMAKE

cat > "$sdk/share/octopos.mk" <<'MK'
# octopos.mk: include from a Makefile to build for octopos:
#   include /path/to/sdk/share/octopos.mk
#   hello: hello.c
#   	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)
OCTOPOS_SDK := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
CC      := $(OCTOPOS_SDK)/bin/riscv64-octopos-gcc
AR      := riscv64-unknown-elf-ar
STRIP   := riscv64-unknown-elf-strip
CFLAGS  ?= -O2 -Wall
LDLIBS  ?= -lm
MK

cat > "$sdk/README" <<EOF2
octopos SDK $version for configuration $config: build C programs for octopos.

  export PATH=\$PWD/bin:\$PATH          # in this directory
  printf '#include <stdio.h>\nint main(void){printf("%%.2f\\\\n", 1.5);return 0;}\n' > hello.c
  riscv64-octopos-gcc -O2 -o hello hello.c

The C library is picolibc (stdio, fopen, printf with floating point, malloc,
qsort, strtod, time, getopt, errno, libm, opendir); octopos's glue turns its
POSIX calls into octopos system calls. Needs the host's riscv64-unknown-elf-gcc
(Debian: gcc-riscv64-unknown-elf). CMake: -DCMAKE_TOOLCHAIN_FILE=$PWD/share/cmake/octopos-toolchain.cmake;
plain Makefiles: include share/octopos.mk. Put the program in an image with
CONFIG_ROOTFS_OVERLAY (docs/sdk.md in the octopos tree).
EOF2
sed -i "s|\$PWD/share|<sdk>/share|" "$sdk/README"

chmod -R u+rwX,go+rX,go-w "$sdk"
chmod 755 "$sdk/bin/riscv64-octopos-gcc"
out=$O/sdk/$base.tar.gz
LC_ALL=C tar --sort=name --format=gnu --mtime="@$epoch" --owner=0 --group=0 \
  --numeric-owner -C "$O/sdk" -cf - "$base" | gzip -9 -n > "$out.tmp"
mv "$out.tmp" "$out"
echo "  SDK     $sdk"
echo "  SDK     $out"
