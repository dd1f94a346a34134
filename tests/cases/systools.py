# tests/cases/systools.py: the system information programs (free, uname)
# report this kernel.
CASES = [
  dict(name="systools",
       help="uname names octopos; free prints memory figures; nproc a hart count",
       requires=["CONFIG_USER_SYSTOOLS"],
       programs=["uname", "free", "nproc"],
       steps=[
         ("uname", r"(?i)octopos"),
         ("free", r"\d"),
         ("nproc", r"^[1-8]$"),
       ]),
]
