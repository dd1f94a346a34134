// user/bin/sh.c: the shell.
//
// Reads a line, parses it into a tree of commands and runs the tree in a
// child process, so nothing a command does (redirections, a failed exec)
// can disturb the shell itself. Builtins run in the shell, since a child
// cannot change its parent's state: `cd`, `exit`, `ulimit` for the limits
// everything started later inherits, and `jobs`, `fg`, `bg` for job
// control (below main's helpers).
//
// Limits, each refused with a message rather than a crash or a partial run
// (the stack is one page): a line holds up to MAXLINE bytes and a longer
// one is not run at all; parentheses nest up to MAXDEPTH deep; a line has
// up to NCMD commands, pipes and redirections. Pipelines and lists are
// parsed and run by loops, not recursion, so only parentheses deepen the
// stack.
//
// Grammar, loosest binding first:
//   line     = pipeline { (';' | '&') [pipeline] }
//   pipeline = command [ '|' pipeline ]
//   command  = ( '(' line ')' | word { word } ) with '<' '>' '>>' redirections
#include <user.h>

enum { EXEC = 1, REDIR, PIPE, LIST, BACK };

#define NCMD   64
#define NARG   MAXARG
#define MAXLINE 4096          // bytes in a line, not counting the newline
#define MAXDEPTH 8            // nested parentheses: about 256 bytes of stack each

struct cmd {
  int type;
  struct cmd *left, *right;   // PIPE, LIST; REDIR and BACK use left
  char *argv[NARG + 1];       // EXEC
  char *file;                 // REDIR
  int fd, mode, append;       // REDIR
};

// The parser's storage: it runs in the child, so nothing is ever freed.
static struct cmd pool[NCMD];
static int npool;
static char words[MAXLINE + 2];   // NUL-terminated copies of the words
static int nwords;
static int depth;             // parentheses open at the parser's place

static char line[MAXLINE + 2];
static const char *pos;       // the scanner's place in line

static void __attribute__((noreturn))
die(const char *msg)
{
  fprintf(2, "sh: %s\n", msg);
  exit(1);
}

static int
fork1(void)
{
  int pid = fork();

  if (pid < 0)
    die("fork failed");
  return pid;
}

static struct cmd *
newcmd(int type)
{
  struct cmd *c;

  if (npool == NCMD)
    die("command too long");
  c = &pool[npool++];
  memset(c, 0, sizeof(*c));
  c->type = type;
  return c;
}

// --- scanner ---------------------------------------------------------------

static const char SPACE[] = " \t\r\n\v";
static const char SYMBOLS[] = "<|>&;()";

static void
skipspace(void)
{
  while (*pos && strchr(SPACE, *pos))
    pos++;
}

// Is the next token the symbol c? Leaves pos at that token.
static int
peek(char c)
{
  skipspace();
  return *pos == c;
}

// Copies the word at pos into the word store; returns it, or 0 if the next
// token is not a word.
static char *
word(void)
{
  char *w = words + nwords;

  skipspace();
  if (*pos == 0 || strchr(SYMBOLS, *pos))
    return 0;
  while (*pos && !strchr(SPACE, *pos) && !strchr(SYMBOLS, *pos)) {
    if (nwords + 2 > (int)sizeof(words))
      die("line too long");
    words[nwords++] = *pos++;
  }
  words[nwords++] = 0;
  return w;
}

// --- parser ----------------------------------------------------------------

static struct cmd *parseline(void);

// Wraps c in every redirection that follows.
static struct cmd *
parseredirs(struct cmd *c)
{
  struct cmd *r;

  while (peek('<') || peek('>')) {
    r = newcmd(REDIR);
    if (*pos == '<') {
      r->fd = 0;
      r->mode = O_RDONLY;
      pos++;
    } else if (pos[1] == '>') {
      r->fd = 1;
      r->mode = O_RDWR | O_CREATE;
      r->append = 1;
      pos += 2;
    } else {
      r->fd = 1;
      r->mode = O_WRONLY | O_CREATE | O_TRUNC;
      pos++;
    }
    if ((r->file = word()) == 0)
      die("missing file for redirection");
    r->left = c;
    c = r;
  }
  return c;
}

