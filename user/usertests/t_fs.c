// user/usertests/t_fs.c: file-system tests through the system calls:
// open modes, links, directories, fstat, dup, device files, many entries,
// concurrency and (full mode, disk only) running out of blocks and inodes.
// Every test works under the current directory with names starting "ut-"
// and removes what an earlier, interrupted run may have left behind.
#include "usertests.h"

static char path[64], path2[64];

// Remove a file, or a directory with the files (and, depth allowing, the
// subdirectories) in it. Errors are ignored: this is cleanup.
static void
rmtree(const char *p, int depth)
{
  struct stat st;
  struct dirent de;
  char sub[64];

  if (stat(p, &st) < 0)
    return;
  if (st.type == T_DIR && depth > 0) {
    int fd = open(p, O_RDONLY);
    while (fd >= 0 && read(fd, &de, sizeof(de)) == sizeof(de)) {
      if (de.inum == 0 || strcmp(de.name, ".") == 0 || strcmp(de.name, "..") == 0)
        continue;
      char name[DIRSIZ + 1];
      memmove(name, de.name, DIRSIZ);
      name[DIRSIZ] = 0;
      snprintf(sub, sizeof(sub), "%s/%s", p, name);
      rmtree(sub, depth - 1);
    }
    if (fd >= 0)
      close(fd);
  }
  unlink(p);
}

static void
fresh_dir(const char *p)
{
  rmtree(p, 2);
  if (mkdir(p) != 0)
    fail("mkdir %s failed", p);
}

static int
file_size(const char *p)
{
  struct stat st;
  if (stat(p, &st) < 0)
    return -1;
  return (int)st.size;
}

// Count the live entries of a directory other than . and ..
static int
count_entries(const char *p)
{
  struct dirent de;
  int n = 0, fd = xopen(p, O_RDONLY), r;

  while ((r = read(fd, &de, sizeof(de))) == sizeof(de))
    if (de.inum != 0 && strcmp(de.name, ".") != 0 && strcmp(de.name, "..") != 0)
      n++;
  CHECK(r == 0, "reading directory %s returned %d", p, r);
  close(fd);
  return n;
}

void
t_fileopen(void)
{
  static char buf[200];
  struct stat st;
  int fd;

  unlink("ut-open");
  fd = xopen("ut-open", O_CREATE | O_RDWR);
  fill_pattern(buf, 100, 1);
  xwrite(fd, buf, 100);
  xclose(fd);

  fd = xopen("ut-open", O_RDONLY);
  memset(buf, 0, sizeof(buf));
  CHECK(read(fd, buf, sizeof(buf)) == 100, "read back did not return 100");
  CHECK(check_pattern(buf, 100, 1), "read back wrong data");
  CHECK(read(fd, buf, sizeof(buf)) == 0, "read at end of file not 0");
  CHECK(write(fd, "x", 1) == -1, "write to an O_RDONLY fd succeeded");
  xclose(fd);

  fd = xopen("ut-open", O_WRONLY);
  CHECK(read(fd, buf, 1) == -1, "read from an O_WRONLY fd succeeded");
  xwrite(fd, "0123456789", 10);
  xclose(fd);
  CHECK(file_size("ut-open") == 100, "overwrite changed the size");

  // O_CREATE of an existing file opens it, without truncating.
  fd = xopen("ut-open", O_CREATE | O_RDWR);
  CHECK(fstat(fd, &st) == 0 && st.size == 100, "O_CREATE truncated an existing file");
  xread(fd, buf, 10);
  CHECK(memcmp(buf, "0123456789", 10) == 0, "overwrite lost");
  xclose(fd);

  fd = xopen("ut-open", O_RDWR | O_TRUNC);
  CHECK(fstat(fd, &st) == 0 && st.size == 0, "O_TRUNC left size %d", (int)st.size);
  xclose(fd);

  CHECK(open("ut-open-nx", O_RDONLY) == -1, "open of a missing file succeeded");
  CHECK(open("ut-open-nx", O_RDWR) == -1, "open of a missing file succeeded");
  CHECK(unlink("ut-open") == 0, "unlink failed");
  CHECK(open("ut-open", O_RDONLY) == -1, "open after unlink succeeded");
  CHECK(unlink("ut-open") == -1, "second unlink succeeded");
}

