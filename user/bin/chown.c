// user/bin/chown.c: change owner and group (root only) (USER_MULTIUSER).
//
//   chown USER[:GROUP] FILE...     names or numbers; ":GROUP" alone keeps the owner
#include <user.h>
#include <account.h>

static int
isnum(const char *s)
{
  if (*s == 0)
    return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9')
      return 0;
  return 1;
}

int
main(int argc, char *argv[])
{
  char spec[ACCOUNT_NAME * 2 + 2], *colon, *grp = 0;
  struct passwd_ent pw;
  int uid = -1, gid = -1, status = 0;

  if (argc < 3 || strlen(argv[1]) >= sizeof(spec)) {
    fprintf(2, "usage: chown USER[:GROUP] FILE...\n");
    exit(2);
  }
  strcpy(spec, argv[1]);
  if ((colon = strchr(spec, ':')) != 0) {
    *colon = 0;
    grp = colon + 1;
  }
  if (spec[0]) {
    if (isnum(spec))
      uid = atoi(spec);
    else if (account_getpwnam(spec, &pw) == 0)
      uid = pw.uid;
    else {
      fprintf(2, "chown: no user %s\n", spec);
      exit(1);
    }
  }
  if (grp && grp[0]) {
    gid = isnum(grp) ? atoi(grp) : account_group_id(grp);
    if (gid < 0) {
      fprintf(2, "chown: no group %s\n", grp);
      exit(1);
    }
  }
  for (int i = 2; i < argc; i++) {
    if (chown(argv[i], uid, gid) < 0) {
      fprintf(2, "chown: %s: not permitted or not found\n", argv[i]);
      status = 1;
    }
  }
  exit(status);
}
