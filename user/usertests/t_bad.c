// user/usertests/t_bad.c: the system-call trust boundary. Every call must
// reject bad file descriptors, bad pointers, unterminated or oversized
// paths and absurd lengths with -1 (xv6's one error value), and must never
// crash the kernel or corrupt the caller. Where xv6 itself returns a short
// count instead of -1 (pipes and devices copy byte by byte), a test accepts
// "nothing transferred" (-1 or 0) and says so.
#include "usertests.h"

void
t_badfd(void)
{
  struct stat st;
  static char buf[8];
  int closed = dup(0);

  CHECK(closed >= 0, "dup failed");
  xclose(closed);
  int bad[] = { -1, 100, -100, 0x7fffffff, -0x7fffffff - 1, ut.nr_open, ut.nr_open + 1, closed };
  for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    int fd = bad[i];
    CHECK(read(fd, buf, 1) == -1, "read(%d) did not fail", fd);
    CHECK(write(fd, "x", 1) == -1, "write(%d) did not fail", fd);
    CHECK(fstat(fd, &st) == -1, "fstat(%d) did not fail", fd);
    CHECK(dup(fd) == -1, "dup(%d) did not fail", fd);
    CHECK(close(fd) == -1, "close(%d) did not fail", fd);
  }
  // Closing twice fails the second time.
  int fd = dup(0);
  CHECK(close(fd) == 0 && close(fd) == -1, "double close did not fail");
}

void
t_fdexhaust(void)
{
  static int fds[256];
  int n = 0, p[2], before = lowest_free_fd(), used = 0;

  for (int i = 0; i < 64; i++) {
    int fd = dup(i);
    if (fd >= 0) {
      used++;
      close(fd);
    }
  }

  while (n < 256) {
    int fd = (n & 1) ? dup(0) : open(".", O_RDONLY);
    if (fd < 0)
      break;
    fds[n++] = fd;
  }
  CHECK(n < 256, "never ran out of file descriptors");
  CHECK(n + used == ut.nr_open, "%d fds open at once, NR_OPEN is %d", n + used, ut.nr_open);
  CHECK(open(".", O_RDONLY) == -1, "open with a full fd table succeeded");
  CHECK(dup(0) == -1, "dup with a full fd table succeeded");
  CHECK(pipe(p) == -1, "pipe with a full fd table succeeded");
  // One slot free: pipe needs two, so it fails, and must not keep the one.
  xclose(fds[--n]);
  CHECK(pipe(p) == -1, "pipe with one free fd succeeded");
  int fd = dup(0);
  CHECK(fd >= 0, "failed pipe() leaked the last free fd");
  xclose(fd);
  while (n > 0)
    xclose(fds[--n]);
  CHECK(lowest_free_fd() == before, "fd table not back to its start");
}

// Many processes holding many open files: the system-wide table runs out,
// opens fail with -1, and every entry comes back when they exit.
void
t_filetable(void)
{
  int nchild = 10, fds[2], total = 0, failures = 0;

  CHECK(pipe(fds) == 0, "pipe failed");
  int go[2];
  CHECK(pipe(go) == 0, "pipe failed");
  for (int c = 0; c < nchild; c++) {
    int pid = xfork();
    if (pid == 0) {
      int n = 0, f = 0;
      close(go[1]);
      for (int i = 0; i < 12; i++) {
        if (open(".", O_RDONLY) >= 0)
          n++;
        else
          f++;
      }
      int msg[2] = { n, f };
      write(fds[1], msg, sizeof(msg));
      char c;
      read(go[0], &c, 1);    // hold the files until the parent says go
      exit(0);
    }
  }
  close(go[0]);
  for (int c = 0; c < nchild; c++) {
    int msg[2];
    xread(fds[0], msg, sizeof(msg));
    total += msg[0];
    failures += msg[1];
  }
  close(go[1]);
  for (int c = 0; c < nchild; c++)
    CHECK(wait(0) > 0, "wait failed");
  CHECK(total > 0, "no child could open anything");
  if (nchild * 12 > ut.nr_files)
    CHECK(failures > 0 && total <= ut.nr_files,
          "%d opens succeeded with a %d-entry file table", total, ut.nr_files);
  // All released: one process can fill its own table again.
  int n = 0;
  static int mine[64];
  while (n < 64 && (mine[n] = open(".", O_RDONLY)) >= 0)
    n++;
  CHECK(n >= ut.nr_open - 6, "only %d opens after the children exited", n);
  while (n > 0)
    close(mine[--n]);
  close(fds[0]);
  close(fds[1]);
}