void
t_filerw(void)
{
  int nblocks = NDIRECT + 8, fd;
  static char buf[1024];

  unlink("ut-rw");
  fd = xopen("ut-rw", O_CREATE | O_RDWR);
  for (int b = 0; b < nblocks; b++) {
    fill_pattern(buf, sizeof(buf), b);
    xwrite(fd, buf, sizeof(buf));
  }
  xclose(fd);
  CHECK(file_size("ut-rw") == nblocks * 1024, "size %d", file_size("ut-rw"));
  fd = xopen("ut-rw", O_RDONLY);
  for (int b = 0; b < nblocks; b++) {
    xread(fd, buf, sizeof(buf));
    CHECK(check_pattern(buf, sizeof(buf), b), "block %d read back wrong", b);
  }
  CHECK(read(fd, buf, 1) == 0, "data past the end");
  xclose(fd);

  // Odd-sized writes, one big read that crosses blocks.
  fd = xopen("ut-rw", O_RDWR | O_TRUNC);
  fill_pattern(ut_buf, 5000, 9);
  for (int off = 0, n = 1; off < 5000; off += n, n = n * 3 % 997 + 1) {
    if (n > 5000 - off)
      n = 5000 - off;
    xwrite(fd, ut_buf + off, n);
  }
  xclose(fd);
  memset(ut_buf, 0, 5000);
  fd = xopen("ut-rw", O_RDONLY);
  CHECK(read(fd, ut_buf, 8000) == 5000, "big read did not return 5000");
  CHECK(check_pattern(ut_buf, 5000, 9), "odd-sized writes read back wrong");
  xclose(fd);
  CHECK(unlink("ut-rw") == 0, "unlink failed");
}

// A file of MAXFILE blocks; one byte more must fail (unless the kernel has
// CONFIG_FS_XV6_LARGE_FILES).
void
t_bigfile(void)
{
  int fd, n = MAXFILE;
  static char buf[BSIZE];

  unlink("ut-big");
  fd = xopen("ut-big", O_CREATE | O_RDWR);
  for (int b = 0; b < n; b++) {
    fill_pattern(buf, BSIZE, b);
    int r = write(fd, buf, BSIZE);
    CHECK(r == BSIZE, "write of block %d returned %d", b, r);
  }
  if (!ut.large_files)
    CHECK(write(fd, "x", 1) == -1, "write past MAXFILE succeeded");
  xclose(fd);
  CHECK(file_size("ut-big") == n * BSIZE, "size %d, expected %d", file_size("ut-big"), n * BSIZE);
  fd = xopen("ut-big", O_RDONLY);
  for (int b = 0; b < n; b++) {
    xread(fd, buf, BSIZE);
    CHECK(check_pattern(buf, BSIZE, b), "block %d read back wrong", b);
  }
  xclose(fd);
  CHECK(unlink("ut-big") == 0, "unlink failed");
}

void
t_opendir(void)
{
  struct stat st;
  struct dirent de;
  int fd;

  fd = xopen(".", O_RDONLY);
  CHECK(fstat(fd, &st) == 0 && st.type == T_DIR, "\".\" is not a directory");
  CHECK(read(fd, &de, sizeof(de)) == sizeof(de), "reading a directory failed");
  CHECK(write(fd, &de, sizeof(de)) == -1, "write to a directory succeeded");
  xclose(fd);
  CHECK(open(".", O_WRONLY) == -1, "open(\".\", O_WRONLY) succeeded");
  CHECK(open(".", O_RDWR) == -1, "open(\".\", O_RDWR) succeeded");
  CHECK(open("/", O_WRONLY) == -1, "open(\"/\", O_WRONLY) succeeded");
  CHECK(open(".", O_CREATE | O_RDWR) == -1, "open(\".\", O_CREATE|O_RDWR) succeeded");
  fresh_dir("ut-od");
  CHECK(open("ut-od", O_CREATE) == -1, "O_CREATE over a directory succeeded");
  CHECK(open("ut-od", O_WRONLY | O_TRUNC) == -1, "O_TRUNC of a directory succeeded");
  CHECK(unlink("ut-od") == 0, "unlink of an empty dir failed");
}

