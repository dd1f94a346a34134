// user/bin/fuzz.c: random system calls with hostile arguments, from several processes.
//
// usage: fuzz SEED SECONDS [BASEDIR]
//
// The kernel must survive anything user space does: this program does the
// worst it can without legitimately ending the test. The parent keeps
// NWORKERS worker processes busy until SECONDS have passed (uptime()). Each
// worker issues random system calls (every number in the shared table but
// poweroff, plus numbers past its end) with boundary arguments: wild and
// kernel pointers, addresses near MAXVA and the device alias, strings that
// run into unmapped memory, huge and negative lengths, bad fds, random
// short paths inside the scratch directory /fuzzdir, exec of garbage and
// hostile ELF files it wrote itself. A worker forks short-lived children
// that do the same without pipes or forks of their own, so no process can
// block forever unseen.
//
// Determinism: worker number k of the run draws from its own xorshift
// stream seeded from (SEED, k), so a seed replays the same call sequences
// (interleavings still vary with scheduling).
//
// What must hold, else `fuzz: FAIL`:
//  - a call with a pointer at or above KERNBASE fails (never copies), and
//    one that stores through a pointer into our read-only text fails;
//  - an unknown call number returns -1;
//  - after the run (all children reaped, orphans they left killed, scratch
//    files removed) free memory and the process count return to their
//    values before the run.
// Panics and hangs are seen by the host (tests/fuzz.py).
// When a worker cannot be started (fork refused: an ordinary user's
// RLIMIT_NPROC filled by orphans of dead workers), those orphans are
// killed during the run too (with procinfo, at most once a second), and
// a refused fork does not count as a worker started.
//
// Calls 43-70 (sync, POSIX calls, signals, job control, limits, procinfo)
// get their own argument generators; a kernel without them answers -1.
// Signals and waits only ever name our own children, ourselves (a child
// only) or pids nobody has, never a process group; calls that block or
// rewrite registers (pause, sigsuspend, sigreturn) are made only by
// short-lived children with an alarm armed. Before its verdict the parent
// prints `fuzz: coverage: N of M calls made, K of them succeeded ...`.
//
// Workers never write the console: fds 0-2 of every child go to a sink
// (/fuzzdir/null, a /dev/null node, or a plain file), and paths are made of
// characters that cannot name anything outside /fuzzdir. Kills go only to
// our own children. The parent keeps the console: a progress line every 5
// s of uptime (`fuzz: at T s: ...`, so the host can tell slow from stuck),
// `fuzz: workers done ...` when cleanup starts, and the final line:
//   fuzz: ok SEED N calls      or      fuzz: FAIL SEED what
#include <user.h>

#define NWORKERS     4
#define NKIDS        3          // children a worker keeps at once
#define KID_CALLS    40         // calls a worker's child makes before exiting
// Times in tenths of a second; ticks() turns them into the kernel's ticks
// (CONFIG_HZ, from sysinfo: 10 on xv6_defconfig, 100 on full_defconfig).
#define WORKER_LIFE  25         // a worker's planned life
#define WORKER_KILL  60         // ... after which the parent kills it (stuck)
#define WATCH_TIME   10         // parent's polling period
#define BEAT_TIME    50         // parent's progress line to the host
#define KID_LIFE     100        // a worker's child's longest life
#define MAXFD        20         // fds tried (NR_OPEN is 16 in xv6)
#define BUFSZ        8192

#define KERNBASE     0x80000000UL
#define MAXVA        (1UL << 38)
#define IO_ALIAS     0x2000000000UL
#define PGSIZE       4096UL

// Scratch names, under / or under the directory given as third argument
// (an ordinary user's home on a multi-user system).
static char DIR[96] = "/fuzzdir";
static char REPORT[96] = "/fuzzrep";
static char DIR_NULL[104], DIR_SINK[104];
static int hz = 10;             // ticks per second (sysinfo)
static int start_euid;     // geteuid() at start; -1 without multi-user

// Exit status of a worker or child: the number of calls it made, or
// VIOLATION - k (k = call number + 100) when it caught the kernel misbehaving.
#define VIOLATION    (-1000)
#define IS_VIOLATION(st) ((st) <= VIOLATION - 100 && (st) > VIOLATION - 1000)
#define HEAP_CAP     (8UL << 20)  // a worker stops growing its heap here

static uint64 rng;
static int calls;
static int is_kid;
static int kids[NKIDS];
static int kid_slot[NKIDS];     // which of our coverage slots each child has
static int nkids;
static uint64 heap0;            // our break after the worker's own heap page
static int sink_is_dev;

static char buf[BUFSZ];
static char path1[200], path2[200];
static char *argvbuf[40];
static char argstr[3][300];
static int pipefds[2];
static int ro_hit;              // arg_ptr() gave a pointer into our read-only text

// Pipe ends this worker holds, so it never reads an empty pipe whose write
// end it holds itself, or fills one nobody reads: that blocks forever.
// pend[fd] is +id for a read end, -id for a write end, 0 for no pipe;
// pbytes[id-1] is how many bytes the pair surely holds (0 when unsure).
static int pend[MAXFD];
static int pbytes[MAXFD];
static int nextpipe;
static struct stat stbuf;

// The system-call table the kernel and usys.S are built from: numbers by
// name (NR_open, ...) and, for reports, names by number.
enum {
#define SYSCALL(name, nr) NR_##name = nr,
#include <uapi/octopos/syscalls.h>
#undef SYSCALL
};

static const struct {
  long nr;
  const char *name;
} calltab[] = {
#define SYSCALL(name, nr) { nr, #name },
#include <uapi/octopos/syscalls.h>
#undef SYSCALL
};

// ---------------------------------------------------------------- random

