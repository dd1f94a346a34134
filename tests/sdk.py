#!/usr/bin/env python3
# tests/sdk.py: the application SDK, picolibc and root-file-system overlays,
# end to end (docs/sdk.md).
#
#   python3 tests/sdk.py --out build/test/host/sdk
#
# 1. Builds full_defconfig (picolibc) in OUT/full-sdk and runs `make sdk`;
#    the tarball is unpacked in a temporary directory and used from there.
# 2. Differential: every tests/libc/*.c is compiled with the host's gcc and
#    glibc and run on the host (TZ=UTC, in a scratch directory), and
#    compiled with the SDK's riscv64-octopos-gcc into an overlay directory.
# 3. tests/sdkapp, copied out of the tree, is built with its own Makefile
#    and the SDK's share/octopos.mk, and with CMake and the SDK's toolchain
#    file (when cmake is installed), into the same overlay.
# 4. The overlay (CONFIG_ROOTFS_OVERLAY) and tests/sdkapp/post-build.sh
#    (CONFIG_ROOTFS_POST_BUILD) are set and the image rebuilt; one boot runs
#    every program: each output must equal the host's, and sdkapp must
#    print the file the post-build script wrote.
# Prints PASS/FAIL per check and `N passed, N failed`; the figures (make
# sdk time, hello sizes) go to OUT/figures.txt.
import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from lib import build, session  # noqa: E402
from lib.cases import Step  # noqa: E402
from lib.guest import Guest, GuestError  # noqa: E402

SRCTREE = os.path.dirname(HERE)
WARN_OFF = ["-Wno-format-truncation", "-Wno-stringop-truncation"]
results = []


def report(name, err):
  results.append(err is None)
  print("PASS %s" % name if err is None else "FAIL %s: %s" % (name, err))
  sys.stdout.flush()


def run(argv, log, cwd=SRCTREE, env=None):
  log.write("$ %s\n" % " ".join(argv))
  log.flush()
  return subprocess.run(argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL, env=env).returncode


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--out", default="build/sdk-test")
  ap.add_argument("--timeout-scale", type=float,
                  default=float(os.environ.get("TEST_TIMEOUT_SCALE", "1")))
  a = ap.parse_args()
  out = os.path.abspath(a.out)
  os.makedirs(out, exist_ok=True)
  if not os.path.isdir("/usr/lib/picolibc/riscv64-unknown-elf"):
    print("SKIP: picolibc-riscv64-unknown-elf is not installed (make deps)")
    return 0
  logp = os.path.join(out, "sdk.log")
  log = open(logp, "w")

  # 1. The configuration and its SDK. usertests and grind are left out: this
  # build is about the SDK, and the image has room for the overlay.
  # full_defconfig's own overlay, table and script (tests/cases/overlay.py
  # checks those) make way for the test's.
  O, failed = build.variant(SRCTREE, out, "full-sdk", "full_defconfig",
                            ["# CONFIG_USER_TESTS is not set", "# CONFIG_USER_GRIND is not set",
                             'CONFIG_ROOTFS_OVERLAY=""', 'CONFIG_ROOTFS_POST_BUILD=""',
                             'CONFIG_ROOTFS_DEVICE_TABLE=""'])
  if failed:
    report("build full_defconfig", "see %s" % failed)
    return summary()
  t0 = time.time()
  rc = run(["make", "-s", "O=" + O, "sdk"], log)
  sdk_secs = time.time() - t0
  tars = [f for f in os.listdir(os.path.join(O, "sdk")) if f.endswith(".tar.gz")] if rc == 0 else []
  report("make sdk", None if tars else "make sdk failed (see %s)" % logp)
  if not tars:
    return summary()
  tmp = tempfile.mkdtemp(prefix="octopos-sdk-")
  try:
    with tarfile.open(os.path.join(O, "sdk", tars[0])) as t:
      t.extractall(tmp)
    sdk = os.path.join(tmp, tars[0][:-len(".tar.gz")])
    cc = os.path.join(sdk, "bin", "riscv64-octopos-gcc")
    overlay = os.path.join(out, "overlay")
    shutil.rmtree(overlay, ignore_errors=True)
    os.makedirs(os.path.join(overlay, "t"))
    os.makedirs(os.path.join(overlay, "bin"))

    # 2. Host outputs and SDK builds.
    progs, expect = [], {}
    hostbin = os.path.join(tmp, "host")
    os.makedirs(hostbin)
    for src in sorted(f for f in os.listdir(os.path.join(HERE, "libc")) if f.endswith(".c")):
      name = src[:-2]
      path = os.path.join(HERE, "libc", src)
      hexe = os.path.join(hostbin, name)
      if run(["gcc", "-O2", "-Wall"] + WARN_OFF + ["-o", hexe, path, "-lm"], log):
        report("host build %s" % name, "gcc failed (see %s)" % logp)
        continue
      if run([cc, "-O2", "-Wall"] + WARN_OFF + ["-o", os.path.join(overlay, "t", name), path, "-lm"], log):
        report("sdk build %s" % name, "riscv64-octopos-gcc failed (see %s)" % logp)
        continue
      scratch = tempfile.mkdtemp(dir=tmp)
      p = subprocess.run([hexe], cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         env=dict(os.environ, TZ="UTC", LC_ALL="C"), universal_newlines=True)
      expect[name] = p.stdout
      progs.append(name)

    # 3. The out-of-tree application, built where the tree is not.
    app = os.path.join(tmp, "sdkapp")
    shutil.copytree(os.path.join(HERE, "sdkapp"), app)
    rc = run(["make", "-s", "OCTOPOS_SDK=" + sdk], log, cwd=app, env=build.clean_env())
    report("sdkapp built out of tree with share/octopos.mk",
           None if rc == 0 else "make failed (see %s)" % logp)
    if rc == 0:
      shutil.copy(os.path.join(app, "sdkapp"), os.path.join(overlay, "bin", "sdkapp"))

    # The same with CMake and the SDK's toolchain file, where cmake exists.
    if shutil.which("cmake"):
      cbuild = os.path.join(tmp, "cmake-build")
      tc = os.path.join(sdk, "share", "cmake", "octopos-toolchain.cmake")
      rc = (run(["cmake", "-S", app, "-B", cbuild, "-DCMAKE_TOOLCHAIN_FILE=" + tc], log,
                env=build.clean_env()) or
            run(["cmake", "--build", cbuild], log, env=build.clean_env()))
      report("sdkapp built with CMake and the toolchain file",
             None if rc == 0 else "cmake failed (see %s)" % logp)
      if rc == 0:
        shutil.copy(os.path.join(cbuild, "sdkapp"), os.path.join(overlay, "bin", "sdkapp-cmake"))
    else:
      print("note: cmake not installed: the CMake toolchain file is not tried")

    # Figures: a printf hello with the SDK.
    hello = os.path.join(tmp, "hello.c")
    with open(hello, "w") as f:
      f.write('#include <stdio.h>\nint main(void){printf("hello %d\\n", 42);return 0;}\n')
    run([cc, "-O2", "-o", hello[:-2], hello], log)
    sizes = subprocess.run(["riscv64-unknown-elf-size", hello[:-2]], stdout=subprocess.PIPE,
                           universal_newlines=True).stdout
    with open(os.path.join(out, "figures.txt"), "w") as f:
      f.write("make sdk: %.1f s\nhello (printf) with the SDK:\n%s" % (sdk_secs, sizes))
  finally:
    shutil.rmtree(tmp, ignore_errors=True)

  # 4. The overlay and the post-build script into the image, one boot.
  frag = os.path.join(out, "overlay.config")
  with open(frag, "w") as f:
    f.write('CONFIG_ROOTFS_OVERLAY="%s"\nCONFIG_ROOTFS_POST_BUILD="tests/sdkapp/post-build.sh"\n' % overlay)
  if (run(["sh", "scripts/merge-config.sh", os.path.join(O, ".config"), frag], log) or
      run(["make", "-s", "O=" + O, "olddefconfig"], log) or
      run(["make", "-s", "-j2", "O=" + O, "all"], log)):
    report("image with the overlay", "build failed (see %s)" % logp)
    return summary()
  boot(O, progs, expect, out, a.timeout_scale)
  return summary()