void
t_unlinkdir(void)
{
  fresh_dir("ut-ud");
  close(xopen("ut-ud/f", O_CREATE | O_RDWR));
  CHECK(unlink("ut-ud") == -1, "unlink of a non-empty directory succeeded");
  CHECK(unlink("ut-ud/.") == -1, "unlink of dir/. succeeded");
  CHECK(unlink("ut-ud/..") == -1, "unlink of dir/.. succeeded");
  CHECK(chdir("ut-ud") == 0, "chdir failed");
  CHECK(unlink(".") == -1, "unlink(\".\") succeeded");
  CHECK(unlink("..") == -1, "unlink(\"..\") succeeded");
  CHECK(chdir("..") == 0, "chdir(\"..\") failed");
  CHECK(unlink("/") == -1, "unlink(\"/\") succeeded");
  CHECK(unlink("ut-ud/f") == 0, "unlink of the file failed");
  CHECK(unlink("ut-ud") == 0, "unlink of the now-empty directory failed");
  CHECK(open("ut-ud", O_RDONLY) == -1, "directory still there");
}

void
t_link(void)
{
  struct stat st1, st2;
  static char buf[16];

  unlink("ut-l1");
  unlink("ut-l2");
  rmtree("ut-la", 1);
  rmtree("ut-lb", 1);
  int fd = xopen("ut-l1", O_CREATE | O_RDWR);
  xwrite(fd, "hello", 5);
  xclose(fd);

  CHECK(link("ut-l1", "ut-l2") == 0, "link failed");
  CHECK(stat("ut-l1", &st1) == 0 && stat("ut-l2", &st2) == 0, "stat failed");
  CHECK(st1.ino == st2.ino, "links have different inodes");
  CHECK(st1.nlink == 2, "nlink %d after link, expected 2", st1.nlink);
  CHECK(link("ut-l1", "ut-l2") == -1, "link onto an existing name succeeded");
  CHECK(link("ut-l1", "ut-l1") == -1, "link onto itself succeeded");
  CHECK(link("ut-l-nx", "ut-l3") == -1, "link of a missing file succeeded");
  CHECK(link("ut-l1", "ut-l-nx/x") == -1, "link into a missing directory succeeded");
  CHECK(link(".", "ut-l3") == -1, "link of a directory succeeded");
  CHECK(open("ut-l3", O_RDONLY) == -1, "a failed link left a name behind");

  // Across directories.
  CHECK(mkdir("ut-la") == 0 && mkdir("ut-lb") == 0, "mkdir failed");
  CHECK(link("ut-l1", "ut-la/f") == 0, "link into a directory failed");
  CHECK(link("ut-la/f", "ut-lb/g") == 0, "link across directories failed");
  CHECK(link("ut-l1", "ut-la") == -1, "link onto a directory name succeeded");
  CHECK(stat("ut-lb/g", &st2) == 0 && st2.nlink == 4, "nlink %d, expected 4", st2.nlink);
  fd = xopen("ut-lb/g", O_RDONLY);
  CHECK(read(fd, buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0, "link reads wrong data");
  xclose(fd);

  CHECK(unlink("ut-l1") == 0, "unlink failed");
  CHECK(stat("ut-l2", &st2) == 0 && st2.nlink == 3, "nlink %d after unlink", st2.nlink);
  CHECK(unlink("ut-l2") == 0 && unlink("ut-la/f") == 0, "unlink failed");
  CHECK(stat("ut-lb/g", &st2) == 0 && st2.nlink == 1 && st2.size == 5, "last link wrong");
  CHECK(unlink("ut-lb/g") == 0, "unlink of the last link failed");
  CHECK(unlink("ut-la") == 0 && unlink("ut-lb") == 0, "directories not empty");
}

void
t_mkdir(void)
{
  struct stat st;

  rmtree("ut-md", 2);
  unlink("ut-mf");
  CHECK(mkdir("ut-md") == 0, "mkdir failed");
  CHECK(mkdir("ut-md") == -1, "mkdir of an existing directory succeeded");
  CHECK(mkdir("ut-md/a") == 0, "mkdir of a subdirectory failed");
  CHECK(mkdir("ut-md-nx/a") == -1, "mkdir in a missing directory succeeded");
  close(xopen("ut-mf", O_CREATE | O_RDWR));
  CHECK(mkdir("ut-mf") == -1, "mkdir over a file succeeded");
  CHECK(mkdir("ut-mf/a") == -1, "mkdir under a file succeeded");
  CHECK(open("ut-mf/x", O_CREATE | O_RDWR) == -1, "create under a file succeeded");
  CHECK(chdir("ut-mf") == -1, "chdir to a file succeeded");
  CHECK(chdir("ut-md-nx") == -1, "chdir to a missing directory succeeded");
  CHECK(mkdir("") == -1, "mkdir(\"\") succeeded");

  CHECK(chdir("ut-md/a") == 0, "chdir failed");
  close(xopen("x", O_CREATE | O_RDWR));
  CHECK(stat(".", &st) == 0 && st.type == T_DIR, "stat(\".\") after chdir");
  CHECK(chdir("../..") == 0, "chdir(\"../..\") failed");
  CHECK(stat("ut-md/a/x", &st) == 0 && st.type == T_FILE, "file made after chdir not found");
  CHECK(unlink("ut-md/a") == -1, "unlink of a non-empty dir succeeded");
  CHECK(unlink("ut-md/a/x") == 0 && unlink("ut-md/a") == 0 && unlink("ut-md") == 0,
        "cleanup unlinks failed");
  CHECK(unlink("ut-mf") == 0, "unlink of the file failed");
}

void
t_rootdotdot(void)
{
  struct stat root, st;

  rmtree("/ut-rd", 1);
  CHECK(stat("/", &root) == 0 && root.type == T_DIR, "stat(\"/\") failed");
  if (!ut.ramfs)
    CHECK(root.ino == ROOTINO, "root inode %d, expected %d", root.ino, ROOTINO);
  CHECK(stat("/..", &st) == 0 && st.ino == root.ino, "/.. is not /");
  CHECK(stat("/../../.", &st) == 0 && st.ino == root.ino, "/../../. is not /");
  CHECK(mkdir("/ut-rd") == 0, "mkdir failed");
  CHECK(stat("/ut-rd/..", &st) == 0 && st.ino == root.ino, "/ut-rd/.. is not /");
  CHECK(chdir("/ut-rd/../..") == 0, "chdir(/ut-rd/../..) failed");
  CHECK(stat(".", &st) == 0 && st.ino == root.ino, "chdir above root did not stay at /");
  CHECK(chdir("..") == 0 && stat(".", &st) == 0 && st.ino == root.ino, "chdir(..) at / moved");
  CHECK(unlink("/ut-rd") == 0, "unlink failed");
}

void
t_fstat(void)
{
  struct stat st, dst;
  int fd;

  unlink("ut-fs");
  fd = xopen("ut-fs", O_CREATE | O_RDWR);
  CHECK(fstat(fd, &st) == 0, "fstat failed");
  CHECK(st.type == T_FILE, "type %d, expected T_FILE", st.type);
  CHECK(st.nlink == 1, "nlink %d, expected 1", st.nlink);
  CHECK(st.size == 0, "new file has size %lu", st.size);
  CHECK(st.ino != 0, "inode number 0");
  xwrite(fd, ut_buf, 1234);
  CHECK(fstat(fd, &st) == 0 && st.size == 1234, "size %lu after writing 1234", st.size);
  CHECK(link("ut-fs", "ut-fs2") == 0, "link failed");
  CHECK(fstat(fd, &st) == 0 && st.nlink == 2, "nlink %d after link", st.nlink);
  xclose(fd);
  CHECK(stat(".", &dst) == 0 && dst.type == T_DIR && dst.nlink >= 1, "\".\" type %d", dst.type);
  CHECK(dst.dev == st.dev, "files in one directory on different devices");
  CHECK(stat("/console", &st) == 0 && st.type == T_DEVICE, "/console type %d", st.type);
  CHECK(unlink("ut-fs") == 0 && unlink("ut-fs2") == 0, "unlink failed");
}

void
t_dup(void)
{
  static char buf[16];
  int fd, fd2, want;

  unlink("ut-dup");
  fd = xopen("ut-dup", O_CREATE | O_RDWR);
  want = lowest_free_fd();
  fd2 = dup(fd);
  CHECK(fd2 == want, "dup returned %d, lowest free fd was %d", fd2, want);
  xwrite(fd, "ab", 2);
  xwrite(fd2, "cd", 2);
  xclose(fd);
  xwrite(fd2, "ef", 2);     // still open through the duplicate
  xclose(fd2);
  fd = xopen("ut-dup", O_RDONLY);
  CHECK(read(fd, buf, sizeof(buf)) == 6 && memcmp(buf, "abcdef", 6) == 0,
        "writes through dup'd fds did not share the offset");
  xclose(fd);

  fd = xopen("ut-dup", O_RDONLY);
  fd2 = dup(fd);
  CHECK(read(fd, buf, 1) == 1 && buf[0] == 'a', "read through fd");
  CHECK(read(fd2, buf, 1) == 1 && buf[0] == 'b', "read through dup did not share the offset");
  xclose(fd);
  xclose(fd2);

  // A forked child shares the offset too.
  fd = xopen("ut-dup", O_RDWR | O_TRUNC);
  int pid = xfork();
  if (pid == 0) {
    xwrite(fd, "gh", 2);
    exit(0);
  }
  xwait(pid);
  xwrite(fd, "ij", 2);
  xclose(fd);
  fd = xopen("ut-dup", O_RDONLY);
  CHECK(read(fd, buf, sizeof(buf)) == 4 && memcmp(buf, "ghij", 4) == 0,
        "parent and child did not share the offset");
  xclose(fd);
  CHECK(unlink("ut-dup") == 0, "unlink failed");
}

void
t_console(void)
{
  struct stat st;
  int fd;

  fd = xopen("/console", O_RDWR);
  CHECK(fstat(fd, &st) == 0 && st.type == T_DEVICE, "console type %d", st.type);
  CHECK(write(fd, "", 0) == 0, "empty console write returned non-zero");
  xclose(fd);

  unlink("ut-cons");
  unlink("ut-nodev");
  CHECK(mknod("ut-cons", 1, 0) == 0, "mknod of a console node failed");
  CHECK(mknod("ut-cons", 1, 0) == -1, "mknod over an existing name succeeded");
  fd = xopen("ut-cons", O_WRONLY);
  CHECK(fstat(fd, &st) == 0 && st.type == T_DEVICE, "new node type %d", st.type);
  xclose(fd);
  CHECK(unlink("ut-cons") == 0, "unlink of the node failed");

  // A node for a device that does not exist: open fails, or at least
  // reading and writing do.
  CHECK(mknod("ut-nodev", 99, 0) == 0, "mknod with major 99 failed");
  fd = open("ut-nodev", O_RDWR);
  if (fd >= 0) {
    CHECK(write(fd, "x", 1) == -1, "write to a missing device succeeded");
    CHECK(read(fd, ut_buf, 1) == -1, "read from a missing device succeeded");
    close(fd);
  }
  CHECK(unlink("ut-nodev") == 0, "unlink failed");
  CHECK(mknod("ut-mk-nx/c", 1, 0) == -1, "mknod in a missing directory succeeded");
}

void
t_dirmany(void)
{
  int n = nloops(40, 120);

  fresh_dir("ut-dm");
  for (int i = 0; i < n; i++) {
    snprintf(path, sizeof(path), "ut-dm/f%d", i);
    int fd = open(path, O_CREATE | O_RDWR);
    CHECK(fd >= 0, "create of entry %d failed", i);
    xclose(fd);
  }
  CHECK(count_entries("ut-dm") == n, "directory has %d entries, expected %d",
        count_entries("ut-dm"), n);
  for (int i = 0; i < n; i += 7) {
    snprintf(path, sizeof(path), "ut-dm/f%d", i);
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0, "entry %d not found", i);
    close(fd);
  }
  for (int i = 0; i < n; i++) {
    snprintf(path, sizeof(path), "ut-dm/f%d", i);
    CHECK(unlink(path) == 0, "unlink of entry %d failed", i);
  }
  CHECK(count_entries("ut-dm") == 0, "entries left after unlinking all");
  CHECK(unlink("ut-dm") == 0, "unlink of the emptied directory failed");
}