static uint64
rnd(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static uint
rn(uint n)
{
  return (uint)(rnd() >> 11) % n;
}

static void
seed_rng(uint64 seed, uint64 stream)
{
  rng = seed * 0x9E3779B97F4A7C15UL + stream * 0xBF58476D1CE4E5B9UL + 1;
  for (int i = 0; i < 8; i++)
    rnd();
  if (rng == 0)
    rng = 1;
}

// ---------------------------------------------------------------- raw calls

// System-call coverage: which numbers were called with fuzzed arguments
// (through sys6), and which of them ever returned >= 0. Each worker slot
// and each of its children's slots has a file, DIR/zcov<slot>, that the
// parent makes at the start, while the disk has room: a worker that finds
// the disk out of inodes (as an ordinary user's runs always did, losing
// the coverage of 97% of workers) still only rewrites a block it has. The
// file holds the union of what its slot's processes called; a process
// rewrites it as soon as it adds a bit, before the call is made, so a call
// that kills the caller (a CPU limit of 0, SIGPIPE) is counted too. After
// the first few workers a slot's file holds nearly everything and rewrites
// stop. The parent ORs the files together at the end (`fuzz: coverage ...`).
#define COV_NR 128
#define COV_WORDS (2 * COV_NR / 64)       // called mask, then succeeded mask
#define COV_SLOTS (NWORKERS * (1 + NKIDS))
static uint64 cov[COV_WORDS];
static int cov_slot = -1;                 // ours; -1 in the parent: nothing saved

static long sys6_raw(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
static void cov_save(void);

// Count a call: called, and (after it returned, before == 0) succeeded if
// ret >= 0. A call made through its library wrapper (fork, exit) counts too.
static void
cov_mark(long nr, long ret, int before)
{
  if (nr < 0 || nr >= COV_NR)
    return;
  uint64 bit = 1UL << (nr % 64);
  uint64 *called = &cov[nr / 64], *ok = &cov[COV_NR / 64 + nr / 64];
  int succeeded = !before && ret >= 0;
  int grew = !(*called & bit) || (succeeded && !(*ok & bit));
  *called |= bit;
  if (succeeded)
    *ok |= bit;
  if (grew)
    cov_save();
}

static long
sys6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
  cov_mark(nr, 0, 1);
  long r = sys6_raw(nr, a0, a1, a2, a3, a4, a5);
  cov_mark(nr, r, 0);
  return r;
}

static long
sys6_raw(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
  register long r0 asm("a0") = a0;
  register long r1 asm("a1") = a1;
  register long r2 asm("a2") = a2;
  register long r3 asm("a3") = a3;
  register long r4 asm("a4") = a4;
  register long r5 asm("a5") = a5;
  register long r7 asm("a7") = nr;
  asm volatile("ecall"
               : "+r"(r0)
               : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
               : "memory");
  return r0;
}

static uint64
brk(void)
{
  return (uint64)sys6_raw(12, 0, 0, 0, 0, 0, 0);
}

// ---------------------------------------------------------------- arguments

// A pointer, with `bad` set when it is at or above KERNBASE: no call may
// copy to or from there.
static uint64
arg_ptr(int *bad)
{
  uint64 p;
  uint64 top = brk();
  switch (rn(16)) {
  case 0: p = 0; break;
  case 1: p = rn(64); break;
  case 2: case 3: case 4: p = (uint64)buf + rn(BUFSZ); break;
  case 5: p = (uint64)buf + BUFSZ - rn(16); break;                 // straddles the end of bss
  case 6: p = top - rn(64); break;                                  // at the break
  case 7: p = top + rn(3 * PGSIZE); break;                          // above the break
  case 8: p = KERNBASE + rn(8) * 0x100000 + rn(PGSIZE); break;     // kernel text/data
  case 9: p = KERNBASE - rn(16); break;                             // just below the kernel
  case 10: p = MAXVA - PGSIZE * (1 + rn(3)) + rn(PGSIZE); break;    // trampoline/trapframe
  case 11: p = MAXVA + rn(PGSIZE); break;
  case 12: p = IO_ALIAS + 0x10000000UL * rn(2) + rn(0x2000); break; // device alias (uart, test)
  case 13: p = ~0UL - rn(PGSIZE); break;
  case 14:
    if (rn(2)) {                                                    // a page boundary inside buf
      p = (((uint64)buf + PGSIZE) & ~(PGSIZE - 1)) - rn(16);
      break;
    }
    p = (uint64)&p & ~(PGSIZE - 1); p -= PGSIZE; p += rn(PGSIZE); break; // guard page
  case 15:
    if (rn(2)) {
      p = (uint64)rnd + rn(32);  // our own text: read-only
      ro_hit = 1;
      break;
    }
    p = rnd();
    break;
  default: p = rnd(); break;
  }
  if (p >= KERNBASE && bad)
    *bad = 1;
  return p;
}

static long
arg_len(void)
{
  switch (rn(12)) {
  case 0: return 0;
  case 1: return 1;
  case 2: return -1;
  case 3: return 0x7fffffff;
  case 4: return (long)(int)0x80000000;
  case 5: return PGSIZE;
  case 6: return PGSIZE + 1;
  case 7: return (long)rnd();
  case 8: return BUFSZ;
  default: return rn(600);
  }
}

static long
arg_fd(void)
{
  switch (rn(10)) {
  case 0: return -1;
  case 1: return MAXFD + rn(200);
  case 2: return (long)(int)0x80000000;
  case 3: return (long)rnd();
  default: return rn(MAXFD);
  }
}

static long
arg_int(void)
{
  static const long v[] = { 0, 1, -1, 2, 3, 0x7fffffff, (long)(int)0x80000000, 4096, -4096, 65536 };
  if (rn(4) == 0)
    return (long)rnd();
  return v[rn(sizeof(v) / sizeof(v[0]))];
}

// A relative path made only of [a-d0-3/.], so nothing outside the scratch
// directory can be named; sometimes long, sometimes exactly DIRSIZ.
static void
make_path(char *p)
{
  static const char cs[] = "abcd0123";
  int n = 0;
  int comps = 1 + rn(3);
  for (int c = 0; c < comps; c++) {
    if (c > 0)
      p[n++] = '/';
    int len;
    switch (rn(10)) {
    case 0: len = DIRSIZ; break;
    case 1: len = DIRSIZ + 1 + rn(10); break;
    case 2: p[n++] = '.'; continue;
    default: len = 1 + rn(2); break;
    }
    for (int i = 0; i < len; i++)
      p[n++] = cs[rn(rn(3) == 0 ? 8 : 4)];
  }
  if (rn(20) == 0)
    p[n++] = '/';
  p[n] = 0;
}

// A path argument: usually a short name, sometimes an over-long string, an
// unterminated one that runs into an unmapped page, or a wild pointer.
static uint64
arg_path(char *p, int *bad)
{
  switch (rn(14)) {
  case 0:
    return arg_ptr(bad);
  case 1: {
    int n = 100 + rn(90);       // around MAXPATH (128)
    for (int i = 0; i < n; i++)
      p[i] = "abcd/"[rn(5)];
    p[n] = 0;
    return (uint64)p;
  }
  case 2: {
    // Ends at the top of the heap, no NUL: copyinstr must stop at the fault.
    uint64 top = (brk() + PGSIZE - 1) & ~(PGSIZE - 1);
    if (top < heap0 + PGSIZE || heap0 == 0)
      break;
    int n = 1 + rn(200);
    char *s = (char *)(top - n);
    for (int i = 0; i < n; i++)
      s[i] = 'a';
    return (uint64)s;
  }
  case 3:
    p[0] = 0;                   // empty path
    return (uint64)p;
  }
  make_path(p);
  return (uint64)p;
}

// ---------------------------------------------------------------- garbage ELF

struct fz_elfhdr {
  uint magic;
  uchar ident[12];
  ushort type, machine;
  uint version;
  uint64 entry, phoff, shoff;
  uint flags;
  ushort ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct fz_proghdr {
  uint type, flags;
  uint64 off, vaddr, paddr, filesz, memsz, align;
};

// Write exec target x<k>: random bytes, or an ELF header with one field
// wrong. Segment contents are zeros, so an image that does load dies on
// its first (illegal) instruction instead of running random code.
static void
write_garbage(int k)
{
  static char img[1024];
  char name[4] = { 'x', '0' + k % 8, 0, 0 };
  struct fz_elfhdr *eh = (struct fz_elfhdr *)img;
  struct fz_proghdr *ph = (struct fz_proghdr *)(img + 64);
  int size = sizeof(img);

  memset(img, 0, sizeof(img));
  eh->magic = 0x464C457FU;
  eh->ident[0] = 2;             // 64-bit
  eh->ident[1] = 1;             // little-endian
  eh->ident[2] = 1;
  eh->type = 2;                 // ET_EXEC
  eh->machine = 243;            // RISC-V
  eh->version = 1;
  eh->entry = 0;
  eh->phoff = 64;
  eh->ehsize = 64;
  eh->phentsize = sizeof(struct fz_proghdr);
  eh->phnum = 1;
  ph->type = 1;                 // PT_LOAD
  ph->flags = 5;
  ph->off = 512;
  ph->vaddr = 0;
  ph->filesz = 256;
  ph->memsz = PGSIZE;
  ph->align = PGSIZE;
  switch (rn(14)) {
  case 0: for (int i = 0; i < size; i++) img[i] = rnd(); break;
  case 1: eh->phoff = rnd(); break;
  case 2: eh->phnum = 0xffff; break;
  case 3: eh->phnum = 1 + rn(70); break;
  case 4: ph->vaddr = KERNBASE + PGSIZE * rn(4); break;
  case 5: ph->vaddr = ~0UL & ~(PGSIZE - 1); ph->memsz = 2 * PGSIZE; break;  // wraps
  case 6: ph->filesz = ph->memsz + 1; break;
  case 7: ph->filesz = rnd(); break;
  case 8: ph->off = ~0UL - 8; break;
  case 9: ph->vaddr = 123; break;                          // unaligned
  case 10: ph->memsz = KERNBASE - PGSIZE * rn(3); break;    // enormous
  case 11: size = rn(64); break;                           // truncated header
  case 12: eh->phentsize = rn(100); break;
  default: break;                                          // loads, then dies
  }
  int fd = open(name, O_CREATE | O_WRONLY | O_TRUNC);
  if (fd >= 0) {
    write(fd, img, size);
    close(fd);
  }
}

// ---------------------------------------------------------------- checks

static const char *
callname(long nr)
{
  for (uint i = 0; i < sizeof(calltab) / sizeof(calltab[0]); i++)
    if (calltab[i].nr == nr)
      return calltab[i].name;
  return "unknown";
}

// The highest call number the table has: everything above must fail.
static long
nr_max(void)
{
  long m = 0;
  for (uint i = 0; i < sizeof(calltab) / sizeof(calltab[0]); i++)
    if (calltab[i].nr > m)
      m = calltab[i].nr;
  return m;
}

// The kernel did something it must not: note it where the parent finds it
// and end this process with a status the parent recognises.
static void __attribute__((noreturn))
violation(long nr, long a0, long a1, long a2, long ret, const char *why)
{
  int fd = open(REPORT, O_CREATE | O_WRONLY | O_TRUNC);
  // Out of inodes or blocks (the fuzzer fills the disk), the report goes to
  // the console instead, so a violation is never left unexplained.
  fprintf(fd >= 0 ? fd : 1, "%scall %d (%s)(0x%lx, 0x%lx, 0x%lx) returned %ld: %s\n",
          fd >= 0 ? "" : "fuzz: violation: ", (int)nr, callname(nr), a0, a1, a2, ret, why);
  if (fd >= 0)
    close(fd);
  exit(VIOLATION - (int)((nr & 0xff) + 100 > 899 ? 899 : (nr & 0xff) + 100));
}

static int
is_device(long fd)
{
  return fstat(fd, &stbuf) == 0 && stbuf.type == T_DEVICE;
}

// ---------------------------------------------------------------- children

static void
open_sink(void)
{
  for (int fd = 0; fd < 128; fd++)
    close(fd);
  for (int i = 0; i < 3; i++)
    if (open(sink_is_dev ? DIR_NULL : DIR_SINK, O_RDWR) < 0)
      open(DIR_SINK, O_CREATE | O_RDWR);
}

static void fuzz_loop(int budget, int end_tick);

// Tenths of a second in ticks, at least one.
static int
ticks(int tenths)
{
  int t = tenths * hz / 10;
  return t > 0 ? t : 1;
}

static void cov_flush(void);
static void cov_load(int slot);

static void
reap_kid(int pid, int status)
{
  for (int i = 0; i < nkids; i++) {
    if (kids[i] == pid) {
      kids[i] = kids[--nkids];
      kid_slot[i] = kid_slot[nkids];
      break;
    }
  }
  if (IS_VIOLATION(status))
    exit(status);               // pass a child's finding up
  if (status > 0)
    calls += status;
}

static void
spawn_kid(void)
{
  if (nkids == NKIDS) {
    int st = 0;
    int pid = wait(&st);
    if (pid > 0)
      reap_kid(pid, st);
    if (nkids == NKIDS)
      return;
  }
  uint64 s = rnd();
  int slot = 0;                 // a coverage slot none of our children holds
  for (int i = 0; i < nkids; i++)
    if (kid_slot[i] == slot)
      slot++, i = -1;
  int pid = fork();
  if (pid == 0) {
    is_kid = 1;
    cov_slot += 1 + slot;       // a worker's children's slots follow its own
    cov_load(cov_slot);
    nkids = 0;
    memset(pend, 0, sizeof(pend));
    calls = 0;
    seed_rng(s, 7);
    open_sink();                // drops every inherited pipe end: no blocking forever
    fuzz_loop(KID_CALLS, uptime() + ticks(KID_LIFE));
    cov_mark(NR_exit, 0, 0);
    cov_flush();
    exit(calls);
  }
  cov_mark(NR_fork, pid, 0);
  if (pid > 0) {
    kid_slot[nkids] = slot;
    kids[nkids++] = pid;
  } else
    calls++;
}

// ---------------------------------------------------------------- one call

static void
one_call(void)
{
  long nr, a0 = 0, a1 = 0, a2 = 0, ret;
  int bad = 0;

  calls++;
  ro_hit = 0;
  switch (rn(42)) {
  case 0:                       // fork
    if (is_kid)
      nr = 11;
    else {
      spawn_kid();
      return;
    }
    break;
  case 1:                       // exit: only a child, and rarely
    if (is_kid && rn(4) == 0) {
      cov_mark(NR_exit, 0, 0);
      cov_flush();
      exit(calls);
    }
    nr = 14;
    break;
  case 2: {                     // wait
    int st = 0;
    nr = 3;
    a0 = rn(3) ? (uint64)&st : arg_ptr(&bad);
    ret = sys6(nr, a0, 0, 0, 0, 0, 0);
    if (ret > 0 && (bad || ro_hit))
      violation(nr, a0, 0, 0, ret, "wait stored a status at a kernel address or into text");
    if (ret > 0)
      reap_kid(ret, a0 == (long)&st ? st : 0);
    return;
  }
  case 3:                       // pipe
    if (is_kid) {
      nr = 11;
      break;
    }
    nr = 4;
    a0 = rn(3) ? (long)pipefds : (long)arg_ptr(&bad);
    ret = sys6(nr, a0, 0, 0, 0, 0, 0);
    if (ret == 0 && bad)
      violation(nr, a0, 0, 0, ret, "pipe fds stored at a kernel address");
    if (ret == 0 && ro_hit)
      violation(nr, a0, 0, 0, ret, "pipe fds stored into read-only text");
    if (ret == 0) {
      int *fds = (int *)a0;
      int id = 1 + nextpipe++ % MAXFD;
      pbytes[id - 1] = 0;
      for (int i = 0; i < 2; i++)
        if (fds[i] >= 0 && fds[i] < MAXFD)
          pend[fds[i]] = i == 0 ? id : -id;
    }
    return;
  case 4: case 5: case 6: {     // read
    nr = 5;
    a0 = arg_fd();
    a1 = arg_ptr(&bad);
    a2 = arg_len();
    int id = a0 >= 0 && a0 < MAXFD && pend[a0] > 0 ? pend[a0] : 0;
    if (id) {
      if (pbytes[id - 1] == 0)
        return;                 // might block forever
      if (a2 > pbytes[id - 1] || a2 < 0)
        a2 = pbytes[id - 1];
    }
    ret = sys6(nr, a0, a1, a2, 0, 0, 0);
    if (ret > 0 && bad)
      violation(nr, a0, a1, a2, ret, "read copied into a kernel address");
    if (ret > 0 && ro_hit)
      violation(nr, a0, a1, a2, ret, "read copied into read-only text");
    if (id)
      pbytes[id - 1] = ret == a2 ? pbytes[id - 1] - ret : 0;
    return;
  }
  case 7: case 8: case 9: {     // write
    nr = 16;
    a0 = arg_fd();
    a1 = arg_ptr(&bad);
    a2 = arg_len();
    int id = a0 >= 0 && a0 < MAXFD && pend[a0] < 0 ? -pend[a0] : 0;
    if (id && (a2 < 0 || a2 + pbytes[id - 1] > 400))
      a2 = rn(400 - pbytes[id - 1] + 1);  // a full pipe blocks the writer
    ret = sys6(nr, a0, a1, a2, 0, 0, 0);
    // A device may drop bytes without reading them (/dev/null).
    if (ret > 0 && bad && !is_device(a0))
      violation(nr, a0, a1, a2, ret, "write copied from a kernel address");
    if (id && ret > 0)
      pbytes[id - 1] += ret;
    return;
  }
  case 10:                      // kill: our own children or pids nobody has
    nr = 6;
    if (nkids > 0 && rn(2))
      a0 = kids[rn(nkids)];
    else {
      static const long badpid[] = { 0, -1, -2, (long)(int)0x80000000, 0x7fffffff, 1000000007 };
      a0 = badpid[rn(6)];
    }
    break;
  case 11: {                    // exec of garbage
    nr = 7;
    if (rn(3) == 0)
      write_garbage(rn(8));
    if (rn(5) == 0) {
      a0 = arg_path(path1, &bad);
    } else {
      path1[0] = 'x';
      path1[1] = '0' + rn(8);
      path1[2] = 0;
      a0 = (uint64)path1;
    }
    switch (rn(4)) {
    case 0: a1 = 0; break;
    case 1: a1 = arg_ptr(&bad); break;
    default: {
      int n = rn(4) == 0 ? 30 + rn(8) : rn(4);
      for (int i = 0; i < n && i < 38; i++) {
        if (i < 3 && rn(2)) {
          int len = rn(2) ? 290 : rn(20);
          memset(argstr[i], 'q', len);
          argstr[i][len] = 0;
          argvbuf[i] = argstr[i];
        } else
          argvbuf[i] = rn(8) ? "zz" : (char *)arg_ptr(0);
      }
      argvbuf[n < 38 ? n : 38] = 0;
      a1 = (uint64)argvbuf;
    }
    }
    break;
  }
  case 12:                      // fstat
    nr = 8;
    a0 = arg_fd();
    a1 = rn(2) ? (uint64)&stbuf : arg_ptr(&bad);
    ret = sys6(nr, a0, a1, 0, 0, 0, 0);
    if (ret == 0 && (bad || ro_hit))
      violation(nr, a0, a1, 0, ret, bad ? "fstat stored at a kernel address" : "fstat stored into read-only text");
    return;
  case 13:                      // chdir, mostly to "." to stay shallow
    nr = 9;
    if (rn(3) == 0) {
      path1[0] = '.';
      path1[1] = 0;
      a0 = (uint64)path1;
    } else
      a0 = arg_path(path1, &bad);
    break;
  case 14:
    nr = 10;
    a0 = arg_fd();
    ret = sys6(nr, a0, 0, 0, 0, 0, 0);
    if (ret >= 0 && ret < MAXFD)
      pend[ret] = a0 >= 0 && a0 < MAXFD ? pend[a0] : 0;
    return;
  case 15:
    nr = 11;
    break;
  case 16: {                    // sbrk: grow, give back, or ask for absurd amounts
    nr = 12;
    uint64 top = brk();
    switch (rn(6)) {
    case 0: a0 = top - heap0 < HEAP_CAP ? rn(8) * PGSIZE + rn(100) : 0; break;
    case 1: a0 = -(long)rn(top > heap0 ? top - heap0 + 1 : 1); break;
    case 2: a0 = 0x7fffffff; break;
    case 3: a0 = top - heap0 < HEAP_CAP ? (1 + rn(4)) << 20 : 0; break;  // MiBs
    case 4: a0 = rn(30) == 0 ? arg_int() : 0; break;      // rarely wild (may kill us)
    default: a0 = rn(PGSIZE); break;
    }
    break;
  }
  case 17:                      // sleep: short, or negative
    nr = 13;
    a0 = rn(3) ? rn(3) : -(long)rn(100000) - 1;
    break;
  case 18:
    nr = 14;
    break;
  case 19: case 20: case 21: {  // open
    nr = 15;
    static const long flags[] = { O_RDONLY, O_WRONLY, O_RDWR, O_CREATE | O_RDWR,
      O_CREATE | O_WRONLY | O_TRUNC, O_TRUNC | O_RDWR, O_CREATE, 0x7fffffff, -1 };
    a0 = arg_path(path1, &bad);
    a1 = flags[rn(9)];
    break;
  }
  case 22: {                    // mknod: never the console (major 1)
    nr = 17;
    static const long majors[] = { 0, 2, 3, 4, 5, 7, 9, 10, 11, -1, 32767, -32768 };
    a0 = arg_path(path1, &bad);
    a1 = majors[rn(12)];
    a2 = arg_int();
    break;
  }
  case 23: case 24:
    nr = 18;
    a0 = arg_path(path1, &bad);
    break;
  case 25:
    nr = 19;
    a0 = arg_path(path1, &bad);
    a1 = arg_path(path2, &bad);
    break;
  case 26: case 27:
    nr = 20;
    a0 = arg_path(path1, &bad);
    break;
  case 28: case 29:
    nr = 21;
    a0 = arg_fd();
    if (a0 < 3 && rn(2))        // keep the sink around most of the time
      a0 = 3 + rn(MAXFD - 3);
    break;
  case 30: case 31: case 32:    // sysinfo, uname, readdir (reserved), getconfig, lockstat
    nr = 22 + rn(6);
    if (nr == 24)
      nr = 25;                  // never poweroff
    a0 = nr == 25 ? arg_fd() : (long)arg_ptr(&bad);
    a1 = nr == 25 ? (long)arg_ptr(&bad) : arg_len();
    a2 = arg_len();
    ret = sys6(nr, a0, a1, a2, 0, 0, 0);
    if ((bad || ro_hit) && ((ret >= 0 && (nr == 22 || nr == 23)) || ((nr == 26 || nr == 27) && (int)a1 > 0 && ret > 0)))
      violation(nr, a0, a1, a2, ret, "stored at a kernel address or into text");
    return;
  case 33: {                    // numbers the kernel has no call for
    long top = nr_max();
    const long nrs[] = { 0, top + 1, top + 2, top + 37, 255, 256, 1000, -1, -NR_poweroff,
      0x80000000L, 0x100000000L + NR_poweroff, 0x7fffffffffffffffL };
    nr = nrs[rn(12)];
    a0 = arg_ptr(0);
    a1 = arg_len();
    ret = sys6(nr, a0, a1, arg_int(), 0, 0, 0);
    if (ret != -1)
      violation(nr, a0, a1, 0, ret, "unknown call number did not fail");
    return;
  case 34:                      // new garbage to exec
    write_garbage(rn(8));
    return;
  case 35: case 36: case 37:    // the octopos calls past lockstat
    nr = NR_lockstat + 1 + rn(nr_max() - NR_lockstat);
    switch (nr) {
    case NR_symlink:
      a0 = arg_path(path1, &bad);
      a1 = arg_path(path2, &bad);
      break;
    case NR_setuid: case NR_setgid: case NR_umask:
      a0 = rn(2) ? (long)rn(1002) : arg_int();
      break;
    case NR_chmod:
      a0 = arg_path(path1, &bad);
      a1 = rn(2) ? (long)rn(07777) : arg_int();
      break;
    case NR_chown:
      a0 = arg_path(path1, &bad);
      a1 = rn(2) ? 1000 : arg_int();
      a2 = rn(2) ? 1000 : arg_int();
      break;
    case NR_xstat: case NR_gettime:
      a0 = nr == NR_xstat ? arg_fd() : (long)arg_ptr(&bad);
      a1 = nr == NR_xstat ? (long)arg_ptr(&bad) : 0;
      ret = sys6(nr, a0, a1, 0, 0, 0, 0);
      if (ret == 0 && (bad || ro_hit))
        violation(nr, a0, a1, 0, ret, "stored at a kernel address or into text");
      return;
    case NR_sync: case NR_getppid: case NR_setsid:
      break;
    case NR_fsync: case NR_isatty: case NR_tcgetpgrp:
      a0 = arg_fd();
      break;
    case NR_rename:
      a0 = arg_path(path1, &bad);
      a1 = arg_path(path2, &bad);
      break;
    case NR_lseek: case NR_ftruncate:
      a0 = arg_fd();
      a1 = rn(3) ? (long)rn(70000) : rn(2) ? arg_len() : -(long)rn(5000);
      a2 = rn(5) - 1;                              // whence: -1..3
      break;
    case NR_getcwd: case NR_procinfo: case NR_getrlimit: case NR_clock_gettime:
      if (nr == NR_getcwd || nr == NR_procinfo) {
        a0 = arg_ptr(&bad);
        a1 = rn(2) ? (long)rn(300) : arg_len();
        if (nr == NR_procinfo && a1 == 0)
          bad = 0;                                 // room for no records: nothing is stored
      } else {
        a0 = rn(6) - 1;                            // clock id / resource: -1..4
        if (rn(4) == 0)
          a0 = arg_int();
        a1 = arg_ptr(&bad);
      }
      break;
    case NR_dup2: {
      a0 = arg_fd();
      a1 = rn(8) ? (long)rn(MAXFD) : arg_fd();
      if (a1 >= 0 && a1 < MAXFD && pend[a1] != 0)
        a1 = MAXFD + 1;                            // never over a pipe end we track
      ret = sys6(nr, a0, a1, 0, 0, 0, 0);
      if (ret >= 0 && ret < MAXFD)
        pend[ret] = a0 >= 0 && a0 < MAXFD && ret != a0 ? 0 : pend[ret];
      return;
    }
    case NR_nanosleep: {
      static long ts[2];
      ts[0] = rn(8) ? 0 : (rn(2) ? -1 : (long)rnd());
      ts[1] = rn(8) ? (long)rn(50000000) : arg_int();   // at most 50 ms when sane
      if (ts[0] != 0 || ts[1] < 0 || ts[1] >= 50000000)
        ts[0] = -1;                                // nothing long: invalid instead
      a0 = rn(4) ? (long)ts : (long)arg_ptr(&bad);
      // rem is written only when a signal cuts the sleep short (POSIX), so
      // a bad rem with a completed sleep is no violation: not counted in bad.
      int rem_bad = 0;
      a1 = rn(2) ? 0 : (long)arg_ptr(&rem_bad);
      break;
    }
    case NR_setrlimit: {
      static unsigned long lim[2];
      lim[0] = rn(2) ? rn(64) : (unsigned long)arg_int();
      lim[1] = rn(2) ? lim[0] : ~0UL;
      a0 = rn(6) - 1;
      a1 = rn(4) ? (long)lim : (long)arg_ptr(&bad);
      break;
    }
    case NR_sigkill: case NR_getpgid: case NR_getsid: case NR_setpgid: case NR_waitpid:
    case NR_tcsetpgrp: {
      // pids: our own children, ourselves (only a short-lived child may
      // signal itself), 0, or pids nobody has; never anyone else's.
      // (No negative pid: to sigkill that is a process group, maybe the shell's.)
      static const long badpid[] = { 99999, 0x7ffffffe, 0x7fffffff, 1000000007 };
      int r = rn(4);
      a0 = r == 0 && nkids > 0 ? kids[rn(nkids)] : r == 1 ? (nr == NR_sigkill && !is_kid ? 0x7ffffffe : getpid())
         : r == 2 && nr != NR_sigkill ? 0 : badpid[rn(4)];
      if (nr == NR_tcsetpgrp) {
        a1 = a0;
        a0 = arg_fd();                             // our fds are sinks, files and pipes
      } else if (nr == NR_sigkill) {
        a1 = rn(36) - 2;
      } else if (nr == NR_setpgid) {
        a1 = rn(2) ? 0 : a0;
      } else if (nr == NR_waitpid) {
        a1 = rn(2) ? 0 : (long)arg_ptr(&bad);
        a2 = rn(2);                                // 1: WNOHANG (0 waits for a child: bounded)
        if (a0 == 0 || a0 == getpid())
          a0 = -1;
        ret = sys6(nr, a0, a1, a2, 0, 0, 0);
        if (ret > 0)
          reap_kid(ret, 0);
        if (ret > 0 && (bad || ro_hit) && a1 != 0)
          violation(nr, a0, a1, a2, ret, "stored at a kernel address or into text");
        return;
      }
      break;
    }
    case NR_sigaction: case NR_sigprocmask:
      a0 = nr == NR_sigaction ? rn(36) - 2 : rn(5) - 1;
      a1 = rn(3) ? 0 : (long)arg_ptr(&bad);
      a2 = rn(2) ? 0 : (long)arg_ptr(&bad);
      break;
    case NR_alarm: case NR_pause: case NR_sigsuspend: case NR_sigreturn:
      // These block or rewrite our registers: only a short-lived child
      // calls them, with an alarm armed first so that it cannot wait forever.
      if (!is_kid) {
        nr = NR_alarm;
        a0 = 0;
        break;
      }
      if (nr != NR_alarm)
        sys6(NR_alarm, 1, 0, 0, 0, 0, 0);
      a0 = nr == NR_alarm ? (long)rn(3) : (long)arg_ptr(&bad);
      break;
    default:                    // calls this program does not know yet
      a0 = rn(2) ? (long)arg_ptr(0) : arg_int();
      a1 = rn(2) ? (long)arg_ptr(0) : arg_int();
      a2 = arg_int();
      sys6(nr, a0, a1, a2, 0, 0, 0);
      return;
    }
    break;
  }
  default: {                    // write a file with known bytes, read it back
    make_path(path1);
    int fd = open(path1, O_CREATE | O_RDWR);
    if (fd < 0)
      return;
    int n = rn(3000);
    for (int i = 0; i < n; i++)
      buf[i] = i * 7 + 3;
    write(fd, buf, n);
    close(fd);
    return;
  }
  }
  ret = sys6(nr, a0, a1, a2, 0, 0, 0);
  if (nr == 21 && a0 >= 0 && a0 < MAXFD)
    pend[a0] = 0;
  if (nr == 15 && ret >= 0 && ret < MAXFD)
    pend[ret] = 0;
  // A kernel pointer as a path or argv must never work.
  if (bad && ret != -1 && nr != 6 && nr != 10 && nr != 12 && nr != 13)
    violation(nr, a0, a1, a2, ret, "accepted a kernel address");
}

// Run `budget` calls, or until `end_tick`, then reap and leave.
static void
fuzz_loop(int budget, int end_tick)
{
  // A heap page of our own: unterminated strings live at its top.
  sbrk(2 * PGSIZE);
  heap0 = brk() - PGSIZE;
  path1[0] = 0;
  for (int i = 0; i < budget; i++) {
    if ((i & 15) == 0 && uptime() >= end_tick)
      break;
    one_call();
    // An ordinary user must never become root, whatever it called.
    if (start_euid > 0 && (geteuid() == 0 || getuid() == 0))
      violation(0, start_euid, 0, 0, 0, "an ordinary user gained root");
  }
  for (int i = 0; i < nkids; i++)
    kill(kids[i]);
  while (nkids > 0) {
    int st = 0;
    int pid = wait(&st);
    if (pid < 0)
      break;
    reap_kid(pid, st);
  }
}

static void
cov_name(char *nm, int slot)
{
  strcpy(nm, DIR);              // removed with the scratch directory at the end;
  char *e = nm + strlen(nm);    // no fuzzed path can name it ('z' is not in them)
  strcpy(e, "/zcov");
  e += 5;
  if (slot >= 10)
    *e++ = '0' + slot / 10;
  *e++ = '0' + slot % 10;
  *e = 0;
}

// As an ordinary user a worker may chmod the scratch directory or the one
// above it ("." and ".." are fuzzed paths) out of everyone's reach, the
// coverage files' with it. Give each directory on the way back (chmod
// fails harmlessly on one that is not ours; as root nothing is out of reach).
static void
give_back_dir(void)
{
  char p[104];
  strcpy(p, DIR);
  for (char *s = p + 1;; s++) {
    if (*s != '/' && *s != 0)
      continue;
    char c = *s;
    *s = 0;
    chmod(p, 0777);
    *s = c;
    if (c == 0)
      break;
  }
}

static int cov_dirty;           // a save failed: what we hold is not all on disk

// Parent, at the start: one file per slot, its blocks allocated now.
static void
cov_make_files(void)
{
  char nm[120];
  for (int slot = 0; slot < COV_SLOTS; slot++) {
    cov_name(nm, slot);
    int fd = open(nm, O_CREATE | O_WRONLY | O_TRUNC);
    if (fd >= 0) {
      write(fd, cov, sizeof(cov));
      close(fd);
    }
  }
}

// Fold in what a slot's file holds: a worker or child its own slot's at
// its start, so that its rewrites keep what earlier holders recorded; the
// parent, which has no slot, every slot's at the end.
static void
cov_load(int slot)
{
  char nm[120];
  uint64 m[COV_WORDS];
  cov_name(nm, slot);
  int fd = open(nm, O_RDONLY);
  if (fd < 0) {
    give_back_dir();
    fd = open(nm, O_RDONLY);
  }
  if (fd >= 0) {
    if (read(fd, m, sizeof(m)) == sizeof(m))
      for (int i = 0; i < COV_WORDS; i++)
        cov[i] |= m[i];
    close(fd);
  }
}

// Rewrite our slot's file in place (no new inode or block is needed). One
// that fails (the fd table full, the directory chmod-ed away) leaves the
// bits dirty for the next save or the one at exit.
static void
cov_save(void)
{
  if (cov_slot < 0)
    return;
  char nm[120];
  cov_name(nm, cov_slot);
  cov_dirty = 1;
  int fd = open(nm, O_WRONLY);
  if (fd < 0) {
    give_back_dir();
    fd = open(nm, O_WRONLY);
  }
  if (fd < 0)
    return;
  if (write(fd, cov, sizeof(cov)) == sizeof(cov))
    cov_dirty = 0;
  close(fd);
}

// Before exit: a last try at a failed save, with our fds closed (a worker
// often ends with its fd table full).
static void
cov_flush(void)
{
  if (!cov_dirty)
    return;
  for (int fd = 0; fd < 128; fd++)
    close(fd);
  cov_save();
}

static void
cov_report(void)
{
  int n = 0, called = 0, ok = 0;
  static char missed[400];
  int ml = 0;
  for (uint i = 0; i < sizeof(calltab) / sizeof(calltab[0]); i++) {
    long nr = calltab[i].nr;
    if (nr == NR_poweroff)
      continue;
    n++;
    int c = (cov[nr / 64] >> (nr % 64)) & 1;
    called += c;
    ok += (cov[COV_NR / 64 + nr / 64] >> (nr % 64)) & 1;
    if (!c && ml + 16 < (int)sizeof(missed)) {
      strcpy(missed + ml, " ");
      strcpy(missed + ml + 1, calltab[i].name);
      ml += 1 + strlen(calltab[i].name);
    }
  }
  printf("fuzz: coverage: %d of %d calls made, %d of them succeeded at least once; not made:%s\n",
         called, n, ok, ml ? missed : " none");
}

static void __attribute__((noreturn))
worker(uint64 seed, int k, int slot, int end_tick)
{
  seed_rng(seed, k + 1);
  cov_slot = slot * (1 + NKIDS);
  cov_load(cov_slot);
  open_sink();
  int stop = uptime() + ticks(WORKER_LIFE);
  fuzz_loop(200 + rn(600), stop < end_tick ? stop : end_tick);
  cov_flush();
  exit(calls);
}

// ---------------------------------------------------------------- parent

// Remove everything below the current directory, then the directory `name`
// in the parent. Works by chdir so that depth never makes a path too long.
// Is nm a directory, not a symbolic link to one? rmtree must not follow a
// link: "x" -> "a/b" would take it into a/b and back out to a, where it
// then unlinks the wrong names (randconfig seed 0x3003: one name left). With
// O_NOFOLLOW, open gives the link itself; a kernel without symbolic links
// has none to follow, and stat answers.
static int
is_real_dir(char *nm)
{
  struct stat st;
  int fd = open(nm, O_RDONLY | O_NOFOLLOW);
  if (fd >= 0) {
    int r = fstat(fd, &st) == 0 && st.type == T_DIR;
    close(fd);
    return r;
  }
  return stat(nm, &st) == 0 && st.type == T_DIR;
}

static int
rmtree(char *name)
{
  struct dirent de;
  char nm[DIRSIZ + 1];
  int fails = 0;

  // As an ordinary user the fuzzer may have chmod-ed its own files out of
  // its reach: give them back first (a no-op without multi-user).
  chmod(name, 0777);
  if (chdir(name) < 0)
    return unlink(name) < 0;
  int fd = open(".", O_RDONLY);
  if (fd < 0) {
    chdir("..");
    return 1;
  }
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    memmove(nm, de.name, DIRSIZ);
    nm[DIRSIZ] = 0;
    if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0)
      continue;
    chmod(nm, 0777);
    if (is_real_dir(nm))
      fails += rmtree(nm);
    else if (unlink(nm) < 0)
      fails++;
  }
  close(fd);
  if (chdir("..") < 0)
    return fails + 1;
  if (unlink(name) < 0)
    fails++;
  return fails;
}

