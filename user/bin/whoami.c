// user/bin/whoami.c: print the name of the effective user (USER_MULTIUSER).
#include <user.h>
#include <account.h>

int
main(void)
{
  struct passwd_ent pw;
  int uid = geteuid();

  if (uid < 0) {
    fprintf(2, "whoami: kernel without users (CONFIG_MULTIUSER)\n");
    exit(1);
  }
  if (account_getpwuid(uid, &pw) == 0)
    printf("%s\n", pw.name);
  else
    printf("%d\n", uid);
  exit(0);
}
