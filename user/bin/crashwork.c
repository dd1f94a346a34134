// user/bin/crashwork.c: file-system workload for the crash test, and its checker.
//
// usage: crashwork run SEED [ROUNDS]   churn files in /cw until killed (or ROUNDS)
//        crashwork quiet SEED MODE     write, then fall silent until killed
//        crashwork check               list /cw with a checksum of every file
//
// tests/crashtest.py kills QEMU at a random moment while `run` works, boots
// the same disk again (log recovery runs at mount) and compares what `check`
// prints with what `run` said was durable.
//
// Durability needs a commit, and xv6's log commits only when the last
// overlapping operation ends (group commit), so a system call that returned
// is not yet on disk while another process is inside one; with
// CONFIG_FS_LOG_COMMIT_DEFERRED (xv6_defconfig) it commits later still, but
// always before a write to the console returns. So the workers
// (NWORKERS processes) run in rounds: each does a batch of operations, then
// tells the parent, through its own pipe, what it did and what it will do
// next, and blocks. Once every worker has reported, no file-system call is
// in progress, so the last one's end_op (or, deferred, the parent's console
// write) commits everything before the parent's lines appear. Only then
// does the parent print the reports and `sync R`:
//
//   done create w0f3 size 3000 seed 77   (also: rename A B, delete A,
//   done mkdir w1d2                        rmdir A, fail OP ...)
//   plan w0 create w0f5                  the batch that runs after this sync
//   sync 12
//
// A `done` line before a `sync` line is committed; names in `plan` lines
// after the last sync may be in any state. Only the parent writes to the
// console, so lines never interleave.
//
// File contents are a function of (seed, offset) that the host recomputes:
// byte i is (seed * 7 + i * 13 + (i >> 8)) & 0xff, and `check` prints the
// 32-bit FNV-1a hash of each file: `file NAME size N fnv HEX`.
#include <user.h>

#define NWORKERS 3
#define NFILES   12
#define NDIRS    3
#define MAXSIZE  7000

static uint64 rng;
static char data[MAXSIZE];
static char msg[1024];
static int msglen;

static uint
rn(uint n)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint)(rng >> 11) % n;
}

static void
fill(uint seed, int size)
{
  for (int i = 0; i < size; i++)
    data[i] = (seed * 7 + i * 13 + (i >> 8)) & 0xff;
}

// ---------------------------------------------------------------- worker

// What this worker believes is on disk (only its own names).
static struct {
  int exists;
} files[NFILES], dirs[NDIRS], inner[NDIRS];

static int me;

static void
say(const char *s)
{
  int n = strlen(s);
  if (msglen + n < (int)sizeof(msg)) {
    memmove(msg + msglen, s, n);
    msglen += n;
  }
}

static void
fname(char *b, int f)
{
  b[0] = 'w';
  b[1] = '0' + me;
  b[2] = 'f';
  b[3] = '0' + f / 10;
  b[4] = '0' + f % 10;
  b[5] = 0;
}

static void
dname(char *b, int d, int in)
{
  b[0] = 'w';
  b[1] = '0' + me;
  b[2] = 'd';
  b[3] = '0' + d;
  b[4] = 0;
  if (in)
    strcpy(b + 4, "/i");
}

// One planned operation.
struct op {
  int kind;                     // 0 create, 1 rename, 2 delete, 3 mkdir, 4 rmdir
  char a[12], b[12];
  int size, seed;
  int fa, fb, dir;              // model indexes; dir >= 0: a is dir's inner file
};

static const char *kinds[] = { "create", "rename", "delete", "mkdir", "rmdir" };

// Pick an operation that makes sense in the (planned) model and apply it
// to the plan model.
static void
plan(struct op *o)
{
  for (;;) {
    int r = rn(10);
    o->dir = -1;
    o->size = 0;
    if (r < 4) {                // create or overwrite a file (in a dir, sometimes)
      int d = rn(NDIRS);
      o->kind = 0;
      o->size = rn(4) == 0 ? 0 : rn(MAXSIZE);
      o->seed = rn(1000);
      if (rn(4) == 0 && dirs[d].exists) {
        dname(o->a, d, 1);
        o->dir = d;
        inner[d].exists = 1;
      } else {
        o->fa = rn(NFILES);
        fname(o->a, o->fa);
        files[o->fa].exists = 1;
      }
      return;
    }
    if (r < 6) {                // rename: link to a free name, unlink the old
      int a = rn(NFILES), b = rn(NFILES);
      if (!files[a].exists || files[b].exists)
        continue;
      o->kind = 1;
      o->fa = a;
      o->fb = b;
      fname(o->a, a);
      fname(o->b, b);
      files[a].exists = 0;
      files[b].exists = 1;
      return;
    }
    if (r < 8) {                // delete a file
      int d = rn(NDIRS);
      o->kind = 2;
      if (rn(3) == 0 && inner[d].exists) {
        dname(o->a, d, 1);
        o->dir = d;
        inner[d].exists = 0;
        return;
      }
      int a = rn(NFILES);
      if (!files[a].exists)
        continue;
      o->fa = a;
      fname(o->a, a);
      files[a].exists = 0;
      return;
    }
    int d = rn(NDIRS);          // mkdir or rmdir
    o->dir = d;
    dname(o->a, d, 0);
    if (!dirs[d].exists) {
      o->kind = 3;
      dirs[d].exists = 1;
      return;
    }
    if (inner[d].exists)
      continue;
    o->kind = 4;
    dirs[d].exists = 0;
    return;
  }
}

