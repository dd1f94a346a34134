// user/bin/sectest.c: the multi-user security suite (USER_MULTIUSER).
//
// Run as root on a CONFIG_MULTIUSER kernel with the accounts of the
// default image (alice, uid 1000). It sets up files as root, then forks a
// child that becomes alice and checks that each protection holds (cannot
// read a 0600 file of root's, write /etc/passwd or /etc/shadow, remove
// from or create in a directory it cannot write, search a 0700 directory,
// kill root's process, setuid(0), chown, chmod root's files, power off,
// remove root's file from the sticky /tmp; #23's link-count attacks),
// that a set-user-id program runs as its owner, and that umask shapes new
// files; then checks that root can do each of those things, and that
// login's password check refuses a wrong password (directly and through
// login itself, fed by a pipe). Prints "sectest: ALL PASSED" or the
// failures, and exits with the number of failures.
//
// `sectest euid` prints "euid N": the set-user-id copy runs that.
#include <user.h>
#include <account.h>

#define ALICE 1000

static int fails;

static void
check(int ok, const char *what)
{
  if (!ok) {
    printf("sectest: FAIL: %s\n", what);
    fails++;
  }
}

static int
mkfile(const char *path, const char *text, int mode)
{
  int fd = open(path, O_CREATE | O_WRONLY | O_TRUNC);

  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  close(fd);
  return chmod(path, mode);
}

static int
copyfile(const char *from, const char *to)
{
  char buf[512];
  int in, out, n, ok = 1;

  if ((in = open(from, O_RDONLY)) < 0)
    return -1;
  if ((out = open(to, O_CREATE | O_WRONLY | O_TRUNC)) < 0) {
    close(in);
    return -1;
  }
  while ((n = read(in, buf, sizeof(buf))) > 0)
    if (write(out, buf, n) != n)
      ok = 0;
  close(in);
  close(out);
  return ok ? 0 : -1;
}

// Run argv with stdin fed from input (may be 0), stdout and stderr caught in out.
// Returns the child's exit status, or -1.
static int
run(char **argv, const char *input, char *out, int max)
{
  int pin[2], pout[2], pid, n = 0, r, status;

  if (pipe(pin) < 0 || pipe(pout) < 0)
    return -1;
  if ((pid = fork()) < 0)
    return -1;
  if (pid == 0) {
    close(0);
    dup(pin[0]);
    close(1);
    dup(pout[1]);
    close(2);                   // a shell's prompt goes to fd 2: keep it
    dup(pout[1]);               // off the console the test harness reads
    close(pin[0]);
    close(pin[1]);
    close(pout[0]);
    close(pout[1]);
    exec(argv[0], argv);
    exit(127);
  }
  close(pin[0]);
  close(pout[1]);
  if (input)
    write(pin[1], input, strlen(input));
  close(pin[1]);
  while (n + 1 < max && (r = read(pout[0], out + n, max - 1 - n)) > 0)
    n += r;
  out[n] = 0;
  close(pout[0]);
  wait(&status);
  return status;
}

static int
contains(const char *s, const char *t)
{
  int n = strlen(t);

  for (; *s; s++)
    if (strncmp(s, t, n) == 0)
      return 1;
  return 0;
}

static int
xmode(const char *path, struct xstat *xs)
{
  int fd = open(path, O_RDONLY), r;

  if (fd < 0)
    return -1;
  r = xstat(fd, xs);
  close(fd);
  return r;
}

// Names for the link attack: LINKS_PER_DIR per directory keeps each
// directory small (dirlink scans it whole), so the run stays linear.
#define LINKS_PER_DIR 500

static void
link_name(char *buf, int i)
{
  char *p = buf;
  int d = i / LINKS_PER_DIR, n = i % LINKS_PER_DIR;

  strcpy(p, "/home/alice/L");
  p += strlen(p);
  *p++ = '0' + d / 10;
  *p++ = '0' + d % 10;
  *p++ = '/';
  *p++ = '0' + n / 100;
  *p++ = '0' + n / 10 % 10;
  *p++ = '0' + n % 10;
  *p = 0;
}

