// user/bin/stressfs.c: several processes write and read back files at once.
//
// Each of NPROC children writes its own file of NBLK blocks, then reads it
// back and checks the contents, so the log, the buffer cache and the block
// allocator see concurrent transactions.
#include <user.h>

#define NPROC 4
#define NBLK  20

static char data[512];

static int
stress(int id)
{
  char name[] = "stressfs0";
  int fd, i;

  name[8] += id;
  memset(data, 'a' + id, sizeof(data));
  if ((fd = open(name, O_CREATE | O_RDWR | O_TRUNC)) < 0) {
    printf("stressfs %d: create %s failed\n", id, name);
    return 1;
  }
  for (i = 0; i < NBLK; i++) {
    if (write(fd, data, sizeof(data)) != sizeof(data)) {
      printf("stressfs %d: write failed\n", id);
      return 1;
    }
  }
  close(fd);

  if ((fd = open(name, O_RDONLY)) < 0) {
    printf("stressfs %d: reopen failed\n", id);
    return 1;
  }
  for (i = 0; i < NBLK; i++) {
    memset(data, 0, sizeof(data));
    if (read(fd, data, sizeof(data)) != sizeof(data)) {
      printf("stressfs %d: short read\n", id);
      return 1;
    }
    for (uint j = 0; j < sizeof(data); j++) {
      if (data[j] != 'a' + id) {
        printf("stressfs %d: bad data at block %d\n", id, i);
        return 1;
      }
    }
  }
  close(fd);
  unlink(name);
  return 0;
}

int
main(void)
{
  int i, status, failed = 0;

  printf("stressfs starting\n");
  for (i = 0; i < NPROC; i++) {
    int pid = fork();
    if (pid < 0) {
      printf("stressfs: fork failed\n");
      break;
    }
    if (pid == 0)
      exit(stress(i));
  }
  for (; i > 0; i--) {
    status = 1;
    wait(&status);
    if (status != 0)
      failed = 1;
  }
  printf(failed ? "stressfs FAILED\n" : "stressfs ok\n");
  return failed;
}
