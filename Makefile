# Makefile: the octopos build, Kbuild style.
#
#   make [O=dir] <name>_defconfig | menuconfig | ...   configure (writes $(O)/.config)
#   make [O=dir] [V=1]                                 build the kernel, user programs, disk image
#   make qemu | test | image | bench | help
#
# Configuration comes from Kconfig through kconfig-frontends. Each source
# directory's Makefile lists its objects as `obj-y += x.o` and
# `obj-$(CONFIG_X) += x.o`; this file walks them. Everything built goes under
# $(O), never into the source tree.

VERSION := 0.1.0
export VERSION

O ?= build
override O := $(patsubst %/,%,$(O))
srctree := $(CURDIR)
export srctree

Q   := $(if $(filter 1,$(V)),,@)
say  = $(if $(Q),@printf '  %-7s %s\n' $(1) $(2),@true)
MAKEFLAGS += --no-print-directory -rR

# ---------------------------------------------------------------- toolchain
ifeq ($(origin CROSS_COMPILE),undefined)
CROSS_COMPILE := $(firstword $(foreach p,riscv64-unknown-elf- riscv64-linux-gnu- riscv64-elf-,\
                   $(if $(shell command -v $(p)gcc 2>/dev/null),$(p))) riscv64-unknown-elf-)
endif
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
OBJDUMP := $(CROSS_COMPILE)objdump
SIZE    := $(CROSS_COMPILE)size
HOSTCC  ?= gcc
QEMU    ?= qemu-system-riscv64
KCONF   ?= kconfig-conf
KMCONF  ?= kconfig-mconf
KNCONF  ?= kconfig-nconf
PYTHON  ?= python3

# $(call need,tool): stop with one line naming a missing tool.
need = $(if $(shell command -v $(1) 2>/dev/null),,$(error $(1) not found: run 'make deps' to install what octopos needs))

KCPPFLAGS := -include include/octopos/kconfig.h -I$(O)/include -Iinclude -Iarch/riscv/include -Wundef
# Kernel code generation. Functions and data get sections of their own so
# that the link drops what nothing references (--gc-sections; the linker
# script KEEPs the entry, the trampoline and the DRIVER() table).
KOPT       = $(if $(CONFIG_CC_OPTIMIZE_FOR_SIZE),-Os -fomit-frame-pointer -msave-restore -fno-jump-tables,-O2 -fno-omit-frame-pointer)
KLTO       = $(if $(CONFIG_CC_LTO),-flto)
KCFLAGS   := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -ffreestanding -fno-common \
             -nostdlib -fno-builtin -fno-stack-protector -fno-pie -no-pie -g \
             -ffunction-sections -fdata-sections -Wall -Wextra -Werror -MMD -MP
KLDFLAGS  := -z max-page-size=4096 --no-warn-rwx-segments --gc-sections
UCFLAGS   := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -ffreestanding -fno-builtin -nostdlib \
             -O2 -Wall -Wextra -Werror -fno-common -fno-stack-protector -fno-pie -no-pie \
             -fno-asynchronous-unwind-tables -Iuser/include -Iinclude -MMD -MP
ULDFLAGS  := -nostdlib -static -T user/user.ld -Wl,-z,max-page-size=4096 -Wl,--build-id=none -Wl,--no-relax
HOSTCFLAGS := -O2 -Wall -Wextra -Werror -Iinclude

# ---------------------------------------------------------------- goals
config-goals := menuconfig nconfig oldconfig olddefconfig defconfig savedefconfig allnoconfig \
                allyesconfig randconfig listnewconfig %_defconfig %.config
no-config-goals := help deps clean distclean test test-quick randconfig-test crashtest fuzz soak hostile bench-matrix lock-matrix
cfg-goals   := $(filter $(config-goals),$(MAKECMDGOALS))
other-goals := $(filter-out $(config-goals),$(MAKECMDGOALS))

ifneq ($(cfg-goals),)
ifneq ($(other-goals)$(word 2,$(cfg-goals)),)
# Mixed or several goals (`make xv6_defconfig debug.config all`): run them one
# at a time, in order, as Linux does.
one-by-one := 1
endif
endif
# `make deps qemu`: install first, then read the build with the tools there.
ifneq ($(filter deps,$(MAKECMDGOALS)),)
ifneq ($(word 2,$(MAKECMDGOALS)),)
one-by-one := 1
endif
endif

ifdef one-by-one
.NOTPARALLEL:
$(MAKECMDGOALS): __one_by_one ; @:
__one_by_one:
	$(Q)set -e; for g in $(MAKECMDGOALS); do $(MAKE) -f $(firstword $(MAKEFILE_LIST)) O=$(O) $$g; done
else

.DEFAULT_GOAL := all
include scripts/kconfig.mk

# Every goal needs the build rules except configuration and the goals that
# configure and build on their own (tests, deps, help, clean).
ifeq ($(cfg-goals),)
ifneq ($(MAKECMDGOALS),)
ifeq ($(filter-out $(no-config-goals),$(MAKECMDGOALS)),)
skip-build-rules := 1
endif
endif
ifndef skip-build-rules
include scripts/build.mk
endif
endif

include scripts/misc.mk
endif