// Children each create, write, read back and unlink their own files in one
// shared directory.
void
t_concfs(void)
{
  int nchild = 4, loops = nloops(5, 40);
  static char buf[600];

  fresh_dir("ut-cf");
  for (int c = 0; c < nchild; c++) {
    int pid = xfork();
    if (pid == 0) {
      for (int j = 0; j < loops; j++) {
        snprintf(path, sizeof(path), "ut-cf/c%d-%d", c, j);
        int fd = xopen(path, O_CREATE | O_RDWR);
        fill_pattern(buf, sizeof(buf), c * 100 + j);
        xwrite(fd, buf, sizeof(buf));
        xclose(fd);
        memset(buf, 0, sizeof(buf));
        fd = xopen(path, O_RDONLY);
        xread(fd, buf, sizeof(buf));
        xclose(fd);
        if (!check_pattern(buf, sizeof(buf), c * 100 + j))
          fail("child %d file %d read back wrong", c, j);
        if (unlink(path) != 0)
          fail("child %d unlink %s failed", c, path);
      }
      exit(0);
    }
  }
  for (int c = 0; c < nchild; c++) {
    int st;
    CHECK(wait(&st) > 0 && st == 0, "a child failed");
  }
  CHECK(count_entries("ut-cf") == 0, "files left behind");
  CHECK(unlink("ut-cf") == 0, "unlink of the directory failed");
}

