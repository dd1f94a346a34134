// user/usertests/t_exec.c: exec tests. usertests execs itself with argv[1]
// starting "__", which runs exec_helper() instead of the suite: it checks
// what it was given and exits with a status the test reads. Bad images are
// copies of our own binary with one header field broken, so each test
// isolates one check in the kernel's ELF loader.
#include "usertests.h"

// The ELF64 header and program header (from the ELF specification).
struct ut_elfhdr {
  unsigned int magic;         // 0x464c457f: "\x7fELF"
  unsigned char ident[12];
  unsigned short type, machine;
  unsigned int version;
  unsigned long entry, phoff, shoff;
  unsigned int flags;
  unsigned short ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct ut_proghdr {
  unsigned int type, flags;
  unsigned long off, vaddr, paddr, filesz, memsz, align;
};

#define UT_ELF_MAGIC 0x464c457fU
#define UT_PT_LOAD   1
#define HELPER_SUCCEEDED 3    // "__shouldfail" ran: an exec that should fail did not

// The exec'd side. Returns the exit status.
int
exec_helper(int argc, char *argv[])
{
  struct stat st;
  char *cmd = argv[1];

  if (strcmp(cmd, "__exit") == 0)
    return argc >= 3 ? atoi(argv[2]) : 0;
  if (strcmp(cmd, "__sigexec") == 0)
    return sig_exec_helper();
  if (strcmp(cmd, "__shouldfail") == 0)
    return HELPER_SUCCEEDED;
  if (strcmp(cmd, "__args") == 0) {
    static const char *want[] = { "a", "bc", "", "def", "ghijklmnopqrstuvwxyz0123456789" };
    if (argc != 7 || argv[argc] != 0)
      return 1;
    for (int i = 0; i < 5; i++)
      if (strcmp(argv[i + 2], want[i]) != 0)
        return 2 + i;
    return 0;
  }
  if (strcmp(cmd, "__count") == 0)
    return (argc >= 3 && argc == atoi(argv[2]) && argv[argc] == 0) ? 0 : 1;
  if (strcmp(cmd, "__fd") == 0) {
    static char buf[8];
    int fd = argc >= 3 ? atoi(argv[2]) : -1;
    if (fstat(fd, &st) != 0 || st.type != T_FILE)
      return 1;
    if (read(fd, buf, 6) != 6 || memcmp(buf, "execfd", 6) != 0)
      return 2;
    return 0;
  }
  return 99;
}

static void
need_self(void)
{
  if (!ut.have_exec_self)
    skip("cannot open %s to exec it", ut.progname);
}

// exec path with av in a child; return the child's exit status.
static int
exec_status(const char *path, char **av)
{
  int pid = xfork();
  if (pid == 0) {
    exec(path, av);
    exit(100);        // exec returned: it failed
  }
  return xwait(pid);
}

// exec must return -1 in the caller, which goes on unharmed.
static void
expect_exec_fails(const char *path, char **av, const char *what)
{
  int pid = xfork();
  if (pid == 0) {
    int r = exec(path, av);
    exit(r == -1 ? 0 : 1);
  }
  int st = xwait(pid);
  if (st == HELPER_SUCCEEDED)
    fail("exec of %s succeeded", what);
  if (st == -1)
    fail("exec of %s killed the caller instead of failing", what);
  if (st != 0)
    fail("exec of %s: status %d", what, st);
}

void
t_execargs(void)
{
  static char *av[8];
  static char *av20[24];
  static char count[4];

  need_self();
  av[0] = ut.progname;
  av[1] = "__args";
  av[2] = "a";
  av[3] = "bc";
  av[4] = "";
  av[5] = "def";
  av[6] = "ghijklmnopqrstuvwxyz0123456789";
  av[7] = 0;
  int st = exec_status(ut.progname, av);
  CHECK(st == 0, "exec'd program saw wrong arguments (status %d)", st);

  av[1] = "__exit";
  av[2] = "5";
  av[3] = 0;
  st = exec_status(ut.progname, av);
  CHECK(st == 5, "exec'd program exited %d, expected 5", st);

  av20[0] = ut.progname;
  av20[1] = "__count";
  snprintf(count, sizeof(count), "%d", 20);
  av20[2] = count;
  for (int i = 3; i < 20; i++)
    av20[i] = "x";
  av20[20] = 0;
  st = exec_status(ut.progname, av20);
  CHECK(st == 0, "exec with 20 arguments: status %d", st);
}

void
t_execfd(void)
{
  static char *av[4];
  static char num[8];

  need_self();
  unlink("ut-ef");
  int fd = xopen("ut-ef", O_CREATE | O_RDWR);
  xwrite(fd, "XXexecfd", 8);
  xclose(fd);
  fd = xopen("ut-ef", O_RDONLY);
  xread(fd, num, 2);            // the exec'd image must continue at offset 2
  snprintf(num, sizeof(num), "%d", fd);
  av[0] = ut.progname;
  av[1] = "__fd";
  av[2] = num;
  av[3] = 0;
  int st = exec_status(ut.progname, av);
  CHECK(st == 0, "open fd did not survive exec (status %d)", st);
  xclose(fd);
  unlink("ut-ef");
}

void
t_execbad(void)
{
  static char *av[3];
  static int marker = 0x1234;

  av[0] = "x";
  av[1] = "__shouldfail";
  av[2] = 0;
  expect_exec_fails("ut-nx-exec", av, "a missing file");
  expect_exec_fails(".", av, "a directory");
  expect_exec_fails("/", av, "the root directory");
  expect_exec_fails("/console", av, "the console device");

  unlink("ut-notelf");
  int fd = xopen("ut-notelf", O_CREATE | O_RDWR);
  const char *text = "#!/bin/sh\necho this is not an ELF file\n";
  xwrite(fd, text, strlen(text));
  xclose(fd);
  expect_exec_fails("ut-notelf", av, "a text file");

  unlink("ut-empty");
  close(xopen("ut-empty", O_CREATE | O_RDWR));
  expect_exec_fails("ut-empty", av, "an empty file");

  // A failed exec in this very process leaves it intact.
  CHECK(exec("ut-notelf", av) == -1, "exec of a text file did not return -1");
  CHECK(marker == 0x1234, "failed exec changed our data");
  unlink("ut-notelf");
  unlink("ut-empty");
}

static char hdr[1024], patched[1024];

// Copy the first n bytes of our own binary to dst.
static void
copy_self(const char *dst, int n)
{
  int in = xopen(ut.progname, O_RDONLY);
  unlink(dst);
  int out = xopen(dst, O_CREATE | O_WRONLY);
  int done = 0, r;
  while (done < n && (r = read(in, ut_buf, n - done < 4096 ? n - done : 4096)) > 0) {
    xwrite(out, ut_buf, r);
    done += r;
  }
  CHECK(done == n, "copied only %d of %d bytes of %s", done, n, ut.progname);
  close(in);
  close(out);
}

static void
write_header(const char *dst, const char *h)
{
  int fd = xopen(dst, O_WRONLY);
  xwrite(fd, h, sizeof(hdr));
  xclose(fd);
}

static struct ut_proghdr *
first_load(char *h)
{
  struct ut_elfhdr *eh = (struct ut_elfhdr *)h;
  for (int i = 0; i < eh->phnum; i++) {
    struct ut_proghdr *ph = (struct ut_proghdr *)(h + eh->phoff + i * sizeof(*ph));
    if (ph->type == UT_PT_LOAD && ph->filesz > 0)
      return ph;
  }
  return 0;
}

void
t_execelf(void)
{
  static char *av[3];
  struct ut_elfhdr *eh = (struct ut_elfhdr *)hdr;
  struct ut_elfhdr *peh = (struct ut_elfhdr *)patched;
  unsigned long end = 0;
  int size;

  need_self();
  int fd = xopen(ut.progname, O_RDONLY);
  CHECK(read(fd, hdr, sizeof(hdr)) == sizeof(hdr), "reading our ELF header failed");
  xclose(fd);
  struct stat st;
  CHECK(stat(ut.progname, &st) == 0, "stat of %s failed", ut.progname);
  size = (int)st.size;
  CHECK(eh->magic == UT_ELF_MAGIC, "%s is not ELF", ut.progname);
  if (eh->phentsize != sizeof(struct ut_proghdr) ||
      eh->phoff + eh->phnum * sizeof(struct ut_proghdr) > sizeof(hdr))
    skip("program headers not within the first KiB");
  for (int i = 0; i < eh->phnum; i++) {
    struct ut_proghdr *ph = (struct ut_proghdr *)(hdr + eh->phoff + i * sizeof(*ph));
    if (ph->type == UT_PT_LOAD && ph->off + ph->filesz > end)
      end = ph->off + ph->filesz;
  }
  CHECK(end > 0 && end <= (unsigned long)size, "odd program headers");

  // The untouched copy must run, or the broken ones prove nothing.
  av[0] = "ut-elf";
  av[1] = "__exit";
  av[2] = 0;
  copy_self("ut-elf", size);
  CHECK(exec_status("ut-elf", av) == 0, "a plain copy of %s does not run", ut.progname);

  av[1] = "__shouldfail";
  memmove(patched, hdr, sizeof(hdr));
  patched[0] = 0x7e;
  write_header("ut-elf", patched);
  expect_exec_fails("ut-elf", av, "an ELF file with a bad magic number");

  memmove(patched, hdr, sizeof(hdr));
  first_load(patched)->memsz = first_load(patched)->filesz - 1;
  write_header("ut-elf", patched);
  expect_exec_fails("ut-elf", av, "a segment with memsz < filesz");

  memmove(patched, hdr, sizeof(hdr));
  first_load(patched)->vaddr = 0xfffffffffffff000UL;
  write_header("ut-elf", patched);
  expect_exec_fails("ut-elf", av, "a segment whose vaddr + memsz wraps");

  memmove(patched, hdr, sizeof(hdr));
  first_load(patched)->off = 0x7fffff00UL;
  write_header("ut-elf", patched);
  expect_exec_fails("ut-elf", av, "a segment beyond the end of the file");

  memmove(patched, hdr, sizeof(hdr));
  peh->phoff = 0x100000;
  write_header("ut-elf", patched);
  expect_exec_fails("ut-elf", av, "program headers beyond the end of the file");

  // The last segment grown to end at the top of user memory (KERNBASE
  // with the kernel in every page table, the trapframe otherwise), or one
  // page below it: the guard and stack pages would go above the limit.
  // Refused before any memory is allocated (it used to panic the kernel
  // in mappages when the machine had the RAM to reach it).
  static const unsigned long tops[] = { 0x80000000UL, 0x3fffffe000UL };
  for (int t = 0; t < 2; t++) {
    for (unsigned long below = 0; below <= 4096; below += 4096) {
      memmove(patched, hdr, sizeof(hdr));
      struct ut_proghdr *last = 0;
      for (int i = 0; i < peh->phnum; i++) {
        struct ut_proghdr *ph = (struct ut_proghdr *)(patched + peh->phoff + i * sizeof(*ph));
        if (ph->type == UT_PT_LOAD)
          last = ph;
      }
      last->memsz = tops[t] - below - last->vaddr;
      write_header("ut-elf", patched);
      expect_exec_fails("ut-elf", av, "a segment leaving no room for the stack below the top");
    }
  }

  // Cut inside the last loaded byte, and right after the ELF header.
  copy_self("ut-elf", (int)end - 1);
  expect_exec_fails("ut-elf", av, "an ELF file truncated inside a segment");
  copy_self("ut-elf", 64);
  expect_exec_fails("ut-elf", av, "an ELF file truncated after its header");
  copy_self("ut-elf", 20);
  expect_exec_fails("ut-elf", av, "an ELF file truncated inside its header");
  unlink("ut-elf");
}

void
t_execargv(void)
{
  static char *av[128];
  static char big[3000];
  static int marker = 77;
  char *edge;

  need_self();
  av[0] = ut.progname;
  av[1] = "__shouldfail";
  for (int i = 2; i < 127; i++)
    av[i] = "x";

  av[MAXARG + 8] = 0;
  expect_exec_fails(ut.progname, av, "more than MAXARG arguments");
  av[MAXARG + 8] = "x";
  av[127] = 0;
  expect_exec_fails(ut.progname, av, "127 arguments");

  // Arguments bigger than the one-page stack.
  memset(big, 'b', sizeof(big) - 1);
  av[2] = big;
  av[3] = big;
  av[4] = big;
  av[5] = 0;
  expect_exec_fails(ut.progname, av, "9000 bytes of arguments");

  // An argument that runs into an unmapped page.
  edge = heap_edge();
  memset(edge, 'e', UT_PGSIZE);
  av[2] = edge;
  av[3] = 0;
  expect_exec_fails(ut.progname, av, "an unterminated argument");

  // An argv array with no terminating null before an unmapped page.
  char **vec = (char **)edge;
  for (unsigned long i = 0; i < UT_PGSIZE / sizeof(char *); i++)
    vec[i] = "v";
  vec[0] = ut.progname;
  vec[1] = "__shouldfail";
  expect_exec_fails(ut.progname, vec, "an argv without a null terminator");

  CHECK(marker == 77, "failed execs changed our data");
}

void
t_execmany(void)
{
  static char *av[4];
  static char num[4][4];
  int n = 4, loops = nloops(3, 10);

  need_self();
  for (int l = 0; l < loops; l++) {
    for (int i = 0; i < n; i++) {
      int pid = xfork();
      if (pid == 0) {
        snprintf(num[i], sizeof(num[i]), "%d", 10 + i);
        av[0] = ut.progname;
        av[1] = "__exit";
        av[2] = num[i];
        av[3] = 0;
        exec(ut.progname, av);
        exit(100);
      }
    }
    int sum = 0;
    for (int i = 0; i < n; i++) {
      int st;
      CHECK(wait(&st) > 0, "wait failed");
      sum += st;
    }
    CHECK(sum == 10 * n + n * (n - 1) / 2, "exec'd children's statuses sum to %d", sum);
  }
}
