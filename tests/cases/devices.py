# tests/cases/devices.py: the devicetree-probed devices work from user space:
# /dev/random gives different bytes on two reads, /dev/zero and /dev/null
# behave, the RTC's date is within minutes of the host's clock, lock
# statistics and the in-kernel config are readable, reboot comes back.
import time


def _date_near_host(out, target, inst, slack=600):
  # `date` prints "... (SECONDS)": within `slack` of the host's clock when
  # the output is checked (not when this file was loaded: a long
  # randconfig-test run loads it hours before some boots).
  import re
  m = re.search(r"\((\d+)\)", out)
  if not m:
    return "expected '(SECONDS)'"
  now = int(time.time())
  if abs(int(m.group(1)) - now) > slack:
    return "%s s from the host's clock (%d), more than %d" % (int(m.group(1)) - now, now, slack)
  return None


CASES = [
  dict(name="devfiles",
       help="/dev/random differs between reads; /dev/zero reads zeros; /dev/null swallows",
       requires=["CONFIG_DEV_MEM", "CONFIG_USER_SYSTOOLS"],
       programs=["devcheck"],
       steps=[dict(cmd="devcheck", expect=r"^devcheck: ok", fail=r"^devcheck: FAIL[^\n]*")]),
  dict(name="date",
       help="date from the Goldfish RTC is within 10 minutes of the host",
       requires=["CONFIG_RTC_GOLDFISH", "CONFIG_USER_SYSTOOLS"],
       programs=["date"],
       steps=[dict(cmd="date", check=_date_near_host)]),
  dict(name="lockstat",
       help="lockstat lists lock classes with counts",
       requires=["CONFIG_LOCK_STAT", "CONFIG_USER_SYSTOOLS"],
       programs=["lockstat"],
       steps=[dict(cmd="lockstat 64", expect=r"(?m)^proc\w*\s+[1-9]\d*\s+\d+\s+\d+")]),
  dict(name="ikconfig",
       help="the kernel's own .config is readable and names this configuration",
       requires=["CONFIG_IKCONFIG", "CONFIG_USER_SYSTOOLS"],
       programs=["kconfig", "uname"],
       steps=[dict(cmd="kconfig", expect=r"CONFIG_IKCONFIG=y"),
              dict(cmd="uname -a", expect=r"octopos")]),
  dict(name="reboot",
       help="reboot resets the machine and it boots back to the shell",
       requires=["CONFIG_POWER_SIFIVE_TEST", "CONFIG_USER_SYSTOOLS"],
       programs=["reboot", "echo"],
       steps=[dict(cmd="reboot", expect=r"octopos \d+\.\d+\.\d+ \(", timeout=60),
              dict(cmd="echo back", expect=r"^back$", timeout=60)]),
  # sifive_u: OpenSBI resets through the board's gpio-restart (its lack of
  # a power-off device is not tested: the steps wait for a prompt that a
  # halted machine never prints).
  dict(name="reboot-sbi",
       help="sifive_u: reboot goes through SBI SRST and the machine boots back to the shell",
       requires=["CONFIG_QEMU_SIFIVE_U", "CONFIG_USER_SYSTOOLS"],
       programs=["reboot", "echo"],
       steps=[dict(cmd="reboot", expect=r"octopos \d+\.\d+\.\d+ \(", timeout=60),
              dict(cmd="echo back", expect=r"^back$", timeout=60)]),
]
