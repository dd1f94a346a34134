# scripts/rootfs.mk: the root file system through a staging directory, when
# CONFIG_ROOTFS_OVERLAY or CONFIG_ROOTFS_POST_BUILD is set (scripts/rootfs.py;
# docs/sdk.md). Included by scripts/build.mk and scripts/kextra.mk in place
# of their direct fs.img and initramfs rules, which stay as they were for
# every configuration without overlays.
#
# The overlays are host directories the build cannot track file by file,
# so the stage is remade on every build; the image tools replace their
# output only when its bytes change (mkinitramfs.py) or the image is cheap
# to rewrite (fs.img), and both are reproducible.

rootfs-args = --srctree $(srctree) --overlay '$(rootfs-overlay)' \
  --device-table '$(call rootfs-str,$(CONFIG_ROOTFS_DEVICE_TABLE))' \
  --post-build '$(call rootfs-str,$(CONFIG_ROOTFS_POST_BUILD))'

ifeq ($(rootfs-for),fs.img)
$(O)/fs.img: $(O)/tools/mkfs $(fs-files) README.md $(mu-files) user/dev.manifest scripts/rootfs.py rootfs-always
	$(call say,ROOTFS,rootfs.stage)
	$(Q)$(if $(mu-files),sed 's|@O@|$(O)|g' user/etc/manifest,cat user/dev.manifest) > $(O)/rootfs.base.manifest
	$(Q)$(PYTHON) scripts/rootfs.py mkfs --stage $(O)/rootfs.stage $(rootfs-args) \
	  --manifest-in $(O)/rootfs.base.manifest --manifest-out $(O)/rootfs.manifest \
	  --blocks $(CONFIG_FS_IMAGE_BLOCKS) --inodes $(CONFIG_FS_IMAGE_INODES) \
	  $(if $(CONFIG_MULTIUSER),--multiuser) $(if $(CONFIG_FS_XV6_LARGE_FILES),--large) \
	  README.md=/README $(filter-out $(mu-setuid),$(fs-files))
	$(call say,MKFS,fs.img)
	$(Q)$(O)/tools/mkfs -s $(CONFIG_FS_IMAGE_BLOCKS) -i $(CONFIG_FS_IMAGE_INODES) \
	  $(if $(CONFIG_FS_XV6_LARGE_FILES),-L) $(if $(CONFIG_FS_SYMLINKS),-S) \
	  $(if $(CONFIG_MULTIUSER),-M) -m $(O)/rootfs.manifest $@.tmp && mv $@.tmp $@
endif

ifeq ($(rootfs-for),initramfs)
$(O)/initramfs.stamp: scripts/mkinitramfs.py scripts/rootfs.py README.md $$(initramfs-files) $(O)/initramfs.list rootfs-always
	$(call say,ROOTFS,rootfs.stage)
	$(Q)$(PYTHON) scripts/rootfs.py initramfs --stage $(O)/rootfs.stage $(rootfs-args) \
	  --list-out $(O)/rootfs.list README.md=/README $(initramfs-files)
	$(call say,CPIO,initramfs.cpio)
	$(Q)$(PYTHON) scripts/mkinitramfs.py $(O)/initramfs.cpio $$(cat $(O)/rootfs.list)
	$(Q)touch $@
endif

.PHONY: rootfs-always
