# scripts/misc.mk: running, testing, shipping and housekeeping targets.

DEPS_PACKAGES := make gcc python3 gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf \
                 qemu-system-misc kconfig-frontends libcmocka-dev gdb-multiarch \
                 picolibc-riscv64-unknown-elf \
                 u-boot-qemu mtools dosfstools fdisk
N ?= 20

help:
	@echo 'octopos $(VERSION): a Kconfig-configurable xv6-class kernel for 64-bit RISC-V'
	@echo
	@echo 'Configuration (writes $$(O)/.config, O defaults to build/):'
	@echo '  <name>_defconfig  - configure from configs/<name>_defconfig (list below)'
	@echo '  defconfig         - the recommended default ($(DEFAULT_DEFCONFIG))'
	@echo '  <frag>.config     - merge configs/fragments/<frag>.config over the current .config'
	@echo '  menuconfig        - menu-driven configuration (kconfig-mconf)'
	@echo '  nconfig           - ncurses configuration (kconfig-nconf)'
	@echo '  oldconfig         - update .config, asking about new options'
	@echo '  olddefconfig      - update .config, new options at their defaults'
	@echo '  listnewconfig     - list options that .config does not set yet'
	@echo '  savedefconfig     - write the minimal configuration to $$(O)/defconfig'
	@echo '  allnoconfig, allyesconfig - every option off / on'
	@echo '  randconfig        - a random valid configuration (KCONFIG_SEED=... to reproduce)'
	@echo
	@echo 'Building and running:'
	@echo '  all (default)     - kernel ($$(O)/octopos.elf, .bin), user programs, disk image'
	@echo '  size              - text/data/bss of the kernel, its own text+data and CONFIG_KERNEL_SIZE_BUDGET'
	@echo '  qemu              - build if needed and boot in QEMU (QEMUEXTRA= adds arguments)'
	@echo '  qemu-gdb          - as qemu, but wait for gdb-multiarch (writes $$(O)/.gdbinit)'
	@echo '  image             - tailored, reproducible tarball in $$(O)/images/'
	@echo '  sdk               - application SDK (compiler wrapper, picolibc, CMake file) in $$(O)/sdk/'
	@echo '  bench             - boot the current config, run the benchmarks, compare with the recorded baseline (BENCH_SAVE=1 records)'
	@echo '  lock-matrix       - usertests -q for spin/ticket locks at 1, 2, 4, 8 harts and a UP build'
	@echo '  bench-matrix      - the benchmarks across allocator x lock x harts x UP/SMP'
	@echo
	@echo 'Testing:'
	@echo '  test              - host unit tests + every defconfig built and booted in QEMU'
	@echo '  test-quick        - a few-minute subset for development'
	@echo '  randconfig-test   - N=20 random configurations built, each running every test case it meets'
	@echo '                      (KCONFIG_SEED=first seed, CASE=only this case)'
	@echo '  fuzz              - random hostile system calls on several configs (SECONDS_PER_CONFIG=60)'
	@echo '  crashtest         - N=... kill-and-recover trials of the log under both commit rules, fsck after each (SEED=...)'
	@echo '  soak              - HOURS=n of fuzzing and crash trials in turns, with a table of results'
	@echo '  hostile           - boot damaged disk images; nothing may panic'
	@echo
	@echo 'Housekeeping:'
	@echo '  deps              - install the Debian packages octopos needs (apt-get, only missing ones)'
	@echo '  clean             - remove build products, keep .config'
	@echo '  distclean         - remove $$(O) entirely'
	@echo
	@echo 'Defconfigs:'
	@for f in $(defconfigs); do printf '  %-18s - %s\n' $$f "$$(sed -n '1s/^# *//p' configs/$$f)"; done
	@echo
	@echo 'Config fragments:'
	@for f in $(fragments); do printf '  %-18s - %s\n' $$f "$$(sed -n '1s/^# *//p' configs/fragments/$$f)"; done
	@echo
	@echo 'Variables: O=dir (output), V=1 (show commands), CROSS_COMPILE=prefix, QEMUEXTRA=args'

deps:
	$(Q)sh scripts/deps.sh $(DEPS_PACKAGES)

clean:
	$(Q)if [ -d $(O) ]; then find $(O) -mindepth 1 -maxdepth 1 ! -name .config ! -name include -exec rm -rf {} +; fi

distclean:
	$(Q)rm -rf $(O)

qemu: all
	$(call need,$(QEMU))
	@echo "QEMU: Ctrl-a x quits"
	$(Q)eval "$$(sh scripts/qemu-args.sh $(O)) $(QEMUEXTRA)"

qemu-gdb: all
	$(call need,$(QEMU))
	$(Q)printf 'set architecture riscv:rv64\nfile %s\ntarget remote localhost:%s\n' \
	  $(abspath $(O))/octopos.elf 26000 > $(O)/.gdbinit
	@echo "*** now run 'gdb-multiarch -x $(O)/.gdbinit' in another window"
	@echo "QEMU: Ctrl-a x quits"
	$(Q)eval "$$(sh scripts/qemu-args.sh $(O)) -S -gdb tcp::26000 $(QEMUEXTRA)"

test:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/run.py --out $(O)/test

test-quick:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/run.py --out $(O)/test --quick

randconfig-test:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/randconfig.py --out $(O)/randconfig -n $(N) $(if $(KCONFIG_SEED),--seed $(KCONFIG_SEED)) \
	  $(foreach c,$(CASE),--case $(c))

fuzz:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/fuzz.py --out $(O)/fuzz $(if $(SECONDS_PER_CONFIG),--seconds $(SECONDS_PER_CONFIG))

# Both commit rules' promises (docs/fs.md): the deferred rule of
# xv6_defconfig with write-then-silence and fsync/sync trials, xv6's
# EACH_OP rule, and fsync/sync under a 60 s interval (only they can commit).
crashtest:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/crashtest.py --out $(O)/crashtest -n $(N) --quiet 4 --fsync 2 $(if $(SEED),--seed $(SEED))
	$(Q)$(PYTHON) tests/crashtest.py --out $(O)/crashtest --commit each -n $(N) --quiet 2 $(if $(SEED),--seed $(SEED))
	$(Q)$(PYTHON) tests/crashtest.py --out $(O)/crashtest --commit slow -n 0 --fsync 4 $(if $(SEED),--seed $(SEED))

# HOURS (default 1) of fuzzing and crash trials in turns; a table at the end (docs/survive.md).
soak:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/soak.py --out $(O)/soak --hours $(or $(HOURS),1) $(if $(SEED),--seed $(SEED))

hostile:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/hostile.py --out $(O)/hostile

lock-matrix:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/lock_matrix.py --out $(O)/lock-matrix

bench-matrix:
	$(call need,$(PYTHON))
	$(Q)$(PYTHON) tests/bench_matrix.py --out $(O)/bench-matrix

image: all
	$(Q)sh scripts/mkimage.sh $(O)

bench: all
	$(Q)$(PYTHON) tests/bench.py --O $(O) $(if $(filter 1,$(BENCH_SAVE)),--save)

.PHONY: help deps clean distclean qemu qemu-gdb test test-quick randconfig-test fuzz crashtest soak hostile image bench bench-matrix lock-matrix
