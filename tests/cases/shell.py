# tests/cases/shell.py: the shell and the basic user programs work together:
# echo, pipes, redirection, `;`, and files and directories made and removed.
CASES = [
  dict(name="shell",
       help="echo, pipes, < and >, ';', ls, mkdir, rm, wc, grep",
       programs=["echo", "cat", "ls", "mkdir", "rm", "wc", "grep"],
       steps=[
         ("echo hello world", r"^hello world$"),
         ("echo hi | cat", r"^hi$"),
         ("echo a; echo b", r"^a\nb$"),
         ("echo one two three > t1", [], 10),
         ("cat t1", r"^one two three$"),
         ("cat < t1", r"^one two three$"),
         ("wc t1", r"^\s*1\s+3\s+14\s+t1$"),
         ("grep two t1", r"^one two three$"),
         dict(cmd="grep nothing t1", reject=r"one two three"),
         ("echo hi | grep hi | wc", r"^\s*1\s+1\s+3\b"),
         ("echo more >> t1", [], 10),
         ("cat t1", r"^one two three\nmore$"),
         ("mkdir d1", []),
         ("echo inside > d1/f", []),
         ("cat d1/f", r"^inside$"),
         ("ls", [r"^d1\s", r"^t1\s"]),
         ("rm d1/f t1", []),
         dict(cmd="cat t1", expect=r"cannot open|[Nn]o such|error"),
         ("rm d1", []),
         dict(cmd="ls", reject=[r"^d1\s", r"^t1\s"]),
       ]),
]

# The smallest user space (init sh cat echo ls, as tiny_defconfig has):
# the shell runs each program, pipes and redirects. For every configuration
# without USER_CORE_FULL, where the `shell` case cannot run (random ones too).
CASES.append(
  dict(name="minishell",
       help="the core user space: echo, cat, ls, a pipe, > and < on the root",
       requires=["!CONFIG_USER_CORE_FULL"],
       programs=["echo", "cat", "ls"],
       steps=[
         ("echo hello tiny", r"^hello tiny$"),
         ("echo piped | cat", r"^piped$"),
         ("echo kept > f1", [], 10),
         ("cat f1", r"^kept$"),
         ("cat < f1", r"^kept$"),
         ("ls", [r"^f1\s", r"^README\s", r"^sh\s"]),
         dict(cmd="cat nosuch", expect=r"cannot open|[Nn]o such|error"),
       ]))
