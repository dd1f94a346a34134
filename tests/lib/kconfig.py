# tests/lib/kconfig.py: read a kconfig .config and decide whether a test's
# `requires` list holds for it.
#
# A .config has `CONFIG_X=y`, `CONFIG_N=3`, `CONFIG_S="str"` and
# `# CONFIG_X is not set`. An option that is absent counts as not set.

import re

_SET = re.compile(r'^(CONFIG_[A-Za-z0-9_]+)=(.*)$')


def read_config(path):
  """Return {"CONFIG_X": "y", "CONFIG_S": "str", ...} for the options set."""
  cfg = {}
  with open(path) as f:
    for line in f:
      m = _SET.match(line.strip())
      if m:
        v = m.group(2)
        if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
          v = v[1:-1].replace('\\"', '"').replace('\\\\', '\\')
        cfg[m.group(1)] = v
  return cfg


def enabled(cfg, sym):
  return cfg.get(sym, "n") not in ("n", "")


def intval(cfg, sym, default):
  try:
    return int(cfg.get(sym, default), 0)
  except ValueError:
    return default


def _unmet_one(cfg, req):
  """Why the single requirement `req` fails, or None."""
  if req.startswith("!"):
    if enabled(cfg, req[1:]):
      return "needs %s not set" % req[1:]
  elif "=" in req:
    sym, want = req.split("=", 1)
    have = cfg.get(sym, "n")
    if have != want:
      return "needs %s (have %s=%s)" % (req, sym, have)
  elif not enabled(cfg, req):
    return "needs %s" % req
  return None


def unmet(cfg, requires):
  """Return the reason the first unmet requirement fails, or None.

  Each requirement is "CONFIG_X" (must be set), "!CONFIG_X" (must not be
  set), "CONFIG_X=value" (must have exactly that value), or a tuple
  (why, req, req, ...): at least one of the reqs must hold, else `why`
  is the reason (for a combination that works but cannot be tested in
  the time a boot test has).
  """
  for req in requires:
    if isinstance(req, tuple):
      why, alts = req[0], req[1:]
      if all(_unmet_one(cfg, a) for a in alts):
        return why
      continue
    r = _unmet_one(cfg, req)
    if r:
      return r
  return None
