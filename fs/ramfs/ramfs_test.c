// fs/ramfs/ramfs_test.c: host tests of ramfs under the real file-system
// layer, system calls down to ramfs's pages (as fs/fs_test.c does for xv6fs).
// host-test-sources: fs/dir.c fs/namei.c fs/inode.c fs/file.c fs/fdtable.c fs/pipe.c fs/sysfile.c fs/devsw.c fs/mount.c fs/ramfs/ramfs.c
// host-test-config[ramfs]: CONFIG_FS_LINK_MAX=32000 CONFIG_FS_RAMFS CONFIG_ROOT_FS_RAMFS CONFIG_NR_INODES=50 CONFIG_NR_OPEN=16 CONFIG_NR_FILES=100 CONFIG_NR_CPUS=1
// host-test-config[links]: CONFIG_FS_LINK_MAX=32000 CONFIG_FS_RAMFS CONFIG_ROOT_FS_RAMFS CONFIG_FS_SYMLINKS CONFIG_NR_INODES=50 CONFIG_NR_OPEN=16 CONFIG_NR_FILES=100 CONFIG_NR_CPUS=1
// host-test-sources[links]: fs/symlink.c
// host-test-config[trans]: CONFIG_FS_LINK_MAX=32000 CONFIG_FS_RAMFS CONFIG_ROOT_FS_RAMFS CONFIG_FS_TRANSACTIONS CONFIG_NR_INODES=50 CONFIG_NR_OPEN=16 CONFIG_NR_FILES=100 CONFIG_NR_CPUS=1
// host-test-sources[trans]: fs/vfs_trans.c
// host-test-cflags: -include fs/fs_test_shim.h
//
// [trans] builds the transaction layer (fs/vfs_trans.c), as a kernel with
// xv6fs beside a ramfs root does: ramfs's ops have no begin/end, so every
// call goes through vfs_begin/vfs_end and finds nothing to do.
//
// No disk and no initramfs: the root starts empty. Each case runs in a
// forked child, because a mount is for the life of the kernel. The shims
// (one process, user addresses are host pointers, an address below 4096
// faults) mirror fs/fs_test.c's, without its disk.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "host_test.h"
#include <octopos/blkdev.h>
#include <octopos/errno.h>
#include <octopos/file.h>
#include <octopos/fs.h>
#include <octopos/kmalloc.h>
#include <octopos/page_alloc.h>
#include <octopos/syscall.h>
#include <octopos/vm.h>
#include <uapi/octopos/fcntl.h>

// Not <unistd.h>: its sleep() is not the kernel's.
pid_t fork(void);
void _exit(int) __attribute__((noreturn));

