// user/bin/devcheck.c: check the character devices from user space:
// /dev/random (two reads differ; needs CONFIG_VIRTIO_RNG, else skipped),
// /dev/zero (reads zeros) and /dev/null (reads end at once, writes vanish).
#include "user.h"

static int failed;

static void
check(int ok, const char *what)
{
  if (!ok) {
    printf("devcheck: FAIL %s\n", what);
    failed = 1;
  }
}

int
main(void)
{
  char a[16], b[16];
  int fd = open("/dev/zero", O_RDONLY);
  check(fd >= 0, "open /dev/zero");
  if (fd >= 0) {
    memset(a, 1, sizeof(a));
    check(read(fd, a, sizeof(a)) == sizeof(a), "read /dev/zero");
    for (int i = 0; i < (int)sizeof(a); i++)
      check(a[i] == 0, "/dev/zero gave a non-zero byte");
    close(fd);
  }
  fd = open("/dev/null", O_RDWR);
  check(fd >= 0, "open /dev/null");
  if (fd >= 0) {
    check(write(fd, "x", 1) == 1, "write /dev/null");
    check(read(fd, a, 1) == 0, "read /dev/null");
    close(fd);
  }
  fd = open("/dev/random", O_RDONLY);
  if (fd >= 0 && read(fd, a, sizeof(a)) == sizeof(a)) {
    check(read(fd, b, sizeof(b)) == sizeof(b), "second read of /dev/random");
    check(memcmp(a, b, sizeof(a)) != 0, "/dev/random gave the same bytes twice");
    printf("devcheck: random ok\n");
  } else {
    printf("devcheck: no random device\n");
  }
  if (fd >= 0)
    close(fd);
  if (!failed)
    printf("devcheck: ok\n");
  return failed;
}
