// user/usertests/t_posix.c: the POSIX_CALLS system calls (25, 46-52) that a
// C library such as picolibc is built on: lseek, getdents, getcwd, dup2,
// clock_gettime, nanosleep, ftruncate, isatty. Each checks what the call
// does and that bad descriptors, pointers and values give -1. On a kernel
// without CONFIG_POSIX_CALLS every test is skipped (the calls return -1).
#include <uapi/octopos/posix.h>
#include "usertests.h"

#define BADPTR ((void *)UT_KERNBASE)

static void
need_posix(void)
{
  if (!ut.posix_calls)
    skip("needs CONFIG_POSIX_CALLS (kernel .config via getconfig)");
}

// A fresh file named p holding n bytes of pattern; its fd, open read-write.
static int
make_file(const char *p, int n)
{
  unlink(p);
  int fd = xopen(p, O_CREATE | O_RDWR);
  fill_pattern(ut_buf, n, 7);
  xwrite(fd, ut_buf, n);
  return fd;
}

void
t_lseek(void)
{
  char c;
  int fds[2];

  need_posix();
  int fd = make_file("ut-lseek", 100);
  CHECK(lseek(fd, 0, OCTOPOS_SEEK_CUR) == 100, "SEEK_CUR after writing 100 bytes");
  CHECK(lseek(fd, 10, OCTOPOS_SEEK_SET) == 10, "SEEK_SET 10");
  xread(fd, &c, 1);
  CHECK(c == ut_buf[10], "byte at 10 after SEEK_SET");
  CHECK(lseek(fd, 5, OCTOPOS_SEEK_CUR) == 16, "SEEK_CUR +5 from 11");
  CHECK(lseek(fd, -1, OCTOPOS_SEEK_END) == 99, "SEEK_END -1");
  xread(fd, &c, 1);
  CHECK(c == ut_buf[99], "last byte after SEEK_END -1");
  CHECK(lseek(fd, 50, OCTOPOS_SEEK_END) == 150, "seek past the end");
  CHECK(read(fd, &c, 1) == 0, "read past the end is not EOF");
  CHECK(lseek(fd, -1, OCTOPOS_SEEK_SET) == -1, "negative offset accepted");
  CHECK(lseek(fd, -200, OCTOPOS_SEEK_END) == -1, "offset before 0 via SEEK_END accepted");
  CHECK(lseek(fd, 0, 3) == -1 && lseek(fd, 0, -1) == -1, "bad whence accepted");
  CHECK(lseek(fd, 1L << 40, OCTOPOS_SEEK_SET) == -1, "offset beyond 4 GiB accepted");
  CHECK(lseek(fd, 0, OCTOPOS_SEEK_CUR) == 150, "failed seeks moved the offset");
  xclose(fd);
  CHECK(lseek(fd, 0, OCTOPOS_SEEK_SET) == -1, "lseek on a closed fd");
  CHECK(lseek(-1, 0, OCTOPOS_SEEK_SET) == -1 && lseek(1000, 0, OCTOPOS_SEEK_SET) == -1,
        "lseek on fd -1 / 1000");
  CHECK(pipe(fds) == 0, "pipe");
  CHECK(lseek(fds[0], 0, OCTOPOS_SEEK_SET) == -1, "lseek on a pipe");
  close(fds[0]);
  close(fds[1]);
  unlink("ut-lseek");
}

// Does the getdents output in buf (n bytes) name `name`?
static int
lists(struct dirent *de, int n, const char *name)
{
  for (int i = 0; i < n / (int)sizeof(*de); i++)
    if (strncmp(de[i].name, name, DIRSIZ) == 0)
      return 1;
  return 0;
}

