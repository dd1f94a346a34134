# scripts/kextra.mk: objects linked into the kernel that are not compiled
# from C: the ramdisk image (CONFIG_BLK_RAMDISK) and the initramfs
# (CONFIG_INITRAMFS).

ifeq ($(CONFIG_BLK_RAMDISK),y)
# The root image itself, linked in; drivers/block/ramdisk.c finds it through
# the symbols objcopy derives from the file name.
kextra += $(O)/ramdisk.o
$(O)/ramdisk.o: $(O)/fs.img
	$(call say,RAMDISK,ramdisk.o)
	$(Q)cp $(O)/fs.img $(O)/ramdisk.img
	$(Q)cd $(O) && $(OBJCOPY) -I binary -O elf64-littleriscv -B riscv ramdisk.img ramdisk.o
endif

ifeq ($(CONFIG_INITRAMFS),y)
# The initramfs: a newc cpio of the user programs and the README, linked in
# read-only between initramfs_start and initramfs_end, the names
# fs/ramfs/initramfs.c looks for. user/Makefile is read after this file, so
# the program list is a deferred variable and the prerequisites are
# expanded a second time, once it is known.
kextra += $(O)/initramfs.o
# Like fs.img, it takes $(O)/user/xvbench too when one was put there. The
# file list itself is kept in initramfs.list, rewritten only when it
# changes, so that a program leaving the list repacks the archive and a
# no-op build does nothing.
initramfs-files = $(user-progs) $(wildcard $(O)/user/xvbench)
.SECONDEXPANSION:
$(O)/initramfs.list: initramfs-always
	$(Q)mkdir -p $(O) && echo '$(initramfs-files)' > $@.tmp && \
	  { cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }

# The stamp records that the archive is up to date; the archive's own
# mtime moves only when its bytes do, so an unchanged repack relinks nothing.
ifeq ($(rootfs-staged),)
$(O)/initramfs.stamp: scripts/mkinitramfs.py README.md $$(initramfs-files) $(O)/initramfs.list
	$(call say,CPIO,initramfs.cpio)
	$(Q)$(PYTHON) scripts/mkinitramfs.py $(O)/initramfs.cpio README.md=/README $(initramfs-files)
	$(Q)touch $@
else
rootfs-for := initramfs
include scripts/rootfs.mk
endif

$(O)/initramfs.cpio: $(O)/initramfs.stamp ;

$(O)/initramfs.o: $(O)/initramfs.cpio
	$(call say,OBJCOPY,initramfs.o)
	$(Q)cd $(O) && $(OBJCOPY) -I binary -O elf64-littleriscv -B riscv \
	  --rename-section .data=.rodata,alloc,load,readonly,data,contents \
	  --redefine-sym _binary_initramfs_cpio_start=initramfs_start \
	  --redefine-sym _binary_initramfs_cpio_end=initramfs_end \
	  --strip-symbol _binary_initramfs_cpio_size initramfs.cpio initramfs.o

.PHONY: initramfs-always
endif
