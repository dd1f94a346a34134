// user/bin/ls.c: list files: name, type, inode number and size.
//
// A directory is listed entry by entry, reading its raw dirents; anything
// else is listed as itself. ls -l lists mode, links, owner, group, size
// and name instead (xstat; on a kernel without CONFIG_MULTIUSER every
// file shows as root's).
#include <user.h>
#include <account.h>

static char path[MAXPATH + DIRSIZ + 2];
static int longfmt;

// The last path component, padded with spaces to DIRSIZ so columns line up.
static const char *
fmtname(const char *p)
{
  static char name[DIRSIZ + 1];
  const char *s = p + strlen(p);
  int n;

  while (s > p && s[-1] != '/')
    s--;
  n = strlen(s);
  if (n >= DIRSIZ)
    return s;
  memmove(name, s, n);
  memset(name + n, ' ', DIRSIZ - n);
  name[DIRSIZ] = 0;
  return name;
}

// Name of uid (or gid, with group set), remembering the last one asked.
static const char *
idname(int id, int group)
{
  static char name[2][ACCOUNT_NAME];
  static int last[2] = { -1, -1 };
  struct passwd_ent pw;

  if (last[group] != id) {
    last[group] = id;
    if (group ? account_group_name(id, name[1], ACCOUNT_NAME) < 0
              : account_getpwuid(id, &pw) < 0)
      strcpy(name[group], "");
    else if (!group)
      strcpy(name[0], pw.name);
  }
  return name[group];
}

// "drwxr-xr-x": type, then rwx per class; s where set-id and x meet.
static void
modestr(const struct xstat *xs, char *s)
{
  static const char types[] = "?d-cl";
  const char *rwx = "rwxrwxrwx";

  s[0] = xs->type >= 1 && xs->type <= 4 ? types[xs->type] : '?';
  for (int i = 0; i < 9; i++)
    s[i + 1] = (xs->mode >> (8 - i)) & 1 ? rwx[i] : '-';
  if (xs->mode & S_ISUID)
    s[3] = s[3] == 'x' ? 's' : 'S';
  if (xs->mode & S_ISGID)
    s[6] = s[6] == 'x' ? 's' : 'S';
  s[10] = 0;
}

static void
showlong(const char *p, int fd, struct stat *st)
{
  struct xstat xs;
  char mode[11];
  const char *u, *g;

  if (xstat(fd, &xs) < 0) {
    // No multi-user kernel: root owns everything, as it does there.
    memset(&xs, 0, sizeof(xs));
    xs.type = st->type;
    xs.nlink = st->nlink;
    xs.size = st->size;
    xs.mode = st->type == T_DEVICE ? 0666 : 0755;
  }
  modestr(&xs, mode);
  u = idname(xs.uid, 0);
  g = idname(xs.gid, 1);
  printf("%s %d ", mode, xs.nlink);
  if (*u)
    printf("%-8s ", u);
  else
    printf("%-8d ", xs.uid);
  if (*g)
    printf("%-8s ", g);
  else
    printf("%-8d ", xs.gid);
  printf("%8lu %s\n", xs.size, fmtname(p));
}

static void
show(const char *p, struct stat *st)
{
  int fd;

  if (longfmt) {
    if ((fd = open(p, O_RDONLY)) < 0) {
      fprintf(2, "ls: cannot open %s\n", p);
      return;
    }
    showlong(p, fd, st);
    close(fd);
    return;
  }
  printf("%s %d %d %lu\n", fmtname(p), st->type, st->ino, st->size);
}

static int
ls(const char *dir)
{
  struct dirent de;
  struct stat st;
  char *tail;
  int fd;

  if ((fd = open(dir, O_RDONLY)) < 0) {
    fprintf(2, "ls: cannot open %s\n", dir);
    return -1;
  }
  if (fstat(fd, &st) < 0) {
    fprintf(2, "ls: cannot stat %s\n", dir);
    close(fd);
    return -1;
  }
  if (st.type != T_DIR) {
    show(dir, &st);
    close(fd);
    return 0;
  }
  if (strlen(dir) + 1 + DIRSIZ + 1 > sizeof(path)) {
    fprintf(2, "ls: path too long\n");
    close(fd);
    return -1;
  }
  strcpy(path, dir);
  tail = path + strlen(path);
  *tail++ = '/';
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    memmove(tail, de.name, DIRSIZ);
    tail[DIRSIZ] = 0;
    if (stat(path, &st) < 0) {
      fprintf(2, "ls: cannot stat %s\n", path);
      continue;
    }
    show(path, &st);
  }
  close(fd);
  return 0;
}

int
main(int argc, char *argv[])
{
  int status = 0, first = 1;

  if (argc > 1 && strcmp(argv[1], "-l") == 0) {
    longfmt = 1;
    first = 2;
  }
  if (argc <= first)
    return ls(".") < 0;
  for (int i = first; i < argc; i++)
    if (ls(argv[i]) < 0)
      status = 1;
  return status;
}