void
t_getdents(void)
{
  static struct dirent de[64];
  int fd, n, total = 0, seen = 0;

  need_posix();
  unlink("ut-gd/f1");
  unlink("ut-gd/f2");
  unlink("ut-gd/f3");
  unlink("ut-gd");
  CHECK(mkdir("ut-gd") == 0, "mkdir ut-gd");
  for (int i = 1; i <= 3; i++) {
    char p[16];
    snprintf(p, sizeof(p), "ut-gd/f%d", i);
    xclose(xopen(p, O_CREATE | O_RDWR));
  }
  CHECK(unlink("ut-gd/f2") == 0, "unlink f2");   // leaves a free slot to skip

  fd = xopen("ut-gd", O_RDONLY);
  CHECK(getdents(fd, de, 3) == -1, "a buffer smaller than one entry accepted");
  CHECK(getdents(fd, BADPTR, sizeof(de)) == -1, "a kernel address accepted");
  // Two entries at a time, until the end.
  while ((n = getdents(fd, de, 2 * sizeof(de[0]))) > 0) {
    CHECK(n % sizeof(de[0]) == 0 && n <= (int)(2 * sizeof(de[0])), "getdents returned %d", n);
    for (int i = 0; i < n / (int)sizeof(de[0]); i++) {
      CHECK(de[i].inum != 0, "a free slot was listed");
      if (lists(&de[i], sizeof(de[i]), "f1") || lists(&de[i], sizeof(de[i]), "f3"))
        seen++;
      CHECK(!lists(&de[i], sizeof(de[i]), "f2"), "the removed f2 was listed");
    }
    total += n / sizeof(de[0]);
  }
  CHECK(n == 0, "getdents ended with %d, not 0", n);
  CHECK(total == 4 && seen == 2, "listed %d entries, %d of f1/f3 (want 4, 2)", total, seen);
  CHECK(getdents(fd, de, sizeof(de)) == 0, "getdents after the end");
  // lseek back to the start lists everything again.
  CHECK(lseek(fd, 0, OCTOPOS_SEEK_SET) == 0, "rewind");
  n = getdents(fd, de, sizeof(de));
  CHECK(n == 4 * (int)sizeof(de[0]) && lists(de, n, ".") && lists(de, n, ".."),
        "after rewind: %d bytes", n);
  xclose(fd);

  fd = xopen("ut-gd/f1", O_RDONLY);
  CHECK(getdents(fd, de, sizeof(de)) == -1, "getdents on a plain file");
  xclose(fd);
  CHECK(getdents(fd, de, sizeof(de)) == -1, "getdents on a closed fd");
  CHECK(getdents(-1, de, sizeof(de)) == -1, "getdents on fd -1");
  fd = xopen("/console", O_RDONLY);
  CHECK(getdents(fd, de, sizeof(de)) == -1, "getdents on the console");
  xclose(fd);
  unlink("ut-gd/f1");
  unlink("ut-gd/f3");
  unlink("ut-gd");
}

void
t_getcwd(void)
{
  char buf[MAXPATH], want[MAXPATH];
  int n;

  need_posix();
  // Our starting directory, whatever it is, ends in "/" only if it is the root.
  n = getcwd(buf, sizeof(buf));
  CHECK(n > 0 && buf[0] == '/' && (int)strlen(buf) == n, "getcwd here: %d", n);
  unlink("ut-cwd/sub");
  unlink("ut-cwd");
  CHECK(mkdir("ut-cwd") == 0 && mkdir("ut-cwd/sub") == 0, "mkdir ut-cwd/sub");
  snprintf(want, sizeof(want), "%s%sut-cwd/sub", buf, n == 1 ? "" : "/");
  CHECK(chdir("ut-cwd/sub") == 0, "chdir");
  n = getcwd(buf, sizeof(buf));
  CHECK(n > 0 && strcmp(buf, want) == 0, "getcwd gave %s, want %s", n > 0 ? buf : "-1", want);
  CHECK(getcwd(buf, n) == -1, "a buffer one byte short accepted");
  CHECK(getcwd(buf, n + 1) == n, "an exact buffer refused");
  CHECK(getcwd(buf, 0) == -1 && getcwd(buf, -5) == -1, "size 0 / -5 accepted");
  CHECK(getcwd(BADPTR, sizeof(buf)) == -1, "a kernel address accepted");
  CHECK(getcwd((char *)UT_MAXVA, sizeof(buf)) == -1, "MAXVA accepted");
  // A removed working directory has no path.
  CHECK(chdir("..") == 0 && unlink("sub") == 0 && mkdir("sub") == 0 && chdir("sub") == 0,
        "re-making sub");
  CHECK(unlink("../sub") == 0, "unlink of the cwd");
  CHECK(getcwd(buf, sizeof(buf)) == -1, "getcwd in a removed directory gave %s", buf);
  CHECK(chdir("/") == 0 && getcwd(buf, sizeof(buf)) == 1 && strcmp(buf, "/") == 0,
        "getcwd at the root");
  CHECK(chdir(want) == -1, "chdir into the removed directory");
  unlink(want);
  want[strlen(want) - 4] = 0;
  unlink(want);
}

