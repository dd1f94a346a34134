// user/bin/login.c: ask for a user name and password, then start that
// user's shell (USER_MULTIUSER).
//
// init runs it on the console when the kernel has CONFIG_MULTIUSER and
// /etc/passwd exists. It runs as root: it reads /etc/shadow and sets the
// ids. A wrong name or password gets one answer, "Login incorrect", after
// a pause, so guessing is slow and does not tell which one was wrong.
// Passwords are echoed: the console has no way to turn echo off.
#include <user.h>
#include <account.h>

#define FAIL_DELAY 20           // ticks (2 s) before the next try

static void
show_motd(void)
{
  char buf[256];
  int fd = open("/etc/motd", O_RDONLY), n;
  if (fd < 0)
    return;
  while ((n = read(fd, buf, sizeof(buf))) > 0)
    write(1, buf, n);
  close(fd);
}

int
main(void)
{
  char name[ACCOUNT_NAME], password[128];
  struct passwd_ent pw;

  for (;;) {
    printf("login: ");
    if (account_readline(name, sizeof(name)) < 0)
      exit(1);
    if (name[0] == 0)
      continue;
    printf("Password: ");
    if (account_readline(password, sizeof(password)) < 0)
      exit(1);
    if (account_getpwnam(name, &pw) == 0 && account_check_password(name, password))
      break;
    sleep(FAIL_DELAY);
    printf("Login incorrect\n");
  }
  memset(password, 0, sizeof(password));
  show_motd();
  // A session of its own with the console as its terminal
  // (CONFIG_JOB_CONTROL): when the shell it becomes exits, the console is
  // hung up and nothing this user left running can read it any more.
  if (setsid() > 0)
    tcsetpgrp(0, getpid());
  account_start_shell(&pw, 1);
  fprintf(2, "login: cannot start %s for %s\n", pw.shell, pw.name);
  exit(1);
}
