// user/bin/id.c: print the user and group ids, with names (USER_MULTIUSER).
#include <user.h>
#include <account.h>

static void
user(const char *label, int uid)
{
  struct passwd_ent pw;

  if (account_getpwuid(uid, &pw) == 0)
    printf("%s=%d(%s)", label, uid, pw.name);
  else
    printf("%s=%d", label, uid);
}

static void
group(const char *label, int gid)
{
  char name[ACCOUNT_NAME];

  if (account_group_name(gid, name, sizeof(name)) == 0)
    printf("%s=%d(%s)", label, gid, name);
  else
    printf("%s=%d", label, gid);
}

int
main(void)
{
  int uid = getuid(), gid = getgid();

  if (uid < 0) {
    fprintf(2, "id: kernel without users (CONFIG_MULTIUSER)\n");
    exit(1);
  }
  user("uid", uid);
  printf(" ");
  group("gid", gid);
  if (geteuid() != uid) {
    printf(" ");
    user("euid", geteuid());
  }
  if (getegid() != gid) {
    printf(" ");
    group("egid", getegid());
  }
  printf("\n");
  exit(0);
}
