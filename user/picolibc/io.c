// user/picolibc/io.c: picolibc's POSIX file calls over octopos's.
//
// picolibc's stdio and its fopen call open, read, write, lseek, close,
// fstat, stat and unlink; these translate flags and structs between
// picolibc's (newlib) values and xv6's, and set errno. The kernel answers
// every failure with -1 (the xv6 ABI); errno is the error number it kept
// (lasterror, CONFIG_SIGNALS), so strerror() tells ENOENT from EACCES from
// EMLINK as the kernel decided. A kernel without lasterror leaves the glue
// to work errno out from what the path or descriptor looks like
// afterwards: a missing path is ENOENT, a bad descriptor EBADF, right in
// the common cases only.
#include "sys.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
__octopos_fail(int e)
{
  errno = e;
  return -1;
}

// The kernel's error numbers are Linux's (include/octopos/errno.h);
// picolibc's (newlib's) are the same up to ERANGE (34) and differ above.
static int
from_kernel(int e)
{
  switch (e) {
  case 36:  return ENAMETOOLONG;
  case 38:  return ENOSYS;
  case 39:  return ENOTEMPTY;
  case 40:  return ELOOP;
  case 95:  return EOPNOTSUPP;
  case 117: return EIO;         // EUCLEAN: a damaged file system
  default:  return e <= ERANGE ? e : EIO;
  }
}

int
__octopos_kernel_errno(void)
{
  int e = __sys_lasterror();
  return e > 0 ? from_kernel(e) : 0;
}

int
__octopos_error(int guess)
{
  int e = __octopos_kernel_errno();
  return __octopos_fail(e ? e : guess);
}

// Why did a call on path fail? The kernel's answer if it kept one; else
// ENOENT if the path is not there, what is likely for an existing one
// otherwise.
static int
errno_for_path(const char *path, int exists_errno)
{
  int e = __octopos_kernel_errno();
  if (e)
    return __octopos_fail(e);
  int fd = __sys_open(path, 0);
  if (fd < 0)
    return __octopos_fail(ENOENT);
  __sys_close(fd);
  return __octopos_fail(exists_errno);
}

static int
errno_for_fd(int fd, int open_errno)
{
  struct octopos_stat st;
  int e = __octopos_kernel_errno();
  if (e)
    return __octopos_fail(e);
  return __octopos_fail(__sys_fstat(fd, &st) < 0 ? EBADF : open_errno);
}

static int
is_dir(const char *path)
{
  struct octopos_stat st;
  int fd = __sys_open(path, 0), r = 0;
  if (fd >= 0) {
    r = __sys_fstat(fd, &st) == 0 && st.type == T_DIR;
    __sys_close(fd);
  }
  return r;
}

int
open(const char *path, int flags, ...)
{
  int oflags = 0, fd;

  if (path == NULL)
    return __octopos_fail(EFAULT);
  if ((flags & O_ACCMODE) == O_WRONLY)
    oflags |= OCTOPOS_O_WRONLY;
  else if ((flags & O_ACCMODE) == O_RDWR)
    oflags |= OCTOPOS_O_RDWR;
  if (flags & O_CREAT)
    oflags |= OCTOPOS_O_CREATE;
  if (flags & O_TRUNC)
    oflags |= OCTOPOS_O_TRUNC;
  // O_EXCL by looking first: not atomic against another process.
  if ((flags & O_CREAT) && (flags & O_EXCL) && (fd = __sys_open(path, 0)) >= 0) {
    __sys_close(fd);
    return __octopos_fail(EEXIST);
  }
  if ((fd = __sys_open(path, oflags)) < 0) {
    int e = __octopos_kernel_errno();
    if (e)
      return __octopos_fail(e);
    if (is_dir(path))
      return __octopos_fail(EISDIR);
    // O_CREAT failing where the name is free: the directory is missing.
    return errno_for_path(path, EACCES);
  }
  // O_APPEND positions at the end once; writes do not re-seek (one writer).
  if (flags & O_APPEND)
    __sys_lseek(fd, 0, OCTOPOS_SEEK_END);
  return fd;
}

ssize_t
read(int fd, void *buf, size_t n)
{
  int r = __sys_read(fd, buf, n > 0x7fffffff ? 0x7fffffff : (int)n);
  return r < 0 ? errno_for_fd(fd, EIO) : r;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
  int r = __sys_write(fd, buf, n > 0x7fffffff ? 0x7fffffff : (int)n);
  return r < 0 ? errno_for_fd(fd, ENOSPC) : r;
}

int
close(int fd)
{
  return __sys_close(fd) < 0 ? __octopos_error(EBADF) : 0;
}

off_t
lseek(int fd, off_t off, int whence)
{
  long r = __sys_lseek(fd, off, whence);
  if (r < 0) {
    struct octopos_stat st;
    int e = __octopos_kernel_errno();
    if (e)
      return __octopos_fail(e);
    if (__sys_fstat(fd, &st) < 0)
      return __octopos_fail(EBADF);
    return __octopos_fail(st.type == T_FILE || st.type == T_DIR ? EINVAL : ESPIPE);
  }
  return r;
}

