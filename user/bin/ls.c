// user/bin/ls.c: list files: name, type, inode number and size.
//
// A directory is listed entry by entry, reading its raw dirents; anything
// else is listed as itself.
#include <user.h>

static char path[MAXPATH + DIRSIZ + 2];

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

static void
show(const char *p, struct stat *st)
{
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
  int status = 0;

  if (argc < 2)
    return ls(".") < 0;
  for (int i = 1; i < argc; i++)
    if (ls(argv[i]) < 0)
      status = 1;
  return status;
}
