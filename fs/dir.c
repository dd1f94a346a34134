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

// A walk over a directory's entries that reads them 16 at a time: one
// readi() (block map, cache lookup, copy) per 16 entries instead of one per
// entry, which is most of the cost of a lookup in a directory of a few
// dozen names (create, open and unlink each scan the whole directory).
#define DSCAN_CHUNK 16

struct dscan {
  struct inode *dp;
  uint off;                     // offset of de[i]
  int i, n;                     // next entry in de[], entries in de[]
  struct dirent de[DSCAN_CHUNK];
};

static void
dscan_start(struct dscan *s, struct inode *dp, uint off)
{
  s->dp = dp;
  s->off = off;
  s->i = s->n = 0;
}

// The next entry and its offset: 1, 0 at the end, -EUCLEAN for a directory
// whose size is not a whole number of entries, or readi's error.
static int
dscan_next(struct dscan *s, struct dirent **de, uint *off)
{
  if (s->i == s->n) {
    uint left = s->dp->size > s->off ? s->dp->size - s->off : 0;
    if (left == 0)
      return 0;
    uint want = MIN(left, sizeof(s->de));
    int r = readi(s->dp, 0, (uint64)s->de, s->off, want);
    if (r < 0)
      return r;
    s->n = r / sizeof(struct dirent);     // a torn tail shows on the next read
    if (s->n == 0) {
      printf("fs: directory inode %u has a torn entry at %u\n", s->dp->inum, s->off);
      return -EUCLEAN;
    }
    s->i = 0;
  }
  *de = &s->de[s->i++];
  *off = s->off;
  s->off += sizeof(struct dirent);
  return 1;
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
  struct dscan s;
  struct dirent *de;
  uint off;

  if (!dirent_sane(dp))
    return NULL;
  dscan_start(&s, dp, 0);
  while (dscan_next(&s, &de, &off) > 0) {
    if (de->inum != 0 && namecmp(name, de->name) == 0) {
      if (poff)
        *poff = off;
      return iget(dp->mnt, de->inum);
    }
  }
  return NULL;
}

int
dirent_link(struct inode *dp, const char *name, uint inum)
{
  struct dscan s;
  struct dirent *de, nde;
  uint off, slot = ~0u;
  int r;

  if (!dirent_sane(dp))
    return -EUCLEAN;
  // One pass: the name must not be present already; remember the first
  // free slot to reuse, else append.
  dscan_start(&s, dp, 0);
  while ((r = dscan_next(&s, &de, &off)) > 0) {
    if (de->inum == 0) {
      if (slot == ~0u)
        slot = off;
    } else if (namecmp(name, de->name) == 0) {
      return -EEXIST;
    }
  }
  if (r < 0)
    return -EUCLEAN;
  if (slot == ~0u)
    slot = dp->size;
  memset(&nde, 0, sizeof(nde));
  strncpy(nde.name, name, DIRSIZ);
  nde.inum = inum;
  r = writei(dp, 0, (uint64)&nde, slot, sizeof(nde));
  if (r != sizeof(nde))
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
  struct dscan s;
  struct dirent *de;
  uint off;
  int r;

  dscan_start(&s, dp, 2 * sizeof(struct dirent));
  while ((r = dscan_next(&s, &de, &off)) > 0) {
    if (de->inum != 0)
      return 0;
  }
  return r < 0 ? r : 1;
}

int
dirent_readdir(struct inode *dp, uint *off, struct dirent *de)
{
  struct dscan s;
  struct dirent *d;
  uint at;
  int r;

  // One entry per call: read only what is needed.
  dscan_start(&s, dp, *off);
  while ((r = dscan_next(&s, &d, &at)) > 0) {
    *off = at + sizeof(*d);
    if (d->inum != 0) {
      *de = *d;
      return 1;
    }
  }
  return r;
}