// octopos's stat (and, with MULTIUSER, its mode, owner and time) as
// picolibc's struct stat.
static int
fill_stat(int fd, struct stat *st)
{
  struct octopos_stat os;
  struct xstat xs;

  if (__sys_fstat(fd, &os) < 0)
    return -1;
  memset(st, 0, sizeof(*st));
  st->st_dev = os.dev;
  st->st_ino = os.ino;
  st->st_nlink = os.nlink;
  st->st_size = os.size;
  st->st_blksize = BSIZE;
  st->st_blocks = (os.size + 511) / 512;
  mode_t perm = os.type == T_DIR ? 0755 : 0644;
  if (__sys_xstat(fd, &xs) == 0) {
    perm = xs.mode & 07777;
    st->st_uid = xs.uid;
    st->st_gid = xs.gid;
    st->st_mtime = st->st_atime = st->st_ctime = xs.mtime;
  }
  switch (os.type) {
  case T_DIR:     st->st_mode = S_IFDIR | perm; break;
  case T_DEVICE:  st->st_mode = S_IFCHR | perm; break;
  case T_SYMLINK: st->st_mode = S_IFLNK | perm; break;
  default:        st->st_mode = S_IFREG | perm; break;
  }
  return 0;
}

int
fstat(int fd, struct stat *st)
{
  return fill_stat(fd, st) < 0 ? __octopos_error(EBADF) : 0;
}

int
stat(const char *path, struct stat *st)
{
  int fd = __sys_open(path, 0);
  if (fd < 0)
    return __octopos_error(ENOENT);
  int r = fill_stat(fd, st);
  __sys_close(fd);
  return r < 0 ? __octopos_fail(EIO) : 0;
}

int
lstat(const char *path, struct stat *st)
{
  return stat(path, st);
}

int
unlink(const char *path)
{
  if (__sys_unlink(path) == 0)
    return 0;
  int e = __octopos_kernel_errno();
  if (e)
    return __octopos_fail(e);
  return errno_for_path(path, is_dir(path) ? ENOTEMPTY : EACCES);
}

int
rmdir(const char *path)
{
  struct stat st;
  if (stat(path, &st) < 0)
    return -1;
  if (!S_ISDIR(st.st_mode))
    return __octopos_fail(ENOTDIR);
  return unlink(path);
}

int
mkdir(const char *path, mode_t mode)
{
  (void)mode;
  if (__sys_mkdir(path) == 0)
    return 0;
  return errno_for_path(path, EEXIST);
}

int
chdir(const char *path)
{
  if (__sys_chdir(path) == 0)
    return 0;
  return errno_for_path(path, ENOTDIR);
}

int
link(const char *oldpath, const char *newpath)
{
  if (__sys_link(oldpath, newpath) == 0)
    return 0;
  return errno_for_path(oldpath, EEXIST);
}

int
chmod(const char *path, mode_t mode)
{
  return __sys_chmod(path, mode) == 0 ? 0 : errno_for_path(path, EPERM);
}

int
chown(const char *path, uid_t uid, gid_t gid)
{
  return __sys_chown(path, uid, gid) == 0 ? 0 : __octopos_error(EPERM);
}

mode_t
umask(mode_t mask)
{
  return __sys_umask(mask);
}

// rename, symlink, sync and fsync exist with CONFIG_FS_SYNC and
// CONFIG_FS_SYMLINKS; a kernel without them says ENOSYS. Without the
// kernel's reason (no lasterror) a failed rename is ENOENT when the old
// name is not there, else EINVAL (a directory into its own subtree, the
// likely cause): ENOSYS there told a user of a kernel that has rename
// that it had none (randconfig seed 0x8038).
int
rename(const char *oldpath, const char *newpath)
{
  return __sys_rename(oldpath, newpath) == 0 ? 0 : errno_for_path(oldpath, EINVAL);
}

int
symlink(const char *target, const char *path)
{
  return __sys_symlink(target, path) == 0 ? 0 : __octopos_error(ENOSYS);
}

void
sync(void)
{
  __sys_sync();
}

int
fsync(int fd)
{
  return __sys_fsync(fd) == 0 ? 0 : __octopos_error(EBADF);
}

int
dup(int fd)
{
  int r = __sys_dup(fd);
  return r < 0 ? errno_for_fd(fd, EMFILE) : r;
}

int
dup2(int oldfd, int newfd)
{
  int r = __sys_dup2(oldfd, newfd);
  return r < 0 ? __octopos_error(EBADF) : r;
}

int
pipe(int fds[2])
{
  return __sys_pipe(fds) < 0 ? __octopos_error(EMFILE) : 0;
}

int
ftruncate(int fd, off_t len)
{
  return __sys_ftruncate(fd, len) < 0 ? errno_for_fd(fd, EINVAL) : 0;
}

int
isatty(int fd)
{
  int r = __sys_isatty(fd);
  if (r < 0)
    return __octopos_error(EBADF);
  return r ? 1 : __octopos_fail(ENOTTY);
}

char *
getcwd(char *buf, size_t n)
{
  if (buf == NULL || n == 0) {
    errno = EINVAL;
    return NULL;
  }
  if (__sys_getcwd(buf, n > 0x7fffffff ? 0x7fffffff : (int)n) < 0) {
    __octopos_error(ERANGE);
    return NULL;
  }
  return buf;
}
