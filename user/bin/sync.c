// user/bin/sync.c: put everything written so far on disk (the sync call).
#include <user.h>

int
main(void)
{
  if (sync() < 0) {
    fprintf(2, "sync: failed (disk error, or a kernel without FS_SYNC)\n");
    return 1;
  }
  return 0;
}
