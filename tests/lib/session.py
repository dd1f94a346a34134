# tests/lib/session.py: one boot of one test instance, and what it checked.
#
# A boot: copy the disk image (the original stays pristine), start QEMU with
# the argv scripts/qemu-args.sh prints, wait for the shell prompt, run the
# boot checks, type each step's command and match its output, then power off.
# Every boot has a hard deadline; its console log is kept.

import os
import re
import shlex
import shutil
import subprocess

from . import build, cases, fdtedit, kconfig
from .guest import Guest, GuestError

PROMPT = re.compile(r'\$ ')
# A multi-user system (CONFIG_MULTIUSER) asks for a login first; the tests
# log in as root with the documented default password.
PROMPT_OR_LOGIN = re.compile(r'\$ |login: ')
LOGIN_USER, LOGIN_PASSWORD = "root", "root"
BANNER = re.compile(r'octopos (\S+) \((\S+)\) harts (\d+)/(\d+)')
HART = re.compile(r'hart (\d+) online')
INIT = re.compile(r"init: starting (sh|login)")


class Target:
  """A configured and built tree: O directory, its .config, the banner name."""

  def __init__(self, srctree, name, O, banner_name=None):
    self.srctree = srctree
    self.name = name
    self.O = O
    self.cfg = kconfig.read_config(os.path.join(O, ".config"))
    self.banner_name = banner_name

  def has_program(self, prog):
    udir = os.path.join(self.O, "user")
    if not os.path.isdir(udir):
      return True     # layout unknown: let the guest tell
    return os.path.isfile(os.path.join(udir, prog))

  def can_poweroff(self):
    """`poweroff` is built and has a device to power off with."""
    return (self.has_program("poweroff") and
            kconfig.enabled(self.cfg, "CONFIG_POWER_SIFIVE_TEST"))

  def disk(self):
    img = os.path.join(self.O, "fs.img")
    # virtio-blk's disk, or sifive_u's SD card (qemu-args.sh pads the copy).
    if ((kconfig.enabled(self.cfg, "CONFIG_VIRTIO_BLK") or
         kconfig.enabled(self.cfg, "CONFIG_BLK_MMC_SPI")) and os.path.isfile(img)):
      return img
    return None

  def qemu_argv(self, smp, disk=None, extra_env=None):
    return qemu_argv(self.srctree, self.O, disk, smp, extra_env)


