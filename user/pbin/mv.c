// user/pbin/mv.c: rename files; `mv old new`, or `mv file... dir` to move
// into a directory. Each move is one atomic rename (CONFIG_FS_SYNC): no
// copying, so it works only within one file system. The picolibc version
// of user/bin/mv.c: paths of any length, and the reason of a failure.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// The last path element of path ("b" of "a/b/" too).
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
    fprintf(stderr, "mv: cannot move %s to %s: %s\n", from, to, strerror(errno));
    return 1;
  }
  return 0;
}

int
main(int argc, char *argv[])
{
  struct stat st;
  const char *dir = argv[argc - 1];
  int bad = 0;

  if (argc < 3) {
    fprintf(stderr, "usage: mv old new | mv file... dir\n");
    return 1;
  }
  int isdir = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
  if (argc == 3 && !isdir)
    return move(argv[1], dir);
  if (!isdir) {
    fprintf(stderr, "mv: %s is not a directory\n", dir);
    return 1;
  }
  for (int i = 1; i < argc - 1; i++) {
    const char *b = base(argv[i]);
    char *path = malloc(strlen(dir) + strlen(b) + 2);
    if (path == NULL) {
      fprintf(stderr, "mv: out of memory\n");
      return 1;
    }
    sprintf(path, "%s/%s", dir, b);
    bad |= move(argv[i], path);
    free(path);
  }
  return bad;
}
