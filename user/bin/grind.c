// user/bin/grind.c: random system-call stress.
//
// Each round forks two workers that run a few hundred random file-system,
// pipe, fork and memory operations side by side inside grindir/, on a small
// set of names so they collide: create, write, read, link, unlink, mkdir,
// rmdir, chdir, pipe, fork, sbrk, exec of nothing. Most results are not
// predictable (the other worker races), so a worker only checks what must
// hold no matter what (a pipe delivers its bytes, a new file is readable).
// The point is to shake out kernel panics, leaks and deadlocks.
//
// usage: grind [rounds]   (no argument: run forever)
#include <user.h>

#define OPS 300

static uint64 seed;
static char buf[1024];

static uint
rnd(void)
{
  // xorshift64: plenty for picking operations.
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed >> 16;
}

static void __attribute__((noreturn))
fail(const char *what)
{
  printf("grind: %s failed (pid %d)\n", what, getpid());
  exit(1);
}

static void
randname(char *name, char prefix)
{
  name[0] = prefix;
  name[1] = '0' + rnd() % 5;
  name[2] = 0;
}

static void
op(void)
{
  char a[4], b[4];
  int fd, n, p[2], pid;
  struct stat st;

  randname(a, 'f');
  randname(b, 'f');
  switch (rnd() % 16) {
  case 0:
  case 1:
    if ((fd = open(a, O_CREATE | O_RDWR)) >= 0) {
      n = rnd() % sizeof(buf);
      if (write(fd, buf, n) != n)
        fail("write");
      close(fd);
    }
    break;
  case 2:
    if ((fd = open(a, O_RDONLY)) >= 0) {
      while (read(fd, buf, sizeof(buf)) > 0)
        ;
      close(fd);
    }
    break;
  case 3:
    unlink(a);
    break;
  case 4:
    link(a, b);
    break;
  case 5:
    randname(a, 'd');
    mkdir(a);
    break;
  case 6:
    randname(a, 'd');
    unlink(a);   // fails unless the directory is empty
    break;
  case 7:
    randname(a, 'd');
    if (chdir(a) == 0) {
      if ((fd = open("x", O_CREATE | O_WRONLY)) >= 0)
        close(fd);
      unlink("x");
      if (chdir("..") < 0)
        fail("chdir ..");
    }
    break;
  case 8:
    if (pipe(p) < 0)
      fail("pipe");
    if ((pid = fork()) < 0)
      fail("fork");
    if (pid == 0) {
      close(p[0]);
      if (write(p[1], "grind", 5) != 5)
        fail("pipe write");
      exit(0);
    }
    close(p[1]);
    n = read(p[0], buf, 5);
    close(p[0]);
    wait(0);
    if (n != 5 || memcmp(buf, "grind", 5) != 0)
      fail("pipe read");
    break;
  case 9:
    if ((pid = fork()) == 0)
      exit(0);
    if (pid > 0 && wait(0) != pid)
      fail("wait");
    break;
  case 10: {
    int k = 4096 * (1 + rnd() % 8);
    char *old = sbrk(k);
    if (old == (char *)-1)
      break;
    old[0] = 1;
    old[k - 1] = 1;
    if (sbrk(-k) == (char *)-1)
      fail("sbrk shrink");
    break;
  }
  case 11:
    if ((fd = dup(1)) >= 0)
      close(fd);
    break;
  case 12: {
    char *argv[] = { "nosuch", 0 };
    if (exec("/grindir/nosuch", argv) != -1)
      fail("exec");
    break;
  }
  case 13:
    if ((fd = open(".", O_RDONLY)) >= 0) {
      while (read(fd, buf, sizeof(struct dirent)) > 0)
        ;
      close(fd);
    }
    break;
  case 14:
    if (stat(a, &st) == 0 && st.type != T_FILE && st.type != T_DIR)
      fail("stat type");
    break;
  case 15:
    if (rnd() % 8 == 0)
      sleep(1);
    break;
  }
}

static void
worker(uint64 s)
{
  seed = s * 0x9e3779b97f4a7c15UL + 1;
  memset(buf, 'g', sizeof(buf));
  for (int i = 0; i < OPS; i++)
    op();
  exit(0);
}

int
main(int argc, char *argv[])
{
  int rounds = argc > 1 ? atoi(argv[1]) : 0;
  int status;

  mkdir("/grindir");
  if (chdir("/grindir") < 0) {
    printf("grind: cannot chdir /grindir\n");
    return 1;
  }
  for (int r = 0; rounds == 0 || r < rounds; r++) {
    for (int w = 0; w < 2; w++) {
      int pid = fork();
      if (pid < 0) {
        printf("grind: fork failed\n");
        return 1;
      }
      if (pid == 0)
        worker(2 * r + w + uptime());
    }
    for (int w = 0; w < 2; w++) {
      status = 0;
      if (wait(&status) < 0 || status != 0) {
        printf("grind: worker failed in round %d\n", r);
        return 1;
      }
    }
    if (r % 10 == 9)
      printf("grind: %d rounds\n", r + 1);
  }
  printf("grind: ok\n");
  return 0;
}