static int
doop(struct op *o)
{
  switch (o->kind) {
  case 0: {
    int fd = open(o->a, O_CREATE | O_WRONLY | O_TRUNC);
    if (fd < 0)
      return -1;
    fill(o->seed, o->size);
    int n = write(fd, data, o->size);
    close(fd);
    return n == o->size ? 0 : -1;
  }
  case 1:
    // One atomic rename where the kernel has it (FS_SYNC); xv6's way,
    // link then unlink, where it does not.
    if (rename(o->a, o->b) == 0)
      return 0;
    if (link(o->a, o->b) < 0)
      return -1;
    return unlink(o->a);
  case 2:
  case 4:
    return unlink(o->a);
  case 3:
    return mkdir(o->a);
  }
  return -1;
}

static void
describe(char *b, const char *what, struct op *o)
{
  // "done create w0f3 size 3000 seed 77\n" and friends, built by hand: the
  // worker has no sprintf.
  char num[12];
  strcpy(b, what);
  strcpy(b + strlen(b), kinds[o->kind]);
  strcpy(b + strlen(b), " ");
  strcpy(b + strlen(b), o->a);
  if (o->kind == 1) {
    strcpy(b + strlen(b), " ");
    strcpy(b + strlen(b), o->b);
  }
  if (o->kind == 0) {
    for (int k = 0; k < 2; k++) {
      uint v = k == 1 ? o->seed : o->size < 0 ? -1 - o->size : o->size;
      int i = sizeof(num) - 1;
      num[i] = 0;
      do {
        num[--i] = '0' + v % 10;
        v /= 10;
      } while (v);
      strcpy(b + strlen(b), k == 0 ? " size " : " seed ");
      strcpy(b + strlen(b), num + i);
    }
  }
  strcpy(b + strlen(b), "\n");
}

static void __attribute__((noreturn))
worker(int w, uint seed, int go, int rep)
{
  static struct op ops[8];
  static char line[80];
  me = w;
  rng = seed * 2654435761UL + w * 97 + 1;
  int n = 0;
  for (;;) {
    // Report last batch's results and the next batch's plan, then wait.
    msglen = 0;
    for (int i = 0; i < n; i++) {
      // The model was updated at plan time; undo nothing on failure: the
      // host only applies `done` lines, and a later op on a missing name
      // simply fails too.
      describe(line, ops[i].size >= 0 ? "done " : "fail ", &ops[i]);
      say(line);
    }
    n = 1 + rn(6);
    for (int i = 0; i < n; i++) {
      plan(&ops[i]);
      describe(line, "plan ", &ops[i]);
      say(line);
    }
    say(".\n");
    write(rep, msg, msglen);
    char c;
    if (read(go, &c, 1) != 1 || c == 'q')
      exit(0);
    for (int i = 0; i < n; i++)
      if (doop(&ops[i]) < 0)
        ops[i].size = -1 - ops[i].size;   // marks failure; describe() prints "fail"
  }
}

// ---------------------------------------------------------------- run

// Copy one worker's report (up to its "." line) to the console.
static int
relay(int fd, int w)
{
  static char b[1200];
  int n = 0;
  for (;;) {
    if (n >= (int)sizeof(b) - 1)
      return -1;
    int r = read(fd, b + n, 1);
    if (r != 1)
      return -1;
    n++;
    if (b[n - 1] == '\n') {
      if (n == 2 && b[0] == '.')
        return 0;
      b[n] = 0;
      if (strncmp(b, "plan ", 5) == 0)
        printf("plan w%d %s", w, b + 5);
      else
        printf("%s", b);
      n = 0;
    }
  }
}

static int
run(uint seed, int rounds)
{
  int go[NWORKERS][2], rep[NWORKERS][2];
  if (mkdir("/cw") < 0 && chdir("/cw") < 0) {
    printf("crashwork: cannot make /cw\n");
    return 1;
  }
  chdir("/cw");
  for (int w = 0; w < NWORKERS; w++) {
    if (pipe(go[w]) < 0 || pipe(rep[w]) < 0) {
      printf("crashwork: pipe failed\n");
      return 1;
    }
    int pid = fork();
    if (pid < 0) {
      printf("crashwork: fork failed\n");
      return 1;
    }
    if (pid == 0) {
      close(go[w][1]);
      close(rep[w][0]);
      worker(w, seed, go[w][0], rep[w][1]);
    }
    close(go[w][0]);
    close(rep[w][1]);
  }
  printf("crashwork: seed %d, %d workers\n", seed, NWORKERS);
  for (int r = 1; rounds == 0 || r <= rounds; r++) {
    for (int w = 0; w < NWORKERS; w++) {
      if (relay(rep[w][0], w) < 0) {
        printf("crashwork: worker %d died\n", w);
        return 1;
      }
    }
    // Every worker is blocked on its go pipe: nothing is in a transaction,
    // so everything reported above has been committed.
    printf("sync %d\n", r);
    for (int w = 0; w < NWORKERS; w++)
      write(go[w][1], "g", 1);
  }
  for (int w = 0; w < NWORKERS; w++) {
    relay(rep[w][0], w);
    write(go[w][1], "q", 1);
  }
  for (int w = 0; w < NWORKERS; w++)
    wait(0);
  printf("crashwork: finished %d rounds\n", rounds);
  return 0;
}

