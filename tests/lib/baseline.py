# tests/lib/baseline.py: the recorded benchmark baseline, the regression
# guard of `make bench`.
#
# Benchmarks are never pass/fail tests here (a shared machine makes any
# time limit flaky); instead `make bench` prints each figure against the one
# recorded in tests/bench_baseline.json for the same defconfig, harts and
# kind of run, and names what got markedly slower. `make bench
# BENCH_SAVE=1` records the run just made as the new baseline. The ratio
# only means something when both runs were made on one machine in similar
# conditions: docs/bench.md ("How to check a change") says how to compare.
import json
import os

PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    "bench_baseline.json")
SLOWER = 1.5     # a ratio above this is reported as a possible regression


def _key(kind, defconfig, smp):
  return "%s/%s/smp%d" % (kind, defconfig, smp)


def load():
  try:
    with open(PATH) as f:
      return json.load(f)
  except (OSError, ValueError):
    return {}


def compare(kind, defconfig, smp, figures):
  """Print each figure (name -> us per op) against the baseline; return the
  names more than SLOWER times slower."""
  base = load().get(_key(kind, defconfig, smp))
  if not base:
    print("baseline: none recorded for %s (make bench BENCH_SAVE=1 records one)"
          % _key(kind, defconfig, smp))
    return []
  print("%-8s %12s %12s %8s" % ("bench", "us/iter", "baseline", "ratio"))
  slower = []
  for name, us in figures.items():
    ref = base["us"].get(name)
    if not ref:
      continue
    r = us / ref
    flag = "  <- slower than %.1fx" % SLOWER if r > SLOWER else ""
    print("%-8s %12.2f %12.2f %8.2f%s" % (name, us, ref, r, flag))
    if r > SLOWER:
      slower.append(name)
  print("baseline recorded %s on %s" % (base.get("date", "?"), base.get("machine", "?")))
  if slower:
    print("baseline: slower than recorded: %s (rerun side by side before believing it)"
          % " ".join(slower))
  else:
    print("baseline: no benchmark more than %.1fx slower than recorded" % SLOWER)
  return slower


def save(kind, defconfig, smp, figures, machine):
  import time
  data = load()
  data[_key(kind, defconfig, smp)] = dict(
    date=time.strftime("%Y-%m-%d"), machine=machine,
    us={k: round(v, 2) for k, v in figures.items()})
  with open(PATH, "w") as f:
    json.dump(data, f, indent=1, sort_keys=True)
    f.write("\n")
  print("baseline: recorded %s in %s" % (_key(kind, defconfig, smp), PATH))
