// user/pbin/errnotest.c: errno is the kernel's reason (tests/cases/picolibc.py).
//
// Provokes failures whose causes a guessing C library would mix up (a
// missing name and a forbidden one, a full link count and an existing
// name) and prints each as "what: strerror(errno)"; the test matches the
// exact messages. The kernel keeps the error number of the last failed
// call (lasterror, CONFIG_SIGNALS) and the glue makes it errno
// (user/picolibc/io.c). Run as root: the EACCES and EPERM checks fork a
// child that becomes uid 1000. Built with picolibc, with usertests.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

// Report the outcome of a call expected to fail with want.
static void
expect(const char *what, int r, int want)
{
  int e = errno;
  if (r >= 0) {
    printf("%s: succeeded (FAIL: wanted %s)\n", what, strerror(want));
    failures++;
    return;
  }
  printf("%s: %s%s\n", what, strerror(e), e == want ? "" : " (FAIL)");
  if (e != want)
    failures++;
}

// Links to one file until the kernel refuses: EMLINK at its LINK_MAX.
static void
link_max(void)
{
  char name[32];
  int n, r = 0, fd;

  mkdir("/errno.d", 0755);
  if ((fd = open("/errno.d/f", O_CREAT | O_WRONLY, 0644)) < 0) {
    perror("errnotest: /errno.d/f");
    failures++;
    return;
  }
  close(fd);
  for (n = 0; n < 100000; n++) {
    snprintf(name, sizeof(name), "/errno.d/%d", n);
    if ((r = link("/errno.d/f", name)) < 0)
      break;
  }
  expect("link past LINK_MAX", r, EMLINK);
  int e = errno;
  while (n-- > 0) {
    snprintf(name, sizeof(name), "/errno.d/%d", n);
    unlink(name);
  }
  errno = e;
}

// As an ordinary user: what root may do is refused.
static int
as_user(void)
{
  if (setgid(1000) < 0 || setuid(1000) < 0) {
    perror("errnotest: setuid");
    return 1;
  }
  expect("open /etc/shadow as uid 1000", open("/etc/shadow", O_RDONLY), EACCES);
  expect("kill 1 as uid 1000", kill(1, SIGTERM), EPERM);
  expect("mkdir /errno.u as uid 1000", mkdir("/errno.u", 0755), EACCES);
  return failures ? 1 : 0;
}

int
main(void)
{
  int fds[2], status;

  expect("open /no/such", open("/no/such", O_RDONLY), ENOENT);
  expect("open /README/x", open("/README/x", O_RDONLY), ENOTDIR);
  expect("open / for writing", open("/", O_WRONLY), EISDIR);
  expect("mkdir /dev", mkdir("/dev", 0755), EEXIST);
  expect("unlink /dev", unlink("/dev"), ENOTEMPTY);
  expect("read fd 42", read(42, &status, 1), EBADF);
  expect("wait without children", wait(&status), ECHILD);
  expect("kill 30000", kill(30000, SIGTERM), ESRCH);
  if (pipe(fds) == 0) {
    expect("lseek on a pipe", lseek(fds[0], 0, SEEK_SET), ESPIPE);
    close(fds[0]);
    close(fds[1]);
  }
  link_max();
  expect("rmdir /errno.d", rmdir("/errno.d"), ENOTEMPTY);
  unlink("/errno.d/f");
  rmdir("/errno.d");

  if (getuid() == 0) {
    pid_t pid = fork();
    if (pid == 0)
      _exit(as_user());
    if (pid < 0 || wait(&status) != pid || WEXITSTATUS(status) != 0)
      failures++;
  } else {
    printf("errnotest: not root, uid checks left out\n");
  }
  printf("errnotest: %s\n", failures ? "FAILED" : "ALL PASSED");
  return failures ? 1 : 0;
}
