#!/usr/bin/env python3
"""scripts/kconfig-check.py O: refuse a .config that Kconfig would silently change.

A hand-edited .config can hold a value out of its range (CONFIG_NR_CPUS=99)
or an option whose dependencies are unmet. kconfig-conf would quietly replace
it; we would rather stop and say so. Runs olddefconfig on a copy and compares
every symbol the .config sets explicitly.
"""
import os, re, shutil, subprocess, sys, tempfile

def values(path):
    out = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"^(CONFIG_\w+)=(.*)$", line)
        if m:
            out[m.group(1)] = m.group(2)
        m = re.match(r"^# (CONFIG_\w+) is not set", line)
        if m:
            out[m.group(1)] = "n"
    return out

def main():
    o = sys.argv[1]
    cfg = os.path.join(o, ".config")
    src = os.environ.get("srctree", os.getcwd())
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(cfg, os.path.join(tmp, ".config"))
        env = dict(os.environ, srctree=src, KCONFIG_CONFIG=".config")
        r = subprocess.run([os.environ.get("KCONF", "kconfig-conf"), "-s", "--olddefconfig",
                            os.path.join(src, "Kconfig")], cwd=tmp, env=env,
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stdout + r.stderr)
            sys.stderr.write("error: %s is not a valid configuration\n" % cfg)
            return 1
        before, after = values(cfg), values(os.path.join(tmp, ".config"))
    bad = []
    for sym, val in before.items():
        new = after.get(sym, "n")
        if sym not in after and val == "n":
            continue
        if sym not in after and sym not in [k for k in after]:
            if val != "n":
                bad.append("%s=%s: Kconfig does not accept it here (unknown symbol or unmet dependencies)" % (sym, val))
            continue
        if new != val:
            bad.append("%s=%s: not valid here (out of range or unmet dependencies); Kconfig would make it %s" % (sym, val, new))
    if bad:
        for b in bad:
            sys.stderr.write("error: %s: %s\n" % (cfg, b))
        sys.stderr.write("Fix the value with 'make menuconfig', or accept Kconfig's choice with 'make olddefconfig'.\n")
        return 1
    return 0

sys.exit(main())
