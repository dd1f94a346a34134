// user/bin/passwd.c: change a password (USER_MULTIUSER).
//
//   passwd [user]
//
// Installed set-user-id root: it writes /etc/shadow. A user changes their
// own password after giving the current one; root (the real user) may set
// anyone's without it.
#include <user.h>
#include <account.h>

static int
ask(const char *prompt, char *buf, int n)
{
  printf("%s", prompt);
  return account_readline(buf, n);
}

int
main(int argc, char *argv[])
{
  char old[128], new1[128], new2[128];
  struct passwd_ent pw;
  int uid = getuid();

  if (argc > 2) {
    fprintf(2, "usage: passwd [user]\n");
    exit(2);
  }
  if (geteuid() != 0) {
    fprintf(2, "passwd: not installed set-user-id root\n");
    exit(1);
  }
  if (argc == 2 ? account_getpwnam(argv[1], &pw) < 0 : account_getpwuid(uid, &pw) < 0) {
    fprintf(2, "passwd: no such user\n");
    exit(1);
  }
  if (uid != 0 && pw.uid != uid) {
    fprintf(2, "passwd: only root may change another user's password\n");
    exit(1);
  }
  if (uid != 0) {
    if (ask("Current password: ", old, sizeof(old)) < 0 ||
        !account_check_password(pw.name, old)) {
      sleep(20);
      fprintf(2, "passwd: authentication failure\n");
      exit(1);
    }
  }
  if (ask("New password: ", new1, sizeof(new1)) < 0 ||
      ask("Retype new password: ", new2, sizeof(new2)) < 0)
    exit(1);
  if (strcmp(new1, new2) != 0) {
    fprintf(2, "passwd: the passwords do not match\n");
    exit(1);
  }
  if (new1[0] == 0) {
    fprintf(2, "passwd: empty password refused\n");
    exit(1);
  }
  if (account_set_password(pw.name, new1) < 0) {
    fprintf(2, "passwd: cannot write /etc/shadow (disk full?): password unchanged\n");
    exit(1);
  }
  printf("passwd: password for %s changed\n", pw.name);
  exit(0);
}