// Kill what our workers left behind. A worker that dies (a wild sbrk, an
// exec that worked) orphans its children, and an orphan may then legitimately
// stop itself (SIGSTOP), or pause with SIGALRM ignored: nobody is left to
// wake it, as on any Unix. Nothing else runs while we do, so every pid
// between ours and the next one handed out is ours to end; a process that
// survives SIGKILL still fails the leak check below. Returns how many died.
static int
sweep_leftovers(void)
{
  int me = getpid(), last = fork();
  if (last == 0)
    exit(0);
  if (last < 0)
    return 0;
  wait(0);
  int n = 0;
  for (int pid = me + 1; pid < last; pid++)
    n += kill(pid) == 0;
  return n;
}

// During the run: kill the orphans dead workers left behind (reparented
// to init, younger than us), found with procinfo. As an ordinary user
// they count against RLIMIT_NPROC, and once they fill it every fork fails
// and the run goes on with fewer and fewer workers. Returns how many were
// killed; -1 without CONFIG_PROCINFO.
static int
sweep_orphans(void)
{
  static struct procinfo pi[128];
  int me = getpid(), uid = getuid(), n = procinfo(pi, 128), k = 0;

  if (n < 0)
    return -1;
  for (int i = 0; i < n && i < 128; i++)
    if (pi[i].pid > me && pi[i].ppid == 1 && pi[i].uid == uid)
      k += kill(pi[i].pid) == 0;
  return k;
}