// Children race on the same few names: create, unlink, link. Nothing may
// crash or fail except unlink/link of a name another child just removed, and
// afterwards every entry must be a sound file.
void
t_concsame(void)
{
  int nchild = 3, loops = nloops(30, 300);

  fresh_dir("ut-cs");
  for (int c = 0; c < nchild; c++) {
    int pid = xfork();
    if (pid == 0) {
      for (int i = 0; i < loops; i++) {
        snprintf(path, sizeof(path), "ut-cs/x%d", i % 8);
        snprintf(path2, sizeof(path2), "ut-cs/y%d", i % 8);
        switch ((i + c) % 3) {
        case 0:
          unlink(path);
          break;
        case 1: {
          int fd = open(path, O_CREATE | O_RDWR);
          if (fd < 0)
            fail("child %d: create of %s failed", c, path);
          write(fd, "12345678", 8);
          close(fd);
          break;
        }
        default:
          link(path, path2);
          unlink(path2);
        }
      }
      exit(0);
    }
  }
  for (int c = 0; c < nchild; c++) {
    int st;
    CHECK(wait(&st) > 0 && st == 0, "a child failed");
  }
  for (int i = 0; i < 8; i++) {
    struct stat st;
    snprintf(path, sizeof(path), "ut-cs/x%d", i);
    if (stat(path, &st) == 0)
      CHECK(st.type == T_FILE && st.nlink == 1 && st.size <= 8 * 300,
            "%s: type %d nlink %d", path, st.type, st.nlink);
    unlink(path);
    snprintf(path, sizeof(path), "ut-cs/y%d", i);
    unlink(path);
  }
  CHECK(count_entries("ut-cs") == 0, "stray entries left");
  CHECK(unlink("ut-cs") == 0, "unlink of the directory failed");
}

