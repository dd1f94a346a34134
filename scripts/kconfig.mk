# scripts/kconfig.mk: configuration targets, driven by kconfig-frontends.
#
# kconfig-conf runs inside $(O) so that .config and include/{config,generated}
# land there; srctree lets `source "mm/Kconfig"` find the source tree.

DEFAULT_DEFCONFIG := xv6_defconfig
defconfigs   := $(sort $(notdir $(wildcard configs/*_defconfig)))
fragments    := $(sort $(notdir $(wildcard configs/fragments/*.config)))
KCONFIG_FILES := Kconfig $(wildcard */Kconfig */*/Kconfig */*/*/Kconfig)
kconf = cd $(O) && srctree=$(srctree) KCONFIG_CONFIG=.config

$(O):
	$(Q)mkdir -p $(O)

%_defconfig: | $(O)
	$(call need,$(KCONF))
	$(Q)if [ ! -f configs/$@ ]; then \
	  echo "error: no defconfig '$@'. Available defconfigs:" >&2; \
	  for f in $(defconfigs); do printf '  %s\n' $$f >&2; done; exit 1; fi
	$(Q){ cat configs/$@; echo 'CONFIG_DEFCONFIG_NAME="$@"'; } > $(O)/.defconfig.in
	$(Q)$(kconf) $(KCONF) -s --defconfig=.defconfig.in $(srctree)/Kconfig
	$(Q)rm -f $(O)/.defconfig.in
	$(Q)mkdir -p $(O)/include/config && cp $(O)/.config $(O)/include/config/defconfig.config
	@echo "  CONFIG  $(O)/.config from configs/$@"

defconfig: $(DEFAULT_DEFCONFIG)

# make xv6_defconfig debug.config: merge a fragment over the current .config.
%.config: | $(O)
	$(call need,$(KCONF))
	$(Q)if [ ! -f configs/fragments/$@ ]; then \
	  echo "error: no config fragment '$@'. Available fragments:" >&2; \
	  for f in $(fragments); do printf '  %s\n' $$f >&2; done; exit 1; fi
	$(Q)[ -f $(O)/.config ] || { echo "error: $(O)/.config missing: configure first, e.g. make xv6_defconfig $@" >&2; exit 1; }
	$(Q)sh scripts/merge-config.sh $(O)/.config configs/fragments/$@
	$(Q)$(kconf) $(KCONF) -s --olddefconfig $(srctree)/Kconfig
	@echo "  CONFIG  merged configs/fragments/$@ into $(O)/.config"

oldconfig listnewconfig olddefconfig allnoconfig allyesconfig: | $(O)
	$(call need,$(KCONF))
	$(Q)$(kconf) $(KCONF) --$@ $(srctree)/Kconfig

randconfig: | $(O)
	$(call need,$(KCONF))
	$(Q)seed=$${KCONFIG_SEED:-0x$$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')}; \
	  echo "  CONFIG  randconfig with KCONFIG_SEED=$$seed"; \
	  $(kconf) KCONFIG_SEED=$$seed $(KCONF) -s --randconfig $(srctree)/Kconfig
	$(Q)rm -f $(O)/include/config/defconfig.config

# The minimal configuration, without CONFIG_DEFCONFIG_NAME (make
# <name>_defconfig sets it from the file name). A shipped defconfig is a
# one-line description comment followed by exactly this output.
savedefconfig: | $(O)
	$(call need,$(KCONF))
	$(Q)$(kconf) $(KCONF) --savedefconfig=defconfig.tmp $(srctree)/Kconfig
	$(Q)grep -v '^CONFIG_DEFCONFIG_NAME=' $(O)/defconfig.tmp > $(O)/defconfig; rm -f $(O)/defconfig.tmp
	@echo "  CONFIG  minimal configuration written to $(O)/defconfig"

menuconfig: | $(O)
	$(call need,$(KMCONF))
	$(Q)$(kconf) $(KMCONF) $(srctree)/Kconfig

nconfig: | $(O)
	$(call need,$(KNCONF))
	$(Q)$(kconf) $(KNCONF) $(srctree)/Kconfig

.PHONY: defconfig oldconfig listnewconfig olddefconfig allnoconfig allyesconfig randconfig savedefconfig menuconfig nconfig
