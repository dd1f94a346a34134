// user/usertests/t_fsx.c: tests of the optional file-system features.
//
// symlink needs CONFIG_FS_SYMLINKS and a root that can hold links (ramfs,
// or an xv6fs image with the symlink feature); where symlink() returns -1
// for a fresh name the test is skipped. largefile needs
// CONFIG_FS_XV6_LARGE_FILES (from getconfig) on an xv6fs root.
#include "usertests.h"

#define SL_CHAIN 10     // the kernel's SYMLINK_MAXDEPTH: links one lookup follows

// Read all of path into buf (n bytes at most); the count, or -1.
static int
slurp(const char *path, int flags, char *buf, int n)
{
  int fd = open(path, flags);
  if (fd < 0)
    return -1;
  int r = read(fd, buf, n);
  close(fd);
  return r;
}

static void
sl_cleanup(void)
{
  static const char *names[] = {
    "ut-sl/f", "ut-sl/l", "ut-sl/abs", "ut-sl/dang", "ut-sl/self", "ut-sl/dl",
    "ut-sl/sub/up", "ut-sl/sub/g", "ut-sl/sub", "ut-sl/new", 0,
  };
  char name[32];
  for (int i = 0; names[i]; i++)
    unlink(names[i]);
  for (int i = 0; i <= SL_CHAIN; i++) {
    snprintf(name, sizeof(name), "ut-sl/c%d", i);
    unlink(name);
  }
  unlink("ut-sl");
}