void
t_unlinkopen(void)
{
  int fd;

  unlink("ut-uo");
  fd = xopen("ut-uo", O_CREATE | O_RDWR);
  fill_pattern(ut_buf, 5000, 3);
  xwrite(fd, ut_buf, 5000);
  xclose(fd);
  fd = xopen("ut-uo", O_RDONLY);
  CHECK(unlink("ut-uo") == 0, "unlink of an open file failed");
  CHECK(open("ut-uo", O_RDONLY) == -1, "name still there after unlink");
  memset(ut_buf, 0, 5000);
  xread(fd, ut_buf, 5000);
  CHECK(check_pattern(ut_buf, 5000, 3), "unlinked file's data changed");
  xclose(fd);
  // The name is free for a new, empty file.
  fd = xopen("ut-uo", O_CREATE | O_RDWR);
  CHECK(file_size("ut-uo") == 0, "new file has old data");
  xclose(fd);
  unlink("ut-uo");
}

void
t_truncate(void)
{
  static char buf[16];
  struct stat st;
  int fd1, fd2;

  unlink("ut-tr");
  fd1 = xopen("ut-tr", O_CREATE | O_WRONLY);
  xwrite(fd1, "abcd", 4);
  xclose(fd1);

  fd1 = xopen("ut-tr", O_RDONLY);
  fd2 = xopen("ut-tr", O_WRONLY | O_TRUNC);
  CHECK(fstat(fd1, &st) == 0 && st.size == 0, "O_TRUNC not seen through another fd");
  CHECK(read(fd1, buf, sizeof(buf)) == 0, "read after truncation returned data");
  xwrite(fd2, "efghij", 6);
  CHECK(read(fd1, buf, sizeof(buf)) == 6 && memcmp(buf, "efghij", 6) == 0,
        "data written after truncation not read");
  xclose(fd1);
  xclose(fd2);

  // xv6: a write at an offset beyond the (truncated) end fails.
  fd1 = xopen("ut-tr", O_RDWR);
  xread(fd1, buf, 6);
  fd2 = xopen("ut-tr", O_WRONLY | O_TRUNC);
  if (!ut.ramfs)
    CHECK(write(fd1, "x", 1) == -1, "write beyond the end after O_TRUNC succeeded");
  xclose(fd1);
  xclose(fd2);
  CHECK(unlink("ut-tr") == 0, "unlink failed");
}

