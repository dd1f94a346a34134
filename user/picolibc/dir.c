// user/picolibc/dir.c: opendir/readdir over the getdents call.
//
// A DIR reads up to 32 records a call into its buffer and hands them out
// one by one with the name NUL-terminated; rewinddir seeks the descriptor
// back to 0. Needs CONFIG_POSIX_CALLS (getdents, lseek).
#include "sys.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

DIR *
fdopendir(int fd)
{
  DIR *d = calloc(1, sizeof(*d));
  if (d == NULL)
    return NULL;
  d->fd = fd;
  return d;
}

DIR *
opendir(const char *path)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return NULL;
  struct stat st;
  if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
    close(fd);
    errno = ENOTDIR;
    return NULL;
  }
  DIR *d = fdopendir(fd);
  if (d == NULL)
    close(fd);
  return d;
}

struct dirent *
readdir(DIR *d)
{
  if (d->next >= d->n) {
    int r = __sys_getdents(d->fd, d->buf, sizeof(d->buf));
    if (r < 0)
      errno = EBADF;
    if (r <= 0)
      return NULL;
    d->n = r / sizeof(struct octopos_dirent);
    d->next = 0;
  }
  struct octopos_dirent *de = (struct octopos_dirent *)d->buf + d->next++;
  d->ent.d_ino = de->inum;
  d->ent.d_type = DT_UNKNOWN;
  memcpy(d->ent.d_name, de->name, DIRSIZ);
  d->ent.d_name[DIRSIZ] = 0;
  return &d->ent;
}

void
rewinddir(DIR *d)
{
  __sys_lseek(d->fd, 0, OCTOPOS_SEEK_SET);
  d->n = d->next = 0;
}

int
dirfd(DIR *d)
{
  return d->fd;
}

int
closedir(DIR *d)
{
  int r = close(d->fd);
  free(d);
  return r;
}