// ---------------------------------------------------------------- quiet

// The commit rules' promises for a write that nothing follows (issue 15):
// print one line (the last output, so nothing after it is flushed by the
// console), then write /cw/qa with (seed, size) contents, and, for MODE
// fsync or sync, make it durable that way before writing /cw/qb, which
// nobody syncs. Then fall silent: sleep (every process idle) or spin (a
// process computing in user mode), until the host pulls the plug. qa must
// be on disk after the kill: at once under EACH_OP, at most the commit
// interval later under DEFERRED, at once after fsync/sync under either.
static int
wfile(const char *path, uint seed, int size, int how)
{
  int fd = open(path, O_CREATE | O_WRONLY | O_TRUNC);
  if (fd < 0)
    return -1;
  fill(seed, size);
  int ok = write(fd, data, size) == size;
  if (ok && how == 1)
    ok = fsync(fd) == 0;
  close(fd);
  if (ok && how == 2)
    ok = sync() == 0;
  return ok ? 0 : -1;
}

static int
quiet(uint seed, const char *mode)
{
  int how = strcmp(mode, "fsync") == 0 ? 1 : strcmp(mode, "sync") == 0 ? 2 : 0;
  int spin = strcmp(mode, "spin") == 0;
  if (!how && !spin && strcmp(mode, "sleep") != 0) {
    fprintf(2, "crashwork: quiet MODE is sleep, spin, fsync or sync\n");
    return 2;
  }
  mkdir("/cw");
  printf("quiet %d %s qa size %d\n", seed, mode, 1000 + seed % 3000);
  // From here on nothing reaches the console.
  int bad = wfile("/cw/qa", seed, 1000 + seed % 3000, how) < 0;
  if (how)
    bad |= wfile("/cw/qb", seed + 1, 500, 0) < 0;
  if (bad)
    exit(1);                    // the host sees qa missing, and the exit in the log
  volatile uint64 n = 0;
  for (;;) {
    if (spin)
      n++;
    else
      sleep(1000);
  }
}

// ---------------------------------------------------------------- check

static uint
fnv(const char *path, int *size)
{
  uint h = 2166136261U;
  int fd = open(path, O_RDONLY);
  *size = -1;
  if (fd < 0)
    return 0;
  int n, total = 0;
  while ((n = read(fd, data, sizeof(data))) > 0) {
    for (int i = 0; i < n; i++) {
      h ^= (uchar)data[i];
      h *= 16777619U;
    }
    total += n;
  }
  close(fd);
  *size = n < 0 ? -1 : total;
  return h;
}

static int
list(const char *dir, int depth)
{
  struct dirent de;
  char path[64];
  int count = 0;
  int fd = open(dir, O_RDONLY);
  if (fd < 0) {
    printf("bad %s cannot open\n", dir);
    return 0;
  }
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    char nm[DIRSIZ + 1];
    memmove(nm, de.name, DIRSIZ);
    nm[DIRSIZ] = 0;
    if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0)
      continue;
    strcpy(path, dir);
    strcpy(path + strlen(path), "/");
    strcpy(path + strlen(path), nm);
    const char *rel = path + 4;   // past "/cw/"
    struct stat st;
    if (stat(path, &st) < 0) {
      printf("bad %s cannot stat (inum %d)\n", rel, de.inum);
      continue;
    }
    count++;
    if (st.type == T_DIR) {
      printf("dir %s\n", rel);
      if (depth == 0)
        count += list(path, 1);
    } else {
      int size;
      uint h = fnv(path, &size);
      if (size < 0 || (uint64)size != st.size)
        printf("bad %s read %d of %d bytes\n", rel, size, (int)st.size);
      else
        printf("file %s size %d fnv %x\n", rel, size, h);
    }
  }
  close(fd);
  return count;
}

static int
check(void)
{
  struct stat st;
  if (stat("/cw", &st) < 0) {
    printf("check: no /cw\ncheck end 0\n");
    return 0;
  }
  int n = list("/cw", 0);
  printf("check end %d\n", n);
  return 0;
}

int
main(int argc, char *argv[])
{
  if (argc >= 3 && strcmp(argv[1], "run") == 0)
    return run(atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 0);
  if (argc == 4 && strcmp(argv[1], "quiet") == 0)
    return quiet(atoi(argv[2]), argv[3]);
  if (argc == 2 && strcmp(argv[1], "check") == 0)
    return check();
  fprintf(2, "usage: crashwork run SEED [ROUNDS] | crashwork quiet SEED MODE | crashwork check\n");
  return 2;
}