// xv6fs: names longer than DIRSIZ are cut to DIRSIZ on create and lookup.
void
t_longname(void)
{
  struct stat a, b;
  const char *longn = "ut-longname-abcdefgh";   // 20 characters

  unlink(longn);
  close(xopen(longn, O_CREATE | O_RDWR));
  CHECK(stat(longn, &a) == 0, "stat of the long name failed");
  CHECK(stat("ut-longname-ab", &b) == 0 && a.ino == b.ino, "14-character prefix not found");
  CHECK(stat("ut-longname-abZZZZ", &b) == 0 && a.ino == b.ino,
        "name differing after 14 characters not the same file");
  CHECK(unlink("ut-longname-ab") == 0, "unlink by the prefix failed");
  CHECK(stat(longn, &a) == -1, "long name still there");
}

void
t_pathwalk(void)
{
  struct stat a, b;
  static const char *dirs[] = {
    "ut-pw", "ut-pw/a", "ut-pw/a/b", "ut-pw/a/b/c", "ut-pw/a/b/c/d",
    "ut-pw/a/b/c/d/e", "ut-pw/a/b/c/d/e/f",
  };
  int n = sizeof(dirs) / sizeof(dirs[0]);

  unlink("ut-pw/a/b/c/d/e/f/file");
  for (int i = n - 1; i >= 0; i--)
    unlink(dirs[i]);
  for (int i = 0; i < n; i++)
    CHECK(mkdir(dirs[i]) == 0, "mkdir %s failed", dirs[i]);
  close(xopen("ut-pw/a/b/c/d/e/f/file", O_CREATE | O_RDWR));
  CHECK(stat("ut-pw/a/b/c/d/e/f/file", &a) == 0, "deep file not found");
  CHECK(stat("ut-pw//a///b/c/d/e/f/file", &b) == 0 && a.ino == b.ino, "repeated slashes");
  CHECK(stat("./ut-pw/a/../a/b/./c/d/e/f/file", &b) == 0 && a.ino == b.ino, "dot and dotdot");
  CHECK(chdir("ut-pw/a/b/c") == 0, "chdir deep failed");
  CHECK(stat("d/e/f/file", &b) == 0 && a.ino == b.ino, "relative path after chdir");
  CHECK(stat("../../../a/b/c/d/e/f/file", &b) == 0 && a.ino == b.ino, "dotdot climb");
  CHECK(stat("d/e/f/file/x", &b) == -1, "a file used as a directory");
  CHECK(chdir("../../../..") == 0, "chdir back failed");
  CHECK(unlink("ut-pw/a/b/c/d/e/f/file") == 0, "unlink failed");
  for (int i = n - 1; i >= 0; i--)
    CHECK(unlink(dirs[i]) == 0, "unlink %s failed", dirs[i]);
}

// A process whose cwd has been removed can still exit cleanly.
void
t_cwdremove(void)
{
  rmtree("ut-cr", 1);
  int pid = xfork();
  if (pid == 0) {
    if (mkdir("ut-cr") != 0 || chdir("ut-cr") != 0)
      fail("mkdir/chdir failed");
    unlink("../ut-cr");
    exit(0);
  }
  CHECK(xwait(pid) == 0, "child failed");
  unlink("ut-cr");
  CHECK(open("ut-cr", O_RDONLY) == -1, "directory still there");
}