void
t_symlink(void)
{
  static char buf[256];
  struct stat st;
  char name[32], next[32];
  int fd;

  sl_cleanup();
  CHECK(mkdir("ut-sl") == 0, "mkdir ut-sl failed");
  if (symlink("f", "ut-sl/l") < 0) {
    unlink("ut-sl");
    skip("symlink() failed: no CONFIG_FS_SYMLINKS, or the root cannot hold links");
  }
  fd = xopen("ut-sl/f", O_CREATE | O_RDWR);
  xwrite(fd, "hello", 5);
  xclose(fd);

  // Reading through the link, and fstat of what it opened.
  CHECK(slurp("ut-sl/l", O_RDONLY, buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0,
        "read through a link failed");
  fd = xopen("ut-sl/l", O_RDWR);
  CHECK(fstat(fd, &st) == 0 && st.type == T_FILE && st.size == 5, "link opened a type %d", st.type);
  xclose(fd);

  // O_NOFOLLOW opens the link itself, read-only: its data is the target.
  fd = xopen("ut-sl/l", O_RDONLY | O_NOFOLLOW);
  CHECK(fstat(fd, &st) == 0 && st.type == T_SYMLINK && st.size == 1, "O_NOFOLLOW: type %d size %d",
        st.type, (int)st.size);
  CHECK(read(fd, buf, sizeof(buf)) == 1 && buf[0] == 'f', "reading a link gave the wrong target");
  xclose(fd);
  CHECK(open("ut-sl/l", O_RDWR | O_NOFOLLOW) == -1, "O_NOFOLLOW|O_RDWR of a link succeeded");
  CHECK(open("ut-sl/l", O_WRONLY | O_TRUNC | O_NOFOLLOW) == -1, "O_NOFOLLOW|O_TRUNC of a link succeeded");
  fd = xopen("ut-sl/f", O_RDONLY | O_NOFOLLOW);   // a plain file: no effect
  xclose(fd);

  // O_CREATE on a link to an existing file opens that file (no truncation).
  fd = xopen("ut-sl/l", O_CREATE | O_WRONLY);
  xwrite(fd, "J", 1);
  xclose(fd);
  CHECK(slurp("ut-sl/f", O_RDONLY, buf, sizeof(buf)) == 5 && buf[0] == 'J', "O_CREATE via a link");

  // Absolute targets, and links as directories in the middle of a path.
  CHECK(mkdir("ut-sl/sub") == 0, "mkdir ut-sl/sub failed");
  CHECK(symlink("/", "ut-sl/abs") == 0, "symlink to / failed");
  struct stat root;
  fd = xopen("/", O_RDONLY);
  CHECK(fstat(fd, &root) == 0, "fstat / failed");
  xclose(fd);
  fd = xopen("ut-sl/abs/.", O_RDONLY);
  CHECK(fstat(fd, &st) == 0 && st.ino == root.ino && st.type == T_DIR, "a link to / is not /");
  xclose(fd);
  CHECK(symlink("sub", "ut-sl/dl") == 0, "symlink to a directory failed");
  fd = xopen("ut-sl/dl/g", O_CREATE | O_RDWR);      // creates ut-sl/sub/g
  xclose(fd);
  CHECK(open("ut-sl/sub/g", O_RDONLY) >= 0, "file made through a directory link is missing");
  CHECK(open("ut-sl/dl", O_RDWR) == -1, "a link to a directory opened for writing");
  // A relative target is relative to the link's own directory.
  CHECK(symlink("../f", "ut-sl/sub/up") == 0, "symlink ../f failed");
  CHECK(slurp("ut-sl/dl/up", O_RDONLY, buf, sizeof(buf)) == 5, "../f through two links failed");
  CHECK(chdir("ut-sl/dl") == 0, "chdir through a link failed");
  CHECK(slurp("up", O_RDONLY, buf, sizeof(buf)) == 5, "relative lookup after chdir via a link");
  CHECK(chdir("../..") == 0, "chdir back failed");

  // Dangling links, loops, and errors.
  CHECK(symlink("nothing-here", "ut-sl/dang") == 0, "a dangling symlink was refused");
  CHECK(open("ut-sl/dang", O_RDONLY) == -1, "opening a dangling link succeeded");
  CHECK(open("ut-sl/dang", O_CREATE | O_RDWR) == -1, "O_CREATE through a dangling link succeeded");
  CHECK(open("ut-sl/dang", O_RDONLY | O_NOFOLLOW) >= 0, "O_NOFOLLOW of a dangling link failed");
  CHECK(symlink("self", "ut-sl/self") == 0, "symlink self failed");
  CHECK(open("ut-sl/self", O_RDONLY) == -1, "a self-loop opened");
  CHECK(chdir("ut-sl/self") == -1, "chdir into a self-loop succeeded");
  CHECK(symlink("f", "ut-sl/f") == -1, "symlink over an existing file succeeded");
  CHECK(symlink("f", "ut-sl/sub") == -1, "symlink over a directory succeeded");
  CHECK(symlink("", "ut-sl/new") == -1, "symlink with an empty target succeeded");
  CHECK(symlink("f", "ut-sl/nodir/x") == -1, "symlink in a missing directory succeeded");
  CHECK(symlink("f", (char *)UT_KERNBASE) == -1, "symlink with a kernel pointer succeeded");
  CHECK(symlink((char *)UT_KERNBASE, "ut-sl/new") == -1, "symlink to a kernel pointer succeeded");
  CHECK(mkdir("ut-sl/l") == -1, "mkdir over a link succeeded");

  // Depth: c0 -> c1 -> ... -> c(SL_CHAIN-1) -> f is SL_CHAIN links: fine.
  for (int i = 0; i < SL_CHAIN; i++) {
    snprintf(name, sizeof(name), "ut-sl/c%d", i);
    if (i == SL_CHAIN - 1)
      snprintf(next, sizeof(next), "f");
    else
      snprintf(next, sizeof(next), "c%d", i + 1);
    CHECK(symlink(next, name) == 0, "symlink %s failed", name);
  }
  CHECK(slurp("ut-sl/c0", O_RDONLY, buf, sizeof(buf)) == 5, "a chain of %d links failed", SL_CHAIN);
  // One more link in front is too many: ELOOP (-1).
  CHECK(symlink("c0", "ut-sl/c10") == 0, "symlink c10 failed");
  CHECK(open("ut-sl/c10", O_RDONLY) == -1, "a chain of %d links opened", SL_CHAIN + 1);

  // Unlink removes the link, never the target.
  CHECK(unlink("ut-sl/l") == 0, "unlink of a link failed");
  CHECK(slurp("ut-sl/f", O_RDONLY, buf, sizeof(buf)) == 5, "the target went with its link");
  sl_cleanup();
  CHECK(open("ut-sl", O_RDONLY) == -1, "ut-sl left behind");
}

// A file past xv6's 268-block limit, through the doubly-indirect block
// (from block 267 on): 280 blocks (-q) or 1 MiB and some; all read back.
// Writing past the largest file (65,803 blocks) would need a 64 MiB disk;
// fs/fs_test.c checks that limit on the host.
void
t_largefile(void)
{
  int n = nloops(280, 1024 + 64), chunk = 4, fd;   // blocks; blocks per write
  static char buf[4 * BSIZE];

  if (!ut.large_files)
    skip("needs CONFIG_FS_XV6_LARGE_FILES (kernel .config via getconfig)");
  unlink("ut-large");
  fd = xopen("ut-large", O_CREATE | O_RDWR);
  for (int b = 0; b < n; b += chunk) {
    for (int i = 0; i < chunk; i++)
      fill_pattern(buf + i * BSIZE, BSIZE, b + i);
    int r = write(fd, buf, sizeof(buf));
    if (r != (int)sizeof(buf)) {
      close(fd);
      unlink("ut-large");
      fail("write at block %d returned %d (disk too small? CONFIG_FS_IMAGE_BLOCKS)", b, r);
    }
  }
  xclose(fd);
  struct stat st;
  fd = xopen("ut-large", O_RDONLY);
  CHECK(fstat(fd, &st) == 0 && st.size == (unsigned long)n * BSIZE, "size %d, expected %d",
        (int)st.size, n * BSIZE);
  for (int b = 0; b < n; b += chunk) {
    xread(fd, buf, sizeof(buf));
    for (int i = 0; i < chunk; i++)
      CHECK(check_pattern(buf + i * BSIZE, BSIZE, b + i), "block %d read back wrong", b + i);
  }
  CHECK(read(fd, buf, 1) == 0, "read past the end returned data");
  xclose(fd);
  CHECK(unlink("ut-large") == 0, "unlink failed");
}