static struct cmd *
parsecommand(void)
{
  struct cmd *c, *e;
  char *w;
  int argc = 0;

  if (peek('(')) {
    pos++;
    if (++depth > MAXDEPTH)
      die("parentheses nested too deeply");
    c = parseline();
    if (!peek(')'))
      die("missing )");
    pos++;
    depth--;
    return parseredirs(c);
  }
  // Words and redirections may mix: `echo a > f b` prints "a b" into f.
  c = e = newcmd(EXEC);
  for (;;) {
    c = parseredirs(c);
    if ((w = word()) == 0)
      break;
    if (argc == NARG)
      die("too many arguments");
    e->argv[argc++] = w;
  }
  return c;
}

// a | b | c is PIPE(a, PIPE(b, c)), built by a loop that appends to the
// rightmost pipe.
static struct cmd *
parsepipeline(void)
{
  struct cmd *c = parsecommand(), *head, *tail, *p;

  if (!peek('|'))
    return c;
  head = tail = newcmd(PIPE);
  tail->left = c;
  for (;;) {
    pos++;
    c = parsecommand();
    if (!peek('|')) {
      tail->right = c;
      return head;
    }
    p = newcmd(PIPE);
    p->left = c;
    tail->right = p;
    tail = p;
  }
}

static struct cmd *
parseline(void)
{
  struct cmd *c, *l;

  skipspace();
  if (*pos == 0 || *pos == ')')
    return newcmd(EXEC);   // empty command
  c = parsepipeline();
  for (;;) {
    if (peek('&')) {
      pos++;
      l = newcmd(BACK);
      l->left = c;
      c = l;
    } else if (peek(';')) {
      pos++;
    } else {
      return c;
    }
    skipspace();
    if (*pos == 0 || *pos == ')')
      return c;
    l = newcmd(LIST);
    l->left = c;
    l->right = parsepipeline();
    c = l;
  }
}

// --- execution -------------------------------------------------------------

static void
runexec(struct cmd *c)
{
  static char path[MAXPATH];
  char *name = c->argv[0];

  if (name == 0)
    exit(0);
  exec(name, c->argv);
  // Programs live in the root directory: find them from anywhere.
  if (!strchr(name, '/') && strlen(name) + 2 <= sizeof(path)) {
    path[0] = '/';
    strcpy(path + 1, name);
    exec(path, c->argv);
  }
  fprintf(2, "exec %s failed\n", name);
  exit(1);
}

// Opens the redirection's file in place of c->fd. With no O_APPEND in the
// xv6 ABI, '>>' reads to the end of the file to put the offset there.
static void
runredir(struct cmd *c)
{
  static char skip[512];

  close(c->fd);
  if (open(c->file, c->mode) != c->fd) {
    fprintf(2, "open %s failed\n", c->file);
    exit(1);
  }
  if (c->append)
    while (read(c->fd, skip, sizeof(skip)) > 0)
      ;
}

// Runs c and exits. Right-hand sides continue the loop instead of
// recursing, so a long pipeline or list does not deepen the stack.
static void __attribute__((noreturn))
runcmd(struct cmd *c)
{
  int p[2];

again:
  switch (c->type) {
  case EXEC:
    runexec(c);
    break;
  case REDIR:
    runredir(c);
    c = c->left;
    goto again;
  case PIPE:
    if (pipe(p) < 0)
      die("pipe failed");
    if (fork1() == 0) {
      close(1);
      dup(p[1]);
      close(p[0]);
      close(p[1]);
      runcmd(c->left);
    }
    if (fork1() == 0) {
      close(0);
      dup(p[0]);
      close(p[0]);
      close(p[1]);
      c = c->right;
      goto again;
    }
    close(p[0]);
    close(p[1]);
    wait(0);
    wait(0);
    break;
  case LIST:
    if (fork1() == 0)
      runcmd(c->left);
    wait(0);
    c = c->right;
    goto again;
  case BACK:
    // The child outlives us and is reaped by init.
    if (fork1() == 0)
      runcmd(c->left);
    break;
  }
  exit(0);
}