static void
zombie_wait(unsigned long a)
{
  int pid = xfork();
  if (pid == 0)
    exit(0);
  sleep(1);
  int r = wait((int *)a);
  if (r != -1)
    fail("wait(%p) returned %d", (void *)a, r);
  wait(0);              // reap it if the failed wait did not
}

void
t_badptr(void)
{
  static unsigned long addrs[16];
  static char *av[4];
  struct sysinfo si;
  int na = 0, p[2];
  char c;

  char *edge = heap_edge();
  addrs[na++] = UT_KERNBASE;
  addrs[na++] = UT_KERNBASE + 12345;
  addrs[na++] = 0xffffffffffffffffUL;
  addrs[na++] = UT_MAXVA - UT_PGSIZE;       // trampoline
  addrs[na++] = UT_MAXVA - 2 * UT_PGSIZE;   // trapframe
  addrs[na++] = UT_MAXVA - 1;
  addrs[na++] = UT_MAXVA;
  addrs[na++] = 1UL << 63;
  addrs[na++] = (unsigned long)edge + UT_PGSIZE;          // above the break
  addrs[na++] = UT_PGDOWN(&c) - 16;                       // guard page

  unlink("ut-bp");
  unlink("ut-bp2");
  unlink("ut-bpx");
  int fd = xopen("ut-bp", O_CREATE | O_RDWR);
  fill_pattern(ut_buf, 100, 5);
  xwrite(fd, ut_buf, 100);
  xclose(fd);
  int fdr = xopen("ut-bp", O_RDONLY);
  int fdw = xopen("ut-bp2", O_CREATE | O_WRONLY);
  CHECK(pipe(p) == 0, "pipe failed");
  int have_si = sysinfo(&si) == 0;
  int have_cfg = getconfig(ut_buf, 64) > 0;

  for (int i = 0; i < na; i++) {
    unsigned long a = addrs[i];
    void *v = (void *)a;
    CHECK(read(fdr, v, 10) == -1, "read into %p did not fail", v);
    CHECK(write(fdw, v, 10) == -1, "write from %p did not fail", v);
    CHECK(write(p[1], v, 10) <= 0, "pipe write from %p transferred data", v);
    write(p[1], "z", 1);
    CHECK(read(p[0], v, 1) <= 0, "pipe read into %p transferred data", v);
    CHECK(fstat(fdr, v) == -1, "fstat into %p did not fail", v);
    CHECK(pipe(v) == -1, "pipe(%p) did not fail", v);
    CHECK(open(v, O_RDONLY) == -1, "open(%p) did not fail", v);
    CHECK(open(v, O_CREATE | O_RDWR) == -1, "open(%p, O_CREATE) did not fail", v);
    CHECK(unlink(v) == -1, "unlink(%p) did not fail", v);
    CHECK(mkdir(v) == -1, "mkdir(%p) did not fail", v);
    CHECK(chdir(v) == -1, "chdir(%p) did not fail", v);
    CHECK(mknod(v, 1, 0) == -1, "mknod(%p) did not fail", v);
    CHECK(link(v, "ut-bpx") == -1, "link(%p, name) did not fail", v);
    CHECK(link("ut-bp", v) == -1, "link(name, %p) did not fail", v);
    av[0] = ut.progname;
    av[1] = "__shouldfail";   // should an exec succeed, the new image exits 3
    av[2] = 0;
    CHECK(exec(v, av) == -1, "exec(%p) did not fail", v);
    CHECK(exec(ut.progname, v) == -1, "exec with argv %p did not fail", v);
    av[2] = v;
    av[3] = 0;
    CHECK(exec(ut.progname, av) == -1, "exec with argv[2] %p did not fail", v);
    if (have_si) {
      CHECK(sysinfo(v) == -1, "sysinfo(%p) did not fail", v);
      CHECK(uname(v) == -1, "uname(%p) did not fail", v);
    }
    if (have_cfg)
      CHECK(getconfig(v, 64) == -1, "getconfig(%p) did not fail", v);
    zombie_wait(a);
  }

  // Address 0 is our text: readable, not writable.
  CHECK(read(fdr, 0, 10) == -1, "read into the text page did not fail");
  CHECK(fstat(fdr, 0) == -1, "fstat into the text page did not fail");
  if (have_si)
    CHECK(sysinfo(0) == -1, "sysinfo into the text page did not fail");

  // Failed calls moved no offsets and wrote nothing.
  static char buf[100];
  xread(fdr, buf, 100);
  CHECK(check_pattern(buf, 100, 5), "failed reads moved the file offset");
  CHECK(open("ut-bpx", O_RDONLY) == -1, "a failed link made a name");
  struct stat st;
  CHECK(fstat(fdw, &st) == 0 && st.size == 0, "failed writes wrote %lu bytes", st.size);
  close(fdr);
  close(fdw);
  close(p[0]);
  close(p[1]);
  unlink("ut-bp");
  unlink("ut-bp2");
}

