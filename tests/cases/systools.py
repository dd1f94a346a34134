# tests/cases/systools.py: the system information programs (free, uname)
# report this kernel.
CASES = [
  dict(name="systools",
       help="uname names octopos; free prints memory figures",
       requires=["CONFIG_USER_SYSTOOLS"],
       programs=["uname", "free"],
       steps=[
         ("uname", r"(?i)octopos"),
         ("free", r"\d"),
       ]),
]
