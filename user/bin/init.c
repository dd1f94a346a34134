// user/bin/init.c: the first user process.
//
// Opens the console as fds 0, 1 and 2 (making the device node on a fresh
// file system), then keeps a shell running: when sh exits, start another.
// As the parent of every orphan, it also reaps them. It never exits
// because fork failed: it waits for a slot (start_child). On a multi-user
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

// Make /dev/null, /dev/zero and /dev/random when the file system lacks
// them; opening one whose driver is not built fails, as it should.
static void
make_dev_nodes(void)
{
  static const struct { const char *path; short major; } nodes[] = {
    { "/dev/null", 2 }, { "/dev/zero", 3 }, { "/dev/random", 4 },
  };
  struct stat st;
  if (stat("/dev", &st) < 0 && mkdir("/dev") < 0)
    return;
  for (int i = 0; i < (int)(sizeof(nodes) / sizeof(nodes[0])); i++)
    if (stat(nodes[i].path, &st) < 0)
      mknod(nodes[i].path, nodes[i].major, 0);
}

// Fork and exec argv. A full process table (a user's runaway forks) must
// not end init, which would power the machine off: reap whatever ends and
// try again until a slot is free, saying so once per shortage.
static int
start_child(char *path, char **argv)
{
  int warned = 0, pid;

  while ((pid = fork()) < 0) {
    if (!warned)
      printf("init: fork failed; waiting for a free process slot\n");
    warned = 1;
    if (wait(0) < 0)
      sleep(10);   // no children to reap: give the others time to end
  }
  if (pid == 0) {
    // Its own session with the console as terminal (CONFIG_JOB_CONTROL;
    // both calls fail harmlessly without): ^C and job control work in
    // the shell, and when it exits its leftovers lose the console.
    if (setsid() > 0)
      tcsetpgrp(0, getpid());
    exec(path, argv);
    exec(argv[0], argv);
    printf("init: exec %s failed\n", argv[0]);
    exit(1);
  }
  return pid;
}

int
main(void)
{
  char **argv = argv_sh;
  char path[16];
  int pid, wpid;

  open_console();
  make_dev_nodes();
  if (getuid() != -1) {
    // A multi-user kernel: files others may read, not write; and with
    // accounts on the disk, nobody gets a shell without logging in.
    struct stat st;
    umask(022);
    if (stat("/etc/passwd", &st) == 0)
      argv = argv_login;
  }
  path[0] = '/';
  strcpy(path + 1, argv[0]);
  int quick_failures = 0;
  for (;;) {
    int started = uptime();
    printf("init: starting %s\n", argv[0]);
    pid = start_child(path, argv);
    // Reap children until the shell itself exits; the others are orphans
    // that were re-parented to us.
    int status = 0;
    do {
      wpid = wait(&status);
    } while (wpid != pid && wpid >= 0);
    if (wpid < 0) {
      printf("init: wait returned an error\n");
      exit(1);
    }
    // A shell that cannot even start (a damaged disk) must not become an
    // endless loop of messages: after ten failures in a row, stop.
    if (status != 0 && uptime() - started < 2)
      quick_failures++;
    else
      quick_failures = 0;
    if (quick_failures >= 10) {
      printf("init: %s fails at once every time; powering off\n", argv[0]);
      poweroff(0);
      for (;;)
        sleep(1000);
    }
  }
}
