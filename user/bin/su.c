// user/bin/su.c: run a shell as another user (default root) (USER_MULTIUSER).
//
//   su [user]
//
// Installed set-user-id root (mode 04755), so it can read /etc/shadow and
// change ids; it asks for the target user's password unless the real user
// is already root. The working directory stays.
#include <user.h>
#include <account.h>

int
main(int argc, char *argv[])
{
  const char *name = argc > 1 ? argv[1] : "root";
  char password[128];
  struct passwd_ent pw;

  if (argc > 2) {
    fprintf(2, "usage: su [user]\n");
    exit(2);
  }
  if (geteuid() != 0) {
    fprintf(2, "su: not installed set-user-id root\n");
    exit(1);
  }
  if (account_getpwnam(name, &pw) < 0) {
    fprintf(2, "su: no user %s\n", name);
    exit(1);
  }
  if (getuid() != 0) {
    printf("Password: ");
    if (account_readline(password, sizeof(password)) < 0 ||
        !account_check_password(name, password)) {
      sleep(20);
      fprintf(2, "su: authentication failure\n");
      exit(1);
    }
    memset(password, 0, sizeof(password));
  }
  account_start_shell(&pw, 0);
  fprintf(2, "su: cannot start %s\n", pw.shell);
  exit(1);
}