static void
runline(void)
{
  struct cmd *c;

  npool = nwords = depth = 0;
  pos = line;
  c = parseline();
  skipspace();
  if (*pos != 0)
    die("syntax error");
  runcmd(c);
}

// --- builtins: commands that must run in the shell itself ----------------

#define NBARG 4
static char bline[MAXLINE + 2];   // a builtin's words, split in place
static char *bargv[NBARG + 1];

// Splits the start of line into up to NBARG words in bargv; returns how many.
static int
splitwords(void)
{
  int n = 0;
  char *s = bline;

  memset(bargv, 0, sizeof(bargv));
  strcpy(bline, line);
  while (n < NBARG) {
    while (*s && strchr(SPACE, *s))
      s++;
    if (*s == 0)
      break;
    bargv[n++] = s;
    while (*s && !strchr(SPACE, *s))
      s++;
    if (*s)
      *s++ = 0;
  }
  return n;
}

static void
builtin_cd(void)
{
  char *dir = bargv[1] ? bargv[1] : "/";

  if (chdir(dir) < 0)
    fprintf(2, "cannot cd %s\n", dir);
}

// ulimit [-u|-n|-t] [N|unlimited]: show or set (soft and hard) the limit on
// processes (-u), open files (-n) or CPU seconds (-t, the default).
static void
builtin_ulimit(void)
{
  static const struct { char opt; int res; const char *what; } lims[] = {
    { 't', RLIMIT_CPU, "cpu time (seconds)" },
    { 'n', RLIMIT_NOFILE, "open files" },
    { 'u', RLIMIT_NPROC, "processes" },
  };
  struct rlimit rl;
  int i = 0, a = 1, all = 0;

  if (bargv[1] && strcmp(bargv[1], "-a") == 0) {
    all = 1;
    a++;
  } else if (bargv[1] && bargv[1][0] == '-') {
    for (i = 0; i < 3 && lims[i].opt != bargv[1][1]; i++)
      ;
    if (i == 3 || bargv[1][2]) {
      fprintf(2, "ulimit: usage: ulimit [-a|-t|-n|-u] [N|unlimited]\n");
      return;
    }
    a++;
  }
  for (int j = all ? 0 : i; j < (all ? 3 : i + 1); j++) {
    if (getrlimit(lims[j].res, &rl) < 0) {
      fprintf(2, "ulimit: this kernel has no resource limits\n");
      return;
    }
    if (bargv[a] == 0 || all) {
      if (all)
        printf("%-20s ", lims[j].what);
      if (rl.rlim_cur == RLIM_INFINITY)
        printf("unlimited\n");
      else
        printf("%lu\n", rl.rlim_cur);
      continue;
    }
    if (strcmp(bargv[a], "unlimited") == 0)
      rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
    else if (bargv[a][0] >= '0' && bargv[a][0] <= '9')
      rl.rlim_cur = rl.rlim_max = atoi(bargv[a]);
    else {
      fprintf(2, "ulimit: %s: not a number\n", bargv[a]);
      return;
    }
    if (setrlimit(lims[j].res, &rl) < 0)
      fprintf(2, "ulimit: cannot set the limit (only root raises a hard limit)\n");
  }
}

static void builtin_jobs(void), builtin_fg(void), builtin_bg(void);

static void
builtin_exit(void)
{
  exit(bargv[1] ? atoi(bargv[1]) : 0);
}

// Runs line if it is a builtin; returns 1 if it was one.
static int
builtin(void)
{
  static const struct { const char *name; void (*fn)(void); } cmds[] = {
    { "cd", builtin_cd }, { "ulimit", builtin_ulimit },
    { "jobs", builtin_jobs }, { "fg", builtin_fg }, { "bg", builtin_bg },
    { "exit", builtin_exit },
  };

  if (splitwords() == 0)
    return 0;
  for (int i = 0; i < (int)(sizeof(cmds) / sizeof(cmds[0])); i++) {
    if (strcmp(bargv[0], cmds[i].name) == 0) {
      cmds[i].fn();
      return 1;
    }
  }
  return 0;
}

