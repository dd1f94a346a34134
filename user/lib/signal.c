// user/lib/signal.c: signal(), the simple way to set a handler
// (CONFIG_SIGNALS). It fills in sa_restorer with the sigreturn stub, where
// a handler returns to; programs calling sigaction themselves do the same.
// Linked only into the programs that use signals (user/Makefile).
#include <user.h>

sighandler_t
signal(int sig, sighandler_t handler)
{
  struct sigaction sa, old;

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = handler;
  sa.sa_restorer = sigreturn;
  if (sigaction(sig, &sa, &old) < 0)
    return (sighandler_t)-1;
  return old.sa_handler;
}