// #23's two attacks, as alice, to their end: hard links to /etc/passwd
// until the kernel refuses. Unbounded, the 16-bit count wrapped: negative
// on disk (nobody could log in again), or, with the file held open, round
// to 0 so her close freed the inode while /etc/passwd still named it and
// her next file got it. Now link stops at the limit (EMLINK), the count
// never leaves its range, and her new file is a different inode.
static void
link_attack(void)
{
  char path[32];
  struct stat st, before;
  int fd, n, i;

  fd = open("/etc/passwd", O_RDONLY);
  check(fd >= 0 && fstat(fd, &before) == 0, "alice opens /etc/passwd for the link attack");
  for (n = 0;; n++) {
    if (n % LINKS_PER_DIR == 0) {
      link_name(path, n);
      path[15] = 0;                     // the directory part
      if (mkdir(path) < 0)
        break;
      link_name(path, n);
    }
    link_name(path, n);
    if (link("/etc/passwd", path) < 0)
      break;
  }
  check(fstat(fd, &st) == 0 && st.nlink > before.nlink && st.nlink == before.nlink + n,
        "the link count grows by one per link");
  printf("sectest: link attack: %d links made, then refused at nlink %d\n", n, st.nlink);
  check(n > 0 && st.nlink > 0 && link("/etc/passwd", "/home/alice/one-more") < 0,
        "link past the maximum is refused (EMLINK), the count stays positive");
  check(fstat(fd, &st) == 0 && st.nlink == before.nlink + n, "a refused link changes no count");
  for (i = n - 1; i >= 0; i--) {
    link_name(path, i);
    if (unlink(path) < 0)
      break;
    if (i % LINKS_PER_DIR == 0) {
      path[15] = 0;
      unlink(path);
    }
  }
  check(i < 0, "alice removes every link she made");
  check(fstat(fd, &st) == 0 && st.nlink == before.nlink, "the count is back where it was");
  close(fd);
  // Her next file must not be /etc/passwd's inode.
  fd = open("/home/alice/reuse", O_CREATE | O_RDWR);
  check(fd >= 0 && fstat(fd, &st) == 0 && st.ino != before.ino,
        "alice's new file does not reuse /etc/passwd's inode");
  close(fd);
  unlink("/home/alice/reuse");
}

