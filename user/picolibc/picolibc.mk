# user/picolibc/picolibc.mk: user programs linked with picolibc
# (CONFIG_USER_LIBC_PICOLIBC). Included by user/Makefile.
#
# picolibc comes from Debian's picolibc-riscv64-unknown-elf (`make deps`):
# its headers, and libc.a/libm.a of the rv64imac/lp64 multilib, the ISA and
# ABI every octopos program uses. octopos adds the glue in this directory
# (crt0, start-up, POSIX calls over the system calls) as libocto.a, and its
# own layout (picolibc.ld). Programs in user/pbin/ build this way; one with
# the name of a user/bin/ program replaces it. `make sdk` packs the same
# pieces (scripts/mksdk.sh).

PICOLIBC_DIR ?= /usr/lib/picolibc/riscv64-unknown-elf
PICOLIBC_LIB := $(PICOLIBC_DIR)/lib/rv64imac/lp64
PICO_LIBGCC  := $(shell $(CC) -march=rv64imac -mabi=lp64 -print-libgcc-file-name 2>/dev/null)

PCFLAGS := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -O2 -Wall -Wextra -Werror \
           -fno-common -fno-pie -no-pie -fno-asynchronous-unwind-tables \
           -ffunction-sections -fdata-sections -ftls-model=local-exec -D_POSIX_MONOTONIC_CLOCK=200112L \
           -isystem user/picolibc/include -isystem $(PICOLIBC_DIR)/include -MMD -MP
PLDFLAGS := -nostdlib -static -T user/picolibc/picolibc.ld -Wl,-z,max-page-size=4096 \
            -Wl,--build-id=none -Wl,--no-relax -Wl,--gc-sections -Wl,--strip-debug

pico-glue-objs := $(addprefix $(O)/user/picolibc/,io.o ids.o proc.o dir.o fgets.o start.o usys.o)
pico-crt0      := $(O)/user/picolibc/crt0.o
pico-libocto   := $(O)/user/picolibc/libocto.a
# All of the glue, ahead of libc: its sbrk, read, write... must win over
# libc.a's own (picolibc's sbrk serves a linker-script heap octopos has
# not); --gc-sections drops what a program does not use.
pico-libs       = -Wl,--whole-archive $(pico-libocto) -Wl,--no-whole-archive \
                  -Wl,--start-group $(PICOLIBC_LIB)/libc.a $(PICOLIBC_LIB)/libm.a $(PICO_LIBGCC) -Wl,--end-group

# The programs: pwd and errnotest are new; the others replace the
# xv6-library ones of the same name: date (strftime instead of hand-written
# calendar arithmetic), wc (stdio, 64-bit counts), and mkdir, rm, ln, mv
# and chmod, which say why they fail (strerror of the kernel's error).
pico-progs-y                          += pwd
pico-progs-$(CONFIG_USER_SYSTOOLS)    += date
pico-progs-$(CONFIG_USER_CORE_FULL)   += ln mkdir rm wc
pico-progs-$(CONFIG_FS_SYNC)          += mv
pico-progs-$(CONFIG_USER_MULTIUSER)   += chmod
pico-progs-$(CONFIG_USER_TESTS)       += errnotest
user-progs-y += $(pico-progs-y)
pico-progs := $(addprefix $(O)/user/,$(pico-progs-y))

$(PICOLIBC_LIB)/libc.a:
	@echo "picolibc not found in $(PICOLIBC_DIR) (CONFIG_USER_LIBC_PICOLIBC): run 'make deps'" >&2
	@false

$(O)/user/picolibc/%.o: user/picolibc/%.c $(kdeps) $(PICOLIBC_LIB)/libc.a
	$(call say,CC,user/picolibc/$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(PCFLAGS) -Iinclude -c -o $@ $<

$(O)/user/picolibc/crt0.o: user/picolibc/crt0.S $(kdeps)
	$(call say,AS,user/picolibc/crt0.o)
	$(Q)mkdir -p $(@D) && $(CC) $(PCFLAGS) -c -o $@ $<

# The raw system calls, named __sys_NAME: the same stubs as user/lib's.
$(O)/user/picolibc/usys.o: user/lib/usys.S $(kdeps)
	$(call say,AS,user/picolibc/usys.o)
	$(Q)mkdir -p $(@D) && $(CC) $(PCFLAGS) -Iinclude -DUSYS_PREFIX=__sys_ -c -o $@ $<

$(pico-libocto): $(pico-glue-objs)
	$(call say,AR,user/picolibc/libocto.a)
	$(Q)rm -f $@ && $(CROSS_COMPILE)ar rcD $@ $^

$(O)/user/pbin/%.o: user/pbin/%.c $(kdeps) $(PICOLIBC_LIB)/libc.a
	$(call say,CC,user/pbin/$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(PCFLAGS) -c -o $@ $<

$(pico-progs): $(O)/user/%: $(O)/user/pbin/%.o $(pico-crt0) $(pico-libocto) user/picolibc/picolibc.ld
	$(call say,LD,user/$*)
	$(Q)$(CC) $(PCFLAGS) $(PLDFLAGS) -o $@ $(pico-crt0) $(filter %.o,$(filter-out $(pico-crt0),$^)) $(pico-libs)

# The application SDK (docs/sdk.md).
sdk: $(pico-crt0) $(pico-libocto) $(PICOLIBC_LIB)/libc.a
	$(Q)STRIP=$(CROSS_COMPILE)strip sh scripts/mksdk.sh $(O) $(PICOLIBC_DIR) $(PICO_LIBGCC)
