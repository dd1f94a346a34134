# tests/lib: the boot-test machinery shared by tests/run.py, tests/randconfig.py
# and tests/bench.py. Python standard library only.
