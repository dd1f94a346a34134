// tests/libc/dirs.c: mkdir, opendir/readdir, getcwd, chdir, rmdir, stat.
// Works in the current directory; prints names sorted, since the order of
// readdir differs between file systems.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
  char cwd[256], *names[16];
  int n = 0;

  printf("mkdir %d\n", mkdir("dtest", 0755));
  printf("mkdir again %d\n", mkdir("dtest", 0755));
  for (int i = 0; i < 4; i++) {
    char p[32];
    snprintf(p, sizeof(p), "dtest/file%d", 3 - i);
    FILE *f = fopen(p, "w");
    fprintf(f, "%d", i * 100);
    fclose(f);
  }
  printf("mkdir sub %d\n", mkdir("dtest/sub", 0755));
  DIR *d = opendir("dtest");
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 16)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof(names[0]), cmp);
  for (int i = 0; i < n; i++) {
    struct stat st;
    char p[64];
    snprintf(p, sizeof(p), "dtest/%s", names[i]);
    stat(p, &st);
    printf("%s %s %ld\n", names[i], S_ISDIR(st.st_mode) ? "dir" : "file",
           S_ISDIR(st.st_mode) ? 0L : (long)st.st_size);
  }
  printf("opendir missing %s\n", opendir("nonexistent") ? "opened" : "NULL");
  getcwd(cwd, sizeof(cwd));
  size_t len = strlen(cwd);
  printf("chdir %d\n", chdir("dtest/sub"));
  char sub[256];
  getcwd(sub, sizeof(sub));
  printf("cwd grew by [%s]\n", sub + len);
  printf("chdir back %d\n", chdir("../.."));
  for (int i = 0; i < n; i++) {
    char p[64];
    snprintf(p, sizeof(p), "dtest/%s", names[i]);
    printf("remove %s %d\n", names[i], strcmp(names[i], "sub") ? unlink(p) : rmdir(p));
  }
  printf("rmdir %d\n", rmdir("dtest"));
  return 0;
}
