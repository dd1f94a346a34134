// fs/dir.c: directories.
//
// dirlookup() and friends dispatch to the directory's file system. Most
// file systems store a directory as xv6 does, an array of struct dirent
// (inum 0 = free slot) read and written with readi/writei; the dirent_*
// functions implement that once, for xv6fs and ramfs alike. Names are at
// most DIRSIZ bytes and NUL-padded, so a 14-byte name has no NUL.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/fs.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include <octopos/vfs.h>

int
namecmp(const char *s, const char *t)
{
  return strncmp(s, t, DIRSIZ);
}

struct inode *
dirlookup(struct inode *dp, const char *name, uint *poff)
{
  if (dp->type != T_DIR)
    return NULL;
  return dp->mnt->ops->lookup(dp, name, poff);
}

int
dirlink(struct inode *dp, const char *name, uint inum)
{
  return dp->mnt->ops->link(dp, name, inum);
}

int
dirunlink(struct inode *dp, uint off)
{
  return dp->mnt->ops->unlink(dp, off);
}

int
dirempty(struct inode *dp)
{
  return dp->mnt->ops->isempty(dp);
}

// Read the entry at off. 0, or -EUCLEAN for a directory whose size is not a
// whole number of entries.
static int
dirent_read(struct inode *dp, uint off, struct dirent *de)
{
  int r = readi(dp, 0, (uint64)de, off, sizeof(*de));

  if (r == sizeof(*de))
    return 0;
  if (r >= 0) {
    printf("fs: directory inode %u has a torn entry at %u\n", dp->inum, off);
    return -EUCLEAN;
  }
  return r;
}

// Is dp's size a whole number of entries? Says so on the console if not.
static int
dirent_sane(struct inode *dp)
{
  if (dp->size % sizeof(struct dirent) == 0)
    return 1;
  printf("fs: directory inode %u has size %u, not a multiple of %d\n",
         dp->inum, dp->size, (int)sizeof(struct dirent));
  return 0;
}

struct inode *
dirent_lookup(struct inode *dp, const char *name, uint *poff)
{
  struct dirent de;

  if (!dirent_sane(dp))
    return NULL;

  for (uint off = 0; off + sizeof(de) <= dp->size; off += sizeof(de)) {
    if (dirent_read(dp, off, &de) < 0)
      return NULL;
    if (de.inum == 0)
      continue;
    if (namecmp(name, de.name) == 0) {
      if (poff)
        *poff = off;
      return iget(dp->mnt, de.inum);
    }
  }
  return NULL;
}

int
dirent_link(struct inode *dp, const char *name, uint inum)
{
  struct dirent de;
  struct inode *ip;
  uint off;

  if (!dirent_sane(dp))
    return -EUCLEAN;
  // The name must not be present already.
  if ((ip = dirent_lookup(dp, name, NULL)) != NULL) {
    iput(ip);
    return -EEXIST;
  }
  // Reuse a free slot, or append.
  for (off = 0; off + sizeof(de) <= dp->size; off += sizeof(de)) {
    if (dirent_read(dp, off, &de) < 0)
      return -EUCLEAN;
    if (de.inum == 0)
      break;
  }
  if (off + sizeof(de) > dp->size)
    off = dp->size;
  memset(&de, 0, sizeof(de));
  strncpy(de.name, name, DIRSIZ);
  de.inum = inum;
  int r = writei(dp, 0, (uint64)&de, off, sizeof(de));
  if (r != sizeof(de))
    return r < 0 ? r : -ENOSPC;
  return 0;
}

int
dirent_unlink(struct inode *dp, uint off)
{
  struct dirent de;

  memset(&de, 0, sizeof(de));
  int r = writei(dp, 0, (uint64)&de, off, sizeof(de));
  if (r != sizeof(de))
    return r < 0 ? r : -EIO;
  return 0;
}

// Is dp empty but for "." and ".."? 1 yes, 0 no, -errno.
int
dirent_isempty(struct inode *dp)
{
  struct dirent de;

  for (uint off = 2 * sizeof(de); off + sizeof(de) <= dp->size; off += sizeof(de)) {
    int err = dirent_read(dp, off, &de);
    if (err < 0)
      return err;
    if (de.inum != 0)
      return 0;
  }
  return 1;
}

int
dirent_readdir(struct inode *dp, uint *off, struct dirent *de)
{
  while (*off + sizeof(*de) <= dp->size) {
    int err = dirent_read(dp, *off, de);
    if (err < 0)
      return err;
    *off += sizeof(*de);
    if (de->inum != 0)
      return 1;
  }
  return 0;
}