// Reads one line into `line` (without its newline). Returns its length,
// -1 at end of input, or -2 for a line longer than MAXLINE, which is read
// to its end and dropped so that no part of it runs.
static int interactive;        // stdin is a terminal

static int
getline(void)
{
  static char chunk[128];
  int n = 0, r;

  // From a file, one byte at a time: what follows the line is the next
  // command's. The console returns at most a line per read, so there
  // read whole chunks: the console's small input buffer drains fast.
  for (;;) {
    if (interactive) {
      if ((r = read(0, chunk, sizeof(chunk))) < 1)
        break;
    } else if ((r = read(0, chunk, 1)) < 1) {
      break;
    }
    int i;
    for (i = 0; i < r && chunk[i] != '\n' && chunk[i] != '\r'; i++) {
      if (n < MAXLINE)
        line[n] = chunk[i];
      n++;
    }
    if (i < r)
      break;                  // the end of the line
  }
  if (r < 1 && n == 0)
    return -1;
  if (n > MAXLINE)
    return -2;
  line[n] = 0;
  return n;
}

// --- job control (kernels with CONFIG_JOB_CONTROL) -----------------------
//
// Each command line is a job: the child that runs it leads a new process
// group, which everything it starts joins, so ^C and ^Z reach the whole
// pipeline and never the shell. A foreground job gets the console
// (tcsetpgrp) until it ends or stops; a line ending in & runs in the
// background. Without job control (xv6's kernel) lines run as before.

#define NJOBS 8
enum { FREE, RUNNING, STOPPED };
static struct job {
  int state, pid;             // pid leads the job's process group
  char cmd[40];
} jobs[NJOBS];
static int jc;                // job control is on
static int shpgid;

static void
setsigs(sighandler_t h)
{
  signal(SIGINT, h);
  signal(SIGQUIT, h);
  signal(SIGTSTP, h);
  signal(SIGTTIN, h);
  signal(SIGTTOU, h);
}

static void
jc_init(void)
{
  if (tcgetpgrp(0) < 0 || tcgetpgrp(0) != getpgid(0))
    return;                   // no terminal, or we are not in the foreground
  setsigs(SIG_IGN);
  setpgid(0, 0);
  shpgid = getpid();
  tcsetpgrp(0, shpgid);
  jc = 1;
}

static struct job *
addjob(int pid, int state)
{
  for (int i = 0; i < NJOBS; i++) {
    if (jobs[i].state == FREE) {
      jobs[i].state = state;
      jobs[i].pid = pid;
      int n = strlen(line);
      if (n >= (int)sizeof(jobs[i].cmd))
        n = sizeof(jobs[i].cmd) - 1;
      memmove(jobs[i].cmd, line, n);
      jobs[i].cmd[n] = 0;
      return &jobs[i];
    }
  }
  fprintf(2, "sh: too many jobs; %d is not tracked\n", pid);
  return 0;
}

static void
report(struct job *j, const char *what)
{
  printf("[%d] %s\t%s\n", (int)(j - jobs) + 1, what, j->cmd);
}

// Wait for job j (pid) in the foreground; keep it as a job if it stops.
static void
waitfg(int pid, struct job *j)
{
  int st;
  tcsetpgrp(0, pid);
  while (waitpid(pid, &st, WUNTRACED) < 0)
    ;
  tcsetpgrp(0, shpgid);
  if (WIFSTOPPED(st)) {
    if (j == 0)
      j = addjob(pid, STOPPED);
    if (j) {
      j->state = STOPPED;
      report(j, "Stopped");
    }
    return;
  }
  if (j)
    j->state = FREE;
  if (WIFSIGNALED(st) && WTERMSIG(st) != SIGINT)
    printf("sh: killed by signal %d\n", WTERMSIG(st));
}