void
t_hugelen(void)
{
  int fd, r, p[2];
  char *edge = heap_edge();

  unlink("ut-hl");
  unlink("ut-hl2");
  fd = xopen("ut-hl", O_CREATE | O_RDWR);
  fill_pattern(ut_buf, 100, 2);
  xwrite(fd, ut_buf, 100);
  xclose(fd);

  fd = xopen("ut-hl", O_RDONLY);
  r = read(fd, ut_buf, 0x7fffffff);
  CHECK(r == 100 || r == -1, "read of 0x7fffffff bytes from a 100-byte file returned %d", r);
  xclose(fd);
  fd = xopen("ut-hl", O_RDONLY);
  r = read(fd, ut_buf, -1);
  CHECK(r == -1 || r == 0 || r == 100, "read of -1 bytes returned %d", r);
  xclose(fd);
  fd = xopen("ut-hl", O_RDONLY);
  r = read(fd, edge + UT_PGSIZE - 5, 10);
  CHECK(r == -1 || (r >= 0 && r <= 5), "read into a buffer running off the heap returned %d", r);
  xclose(fd);

  fd = xopen("ut-hl2", O_CREATE | O_WRONLY);
  r = write(fd, ut_buf, 0x7fffffff);
  CHECK(r == -1, "write of 0x7fffffff bytes returned %d", r);
  r = write(fd, ut_buf, -1);
  CHECK(r <= 0, "write of -1 bytes returned %d", r);
  r = write(fd, edge + UT_PGSIZE - 5, 10);
  CHECK(r == -1 || (r >= 0 && r <= 5), "write from a buffer running off the heap returned %d", r);
  xclose(fd);

  CHECK(pipe(p) == 0, "pipe failed");
  r = write(p[1], ut_buf, -1);
  CHECK(r <= 0, "pipe write of -1 bytes returned %d", r);
  xwrite(p[1], "y", 1);
  r = read(p[0], ut_buf, -1);
  CHECK(r >= -1 && r <= 1, "pipe read of -1 bytes returned %d", r);
  close(p[0]);
  close(p[1]);
  unlink("ut-hl");
  unlink("ut-hl2");
}