static int
spawn(uint64 seed, int k, int slot, int end_tick)
{
  int pid = fork();
  if (pid == 0)
    worker(seed, k, slot, end_tick);
  return pid;
}

static int
watchdog(void)
{
  int pid = fork();
  if (pid == 0) {
    sleep(ticks(WATCH_TIME));
    exit(0);
  }
  return pid;
}

static void
show_report(uint64 seed, int status)
{
  static char rep[300];
  int fd = open(REPORT, O_RDONLY);
  int n = fd >= 0 ? read(fd, rep, sizeof(rep) - 1) : 0;
  if (fd >= 0)
    close(fd);
  if (n < 0)
    n = 0;
  rep[n] = 0;
  if (n > 0 && rep[n - 1] == '\n')
    rep[n - 1] = 0;
  printf("fuzz: FAIL %lu: %s (status %d)\n", seed, n > 0 ? rep : "violation, no report", status);
}

// Free memory and process count, sampled until they settle back to the
// start values (orphaned grandchildren may still be finishing).
static int
settled(struct sysinfo *start, struct sysinfo *now)
{
  for (int tries = 0; tries < 40; tries++) {
    if (sysinfo(now) < 0)
      return 0;
    if (now->freemem >= start->freemem && now->nproc <= start->nproc)
      return 1;
    sleep(ticks(5));
  }
  return 0;
}

