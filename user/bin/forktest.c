// user/bin/forktest.c: fork until the process table is full, then reap all.
//
// Checks that fork fails cleanly when out of processes, that every child
// can be waited for, and that wait then reports no children left. Uses
// write() rather than printf so it stays tiny.
#include <user.h>

#define N 1000

static void
say(const char *s)
{
  write(1, s, strlen(s));
}

int
main(void)
{
  int n, pid;

  say("fork test\n");
  for (n = 0; n < N; n++) {
    pid = fork();
    if (pid < 0)
      break;
    if (pid == 0)
      exit(0);
  }
  if (n == N) {
    say("fork claimed to work N times!\n");
    return 1;
  }
  for (; n > 0; n--) {
    if (wait(0) < 0) {
      say("wait stopped early\n");
      return 1;
    }
  }
  if (wait(0) != -1) {
    say("wait got too many\n");
    return 1;
  }
  say("fork test OK\n");
  return 0;
}
