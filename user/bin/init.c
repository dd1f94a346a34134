// user/bin/init.c: the first user process.
//
// Opens the console as fds 0, 1 and 2 (making the device node on a fresh
// file system), then keeps a shell running: when sh exits, start another.
// As the parent of every orphan, it also reaps them.
#include <user.h>

#define CONSOLE_MAJOR 1

static char *argv[] = { "sh", 0 };

static void
open_console(void)
{
  if (open("console", O_RDWR) < 0) {
    mknod("console", CONSOLE_MAJOR, 0);
    if (open("console", O_RDWR) < 0)
      exit(1);   // nowhere to even complain
  }
  dup(0);   // stdout
  dup(0);   // stderr
}

int
main(void)
{
  int pid, wpid;

  open_console();
  for (;;) {
    printf("init: starting sh\n");
    pid = fork();
    if (pid < 0) {
      printf("init: fork failed\n");
      exit(1);
    }
    if (pid == 0) {
      exec("/sh", argv);
      exec("sh", argv);
      printf("init: exec sh failed\n");
      exit(1);
    }
    // Reap children until the shell itself exits; the others are orphans
    // that were re-parented to us.
    do {
      wpid = wait(0);
    } while (wpid != pid && wpid >= 0);
    if (wpid < 0) {
      printf("init: wait returned an error\n");
      exit(1);
    }
  }
}
