# tests/lib/build.py: configure and build one tree with the top-level make,
# and run external test scripts whose last line says `N passed, N failed`.

import os
import re
import subprocess
import sys

SUMMARY = re.compile(r'(\d+) passed, (\d+) failed')

# A driver started by `make test` inherits make's job server and command-line
# variables through the environment; the builds it starts are not submakes.
_MAKEVARS = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "O")


def clean_env(extra=None):
  env = {k: v for k, v in os.environ.items() if k not in _MAKEVARS}
  env.update(extra or {})
  return env


def make(srctree, O, targets, log, env=None, timeout=1800):
  """Run make O=... targets, appending to the open file `log`; return status."""
  argv = ["make", "O=" + O] + targets
  log.write("$ %s\n" % " ".join(argv))
  log.flush()
  try:
    return subprocess.run(argv, cwd=srctree, stdout=log, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, env=clean_env(env),
                          timeout=timeout).returncode
  except subprocess.TimeoutExpired:
    log.write("\n(timed out after %ds)\n" % timeout)
    return -1


def build(srctree, O, configure, log_path, jobs=2, env=None):
  """configure: a list of make goals (e.g. ["xv6_defconfig"]) or [] to keep
  O/.config. Return None, or what failed."""
  os.makedirs(O, exist_ok=True)
  with open(log_path, "w") as log:
    if configure:
      rc = make(srctree, O, configure, log, env)
      if rc != 0:
        log.close()
        return "make %s exited %d%s" % (" ".join(configure), rc, first_error(log_path))
    rc = make(srctree, O, ["-j%d" % jobs, "all"], log, env)
  if rc != 0:
    return "make all exited %d%s" % (rc, first_error(log_path))
  if not os.path.isfile(os.path.join(O, "octopos.elf")):
    return "make all succeeded but left no %s/octopos.elf" % O
  return None


def first_error(log_path):
  """': <the first line of the log that reports an error>', or ''."""
  try:
    with open(log_path, errors="replace") as f:
      for line in f:
        if (re.search(r'\berror\b|Error|No rule|cannot|undefined reference', line)
            and not line.startswith(("make", "collect2"))):
          return ": " + line.strip()[:200]
  except OSError:
    pass
  return ""


def run_script(argv, cwd, log_path, timeout=900):
  """Run an external test script; return (passed, failed, what went wrong)."""
  with open(log_path, "w") as log:
    try:
      rc = subprocess.run(argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, env=clean_env(),
                          timeout=timeout).returncode
    except subprocess.TimeoutExpired:
      rc = None
  with open(log_path, errors="replace") as f:
    found = SUMMARY.findall(f.read())
  if rc is None:
    return 0, 1, "timed out after %ds" % timeout
  if found:
    p, n = int(found[-1][0]), int(found[-1][1])
    if rc != 0 and n == 0:
      return p, 1, "exit status %d with %d passed, 0 failed" % (rc, p)
    return p, n, ("%d of %d failed" % (n, p + n)) if n else ""
  if rc != 0:
    return 0, 1, "exit status %d, no 'N passed, N failed' line" % rc
  return 1, 0, ""


def variant(srctree, out, name, defconfig, lines):
  """Build a benchmark variant: `defconfig` with the config lines `lines`
  merged over it, in out/name. Return (O, None), or (O, log) if it failed."""
  O = os.path.join(out, name)
  log_path = os.path.join(out, name + ".log")
  os.makedirs(O, exist_ok=True)
  frag = os.path.join(O, "variant.config")
  with open(frag, "w") as f:
    f.write("\n".join(lines) + "\n")
  with open(log_path, "w") as log:
    for argv in (["make", "-s", "O=" + O, defconfig],
                 ["sh", "scripts/merge-config.sh", os.path.join(O, ".config"), frag],
                 ["make", "-s", "O=" + O, "olddefconfig"],
                 ["make", "-s", "-j2", "O=" + O, "all"]):
      log.write("$ %s\n" % " ".join(argv))
      log.flush()
      if subprocess.run(argv, cwd=srctree, stdout=log, stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL, env=clean_env()).returncode:
        return O, log_path
  return O, None


def variant_or_exit(prog, srctree, out, name, defconfig, lines):
  """variant(), for benchmark scripts that cannot go on without it: stop,
  naming the script, the variant and its build log, if it failed."""
  O, failed = variant(srctree, out, name, defconfig, lines)
  if failed:
    sys.exit("%s: building variant %s failed (see %s)" % (prog, name, failed))
  return O
