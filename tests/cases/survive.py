# tests/cases/survive.py: short survival runs inside the normal test matrix.
#
# Only images with CONFIG_USER_FUZZ (configs/fragments/fuzz.config) carry
# /fuzz and /crashwork; elsewhere these cases are skipped. The long runs,
# the crash test and the damaged images are tests/fuzz.py, tests/crashtest.py
# and tests/hostile.py (docs/survive.md).
CASES = [
  dict(name="fuzz-short",
       help="20 s of random hostile system calls: no panic, no leak, no kernel-pointer copy",
       requires=["CONFIG_USER_FUZZ"],
       programs=["fuzz"],
       steps=[
         dict(cmd="fuzz 1 20", expect=r"^fuzz: ok 1 \d+ calls", fail=r"^fuzz: FAIL[^\n]*",
              timeout=180),
       ]),
  dict(name="crashwork",
       help="the crash-test workload runs rounds and its checker lists what it made",
       requires=["CONFIG_USER_FUZZ"],
       programs=["crashwork"],
       steps=[
         dict(cmd="crashwork run 3 5", expect=r"^crashwork: finished 5 rounds",
              reject=[r"died|failed|cannot"], timeout=60),
         dict(cmd="crashwork check", expect=r"^check end \d+", reject=[r"^bad "], timeout=60),
       ]),
]