int
main(int argc, char *argv[])
{
  if (argc != 3 && argc != 4) {
    fprintf(2, "usage: fuzz SEED SECONDS [BASEDIR]\n");
    return 2;
  }
  if (argc == 4 && strlen(argv[3]) < 64) {
    strcpy(DIR, argv[3]);
    strcpy(DIR + strlen(DIR), "/fuzzdir");
    strcpy(REPORT, argv[3]);
    strcpy(REPORT + strlen(REPORT), "/fuzzrep");
  }
  strcpy(DIR_NULL, DIR);
  strcpy(DIR_NULL + strlen(DIR_NULL), "/null");
  strcpy(DIR_SINK, DIR);
  strcpy(DIR_SINK + strlen(DIR_SINK), "/sink");
  struct sysinfo si0, si1;
  if (sysinfo(&si0) == 0 && si0.hz > 0 && si0.hz <= 100000)
    hz = si0.hz;                // all times below are in seconds, not ticks
  start_euid = geteuid();
  uint64 seed = atoi(argv[1]);
  int secs = atoi(argv[2]);
  int failed = 0;
  long total = 0;
  int spawned = 0, stuck = 0, swept = 0, last_sweep = 0;

  // Fresh scratch directory and the sink children write to.
  rmtree(DIR);
  unlink(REPORT);
  if (mkdir(DIR) < 0 || chdir(DIR) < 0) {
    printf("fuzz: FAIL %lu: cannot make %s\n", seed, DIR);
    return 1;
  }
  if (mknod("null", 2, 0) == 0) {
    int fd = open("null", O_RDWR);
    sink_is_dev = fd >= 0 && write(fd, "x", 1) == 1;
    if (fd >= 0)
      close(fd);
  }
  if (!sink_is_dev) {
    unlink("null");
    close(open("sink", O_CREATE | O_RDWR));
  }
  cov_make_files();
  seed_rng(seed, 0);
  for (int k = 0; k < 8; k++)
    write_garbage(k);

  // Warm up the kernel's caches (slabs for pipes, files) before measuring.
  if (pipe(pipefds) == 0) {
    close(pipefds[0]);
    close(pipefds[1]);
  }
  int w = fork();
  if (w == 0)
    exit(0);
  wait(0);

  sysinfo(&si0);
  printf("fuzz: seed %lu, %d seconds, %d workers, free %lu KiB, %d procs\n",
         seed, secs, NWORKERS, si0.freemem / 1024, si0.nproc);

  int start = uptime(), next_beat = start + ticks(BEAT_TIME);
  int end = start + secs * hz;
  int pids[NWORKERS], born[NWORKERS], live = 0;
  for (int i = 0; i < NWORKERS; i++)
    pids[i] = 0;
  int wd = watchdog();

  for (;;) {
    int now = uptime(), refused = 0;
    for (int i = 0; i < NWORKERS && now < end; i++) {
      if (pids[i] == 0) {
        int pid = spawn(seed, spawned, i, end);
        if (pid > 0) {
          spawned++;            // failed forks are not workers started
          pids[i] = pid;
          born[i] = now;
          live++;
        } else {
          refused = 1;
        }
      }
    }
    if (refused && now - last_sweep >= ticks(1)) {
      int k = sweep_orphans();
      swept += k > 0 ? k : 0;
      last_sweep = now;
    }
    if (live == 0 && now >= end)
      break;
    if (wd <= 0)
      wd = watchdog();
    if (wd <= 0) {
      // No process for the watchdog (an ordinary user's RLIMIT_NPROC taken
      // by orphans, or no memory): a stuck worker would then block wait()
      // below for ever. End the workers instead; new ones follow.
      for (int i = 0; i < NWORKERS; i++)
        if (pids[i] > 0)
          kill(pids[i]);
    }
    int st = 0;
    int pid = wait(&st);
    if (pid < 0 && live == 0) {
      sleep(ticks(2));          // fork failed for lack of memory: try again
      continue;
    }
    if (pid < 0) {
      printf("fuzz: FAIL %lu: wait failed with %d workers alive\n", seed, live);
      failed = 1;
      break;
    }
    now = uptime();
    if (pid == wd) {
      wd = 0;
      if (now >= next_beat) {
        // A heartbeat for the host: a guest that is slow (a loaded host,
        // ticket locks on time-sliced harts) is told from one that hangs.
        printf("fuzz: at %d s: %d workers live, %d started, %ld calls so far\n",
               (now - start) / hz, live, spawned, total);
        next_beat = now + ticks(BEAT_TIME);
      }
      for (int i = 0; i < NWORKERS; i++)
        if (pids[i] > 0 && (now - born[i] > ticks(WORKER_KILL) || now > end + ticks(20)))
          stuck += kill(pids[i]) == 0;
      continue;
    }
    for (int i = 0; i < NWORKERS; i++) {
      if (pids[i] == pid) {
        pids[i] = 0;
        live--;
      }
    }
    if (IS_VIOLATION(st)) {
      if (!failed)
        show_report(seed, st);
      failed = 1;
      end = now;                // stop spawning; finish cleanly
    } else if (st > 0) {
      total += st;
    }
  }
  if (wd > 0) {
    kill(wd);
    wait(0);
  }

  printf("fuzz: workers done after %d s; cleaning up\n", (uptime() - start) / hz);
  swept += sweep_leftovers();
  for (int slot = 0; slot < COV_SLOTS; slot++)
    cov_load(slot);             // before rmtree takes the files away
  chdir("/");
  int left = rmtree(DIR);
  if (left) {
    // An orphaned grandchild may still hold a name: try once more.
    sleep(ticks(20));
    left = rmtree(DIR);
  }
  unlink(REPORT);
  if (left && !failed) {
    printf("fuzz: FAIL %lu: %d scratch names in %s could not be removed\n", seed, left, DIR);
    failed = 1;
  }
  if (!failed && !settled(&si0, &si1)) {
    printf("fuzz: FAIL %lu: leak: free memory %lu KiB before, %lu KiB after (%ld pages); procs %d before, %d after\n",
           seed, si0.freemem / 1024, si1.freemem / 1024,
           ((long)si0.freemem - (long)si1.freemem) / 4096, si0.nproc, si1.nproc);
    failed = 1;
  }
  cov_report();
  if (failed)
    return 1;
  printf("fuzz: ok %lu %ld calls (%d workers, %d killed when stuck, %d orphans swept)\n",
         seed, total, spawned, stuck, swept);
  return 0;
}