// One case per counter and limit of the audit in docs/multiuser.md, as
// alice: each pushed to (or past) its bound must fail cleanly and leave
// the system as it was.
static void
counter_attacks(void)
{
  static char big[300];
  char *av[MAXARG + 2];
  int fds[2], fd, i, n, pid, status;

  // Open-file references: dup to the per-process limit, fork holding them
  // all, close in both; the file stays usable (refs neither leak nor drop).
  fd = open("/etc/passwd", O_RDONLY);
  for (n = 0; dup(fd) >= 0; n++)
    ;
  check(n > 0 && dup(fd) < 0, "dup stops at the open-file limit");
  if ((pid = fork()) == 0)
    exit(read(fd, big, 4) == 4 ? 0 : 1);
  wait(&status);
  check(pid > 0 && status == 0, "a child holding every reference reads the file");
  for (i = 3; i < fd + n + 1; i++)
    if (i != fd)
      close(i);
  check(read(fd, big, 1) == 1 && close(fd) == 0, "the file survives closing the copies");

  // In-memory inode references: one inode opened by many descriptors.
  for (n = 0; n < 8 && open("/etc/passwd", O_RDONLY) >= 0; n++)
    ;
  for (i = 3; i < 3 + n; i++)
    close(i);
  check(n == 8 && open("/etc/passwd", O_RDONLY) == 3, "inode references come back");
  close(3);

  // Page references under copy-on-write: children write their copy of a
  // page the parent keeps; the parent's bytes never change.
  memset(big, 'p', sizeof(big));
  for (i = 0; i < 4; i++) {
    if ((pid = fork()) == 0) {
      memset(big, 'c', sizeof(big));
      exit(big[0] == 'c' ? 0 : 1);
    }
  }
  for (n = 0, i = 0; i < 4; i++)
    if (wait(&status) > 0 && status == 0)
      n++;
  check(n == 4 && big[0] == 'p' && big[sizeof(big) - 1] == 'p',
        "copy-on-write children never change the parent's page");

  // Pipe counts: fill the ring, then a reader drains exactly what was put.
  pipe(fds);
  if ((pid = fork()) == 0) {
    close(fds[0]);
    for (i = 0; i < 40; i++)
      write(fds[1], big, sizeof(big));
    exit(0);
  }
  close(fds[1]);
  for (n = 0; (i = read(fds[0], big, sizeof(big))) > 0; n += i)
    ;
  close(fds[0]);
  wait(0);
  check(n == 40 * (int)sizeof(big), "a pipe passes every byte once through its ring");

  // Process ids: positive and distinct (past INT_MAX they restart at 2,
  // skipping live ones; not reachable in a test).
  pid = fork();
  if (pid == 0)
    exit(0);
  wait(0);
  check(pid > getpid() || pid > 1, "a new pid is positive");

  // Ticks: uptime is never negative; a negative sleep returns at once.
  check(uptime() >= 0 && sleep(-5) == 0, "uptime >= 0, sleep(-5) returns 0");

  // Offsets and sizes: lengths near 2^31 and negative ones fail cleanly,
  // nothing is written past the user buffer.
  fd = open("/home/alice/size", O_CREATE | O_RDWR);
  check(write(fd, big, -1) < 0 && read(fd, big, -1) < 0, "negative lengths are refused");
  check(write(fd, big, 0x7fffffff) < 0, "a 2^31-1 write from a small buffer fails");
  close(fd);
  fd = open("/home/alice/size", O_RDONLY);
  struct stat st;
  check(fstat(fd, &st) == 0 && st.size < 0x7fffffff, "the file did not grow past the data given");
  check(read(fd, big, 0x7fffffff) >= 0, "a 2^31-1 read stops at end of file");
  close(fd);
  unlink("/home/alice/size");

  // User and group ids: out of range or someone else's, refused.
  check(setuid(-1) < 0 && setuid(0x7fffffff) < 0 && setgid(-2) < 0,
        "alice cannot set ids out of range or not hers");
  check(getuid() == ALICE && geteuid() == ALICE, "alice is still alice");

  // exec argument totals: MAXARG + 1 arguments, or one longer than the
  // stack, are refused (E2BIG) and exec returns to the caller.
  for (i = 0; i < MAXARG + 1; i++)
    av[i] = "x";
  av[MAXARG + 1] = 0;
  check(exec("/echo", av) < 0, "exec with MAXARG + 1 arguments is refused");
  char *huge = malloc(4100);
  memset(huge, 'a', 4099);
  huge[4099] = 0;
  av[0] = "/echo";
  av[1] = huge;
  av[2] = 0;
  check(exec("/echo", av) < 0, "exec with a 4 KiB argument is refused");
  free(huge);

  // Path lengths: longer than MAXPATH is refused, not cut.
  memset(big, 'a', sizeof(big));
  big[0] = '/';
  big[sizeof(big) - 1] = 0;
  check(open(big, O_CREATE | O_RDWR) < 0, "a path longer than MAXPATH is refused");
}

