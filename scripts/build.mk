# scripts/build.mk: build the configured kernel, user programs and disk image.
#
# Included by the top-level Makefile for every goal that needs a .config.
# The per-directory Makefiles are read in Kbuild style: each adds to obj-y;
# an entry ending in / names a subdirectory with a Makefile of its own.

all:

# Stop at once, with one line, when the cross compiler is missing.
$(call need,$(CC))

# ---------------------------------------------------------------- config
$(O)/.config:
	@echo "  CONFIG  no $(O)/.config yet: using $(DEFAULT_DEFCONFIG)"
	$(Q)$(MAKE) -f $(firstword $(MAKEFILE_LIST)) O=$(O) $(DEFAULT_DEFCONFIG)

# auto.conf and autoconf.h are replaced only when their contents change, so
# that touching .config without changing it rebuilds nothing.
$(O)/include/config/auto.conf: $(O)/.config $(KCONFIG_FILES)
	$(call need,$(KCONF))
	$(Q)KCONF=$(KCONF) $(PYTHON) scripts/kconfig-check.py $(O)
	$(Q)mkdir -p $(O)/include/config $(O)/include/generated
	$(Q)$(kconf) $(KCONF) -s --olddefconfig $(srctree)/Kconfig   # new options take their defaults
	$(Q)$(kconf) KCONFIG_AUTOHEADER=include/generated/autoconf.h.new \
	  KCONFIG_AUTOCONFIG=include/config/auto.conf.new \
	  $(KCONF) -s --silentoldconfig $(srctree)/Kconfig < /dev/null
	$(Q)cd $(O) && for f in include/generated/autoconf.h include/config/auto.conf; do \
	  cmp -s $$f.new $$f && rm -f $$f.new || mv $$f.new $$f; done
	$(Q)touch $@

$(O)/include/generated/autoconf.h: $(O)/include/config/auto.conf ;

-include $(O)/include/config/auto.conf

