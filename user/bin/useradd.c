// user/bin/useradd.c: add a user (root only) (USER_MULTIUSER).
//
//   useradd [-u UID] [-p PASSWORD] NAME
//
// Adds NAME to /etc/passwd and a group of the same name and number to
// /etc/group, sets the password (or locks the account until passwd sets
// one), and makes /home/NAME owned by the new user, mode 0700.
#include <user.h>
#include <account.h>

static void
die(const char *msg, const char *arg)
{
  fprintf(2, "useradd: %s%s\n", msg, arg);
  exit(1);
}

// "a" "b" "c" ... joined into buf (n bytes); 0 if it does not fit.
static int
join(char *buf, int n, const char **parts, int nparts)
{
  int len = 0;

  for (int i = 0; i < nparts; i++) {
    int m = strlen(parts[i]);
    if (len + m + 1 > n)
      return 0;
    memmove(buf + len, parts[i], m);
    len += m;
  }
  buf[len] = 0;
  return 1;
}

static char *
itoa(int v, char *buf)
{
  char tmp[12];
  int n = 0, i = 0;

  do {
    tmp[n++] = '0' + v % 10;
    v /= 10;
  } while (v > 0);
  while (n > 0)
    buf[i++] = tmp[--n];
  buf[i] = 0;
  return buf;
}

int
main(int argc, char *argv[])
{
  const char *name = 0, *password = 0;
  char line[256], home[MAXPATH], num[12];
  struct passwd_ent pw;
  int uid = -1, i;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-u") == 0 && i + 1 < argc)
      uid = atoi(argv[++i]);
    else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
      password = argv[++i];
    else if (argv[i][0] != '-' && name == 0)
      name = argv[i];
    else
      die("usage: useradd [-u UID] [-p PASSWORD] NAME", "");
  }
  if (name == 0)
    die("usage: useradd [-u UID] [-p PASSWORD] NAME", "");
  if (geteuid() != 0)
    die("only root may add users", "");
  if (strlen(name) >= ACCOUNT_NAME || strlen(name) > DIRSIZ || strchr(name, ':') ||
      strchr(name, '/'))
    die("bad user name: ", name);
  if (account_getpwnam(name, &pw) == 0)
    die("user exists: ", name);
  if (uid < 0)
    uid = account_next_uid();
  if (account_getpwuid(uid, &pw) == 0)
    die("uid taken by ", pw.name);
  itoa(uid, num);

  const char *hp[] = { "/home/", name };
  const char *pl[] = { name, ":x:", num, ":", num, "::", "/home/", name, ":/sh\n" };
  const char *gl[] = { name, ":x:", num, ":", name, "\n" };
  if (!join(home, sizeof(home), hp, 2) || !join(line, sizeof(line), pl, 9))
    die("name too long: ", name);
  if (account_append("/etc/passwd", line) < 0)
    die("cannot write /etc/passwd", "");
  join(line, sizeof(line), gl, 6);
  if (account_append("/etc/group", line) < 0)
    die("cannot write /etc/group", "");
  if (account_set_password(name, password) < 0)
    die("cannot write /etc/shadow", "");
  mkdir("/home");
  if (mkdir(home) < 0 || chown(home, uid, uid) < 0 || chmod(home, 0700) < 0)
    die("cannot make ", home);
  printf("useradd: %s uid %d, home %s%s\n", name, uid, home,
         password ? "" : " (locked: set a password with passwd)");
  exit(0);
}