// The checks alice must fail (or pass); rootpid is a process of root's.
static void
as_alice(int rootpid)
{
  char out[64];
  char *suid[] = { "/stsuid", "euid", 0 };
  struct xstat xs;
  int fd;

  check(setgid(ALICE) == 0 && setuid(ALICE) == 0, "root can become alice");
  check(getuid() == ALICE && geteuid() == ALICE && getegid() == ALICE, "ids are alice's");
  check(open("/stsecret", O_RDONLY) < 0, "alice cannot read root's 0600 file");
  check(open("/etc/passwd", O_WRONLY) < 0, "alice cannot write /etc/passwd");
  check(open("/etc/passwd", O_RDONLY) >= 0, "alice can read /etc/passwd");
  check(open("/etc/shadow", O_RDONLY) < 0, "alice cannot read /etc/shadow");
  check(open("/etc/shadow", O_RDWR) < 0, "alice cannot write /etc/shadow");
  check(unlink("/stdir/f") < 0, "alice cannot unlink in root's 0755 dir");
  check(open("/stdir/new", O_CREATE | O_WRONLY) < 0, "alice cannot create in root's dir");
  check(mkdir("/stdir/d") < 0, "alice cannot mkdir in root's dir");
  check(link("/stdir/f", "/stdir/g") < 0, "alice cannot link into root's dir");
  check(chdir("/stpriv") < 0, "alice cannot chdir into a 0700 dir");
  check(open("/stpriv/x", O_RDONLY) < 0, "alice cannot search a 0700 dir");
  check(kill(rootpid) < 0, "alice cannot kill root's process");
  check(setuid(0) < 0 && geteuid() == ALICE, "alice cannot setuid(0)");
  check(setgid(0) < 0, "alice cannot setgid(0)");
  check(chmod("/stsecret", 0666) < 0, "alice cannot chmod root's file");
  check(mknod("/home/alice/con", 1, 0) < 0, "alice cannot mknod");
  check(poweroff(0) < 0, "alice cannot power off");

  // Sticky /tmp: she adds and removes her own names, not root's; in a
  // world-writable directory without the bit she may remove root's.
  check(xmode("/tmp", &xs) == 0 && xs.mode == 01777 && xs.uid == 0,
        "/tmp is root's, mode 01777 (world-writable, sticky)");
  check(unlink("/tmp/strootf") < 0, "alice cannot remove root's file from sticky /tmp");
  check(mkfile("/tmp/stalice", "a\n", 0644) == 0 && unlink("/tmp/stalice") == 0,
        "alice creates and removes her own file in /tmp");
  // rename takes a name away and adds one: unlink's rule and create's
  // (FS_SYNC kernels: sync() answers).
  if (sync() == 0) {
    check(rename("/stdir/f", "/stdir/g") < 0, "alice cannot rename in root's 0755 dir");
    check(rename("/tmp/strootf", "/tmp/stmine") < 0, "alice cannot rename root's file in sticky /tmp");
    check(mkfile("/tmp/stalice", "a\n", 0644) == 0 && rename("/tmp/stalice", "/tmp/strootf") < 0,
          "alice cannot rename over root's file in sticky /tmp");
    check(rename("/tmp/stalice", "/stdir/stalice") < 0, "alice cannot rename into root's dir");
    check(rename("/tmp/stalice", "/tmp/stalice2") == 0 && unlink("/tmp/stalice2") == 0,
          "alice renames her own file in /tmp");
  }
  check(unlink("/stww/f") == 0, "alice may remove root's file from a 0777 non-sticky dir");

  // Her own home works.
  check(chdir("/home/alice") == 0, "alice can chdir home");
  check(mkfile("/home/alice/x", "mine\n", 0600) == 0, "alice can create in her home");
  check(chown("/home/alice/x", 0, 0) < 0, "alice cannot chown");
  check(unlink("/home/alice/x") == 0, "alice can unlink in her home");

  // umask shapes new files; the owner is the creator.
  umask(077);
  fd = open("/home/alice/u", O_CREATE | O_RDWR);
  check(fd >= 0 && xstat(fd, &xs) == 0 && xs.mode == 0600 && xs.uid == ALICE &&
        xs.gid == ALICE, "umask 077 gives 0600, owned by alice");
  close(fd);
  umask(022);
  unlink("/home/alice/u");
  fd = open("/home/alice/u", O_CREATE | O_RDWR);
  check(fd >= 0 && xstat(fd, &xs) == 0 && xs.mode == 0644, "umask 022 gives 0644");
  close(fd);
  unlink("/home/alice/u");
  check(mkdir("/home/alice/d") == 0 && xmode("/home/alice/d", &xs) == 0 && xs.mode == 0755,
        "umask 022 gives directories 0755");
  unlink("/home/alice/d");

  // The set-user-id copy runs as root; exec of a non-program is refused.
  check(run(suid, 0, out, sizeof(out)) == 0 && strcmp(out, "euid 0\n") == 0,
        "set-user-id root program runs with euid 0");
  char *noexec[] = { "/stdir/f", 0 };
  check(exec(noexec[0], noexec) < 0, "no exec of a 0644 file");
  link_attack();
  counter_attacks();
  exit(fails);
}