# Root-file-system overlays and the post-build script (scripts/rootfs.mk)
# take over the fs.img and initramfs rules when either is set.
rootfs-str = $(subst ",,$(1))
rootfs-overlay := $(call rootfs-str,$(CONFIG_ROOTFS_OVERLAY))
rootfs-staged := $(strip $(rootfs-overlay)$(call rootfs-str,$(CONFIG_ROOTFS_POST_BUILD)))

# ---------------------------------------------------------------- objects
# $(call descend,dir): read dir/Makefile and collect its objects.
define descend
obj-y :=
include $(1)/Makefile
$(1)-objs := $$(addprefix $(1)/,$$(filter %.o,$$(obj-y)))
$(1)-subdirs := $$(addprefix $(1)/,$$(patsubst %/,%,$$(filter %/,$$(obj-y))))
kobjs += $$($(1)-objs)
$$(foreach d,$$($(1)-subdirs),$$(eval $$(call descend,$$(d))))
endef

kobjs :=
ifneq ($(wildcard $(O)/include/config/auto.conf),)
$(foreach d,arch/riscv kernel mm fs drivers,$(if $(wildcard $(d)/Makefile),$(eval $(call descend,$(d)))))
endif
kobjs := $(addprefix $(O)/,$(kobjs))

kdeps := $(O)/include/generated/autoconf.h

$(O)/%.o: %.c $(kdeps)
	$(call say,CC,$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(KCFLAGS) $(KOPT) $(KLTO) $(KCPPFLAGS) $(CFLAGS_$(notdir $@)) -c -o $@ $<

$(O)/%.o: %.S $(kdeps)
	$(call say,AS,$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(KCFLAGS) $(KOPT) $(KCPPFLAGS) $(AFLAGS_$(notdir $@)) -D__ASSEMBLY__ -c -o $@ $<

$(O)/kernel.ld: arch/riscv/kernel.ld.S $(kdeps)
	$(call say,LDS,kernel.ld)
	$(Q)$(CC) -E -P -x c $(KCPPFLAGS) -D__ASSEMBLY__ -o $@ $<

# Extra objects linked into the kernel (initramfs, ramdisk, the config) join
# kextra from the fragments below.
kextra :=
-include scripts/kextra.mk

# With CONFIG_CC_LTO the compiler driver links, so that it can finish
# compiling the intermediate code with the same flags.
klink = $(if $(CONFIG_CC_LTO),$(CC) $(KCFLAGS) $(KOPT) $(KLTO) $(addprefix -Wl$(comma),$(KLDFLAGS)),$(LD) $(KLDFLAGS))
comma := ,

$(O)/octopos.elf: $(kobjs) $(kextra) $(O)/kernel.ld
	$(call say,LD,octopos.elf)
	$(Q)$(klink) -T $(O)/kernel.ld -o $@ $(kobjs) $(kextra)

$(O)/octopos.bin: $(O)/octopos.elf
	$(call say,OBJCOPY,octopos.bin)
	$(Q)$(OBJCOPY) -O binary $< $@

# S-mode kernels start with a Linux-style RISC-V Image header
# (arch/riscv/kernel/image_header.S): the raw binary is the Image that
# U-Boot's booti loads.
$(O)/Image: $(O)/octopos.bin
	$(call say,IMAGE,Image)
	$(Q)cp $< $@

$(O)/octopos.asm: $(O)/octopos.elf
	$(Q)$(OBJDUMP) -S $< > $@

# ---------------------------------------------------------------- user space
# User programs see no CONFIG_ symbol (they ask the kernel at run time, with
# getconfig), so they do not depend on autoconf.h: a configuration change
# rebuilds only the programs it adds, and the disk image only when its
# contents or mkfs arguments change (fs.img.args below).
user-lib-objs :=
user-progs-y :=
-include user/Makefile
ulib := $(addprefix $(O)/user/lib/,$(user-lib-objs))
user-progs := $(addprefix $(O)/user/,$(sort $(user-progs-y)))
usertests-srcs := $(wildcard user/usertests/*.c)

$(O)/user/lib/%.o: user/lib/%.c
	$(call say,CC,user/lib/$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(UCFLAGS) -c -o $@ $<

$(O)/user/lib/%.o: user/lib/%.S
	$(call say,AS,user/lib/$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(UCFLAGS) -c -o $@ $<

$(O)/user/bin/%.o: user/bin/%.c
	$(call say,CC,user/bin/$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(UCFLAGS) -c -o $@ $<

$(O)/user/usertests.objs/%.o: user/usertests/%.c
	$(call say,CC,user/usertests/$*.o)
	$(Q)mkdir -p $(@D) && $(CC) $(UCFLAGS) -c -o $@ $<

$(O)/user/usertests: $(patsubst user/usertests/%.c,$(O)/user/usertests.objs/%.o,$(usertests-srcs)) $(ulib) user/user.ld
	$(call say,LD,user/usertests)
	$(Q)$(CC) $(UCFLAGS) $(ULDFLAGS) -o $@ $(filter %.o,$^)

$(O)/user/%: $(O)/user/bin/%.o $(ulib) user/user.ld
	$(call say,LD,user/$*)
	$(Q)$(CC) $(UCFLAGS) $(ULDFLAGS) -o $@ $(filter %.o,$^)

# ---------------------------------------------------------------- host tools
-include tools/Makefile

# ---------------------------------------------------------------- disk image
fs-files := $(user-progs) $(wildcard $(O)/user/xvbench)
ifeq ($(CONFIG_FS_XV6)$(CONFIG_ROOT_FS_XV6),yy)
disk-image := $(O)/fs.img
endif

# Multi-user: 128-byte inodes (-M); accounts and the set-user-id programs
# come from user/etc/manifest, so those leave the plain file list.
mu-files := $(if $(CONFIG_USER_MULTIUSER),$(wildcard user/etc/*))
mu-setuid := $(if $(CONFIG_USER_MULTIUSER),$(O)/user/su $(O)/user/passwd)

# Device files come from a manifest too (user/dev.manifest, or the
# multi-user one, which also sets their modes).
mkfs-args := -s $(CONFIG_FS_IMAGE_BLOCKS) -i $(CONFIG_FS_IMAGE_INODES) \
  $(if $(CONFIG_FS_XV6_LARGE_FILES),-L) $(if $(CONFIG_FS_SYMLINKS),-S) \
  $(if $(CONFIG_MULTIUSER),-M) $(if $(mu-files),-m $(O)/etc.manifest,-m user/dev.manifest)
mkfs-files := README.md=/README $(filter-out $(mu-setuid),$(fs-files))

# The mkfs command line, rewritten only when it changes: the configuration
# reaches fs.img through it, not through autoconf.h.
$(O)/fs.img.args: FORCE
	$(Q)mkdir -p $(@D); echo '$(mkfs-args) $(mkfs-files)' > $@.tmp; \
	  cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

ifeq ($(rootfs-staged),)
$(O)/fs.img: $(O)/tools/mkfs $(fs-files) README.md $(mu-files) user/dev.manifest $(O)/fs.img.args
	$(call say,MKFS,fs.img)
	$(Q)$(if $(mu-files),sed 's|@O@|$(O)|g' user/etc/manifest > $(O)/etc.manifest &&) \
	$(O)/tools/mkfs $(mkfs-args) $@.tmp $(mkfs-files) && mv $@.tmp $@
else
rootfs-for := fs.img
include scripts/rootfs.mk
endif

FORCE:

all: $(O)/octopos.elf $(O)/octopos.bin $(if $(CONFIG_BOOT_SBI),$(O)/Image) $(user-progs) $(disk-image)

# text/data/bss of the kernel, then text+data without the initramfs (it is
# linked into .rodata, so `size` counts it in text), checked against
# CONFIG_KERNEL_SIZE_BUDGET.
size: $(O)/octopos.elf
	$(Q)$(SIZE) $(O)/octopos.elf
	$(Q)sh scripts/kernel-size.sh $(O) $(SIZE) $(CONFIG_KERNEL_SIZE_BUDGET)

# The dependency files of exactly the objects this configuration builds
# (not every *.d under $(O): nested test builds may live there).
user-objs := $(ulib) $(user-acct-objs) $(user-pw-objs) \
  $(patsubst $(O)/user/%,$(O)/user/bin/%.o,$(filter-out $(O)/user/usertests,$(user-progs))) \
  $(patsubst user/usertests/%.c,$(O)/user/usertests.objs/%.o,$(usertests-srcs))
-include $(wildcard $(patsubst %.o,%.d,$(kobjs) $(user-objs)))

# Objects reached through pattern-rule chains (user/bin/x.o for user/x) are
# build products too: never delete them as intermediates.
.SECONDARY:

.PHONY: all size FORCE

# ---------------------------------------------------------------- version
# The build id is a hash of the configuration and the version: the same
# tree and config give the same kernel (reproducible images).
# OCTOPOS_CONFIG_NAME: the defconfig's name, "+modified" once the options
# differ from what it gave (scripts/config-name.sh).
$(O)/include/generated/version.h: $(O)/.config Makefile scripts/config-name.sh
	$(Q)mkdir -p $(@D)
	$(Q)id=$$(cat $(O)/.config Makefile | sha256sum | cut -c1-12); name=$$(sh scripts/config-name.sh $(O)); \
	  printf '#define OCTOPOS_VERSION "%s"\n#define OCTOPOS_BUILD_ID "%s"\n#define OCTOPOS_CONFIG_NAME "%s"\n' \
	    '$(VERSION)' $$id "$$name" > $@.tmp; \
	  cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(O)/kernel/main.o $(O)/kernel/sysproc.o: $(O)/include/generated/version.h
AFLAGS_ikconfig_data.o := -DIKCONFIG_FILE='"$(O)/.config"'
$(O)/kernel/ikconfig_data.o: $(O)/.config