void
t_dup2(void)
{
  char c;

  need_posix();
  int fd = make_file("ut-dup2", 10);
  int other = xopen("ut-dup2", O_RDONLY);
  int hi = ut.nr_open - 1;

  CHECK(dup2(fd, hi) == hi, "dup2 to the last fd %d", hi);
  CHECK(lseek(hi, 3, OCTOPOS_SEEK_SET) == 3 && lseek(fd, 0, OCTOPOS_SEEK_CUR) == 3,
        "dup2'd fds do not share the offset");
  CHECK(dup2(fd, fd) == fd, "dup2 onto itself");
  // Replacing an open fd closes what it was.
  CHECK(dup2(other, hi) == hi, "dup2 over an open fd");
  xread(hi, &c, 1);
  CHECK(c == ut_buf[0] && lseek(other, 0, OCTOPOS_SEEK_CUR) == 1, "replaced fd reads the new file");
  CHECK(lseek(fd, 0, OCTOPOS_SEEK_CUR) == 3, "the old file's offset moved");
  CHECK(dup2(fd, -1) == -1 && dup2(fd, ut.nr_open) == -1 && dup2(fd, 1000) == -1,
        "dup2 to fd -1 / NR_OPEN / 1000");
  xclose(hi);
  CHECK(dup2(hi, fd) == -1, "dup2 from a closed fd");
  CHECK(read(fd, &c, 1) == 1, "a failed dup2 closed its target");
  CHECK(dup2(-1, 5) == -1, "dup2 from fd -1");
  xclose(fd);
  xclose(other);
  unlink("ut-dup2");
}

void
t_clock(void)
{
  struct octopos_timespec a, b;
  struct sysinfo si;

  need_posix();
  CHECK(sysinfo(&si) == 0 && si.hz > 0, "sysinfo gives the tick rate");
  CHECK(clock_gettime(OCTOPOS_CLOCK_MONOTONIC, &a) == 0, "monotonic clock");
  CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000, "tv_nsec %ld", a.tv_nsec);
  sleep(2);
  CHECK(clock_gettime(OCTOPOS_CLOCK_MONOTONIC, &b) == 0, "monotonic clock again");
  long d = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
  // At least one whole tick passed (the first may have been nearly over).
  CHECK(d >= 1000000000L / (long)si.hz, "two ticks of sleep took %ld ns on the monotonic clock (%ld Hz)",
        d, (long)si.hz);
  CHECK(clock_gettime(OCTOPOS_CLOCK_REALTIME, &a) == 0, "real-time clock");
  CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000, "real-time tv_nsec %ld", a.tv_nsec);
  CHECK(clock_gettime(2, &a) == -1 && clock_gettime(-1, &a) == -1, "bad clock ids");
  CHECK(clock_gettime(OCTOPOS_CLOCK_MONOTONIC, BADPTR) == -1, "a kernel address accepted");
  CHECK(clock_gettime(OCTOPOS_CLOCK_MONOTONIC, 0) == -1, "NULL accepted");
}