int
main(int argc, char *argv[])
{
  char out[1024];               // login's output includes /etc/motd
  char *login[] = { "/login", 0 };
  struct xstat xs;
  struct stat st;
  int sleeper, pid, status, n;

  if (argc > 1 && strcmp(argv[1], "euid") == 0) {
    printf("euid %d\n", geteuid());
    exit(0);
  }
  if (getuid() != 0) {
    printf("sectest: run me as root (uid %d)\n", getuid());
    exit(1);
  }
  umask(022);

  // Root's files.
  check(mkfile("/stsecret", "secret\n", 0600) == 0, "root creates a 0600 file");
  check(mkdir("/stdir") == 0 && chmod("/stdir", 0755) == 0, "root makes /stdir");
  check(mkfile("/stdir/f", "data\n", 0644) == 0, "root makes /stdir/f");
  check(mkdir("/stpriv") == 0 && chmod("/stpriv", 0700) == 0, "root makes /stpriv");
  check(mkfile("/stpriv/x", "x\n", 0644) == 0, "root makes /stpriv/x");
  check(mkfile("/tmp/strootf", "r\n", 0666) == 0, "root makes /tmp/strootf");
  check(mkdir("/stww") == 0 && chmod("/stww", 0777) == 0 && mkfile("/stww/f", "w\n", 0644) == 0,
        "root makes a 0777 directory with a file");
  check(copyfile("/sectest", "/stsuid") == 0 && chmod("/stsuid", 04755) == 0,
        "root makes a set-user-id copy");
  check(xmode("/stsuid", &xs) == 0 && xs.mode == 04755 && xs.uid == 0,
        "the copy is 04755, root's");

  // A process of root's for alice to try to kill.
  // It sleeps until killed: a fixed sleep could end before root's kill
  // on a slow board (sifive_u's SD card: 100 s into sectest at HZ 10).
  if ((sleeper = fork()) == 0) {
    for (;;)
      sleep(1000);
  }
  if ((pid = fork()) == 0)
    as_alice(sleeper);
  wait(&status);
  if (status != 0)
    printf("sectest: %d failure(s) as alice\n", status);
  fails += status;

  // Root may do each of those things.
  int fd = open("/stsecret", O_RDONLY);
  check(fd >= 0, "root reads the 0600 file");
  close(fd);
  fd = open("/etc/passwd", O_WRONLY);
  check(fd >= 0, "root may write /etc/passwd");
  close(fd);
  fd = open("/etc/shadow", O_RDONLY);
  check(fd >= 0, "root reads /etc/shadow");
  close(fd);
  check(kill(sleeper) == 0, "root kills its own process");
  wait(0);
  check(chown("/stdir/f", ALICE, ALICE) == 0 && xmode("/stdir/f", &xs) == 0 &&
        xs.uid == ALICE && xs.gid == ALICE, "root chowns");
  check(setuid(0) == 0, "root may setuid(0)");
  check(unlink("/stdir/f") == 0 && unlink("/stdir") == 0, "root unlinks in its dir");
  check(unlink("/stpriv/x") == 0 && unlink("/stpriv") == 0, "root searches a 0700 dir");
  check(unlink("/stsecret") == 0 && unlink("/stsuid") == 0, "root removes its files");
  check(unlink("/tmp/strootf") == 0 && unlink("/stww") == 0, "root removes /tmp/strootf, /stww");

  // After alice's attacks: /etc/passwd is intact, root can still log in.
  check(stat("/etc/passwd", &st) == 0 && st.nlink == 1, "/etc/passwd has one link again");
  fd = open("/etc/passwd", O_RDONLY);
  n = fd < 0 ? 0 : read(fd, out, sizeof(out) - 1);
  out[n < 0 ? 0 : n] = 0;
  close(fd);
  check(strncmp(out, "root:", 5) == 0 && !contains(out, "alice:x:0:"),
        "/etc/passwd still begins with root's line, alice is not uid 0");
  check(run(login, "root\nroot\n/id\n", out, sizeof(out)) >= 0 && contains(out, "uid=0"),
        "root can still log in (login, then id, says uid=0)");

  // Passwords: the check itself, then login fed a wrong password.
  check(account_check_password("alice", "alice"), "alice's password is accepted");
  check(account_check_password("root", "root"), "root's password is accepted");
  check(!account_check_password("alice", "wrong"), "a wrong password is refused");
  check(!account_check_password("alice", ""), "an empty password is refused");
  check(!account_check_password("nobody", "x"), "an unknown user is refused");
  check(run(login, "alice\nwrong\n", out, sizeof(out)) != 0 && contains(out, "Login incorrect"),
        "login says 'Login incorrect' to a wrong password");

  if (fails == 0)
    printf("sectest: ALL PASSED\n");
  else
    printf("sectest: %d FAILED\n", fails);
  exit(fails);
}