def qemu_argv(srctree, O, disk=None, smp=None, extra_env=None):
  """The QEMU command scripts/qemu-args.sh gives for build O: `disk` instead
  of O/fs.img, `smp` harts instead of CONFIG_NR_CPUS."""
  env = build.clean_env(extra_env)
  env.pop("MEM", None)
  env.pop("SMP", None)
  env.pop("RNG", None)
  env.pop("MACHINE", None)
  env.update(extra_env or {})
  if smp:
    env["SMP"] = str(smp)
  if disk:
    env["DISK"] = disk
  out = subprocess.run(["sh", os.path.join(srctree, "scripts/qemu-args.sh"), O],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
  if out.returncode != 0:
    raise GuestError("setup", "qemu-args.sh: %s" % out.stderr.strip())
  return shlex.split(out.stdout)


class Outcome:
  def __init__(self, status, msg="", log=None, secs=0.0):
    self.status = status    # PASS, FAIL, SKIP
    self.msg = msg
    self.log = log
    self.secs = secs


def _short(s, n=160):
  s = " | ".join(l for l in s.strip().split("\n") if l.strip())
  return repr(s if len(s) <= n else "..." + s[-n:])


def _boot_checks(g, target, inst, upto):
  """Return what is wrong with the boot output text[:upto], or None."""
  text = g.text[:upto] if upto is not None else g.text
  want = min(inst.smp, cases.harts(target))
  if "banner" in inst.checks:
    m = BANNER.search(text)
    if not m:
      return "expected a banner 'octopos VERSION (CONFIG) harts N/M', saw none"
    if target.banner_name and m.group(2) != target.banner_name:
      return "expected banner to name %s, saw %r" % (target.banner_name, m.group(0))
    nr = kconfig.intval(target.cfg, "CONFIG_NR_CPUS", 1)
    if int(m.group(4)) != nr:
      return "expected banner 'harts %d/%d', saw %r" % (want, nr, m.group(0))
  if "init" in inst.checks and not INIT.search(text):
    return "expected %r before the first prompt, saw none" % INIT.pattern
  for rx in inst.case.boot_expect:
    if not re.search(rx, text, re.M):
      return "expected /%s/ in the boot output, saw none" % rx
  return None


def _hart_check(g, target, inst):
  """Harts online: every line `hart N online` over the whole boot."""
  want = min(inst.smp, cases.harts(target))
  seen = sorted({int(h) for h in HART.findall(g.text)})
  if len(seen) != want or any(h >= inst.smp for h in seen):
    return ("expected %d hart(s) online (smp=%d, CONFIG_NR_CPUS=%s), saw 'hart N online' for %s"
            % (want, inst.smp, target.cfg.get("CONFIG_NR_CPUS", "?"), seen or "none"))
  m = BANNER.search(g.text)
  if m and "banner" in inst.checks and int(m.group(3)) != want:
    return "expected banner 'harts %d/%s', saw %r" % (want, m.group(4), m.group(0))
  return None


def wait_prompt(g, timeout, fail=None, what="the shell prompt"):
  """Wait for the shell prompt, logging in first if login: comes instead."""
  m = g.expect(PROMPT_OR_LOGIN, timeout, fail=fail, what=what)
  if m.group(0) == "login: ":
    g.send(LOGIN_USER + "\n")
    g.expect(r"Password: ", 30, what="the Password: prompt")
    g.send(LOGIN_PASSWORD + "\n")
    g.expect(PROMPT, 60, fail=r"Login incorrect", what="the shell prompt after logging in")
  return m


def run_step(g, step, scale=1.0):
  """Type step.cmd, wait for the next prompt; return the command's output."""
  start = g.pos
  g.send(step.cmd + "\n")
  try:
    for rx, text in step.keys:
      g.expect(rx, step.timeout * scale, fail=step.fail, what="/%s/ before typing %r" % (rx, text))
      g.send(text)
    wait_prompt(g, step.timeout * scale, fail=step.fail, what="the prompt after %r" % step.cmd)
  except GuestError as e:
    raise GuestError(e.kind, "%r: %s" % (step.cmd, e))
  out = g.text[start:g.pos - 2]
  # The console echoes what is typed: drop the echoed command line.
  if out.startswith(step.cmd):
    out = out[len(step.cmd):].lstrip("\n")
  return out


def check_step(step, out, target=None, inst=None):
  if step.fail:
    m = re.search(step.fail, out, re.M)
    if m:
      return "%r: saw %r" % (step.cmd, m.group(0).strip())
  for rx in step.expect:
    if not re.search(rx, out, re.M):
      return "%r: expected /%s/, saw %s" % (step.cmd, rx, _short(out))
  for rx in step.reject:
    m = re.search(rx, out, re.M)
    if m:
      return "%r: unexpected /%s/: %r" % (step.cmd, rx, m.group(0))
  if step.check:
    err = step.check(out, target, inst)
    if err:
      return "%r: %s, saw %s" % (step.cmd, err, _short(out))
  return None


def with_dtb(argv, edit, path):
  """argv booting with QEMU's own devicetree for argv, changed by `edit`
  and written to `path`."""
  dump = list(argv)
  try:
    i = dump.index("-machine") + 1
  except ValueError:
    raise GuestError("setup", "no -machine in the QEMU command line to dump the devicetree with")
  dump[i] += ",dumpdtb=" + path
  try:
    p = subprocess.run(dump, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=60)
  except subprocess.TimeoutExpired:
    raise GuestError("setup", "QEMU did not dump its devicetree within 60 s")
  if p.returncode != 0 or not os.path.isfile(path):
    raise GuestError("setup", "QEMU did not dump its devicetree: %s" % p.stdout.strip()[-200:])
  try:
    with open(path, "rb") as f:
      fdt = fdtedit.parse(f.read())
    edit(fdt)
  except fdtedit.FdtError as e:
    raise GuestError("setup", "editing the devicetree: %s" % e)
  with open(path, "wb") as f:
    f.write(fdtedit.dump(fdt))
  return argv + ["-dtb", path]


def _halted(g, target, inst, scale):
  """The boot must stop by itself: return what is wrong, or None."""
  case = inst.case
  if case.halts == "wfi":
    # The kernel stops in wfi where it knows no way to end QEMU (a devicetree
    # it cannot trust): wait for the last expected line, then check the rest.
    try:
      g.expect(case.boot_expect[-1], case.boot_timeout * scale)
    except GuestError as e:
      return "expected the boot to stop with /%s/: %s" % (case.boot_expect[-1], e)
    if PROMPT_OR_LOGIN.search(g.text):
      return "expected the boot to stop before any prompt"
    return _boot_checks(g, target, inst, None)
  rc = g.wait_exit(case.boot_timeout * scale)
  g.check_panic()
  if rc is None:
    return ("expected the boot to stop (QEMU to exit with status %s), still running after %ds"
            % (case.halts, case.boot_timeout * scale))
  m = PROMPT_OR_LOGIN.search(g.text)
  if m:
    return "expected the boot to stop before any prompt, saw %r" % m.group(0)
  if case.halts is not True and rc != case.halts:
    return "expected QEMU to exit with status %s, saw %s" % (case.halts, rc)
  return _boot_checks(g, target, inst, None)


def _interact(g, target, inst, scale):
  """Wait for the prompt, check the boot, run the steps, power off."""
  case = inst.case
  try:
    wait_prompt(g, case.boot_timeout * scale, what="the first shell prompt '$ '")
  except GuestError as e:
    raise GuestError(e.kind, "boot: %s" % e)
  err = _boot_checks(g, target, inst, g.pos)
  if err:
    raise GuestError("check", err)
  for step in case.steps:
    out = run_step(g, step, scale)
    err = check_step(step, out, target, inst)
    if err:
      raise GuestError("check", err)
  if case.poweroff and target.can_poweroff():
    g.send("poweroff\n")
    rc = g.wait_exit(20 * scale)
    if rc is None:
      raise GuestError("check", "poweroff: expected QEMU to exit, still running after %ds" % (20 * scale))
    if rc != 0:
      raise GuestError("check", "poweroff: expected QEMU exit status 0, saw %s" % rc)
  else:
    g.drain(0.5)
  g.check_panic()
  if "harts" in inst.checks:
    err = _hart_check(g, target, inst)
    if err:
      raise GuestError("check", err)


def run_instance(target, inst, logdir, diskdir, scale=1.0):
  """Boot once for `inst`; return an Outcome."""
  case = inst.case
  os.makedirs(logdir, exist_ok=True)
  log = os.path.join(logdir, inst.name + ".log")
  disk = target.disk() if case.qemu_env.get("DISK") != "none" else None
  copy = None
  if disk or case.dtb:
    os.makedirs(diskdir, exist_ok=True)
  if disk:
    copy = os.path.join(diskdir, inst.name + ".img")
    shutil.copyfile(disk, copy)
    if case.disk_edit:
      case.disk_edit(copy)
  dtb = os.path.join(diskdir, inst.name + ".dtb")
  try:
    argv = target.qemu_argv(inst.smp, copy, case.qemu_env) + case.qemu_args
    if case.dtb:
      argv = with_dtb(argv, case.dtb, dtb)
    g = Guest(argv, log, case.cost() * scale)
  except GuestError as e:
    return Outcome("FAIL", str(e), None)
  except OSError as e:
    return Outcome("FAIL", "cannot start QEMU: %s" % e, None)
  status, msg = "PASS", ""
  try:
    if case.halts is None:
      _interact(g, target, inst, scale)
    else:
      err = _halted(g, target, inst, scale)
      if err:
        raise GuestError("check", err)
  except GuestError as e:
    status, msg = "FAIL", str(e)
    if e.kind == "timeout" and not g.eof:
      # A hang, or a boot that prints nothing: say where the harts are.
      msg += "; QEMU monitor: " + g.where(os.path.join(target.O, "octopos.elf"))
  finally:
    secs = g.elapsed()
    g.close()
  if status == "PASS":
    for f in (copy, dtb if case.dtb else None):
      if f:
        os.unlink(f)
  return Outcome(status, msg, log, secs)


def log_tail(path, n=20):
  try:
    with open(path, "rb") as f:
      lines = f.read().decode("utf-8", "replace").replace("\r", "").split("\n")
  except OSError:
    return []
  if lines and lines[-1] == "":
    lines.pop()
  return lines[-n:]
