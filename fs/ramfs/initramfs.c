// fs/ramfs/initramfs.c: fill the ramfs root from a cpio archive (CONFIG_INITRAMFS).
//
// The build links the archive (newc format, as `cpio -H newc` writes) into
// the kernel between initramfs_start and initramfs_end. Each entry is a
// 110-byte ASCII header, the NUL-terminated name and the data, each padded
// to 4 bytes; a "TRAILER!!!" entry ends it. Directories, regular files,
// character devices and (CONFIG_FS_SYMLINKS) symlinks are made; anything
// else is skipped. The archive is part of the kernel image, but it is
// still parsed with bounds checks: a bad magic, a name that is empty,
// unterminated or longer than MAXPATH, or an archive that ends before its
// trailer stops the unpacking with a console message. scripts/mkinitramfs.py
// makes the archive; fs/ramfs/initramfs_test.c feeds it broken ones.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include "ramfs.h"

extern const char initramfs_start[] __attribute__((weak));
extern const char initramfs_end[] __attribute__((weak));
// Read through absolute pointers: a PC-relative reference to an undefined
// weak symbol (no archive linked) cannot reach address 0 from the kernel.
static const char *volatile archive[2] = { initramfs_start, initramfs_end };

#define CPIO_HDR 110
#define S_IFMT   0170000
#define S_IFDIR  0040000
#define S_IFREG  0100000
#define S_IFCHR  0020000
#define S_IFLNK  0120000

// The 8-hex-digit field at offset off of header h; -1 if malformed.
static long
hexfield(const char *h, int off)
{
  long v = 0;

  for (int i = 0; i < 8; i++) {
    char c = h[off + i];
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return -1;
    v = v * 16 + d;
  }
  return v;
}

// Make path (relative to root) as an inode of the given type, making
// missing parent directories on the way. *out referenced, unlocked, or NULL
// if the entry already existed.
static int
make_path(struct inode *root, const char *path, short type, short major, short minor,
          struct inode **out)
{
  char name[DIRSIZ + 1];
  struct inode *dp = idup(root), *ip;
  int err;

  *out = NULL;
  for (;;) {
    while (*path == '/')
      path++;
    const char *s = path;
    while (*path && *path != '/')
      path++;
    int len = path - s;
    while (*path == '/')
      path++;
    if (len == 0 || (len == 1 && s[0] == '.')) {
      if (*path == 0)
        break;
      continue;
    }
    memset(name, 0, sizeof(name));
    memmove(name, s, MIN(len, DIRSIZ));
    int last = *path == 0;

    if ((err = ilock(dp)) < 0 || dp->type != T_DIR) {
      iunlockput(dp);
      return err < 0 ? err : -ENOTDIR;
    }
    ip = dirlookup(dp, name, NULL);
    if (ip == NULL) {
      if ((err = ramfs_mkent(dp, name, last ? type : T_DIR, major, minor, &ip)) < 0) {
        iunlockput(dp);
        return err;
      }
      if (last) {
        iunlockput(dp);
        *out = ip;
        return 0;
      }
    }
    iunlockput(dp);
    dp = ip;
    if (last)
      break;
  }
  iput(dp);
  return 0;
}

// The archive is refused from the first thing wrong with it on: what was
// unpacked before stays, the rest is ignored, and the console says where.
static int
bad(const char *base, const char *p, const char *why)
{
  printf("initramfs: bad archive at byte %ld: %s; rest ignored\n", (long)(p - base), why);
  return -EINVAL;
}

int
initramfs_unpack(struct inode *root, const char *base, const char *end)
{
  const char *p = base;
  int files = 0;

  for (;;) {
    if (end - p < CPIO_HDR)
      return bad(base, p, "truncated (no TRAILER!!! entry)");
    if (memcmp(p, "070701", 6) != 0)
      return bad(base, p, "bad magic (not a newc cpio)");
    long mode = hexfield(p, 14), size = hexfield(p, 54);
    long rmaj = hexfield(p, 78), rmin = hexfield(p, 86), nsize = hexfield(p, 94);
    if (mode < 0 || size < 0 || rmaj < 0 || rmin < 0 || nsize < 0)
      return bad(base, p, "header field not hexadecimal");
    if (nsize < 2 || nsize > MAXPATH)
      return bad(base, p, "name empty or longer than MAXPATH");
    if (nsize > end - p - CPIO_HDR)
      return bad(base, p, "truncated in a name");
    const char *name = p + CPIO_HDR;
    if (name[nsize - 1] != 0 || strlen(name) != (uint)nsize - 1)
      return bad(base, p, "name not NUL-terminated");
    long dataoff = (CPIO_HDR + nsize + 3) & ~3L;
    if (dataoff > end - p || size > end - p - dataoff)
      return bad(base, p, "truncated in file data");
    const char *data = p + dataoff;
    if (strncmp(name, "TRAILER!!!", 11) == 0)
      break;
    p += MIN((dataoff + size + 3) & ~3L, end - p);

    short type;
    switch (mode & S_IFMT) {
    case S_IFDIR: type = T_DIR; break;
    case S_IFREG: type = T_FILE; break;
    case S_IFCHR: type = T_DEVICE; break;
    case S_IFLNK:
      if (IS_ENABLED(CONFIG_FS_SYMLINKS) && size >= 1 && size < MAXPATH) {
        type = T_SYMLINK;
        break;
      }
      printf("initramfs: %s: symlink skipped (no FS_SYMLINKS, or bad target)\n", name);
      continue;
    default:
      printf("initramfs: %s: type %lo skipped\n", name, (unsigned long)(mode & S_IFMT));
      continue;
    }
    struct inode *ip;
    int err = make_path(root, name, type, rmaj, rmin, &ip);
    if (err < 0) {
      printf("initramfs: %s: error %d\n", name, err);
      continue;
    }
    if (ip == NULL)
      continue;
    if ((type == T_FILE || type == T_SYMLINK) && size > 0) {
      ilock(ip);
      int r = writei(ip, 0, (uint64)data, 0, size);
      iunlock(ip);
      if (r != size)
        printf("initramfs: %s: short write (%d of %ld bytes)\n", name, r, size);
    }
    iput(ip);
    files++;
  }
  printf("initramfs: %d entries\n", files);
  return 0;
}

int
ramfs_populate(struct vfs_mount *m, struct inode *root)
{
  const char *p = archive[0], *end = archive[1];

  (void)m;
  if (p == NULL || end == NULL || end <= p)
    return 0;                     // none linked in: an empty root
  return initramfs_unpack(root, p, end);
}
