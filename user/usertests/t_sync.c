// user/usertests/t_sync.c: rename, fsync and sync (CONFIG_FS_SYNC).
//
// Skipped where sync() itself fails: a kernel without FS_SYNC answers its
// three calls with -1. What a crash does to them is tests/crashtest.py's.
#include "usertests.h"

static void
need_sync(void)
{
  if (sync() < 0)
    skip("sync() failed: no CONFIG_FS_SYNC");
}

static void
put(const char *path, const char *s)
{
  int fd = xopen(path, O_CREATE | O_WRONLY | O_TRUNC);
  xwrite(fd, s, strlen(s));
  xclose(fd);
}

// path's contents are s.
static int
holds(const char *path, const char *s)
{
  static char buf[64];
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return 0;
  int n = read(fd, buf, sizeof(buf));
  close(fd);
  return n == (int)strlen(s) && memcmp(buf, s, n) == 0;
}

static int
inum(const char *path)
{
  struct stat st;
  return stat(path, &st) < 0 ? -1 : (int)st.ino;
}

static int
nlink(const char *path)
{
  struct stat st;
  return stat(path, &st) < 0 ? -1 : st.nlink;
}

static void
rn_cleanup(void)
{
  static const char *names[] = {
    "ut-rn/a", "ut-rn/b", "ut-rn/c", "ut-rn/d1/x", "ut-rn/d1", "ut-rn/d2/x", "ut-rn/d2",
    "ut-rn/d3/y", "ut-rn/d3", "ut-rn/p/q", "ut-rn/p", "ut-rn/m1/sub", "ut-rn/m2/sub",
    "ut-rn/m1", "ut-rn/m2", "ut-rn/f", 0,
  };
  for (int i = 0; names[i]; i++)
    unlink(names[i]);
  unlink("ut-rn");
}