void
t_diskfull(void)
{
  int nfiles = 0, blocks = 0, full = 0, fd;
  static char buf[BSIZE];

  fresh_dir("ut-df");
  memset(buf, 'd', sizeof(buf));
  while (!full && blocks < 30000) {
    snprintf(path, sizeof(path), "ut-df/f%d", nfiles);
    fd = open(path, O_CREATE | O_WRONLY);
    if (fd < 0)
      break;                      // out of inodes (or directory blocks)
    nfiles++;
    for (int b = 0; b < (int)MAXFILE; b++) {
      if (write(fd, buf, BSIZE) != BSIZE) {
        full = 1;
        break;
      }
      blocks++;
    }
    close(fd);
  }
  for (int i = 0; i < nfiles; i++) {
    snprintf(path, sizeof(path), "ut-df/f%d", i);
    CHECK(unlink(path) == 0, "unlink %s failed", path);
  }
  CHECK(unlink("ut-df") == 0, "unlink of the directory failed");
  if (!full)
    skip("disk not full after %d blocks", blocks);
  CHECK(blocks >= 50, "disk full after only %d blocks", blocks);
  // The space is back.
  fd = xopen("ut-df-after", O_CREATE | O_WRONLY);
  for (int b = 0; b < 50; b++)
    xwrite(fd, buf, BSIZE);
  xclose(fd);
  CHECK(unlink("ut-df-after") == 0, "unlink failed");
}

void
t_inodefull(void)
{
  int n, fd;

  fresh_dir("ut-if");
  for (n = 0; n < 3000; n++) {
    snprintf(path, sizeof(path), "ut-if/i%d", n);
    fd = open(path, O_CREATE | O_RDWR);
    if (fd < 0)
      break;
    close(fd);
  }
  int mk = mkdir("ut-if2");
  for (int i = 0; i < n; i++) {
    snprintf(path, sizeof(path), "ut-if/i%d", i);
    CHECK(unlink(path) == 0, "unlink %s failed", path);
  }
  if (mk == 0)
    unlink("ut-if2");
  CHECK(unlink("ut-if") == 0, "unlink of the directory failed");
  if (n == 3000)
    skip("3000 files made without running out of inodes");
  CHECK(mk == -1, "mkdir succeeded with no inodes left");
  fd = xopen("ut-if-after", O_CREATE | O_RDWR);
  xclose(fd);
  CHECK(unlink("ut-if-after") == 0, "unlink failed");
}

// The deepest kernel stacks the file system makes, for CONFIG_DEBUG_KSTACK
// (tests/cases/kstack.py watches the console for its overflow panic and its
// warning past 3/4 of a stack): an exec whose end_op commits a deferred
// transaction, so that the commit's install runs under sys_exec's and
// kexec's frames, and the removal of a file with an indirect block
// (free_tree recurses once per level). Before the fix, install_trans kept
// 255 buffer pointers (2 KiB) on the 4 KiB stack and free_tree a whole
// block of entries per level: an exec that committed overran the stack
// into whatever page lay below it (issue 22). Elsewhere this only checks
// that the calls work.
void
t_kstackdeep(void)
{
  static char buf[1024];
  char *args[] = { "ut-kstk-none", 0 };

  for (int round = 0; round < 4; round++) {
    int fd = xopen("ut-kstk", O_CREATE | O_RDWR);
    for (int b = 0; b < NDIRECT + 4; b++) {
      fill_pattern(buf, sizeof(buf), b);
      xwrite(fd, buf, sizeof(buf));
    }
    xclose(fd);
    fd = xopen("ut-kstk2", O_CREATE | O_RDWR);   // a transaction left open ...
    xwrite(fd, buf, 10);
    xclose(fd);
    sleep(12);                                   // ... older than the 1 s deferral
    CHECK(exec("ut-kstk-none", args) < 0, "exec of a missing file succeeded");
    CHECK(unlink("ut-kstk") == 0, "unlink failed");
    CHECK(unlink("ut-kstk2") == 0, "unlink failed");
  }
}
