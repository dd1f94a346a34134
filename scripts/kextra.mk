# scripts/kextra.mk: objects linked into the kernel that are not compiled
# from C: the ramdisk image (CONFIG_BLK_RAMDISK).

ifeq ($(CONFIG_BLK_RAMDISK),y)
# The root image itself, linked in; drivers/block/ramdisk.c finds it through
# the symbols objcopy derives from the file name.
kextra += $(O)/ramdisk.o
$(O)/ramdisk.o: $(O)/fs.img
	$(call say,RAMDISK,ramdisk.o)
	$(Q)cp $(O)/fs.img $(O)/ramdisk.img
	$(Q)cd $(O) && $(OBJCOPY) -I binary -O elf64-littleriscv -B riscv ramdisk.img ramdisk.o
endif