#define CHECK(c) do {                                                         \
    if (!(c)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\nkernel said: %s\n",           \
              __FILE__, __LINE__, #c, host_log);                              \
      _exit(1);                                                               \
    }                                                                         \
  } while (0)

// ---------------------------------------------------------------- shims
static struct proc proc0;
uint ticks;
static uint64 args[6];
static long pages_live;                  // kalloc'd pages not yet freed

struct proc *myproc(void) { return &proc0; }
void wakeup(void *chan) { (void)chan; }
int killed(struct proc *p) { return p->killed; }

void
sleep(void *chan, struct spinlock *lk)
{
  (void)chan;
  (void)lk;
  fprintf(stderr, "sleep() with one thread: would block forever\n");
  _exit(2);
}

static int
bad_user(uint64 a, uint64 len)
{
  return a < 4096 || a + len < a;
}

int
either_copyout(int user_dst, uint64 dst, void *src, uint64 len)
{
  if (user_dst && bad_user(dst, len))
    return -EFAULT;
  memmove((void *)dst, src, len);
  return 0;
}

int
either_copyin(void *dst, int user_src, uint64 src, uint64 len)
{
  if (user_src && bad_user(src, len))
    return -EFAULT;
  memmove(dst, (void *)src, len);
  return 0;
}

int copyout(pagetable_t pt, uint64 dst, const void *src, uint64 len)
{ (void)pt; return either_copyout(1, dst, (void *)src, len); }
int copyin(pagetable_t pt, void *dst, uint64 src, uint64 len)
{ (void)pt; return either_copyin(dst, 1, src, len); }

int argint(int n) { return (int)args[n]; }
uint64 argaddr(int n) { return args[n]; }

int
argstr(int n, char *buf, int max)
{
  const char *s = (const char *)args[n];

  if (bad_user(args[n], 1))
    return -EFAULT;
  for (int i = 0; i < max; i++) {
    buf[i] = s[i];
    if (s[i] == 0)
      return i;
  }
  return -ENAMETOOLONG;
}

void initsleeplock(struct sleeplock *lk, const char *name) { lk->locked = 0; lk->name = name; }
void releasesleep(struct sleeplock *lk) { lk->locked = 0; }
int holdingsleep(struct sleeplock *lk) { return lk->locked; }

void
acquiresleep(struct sleeplock *lk)
{
  if (lk->locked) {
    fprintf(stderr, "acquiresleep %s: already held (deadlock)\n", lk->name);
    _exit(3);
  }
  lk->locked = 1;
}

void *kmalloc(size_t n) { return malloc(n); }
void *kzalloc(size_t n) { return calloc(1, n); }
void kfree(void *p) { free(p); }
void *kalloc(void) { pages_live++; return calloc(1, PGSIZE); }
void kfree_page(void *p) { pages_live -= p != NULL; free(p); }
struct blkdev *blkdev_get(uint dev) { (void)dev; return NULL; }

// ---------------------------------------------------------------- helpers
static long
call(long (*fn)(void), uint64 a0, uint64 a1, uint64 a2)
{
  args[0] = a0;
  args[1] = a1;
  args[2] = a2;
  return fn();
}

#define U(p) ((uint64)(uintptr_t)(p))
static long sopen(const char *p, int m) { return call(sys_open, U(p), m, 0); }
static long sread(int fd, void *b, int n) { return call(sys_read, fd, U(b), n); }
static long swrite(int fd, const void *b, int n) { return call(sys_write, fd, U(b), n); }
static long sclose(int fd) { return call(sys_close, fd, 0, 0); }
static long smkdir(const char *p) { return call(sys_mkdir, U(p), 0, 0); }
static long schdir(const char *p) { return call(sys_chdir, U(p), 0, 0); }
static long sunlink(const char *p) { return call(sys_unlink, U(p), 0, 0); }
static long slink(const char *a, const char *b) { return call(sys_link, U(a), U(b), 0); }
static long sfstat(int fd, struct stat *st) { return call(sys_fstat, fd, U(st), 0); }
long sys_symlink(void) __attribute__((weak));      // fs/symlink.c, [links] only
static long ssymlink(const char *t, const char *p) { return call(sys_symlink, U(t), U(p), 0); }

static int
boot(void)
{
  fs_early_init();
  int err = fs_mount_root();
  if (err == 0)
    CHECK(proc_files_init(&proc0) == 0 && proc0.cwd != NULL);
  return err;
}

static struct stat
statpath(const char *p)
{
  struct stat st;
  memset(&st, 0, sizeof(st));
  int fd = sopen(p, O_RDONLY);
  CHECK(fd >= 0);
  CHECK(sfstat(fd, &st) == 0);
  sclose(fd);
  return st;
}

static void
run(void (*body)(void))
{
  pid_t pid = fork();
  if (pid == 0) {
    CHECK(boot() == 0);
    body();
    _exit(0);
  }
  int st;
  assert_true(waitpid(pid, &st, 0) == pid);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
    fail_msg("child failed (status %#x); see stderr", st);
}

#define CASE(name) \
  static void name##_body(void); \
  static void name(void **state) { (void)state; run(name##_body); } \
  static void name##_body(void)

// An optional feature's case: skipped (not passed) when it is off.
#define CASE_IF(name, on) \
  static void name##_body(void); \
  static void name(void **state) { (void)state; if (!(on)) skip(); run(name##_body); } \
  static void name##_body(void)

// ---------------------------------------------------------------- cases
CASE(empty_root_is_a_directory)
{
  struct stat st = statpath("/");
  CHECK(st.type == T_DIR && st.ino != 0);
  CHECK(sopen("/nothing", O_RDONLY) == -ENOENT);
}

// Data spanning pages reads back whole, at any offset, and the file's
// pages go back when it is unlinked and closed.
CASE(write_read_back_across_pages)
{
  static char buf[3 * PGSIZE + 100], got[sizeof(buf)];
  for (size_t i = 0; i < sizeof(buf); i++)
    buf[i] = (char)(i * 7 + i / PGSIZE);
  long before = pages_live;
  int fd = sopen("f", O_CREATE | O_RDWR);
  CHECK(fd >= 0);
  CHECK(swrite(fd, buf, sizeof(buf)) == (long)sizeof(buf));
  CHECK(sclose(fd) == 0);
  CHECK(pages_live > before);
  fd = sopen("/f", O_RDONLY);
  CHECK(sread(fd, got, 10) == 10 && sread(fd, got + 10, sizeof(got) - 10) == (long)sizeof(got) - 10);
  CHECK(memcmp(buf, got, sizeof(buf)) == 0);
  CHECK(sread(fd, got, 1) == 0);                 // end of file
  CHECK(swrite(fd, buf, 1) < 0);                 // opened read-only
  struct stat st;
  CHECK(sfstat(fd, &st) == 0 && st.type == T_FILE && st.size == sizeof(buf) && st.nlink == 1);
  CHECK(sunlink("f") == 0);
  CHECK(pages_live > before);                    // still open: still there
  CHECK(sread(fd, got, 1) == 0);
  sclose(fd);
  CHECK(pages_live == before);
  CHECK(sopen("f", O_RDONLY) == -ENOENT);
}

CASE(truncate_gives_pages_back)
{
  static char buf[2 * PGSIZE];
  long before = pages_live;
  int fd = sopen("t", O_CREATE | O_WRONLY);
  CHECK(swrite(fd, buf, sizeof(buf)) == (long)sizeof(buf));
  sclose(fd);
  fd = sopen("t", O_WRONLY | O_TRUNC);
  CHECK(fd >= 0);
  struct stat st;
  CHECK(sfstat(fd, &st) == 0 && st.size == 0);
  sclose(fd);
  CHECK(pages_live <= before + 1);               // at most the page table stays
}

// A ramfs file holds one page of page pointers: at most 512 pages.
CASE(file_size_limit)
{
  static char buf[64 * 1024];
  long max = (long)(PGSIZE / sizeof(char *)) * PGSIZE, total = 0, r;
  int fd = sopen("big", O_CREATE | O_WRONLY);
  while ((r = swrite(fd, buf, sizeof(buf))) > 0)
    total += r;
  CHECK(r < 0 && total == max);
  sclose(fd);
  CHECK(sunlink("big") == 0);
}

CASE(directories_dotdot_and_unlink_rules)
{
  CHECK(smkdir("d") == 0);
  CHECK(smkdir("d") == -EEXIST);
  CHECK(smkdir("d/e") == 0);
  int fd = sopen("d/e/f", O_CREATE | O_RDWR);
  CHECK(fd >= 0 && swrite(fd, "x", 1) == 1);
  sclose(fd);
  CHECK(schdir("d/e") == 0);
  CHECK(statpath("..").ino == statpath("/d").ino);
  CHECK(statpath("../..").ino == statpath("/").ino);
  CHECK(statpath("/..").ino == statpath("/").ino);
  CHECK(schdir("/") == 0);
  CHECK(sunlink("d/e") < 0);                     // not empty
  CHECK(sunlink("d/e/f") == 0 && sunlink("d/e") == 0 && sunlink("d") == 0);
  CHECK(sopen("d", O_RDONLY) == -ENOENT);
  CHECK(schdir("nowhere") < 0);
  CHECK(sopen("d/x", O_CREATE | O_RDWR) < 0);    // parent gone
}

CASE(hard_links_count)
{
  int fd = sopen("a", O_CREATE | O_RDWR);
  CHECK(swrite(fd, "abc", 3) == 3);
  sclose(fd);
  CHECK(slink("a", "b") == 0);
  CHECK(slink("a", "b") < 0);
  CHECK(statpath("a").nlink == 2 && statpath("a").ino == statpath("b").ino);
  CHECK(sunlink("a") == 0);
  char got[4] = { 0 };
  fd = sopen("b", O_RDONLY);
  CHECK(sread(fd, got, 3) == 3 && strcmp(got, "abc") == 0);
  sclose(fd);
  CHECK(statpath("b").nlink == 1);
}

CASE(bad_arguments_fail_cleanly)
{
  char buf[8];
  CHECK(sopen((const char *)8, O_RDONLY) == -EFAULT);
  int fd = sopen("g", O_CREATE | O_RDWR);
  CHECK(fd >= 0);
  CHECK(swrite(fd, (const void *)16, 4) < 0);
  CHECK(sread(fd, (void *)16, 4) < 0 || sread(fd, (void *)16, 4) == 0);
  CHECK(sread(99, buf, 1) < 0 && swrite(-1, buf, 1) < 0 && sclose(99) < 0);
  sclose(fd);
}

// Names are cut to DIRSIZ (14) bytes, as on xv6fs.
CASE(names_cut_to_dirsiz)
{
  int fd = sopen("abcdefghijklmnopq", O_CREATE | O_RDWR);
  CHECK(fd >= 0 && swrite(fd, "n", 1) == 1);
  sclose(fd);
  CHECK(statpath("abcdefghijklmn").ino == statpath("abcdefghijklmnXYZ").ino);
  CHECK(sopen("abcdefghijklm", O_RDONLY) == -ENOENT);
}

// Descriptors (CONFIG_NR_OPEN) and in-core inodes (CONFIG_NR_INODES) run
// out: open fails with an error, nothing breaks, and closing makes room.
CASE(descriptor_and_inode_tables_run_out)
{
  char name[16];
  int n = 0;
  for (int i = 0; i < CONFIG_NR_OPEN + 2; i++) {
    snprintf(name, sizeof(name), "f%d", i);
    long fd = sopen(name, O_CREATE | O_RDWR);
    if (fd >= 0)
      n++;
    else
      CHECK(fd == -EMFILE);
  }
  CHECK(n == CONFIG_NR_OPEN);
  for (int i = 0; i < CONFIG_NR_OPEN; i++)
    CHECK(sclose(i) == 0);
  CHECK(sopen("f0", O_RDONLY) == 0);
  sclose(0);
  // More files held open than in-core inodes: a fresh descriptor table
  // each round, so only the inode cache can run out.
  struct file **saved = proc0.ofile;
  int opened = 0, failed = 0;
  for (int round = 0; round < 5; round++) {
    proc0.ofile = kzalloc(CONFIG_NR_OPEN * sizeof(struct file *));
    CHECK(proc0.ofile != NULL);
    for (int i = 0; i < CONFIG_NR_OPEN; i++) {
      snprintf(name, sizeof(name), "g%d", round * CONFIG_NR_OPEN + i);
      if (sopen(name, O_CREATE | O_RDWR) >= 0)
        opened++;
      else
        failed++;
    }
  }
  CHECK(failed > 0 && opened >= CONFIG_NR_INODES - 3 && opened < CONFIG_NR_INODES);
  proc0.ofile = saved;
}

// ramfs's node table (1024 nodes, the root one of them) fills: create
// fails with ENOSPC, and an unlink frees a node for the next create.
CASE(node_table_fills)
{
  char name[16];
  int made = 0;
  long fd;
  for (;;) {
    snprintf(name, sizeof(name), "n%d", made);
    if ((fd = sopen(name, O_CREATE | O_RDWR)) < 0)
      break;
    sclose(fd);
    made++;
    CHECK(made < 5000);
  }
  CHECK(fd == -ENOSPC && made > 1000 && made < 1024);
  CHECK(smkdir("d") == -ENOSPC);
  CHECK(sunlink("n7") == 0);
  CHECK((fd = sopen("again", O_CREATE | O_RDWR)) >= 0);
  sclose(fd);
  CHECK(sopen("more", O_CREATE | O_RDWR) == -ENOSPC);
}

// Beside a file system with transactions, ramfs still has none: its write
// size is unbounded (vfs_write_max 0), so a write far larger than one
// xv6fs transaction goes to ramfs in one piece and reads back whole.
CASE_IF(no_transactions_beside_xv6fs, IS_ENABLED(CONFIG_FS_TRANSACTIONS))
{
  static char buf[40 * BSIZE], got[sizeof(buf)];
  CHECK(fs_root_mount() != NULL && vfs_write_max(fs_root_mount()) == 0);
  for (size_t i = 0; i < sizeof(buf); i++)
    buf[i] = (char)(i % 251);
  int fd = sopen("w", O_CREATE | O_RDWR);
  CHECK(fd >= 0 && swrite(fd, buf, sizeof(buf)) == (long)sizeof(buf));
  sclose(fd);
  fd = sopen("w", O_RDONLY);
  CHECK(sread(fd, got, sizeof(got)) == (long)sizeof(got) && memcmp(buf, got, sizeof(buf)) == 0);
  sclose(fd);
  CHECK(sunlink("w") == 0);
}

CASE_IF(symlinks_follow_and_loop, IS_ENABLED(CONFIG_FS_SYMLINKS))
{
  char buf[16] = { 0 };
  CHECK(smkdir("d") == 0);
  int fd = sopen("d/f", O_CREATE | O_RDWR);
  CHECK(swrite(fd, "data", 4) == 4);
  sclose(fd);
  CHECK(ssymlink("d", "dl") == 0);
  CHECK(ssymlink("f", "d/l") == 0);
  fd = sopen("dl/l", O_RDONLY);                  // two links followed
  CHECK(fd >= 0 && sread(fd, buf, 4) == 4 && memcmp(buf, "data", 4) == 0);
  sclose(fd);
  CHECK(ssymlink("loop", "loop") == 0);
  CHECK(sopen("loop", O_RDONLY) == -ELOOP);
  fd = sopen("dl", O_RDONLY | O_NOFOLLOW);       // the link itself: its target
  memset(buf, 0, sizeof(buf));
  CHECK(fd >= 0 && sread(fd, buf, sizeof(buf)) == 1 && buf[0] == 'd');
  sclose(fd);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(empty_root_is_a_directory),
    cmocka_unit_test(write_read_back_across_pages),
    cmocka_unit_test(truncate_gives_pages_back),
    cmocka_unit_test(file_size_limit),
    cmocka_unit_test(directories_dotdot_and_unlink_rules),
    cmocka_unit_test(hard_links_count),
    cmocka_unit_test(bad_arguments_fail_cleanly),
    cmocka_unit_test(names_cut_to_dirsiz),
    cmocka_unit_test(descriptor_and_inode_tables_run_out),
    cmocka_unit_test(node_table_fills),
    cmocka_unit_test(no_transactions_beside_xv6fs),
    cmocka_unit_test(symlinks_follow_and_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