// Reap background jobs that ended or stopped, before each prompt.
static void
reapjobs(void)
{
  int pid, st;
  while ((pid = waitpid(-1, &st, WNOHANG | WUNTRACED)) > 0) {
    for (int i = 0; i < NJOBS; i++) {
      if (jobs[i].state == FREE || jobs[i].pid != pid)
        continue;
      if (WIFSTOPPED(st)) {
        if (jobs[i].state != STOPPED)
          report(&jobs[i], "Stopped");
        jobs[i].state = STOPPED;
      } else {
        report(&jobs[i], "Done");
        jobs[i].state = FREE;
      }
    }
  }
}

// The job `fg`, `bg` name: "%n" or n, else the newest.
static struct job *
findjob(void)
{
  char *a = bargv[1];
  if (a) {
    int n = atoi(a[0] == '%' ? a + 1 : a);
    if (n >= 1 && n <= NJOBS && jobs[n - 1].state != FREE)
      return &jobs[n - 1];
    fprintf(2, "sh: %s: no such job\n", a);
    return 0;
  }
  for (int i = NJOBS - 1; i >= 0; i--)
    if (jobs[i].state != FREE)
      return &jobs[i];
  fprintf(2, "sh: no current job\n");
  return 0;
}

static void
builtin_jobs(void)
{
  reapjobs();
  for (int i = 0; i < NJOBS; i++)
    if (jobs[i].state != FREE)
      report(&jobs[i], jobs[i].state == STOPPED ? "Stopped" : "Running");
}

static void
builtin_fg(void)
{
  struct job *j = jc ? findjob() : 0;
  if (j == 0)
    return;
  printf("%s\n", j->cmd);
  j->state = RUNNING;
  // The console first: continued in the background, the job's read would
  // stop it again with SIGTTIN.
  tcsetpgrp(0, j->pid);
  sigkill(-j->pid, SIGCONT);
  waitfg(j->pid, j);
}

static void
builtin_bg(void)
{
  struct job *j = jc ? findjob() : 0;
  if (j == 0)
    return;
  j->state = RUNNING;
  sigkill(-j->pid, SIGCONT);
  report(j, "Running");
}

// Does the line end in a lone '&'? Then strip it: the job runs in the
// background.
static int
background(void)
{
  int n = strlen(line);
  while (n > 0 && strchr(SPACE, line[n - 1]))
    n--;
  if (n == 0 || line[n - 1] != '&')
    return 0;
  line[n - 1] = 0;
  return 1;
}

// Run the line as a job.
static void
runjob(void)
{
  int bg = background();
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "sh: fork failed\n");
    return;
  }
  if (pid == 0) {
    setpgid(0, 0);
    if (!bg)
      tcsetpgrp(0, getpid());
    setsigs(SIG_DFL);
    runline();
  }
  setpgid(pid, pid);          // both sides: whichever runs first
  if (bg) {
    struct job *j = addjob(pid, RUNNING);
    if (j)
      printf("[%d] %d\n", (int)(j - jobs) + 1, pid);
  } else {
    waitfg(pid, 0);
  }
}

int
main(void)
{
  int fd;

  // Make sure fds 0, 1 and 2 are open, as commands assume.
  while ((fd = open("console", O_RDWR)) >= 0) {
    if (fd >= 3) {
      close(fd);
      break;
    }
  }

  // Prompt only a person: a script's shell (sh < file) stays quiet.
  struct stat st;
  interactive = fstat(0, &st) == 0 && st.type == T_DEVICE;
  jc_init();
  for (;;) {
    if (jc)
      reapjobs();
    if (interactive)
      fprintf(2, "$ ");
    int n = getline();
    if (n == -1)
      break;   // end of input
    if (n == -2) {
      fprintf(2, "sh: line too long (more than %d bytes); nothing run\n", MAXLINE);
      continue;
    }
    if (n == 0 || builtin())
      continue;
    if (jc) {
      runjob();
      continue;
    }
    // A full process table is no reason to end the shell: say so and
    // read the next line.
    int pid = fork();
    if (pid < 0) {
      fprintf(2, "sh: fork failed\n");
      continue;
    }
    if (pid == 0)
      runline();
    wait(0);
  }
  return 0;
}