void
t_rename(void)
{
  static char buf[64], longpath[300];
  int fa, fb;

  need_sync();
  rn_cleanup();
  CHECK(mkdir("ut-rn") == 0, "mkdir ut-rn failed");

  // Over a file, with descriptors open on both names: the moved file's
  // stays valid, the replaced one's still reads the old contents.
  put("ut-rn/a", "AAAA");
  put("ut-rn/b", "BB");
  int ia = inum("ut-rn/a");
  fa = xopen("ut-rn/a", O_RDONLY);
  fb = xopen("ut-rn/b", O_RDONLY);
  CHECK(rename("ut-rn/a", "ut-rn/b") == 0, "rename over a file failed");
  CHECK(open("ut-rn/a", O_RDONLY) < 0, "the old name still opens after rename");
  CHECK(holds("ut-rn/b", "AAAA"), "the new name does not hold the moved file");
  CHECK(inum("ut-rn/b") == ia, "the new name is a different inode");
  CHECK(nlink("ut-rn/b") == 1, "nlink %d after rename, want 1", nlink("ut-rn/b"));
  CHECK(read(fa, buf, 4) == 4 && memcmp(buf, "AAAA", 4) == 0, "fd on the old name broke");
  CHECK(read(fb, buf, 2) == 2 && memcmp(buf, "BB", 2) == 0, "fd on the replaced file broke");
  xclose(fa);
  xclose(fb);

  // Onto itself, and between two links of one inode: nothing changes.
  CHECK(rename("ut-rn/b", "ut-rn/b") == 0, "rename onto itself failed");
  CHECK(holds("ut-rn/b", "AAAA"), "rename onto itself changed the file");
  CHECK(link("ut-rn/b", "ut-rn/c") == 0, "link failed");
  CHECK(rename("ut-rn/b", "ut-rn/c") == 0, "rename between links of one file failed");
  CHECK(holds("ut-rn/b", "AAAA") && holds("ut-rn/c", "AAAA") && nlink("ut-rn/c") == 2,
        "rename between links of one file changed them");
  CHECK(unlink("ut-rn/c") == 0, "unlink failed");

  // A directory over an empty directory; not over a non-empty one.
  CHECK(mkdir("ut-rn/d1") == 0 && mkdir("ut-rn/d2") == 0 && mkdir("ut-rn/d3") == 0, "mkdir failed");
  put("ut-rn/d1/x", "x");
  put("ut-rn/d3/y", "y");
  int top = nlink("ut-rn");
  CHECK(rename("ut-rn/d1", "ut-rn/d2") == 0, "rename of a directory over an empty one failed");
  CHECK(holds("ut-rn/d2/x", "x"), "the moved directory lost its file");
  CHECK(inum("ut-rn/d1") < 0, "the old directory name is still there");
  CHECK(nlink("ut-rn") == top - 1, "parent nlink %d after replacing a directory, want %d",
        nlink("ut-rn"), top - 1);
  CHECK(inum("ut-rn/d2/..") == inum("ut-rn"), "the moved directory's .. is wrong");
  CHECK(rename("ut-rn/d2", "ut-rn/d3") < 0, "rename over a non-empty directory succeeded");
  CHECK(holds("ut-rn/d2/x", "x") && holds("ut-rn/d3/y", "y"), "a refused rename changed something");

  // File over directory and directory over file.
  CHECK(rename("ut-rn/b", "ut-rn/d3") < 0, "rename of a file over a directory succeeded");
  CHECK(rename("ut-rn/d2", "ut-rn/b") < 0, "rename of a directory over a file succeeded");

  // Into its own subtree, and onto itself.
  CHECK(mkdir("ut-rn/p") == 0 && mkdir("ut-rn/p/q") == 0, "mkdir failed");
  CHECK(rename("ut-rn/p", "ut-rn/p/q/r") < 0, "rename of a directory into its subtree succeeded");
  CHECK(rename("ut-rn/p", "ut-rn/p/r") < 0, "rename of a directory into itself succeeded");
  CHECK(rename("ut-rn/p", "ut-rn/p") == 0, "rename of a directory onto itself failed");
  CHECK(rename("ut-rn/p/q", "ut-rn/p") < 0, "rename of a directory over its parent succeeded");
  CHECK(inum("ut-rn/p/q") > 0, "a refused rename moved the directory");

  // A directory to another parent: .. and both parents' link counts.
  CHECK(mkdir("ut-rn/m1") == 0 && mkdir("ut-rn/m2") == 0 && mkdir("ut-rn/m1/sub") == 0,
        "mkdir failed");
  int n1 = nlink("ut-rn/m1"), n2 = nlink("ut-rn/m2");
  CHECK(rename("ut-rn/m1/sub", "ut-rn/m2/sub") == 0, "rename of a directory across parents failed");
  CHECK(inum("ut-rn/m2/sub/..") == inum("ut-rn/m2"), "the moved directory's .. still names the old parent");
  CHECK(nlink("ut-rn/m1") == n1 - 1 && nlink("ut-rn/m2") == n2 + 1,
        "parent link counts %d %d after the move, want %d %d",
        nlink("ut-rn/m1"), nlink("ut-rn/m2"), n1 - 1, n2 + 1);

  // Missing names and parents, ".", "..", the root, bad arguments.
  CHECK(rename("ut-rn/nosuch", "ut-rn/f") < 0, "rename of a missing name succeeded");
  CHECK(rename("ut-rn/b", "ut-rn/nodir/f") < 0, "rename into a missing directory succeeded");
  CHECK(rename("ut-rn/b", "ut-rn/b/f") < 0, "rename under a file succeeded");
  CHECK(rename("ut-rn/.", "ut-rn/f") < 0, "rename of . succeeded");
  CHECK(rename("ut-rn/p/..", "ut-rn/f") < 0, "rename of .. succeeded");
  CHECK(rename("ut-rn/b", "ut-rn/p/..") < 0, "rename onto .. succeeded");
  CHECK(rename("/", "ut-rn/f") < 0, "rename of the root succeeded");
  CHECK(rename("ut-rn/b", "/") < 0, "rename onto the root succeeded");
  CHECK(rename("", "ut-rn/f") < 0 && rename("ut-rn/b", "") < 0, "rename with an empty path succeeded");
  memset(longpath, 'a', sizeof(longpath) - 1);
  longpath[sizeof(longpath) - 1] = 0;
  CHECK(rename("ut-rn/b", longpath) < 0 && rename(longpath, "ut-rn/f") < 0,
        "rename with a path longer than MAXPATH succeeded");
  CHECK(rename((char *)0x3fffffe000UL, "ut-rn/f") < 0 && rename("ut-rn/b", (char *)UT_KERNBASE) < 0,
        "rename with a bad pointer succeeded");
  CHECK(holds("ut-rn/b", "AAAA"), "a refused rename changed ut-rn/b");
  rn_cleanup();
}

void
t_fsync(void)
{
  int p[2];

  need_sync();
  put("ut-fsync", "data");
  int fd = xopen("ut-fsync", O_RDWR);
  CHECK(fsync(fd) == 0, "fsync of a file failed");
  xclose(fd);
  fd = xopen(".", O_RDONLY);
  CHECK(fsync(fd) == 0, "fsync of a directory failed");
  xclose(fd);
  CHECK(pipe(p) == 0, "pipe failed");
  CHECK(fsync(p[0]) < 0 && fsync(p[1]) < 0, "fsync of a pipe succeeded");
  close(p[0]);
  close(p[1]);
  fd = open("/dev/null", O_RDWR);
  if (fd < 0)
    fd = dup(1);                // the console: a device too
  CHECK(fsync(fd) < 0, "fsync of a device succeeded");
  close(fd);
  CHECK(fsync(-1) < 0 && fsync(100) < 0 && fsync(ut.nr_open) < 0, "fsync of a bad fd succeeded");
  CHECK(sync() == 0, "sync failed");
  unlink("ut-fsync");
}