def boot(O, progs, expect, out, scale):
  g = Guest(session.qemu_argv(SRCTREE, O), os.path.join(out, "boot.log"), 600 * scale)
  try:
    session.wait_prompt(g, 120 * scale, what="the first shell prompt")
    for name in progs:
      # Each runs in a fresh directory, as on the host.
      session.run_step(g, Step("mkdir /w-%s" % name), scale)
      session.run_step(g, Step("cd /w-%s" % name), scale)
      got = session.run_step(g, Step("/t/%s" % name, timeout=60), scale).replace("\r", "")
      session.run_step(g, Step("cd /"), scale)
      want = expect[name]
      if got == want:
        report("differential %s" % name, None)
      else:
        gl, wl = got.splitlines(), want.splitlines()
        i = next((k for k in range(max(len(gl), len(wl)))
                  if k >= len(gl) or k >= len(wl) or gl[k] != wl[k]), 0)
        report("differential %s" % name, "line %d: host %r, octopos %r" %
               (i + 1, wl[i] if i < len(wl) else "<end>", gl[i] if i < len(gl) else "<end>"))
    got = session.run_step(g, Step("/bin/sdkapp x y", timeout=30), scale)
    report("sdkapp runs from the overlay",
           None if re.search(r"sdkapp: hello from /bin/sdkapp, 3 args, sqrt\(2\)=1\.414214", got)
           else "saw %r" % got[:200])
    report("post-build script's file is in the image",
           None if "sdkapp: conf greeting=written-by-post-build" in got else "saw %r" % got[:200])
    if os.path.exists(os.path.join(out, "overlay", "bin", "sdkapp-cmake")):
      got = session.run_step(g, Step("/bin/sdkapp-cmake", timeout=30), scale)
      report("sdkapp built with CMake runs",
             None if "sdkapp: conf greeting=written-by-post-build" in got else "saw %r" % got[:200])
    g.send("poweroff\n")
    g.wait_exit(20 * scale)
    g.check_panic()
  except GuestError as e:
    report("boot with the overlay", str(e))
  finally:
    g.close()


def summary():
  p = sum(results)
  print("%d passed, %d failed" % (p, len(results) - p))
  return 1 if len(results) - p else 0


if __name__ == "__main__":
  sys.exit(main())
