// user/bin/mv.c: rename files; `mv old new`, or `mv file... dir` to move
// into a directory. Each move is one atomic rename: no copying, so it
// works only within one file system.
#include <user.h>

// The last path element of path.
static const char *
base(const char *path)
{
  const char *b = path;
  for (const char *p = path; *p; p++) {
    if (*p == '/' && p[1] != 0 && p[1] != '/')
      b = p + 1;
  }
  return b;
}

static int
move(const char *from, const char *to)
{
  if (rename(from, to) < 0) {
    fprintf(2, "mv: cannot move %s to %s\n", from, to);
    return 1;
  }
  return 0;
}

int
main(int argc, char *argv[])
{
  struct stat st;
  char path[128];
  const char *dir = argv[argc - 1];
  int bad = 0;

  if (argc < 3) {
    fprintf(2, "usage: mv old new | mv file... dir\n");
    return 1;
  }
  int isdir = stat(dir, &st) == 0 && st.type == T_DIR;
  if (argc == 3 && !isdir)
    return move(argv[1], dir);
  if (!isdir) {
    fprintf(2, "mv: %s is not a directory\n", dir);
    return 1;
  }
  for (int i = 1; i < argc - 1; i++) {
    const char *b = base(argv[i]);
    if (strlen(dir) + 1 + strlen(b) + 1 > sizeof(path)) {
      fprintf(2, "mv: %s/%s: name too long\n", dir, b);
      bad = 1;
      continue;
    }
    strcpy(path, dir);
    strcpy(path + strlen(path), "/");
    strcpy(path + strlen(path), b);
    bad |= move(argv[i], path);
  }
  return bad;
}