void
t_badpath(void)
{
  static char longp[300];
  static char *av[3];
  struct stat st;
  char *edge = heap_edge();
  char *paths[3];

  memset(edge, 'a', UT_PGSIZE);             // no NUL before the unmapped page
  memset(longp, 'a', 200);                  // NUL-terminated, longer than MAXPATH
  longp[200] = 0;
  paths[0] = edge + UT_PGSIZE - 20;
  paths[1] = edge;
  paths[2] = longp;
  av[0] = ut.progname;
  av[1] = "__shouldfail";
  av[2] = 0;
  unlink("ut-bpath");
  close(xopen("ut-bpath", O_CREATE | O_RDWR));

  for (int i = 0; i < 3; i++) {
    char *s = paths[i];
    const char *what = i < 2 ? "unterminated path" : "200-character path";
    CHECK(open(s, O_RDONLY) == -1, "open of %s did not fail", what);
    CHECK(open(s, O_CREATE | O_RDWR) == -1, "create of %s did not fail", what);
    CHECK(unlink(s) == -1, "unlink of %s did not fail", what);
    CHECK(mkdir(s) == -1, "mkdir of %s did not fail", what);
    CHECK(chdir(s) == -1, "chdir of %s did not fail", what);
    CHECK(mknod(s, 1, 0) == -1, "mknod of %s did not fail", what);
    CHECK(link("ut-bpath", s) == -1, "link to %s did not fail", what);
    CHECK(link(s, "ut-bpath2") == -1, "link from %s did not fail", what);
    CHECK(exec(s, av) == -1, "exec of %s did not fail", what);
  }
  CHECK(stat("aaaaaaaaaaaaaa", &st) == -1, "a failed call created a (truncated) name");
  CHECK(stat("ut-bpath2", &st) == -1, "a failed link created a name");

  // Missing files and directories.
  CHECK(open("ut-nx", O_RDONLY) == -1, "open of a missing file succeeded");
  CHECK(open("ut-nx/x", O_CREATE | O_RDWR) == -1, "create in a missing dir succeeded");
  CHECK(chdir("ut-nx") == -1, "chdir to a missing dir succeeded");
  CHECK(unlink("ut-nx") == -1, "unlink of a missing file succeeded");
  CHECK(link("ut-nx", "ut-nx2") == -1, "link of a missing file succeeded");
  CHECK(exec("ut-nx", av) == -1, "exec of a missing file succeeded");
  CHECK(exec("", av) == -1, "exec of \"\" succeeded");
  CHECK(unlink("") == -1, "unlink(\"\") succeeded");
  CHECK(link("", "ut-nx2") == -1, "link(\"\", name) succeeded");
  CHECK(link("ut-bpath", "") == -1, "link(name, \"\") succeeded");
  CHECK(unlink("ut-bpath") == 0, "unlink failed");
}

// An ecall with a number nobody defined returns -1 and the caller goes on.
static long
raw_syscall(long num, long arg)
{
  register long a7 __asm__("a7") = num;
  register long a0 __asm__("a0") = arg;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
  return a0;
}

void
t_badsyscall(void)
{
  static const long nums[] = { 0, 27, 127, 1000, -1, 0x7fffffff, 1L << 32 };

  for (unsigned int i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
    long r = raw_syscall(nums[i], 0);
    CHECK(r == -1, "system call %ld returned %ld, not -1", nums[i], r);
  }
  CHECK(getpid() > 0, "getpid after bad system calls failed");
}

void
t_sysinfo(void)
{
  struct sysinfo si;
  struct utsname un;
  int u0 = uptime();

  if (sysinfo(&si) != 0)
    skip("no sysinfo system call");
  CHECK(si.totalmem > 0 && si.freemem <= si.totalmem, "freemem %lu totalmem %lu",
        si.freemem, si.totalmem);
  CHECK(si.nharts >= 1 && si.nharts <= 64, "nharts %u", si.nharts);
  CHECK(si.nproc >= 2, "nproc %u, but this test and its parent run", si.nproc);
  CHECK(si.uptime >= (unsigned long)u0, "sysinfo uptime %lu < uptime() %d", si.uptime, u0);

  // Allocating (and touching: the heap may grow lazily) a megabyte shows in
  // freemem (retry: init may be freeing orphans at the same time).
  int ok = 0;
  for (int i = 0; i < 5 && !ok; i++) {
    struct sysinfo a, b;
    sysinfo(&a);
    char *p = sbrk(1 << 20);
    CHECK(p != (char *)-1, "sbrk(1 MiB) failed");
    for (int off = 0; off < (1 << 20); off += 4096)
      p[off] = 1;
    sysinfo(&b);
    sbrk(-(1 << 20));
    ok = a.freemem >= b.freemem + (1 << 20);
  }
  CHECK(ok, "sbrk(1 MiB) did not lower freemem by 1 MiB");

  CHECK(uname(&un) == 0, "uname failed");
  un.sysname[sizeof(un.sysname) - 1] = 0;
  un.machine[sizeof(un.machine) - 1] = 0;
  CHECK(strcmp(un.sysname, "octopos") == 0, "sysname \"%s\"", un.sysname);
  CHECK(strcmp(un.machine, "riscv64") == 0, "machine \"%s\"", un.machine);

  int n = getconfig(ut_buf, sizeof(ut_buf));
  if (n > 0) {
    CHECK(n <= (int)sizeof(ut_buf), "getconfig returned %d for a %d-byte buffer", n,
          (int)sizeof(ut_buf));
    int found = 0;
    for (int i = 0; i + 7 <= n && !found; i++)
      found = memcmp(ut_buf + i, "CONFIG_", 7) == 0;
    CHECK(found, "getconfig text has no CONFIG_ line");
  }
}
