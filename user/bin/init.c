// user/bin/init.c: the first user process.
//
// Opens the console as fds 0, 1 and 2 (making the device node on a fresh
// file system), then keeps a shell running: when sh exits, start another.
// As the parent of every orphan, it also reaps them. On a multi-user
// system (the kernel knows getuid and /etc/passwd exists) it keeps login
// running instead, which starts the shell of whoever logs in.
#include <user.h>

#define CONSOLE_MAJOR 1

static char *argv_sh[] = { "sh", 0 };
static char *argv_login[] = { "login", 0 };

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

static int
multiuser(void)
{
  struct stat st;

  return getuid() != -1 && stat("/etc/passwd", &st) == 0;
}

int
main(void)
{
  char **argv = argv_sh;
  char path[16];
  int pid, wpid;

  open_console();
  if (multiuser()) {
    argv = argv_login;
    umask(022);       // files others may read, not write
  }
  path[0] = '/';
  strcpy(path + 1, argv[0]);
  for (;;) {
    printf("init: starting %s\n", argv[0]);
    pid = fork();
    if (pid < 0) {
      printf("init: fork failed\n");
      exit(1);
    }
    if (pid == 0) {
      exec(path, argv);
      exec(argv[0], argv);
      printf("init: exec %s failed\n", argv[0]);
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
