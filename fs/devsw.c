// fs/devsw.c: the character-device table, and the devices that are only
// a few lines: null (major DEV_NULL) and zero (DEV_ZERO).
//
// A device inode (T_DEVICE) names its driver by major number; open files
// of it call devsw[major].read/write. Drivers fill in their own entries at
// probe time (the console is major 1, registered by kernel/console.c).
#include <octopos/types.h>
#include <octopos/devsw.h>
#include <octopos/errno.h>
#include <octopos/proc.h>

static int
null_read(int user_dst, uint64 dst, int n)
{
  (void)user_dst;
  (void)dst;
  (void)n;
  return 0;
}

static int
null_write(int user_src, uint64 src, int n)
{
  (void)user_src;
  (void)src;
  return n;
}

static int
zero_read(int user_dst, uint64 dst, int n)
{
  static const char zeros[256];

  for (int done = 0; done < n; ) {
    int m = MIN(n - done, (int)sizeof(zeros));
    if (either_copyout(user_dst, dst + done, (void *)zeros, m) < 0)
      return done > 0 ? done : -EFAULT;
    done += m;
  }
  return n;
}

struct devsw devsw[NDEV] = {
  [DEV_NULL] = { null_read, null_write },
  [DEV_ZERO] = { zero_read, null_write },
};