void
t_nanosleep(void)
{
  struct octopos_timespec ts = { 0, 150000000 }, rem;

  need_posix();
  int t0 = uptime();
  CHECK(nanosleep(&ts, &rem) == 0, "nanosleep 150 ms");
  CHECK(uptime() - t0 >= 2, "150 ms took %d ticks", uptime() - t0);
  ts.tv_nsec = 0;
  CHECK(nanosleep(&ts, 0) == 0, "nanosleep 0 with NULL rem");
  ts.tv_nsec = 1000000000;
  CHECK(nanosleep(&ts, 0) == -1, "tv_nsec 1e9 accepted");
  ts.tv_nsec = -1;
  CHECK(nanosleep(&ts, 0) == -1, "tv_nsec -1 accepted");
  ts.tv_sec = -1;
  ts.tv_nsec = 0;
  CHECK(nanosleep(&ts, 0) == -1, "tv_sec -1 accepted");
  ts.tv_sec = 1L << 62;
  CHECK(nanosleep(&ts, 0) == -1, "tv_sec 2^62 accepted");
  CHECK(nanosleep(BADPTR, 0) == -1 && nanosleep(0, 0) == -1, "bad request pointers");
}

void
t_ftruncate(void)
{
  struct stat st;

  need_posix();
  int fd = make_file("ut-trunc", 100);
  CHECK(ftruncate(fd, 3000) == 0, "grow to 3000");
  CHECK(fstat(fd, &st) == 0 && st.size == 3000, "size %d after growing", (int)st.size);
  CHECK(lseek(fd, 0, OCTOPOS_SEEK_SET) == 0, "rewind");
  static char got[3000];
  xread(fd, got, 3000);
  CHECK(check_pattern(got, 100, 7), "the first 100 bytes changed");
  for (int i = 100; i < 3000; i++)
    CHECK(got[i] == 0, "byte %d is %d after growing, not 0", i, got[i]);
  CHECK(ftruncate(fd, 3000) == 0, "truncate to the same size");
  CHECK(ftruncate(fd, 50) == -1, "partial shrink is documented unsupported, but succeeded");
  CHECK(ftruncate(fd, -1) == -1 && ftruncate(fd, 1L << 40) == -1, "length -1 / 2^40 accepted");
  CHECK(ftruncate(fd, 0) == 0 && fstat(fd, &st) == 0 && st.size == 0, "truncate to 0");
  xclose(fd);
  fd = xopen("ut-trunc", O_RDONLY);
  CHECK(ftruncate(fd, 10) == -1, "ftruncate on a read-only fd");
  xclose(fd);
  CHECK(ftruncate(fd, 10) == -1 && ftruncate(-1, 0) == -1, "ftruncate on bad fds");
  fd = xopen("/console", O_RDWR);
  CHECK(ftruncate(fd, 0) == -1, "ftruncate on the console");
  xclose(fd);
  unlink("ut-trunc");
}

void
t_isatty(void)
{
  int fds[2];

  need_posix();
  int fd = xopen("/console", O_RDWR);
  CHECK(isatty(fd) == 1, "the console is not a tty");
  xclose(fd);
  CHECK(isatty(fd) == -1 && isatty(-1) == -1 && isatty(1000) == -1, "bad fds");
  fd = make_file("ut-tty", 1);
  CHECK(isatty(fd) == 0, "a file is a tty");
  xclose(fd);
  unlink("ut-tty");
  CHECK(pipe(fds) == 0, "pipe");
  CHECK(isatty(fds[0]) == 0 && isatty(fds[1]) == 0, "a pipe is a tty");
  close(fds[0]);
  close(fds[1]);
  fd = open("/dev/null", O_RDWR);
  if (fd >= 0) {
    CHECK(isatty(fd) == 0, "/dev/null is a tty");
    close(fd);
  }
}
