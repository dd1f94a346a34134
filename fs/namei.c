// fs/namei.c: path names to inodes.
//
// A path is walked one component at a time, holding the lock of only one
// directory at a time: the next inode is found (and referenced) while the
// current one is locked, then the current one is let go. Locking a child
// while holding its parent could deadlock against a walk of "..", and
// holding nothing would let the directory change under the lookup.
// With CONFIG_FS_SYMLINKS a link met on the way is replaced by its target
// (fs/symlink.c), at most SYMLINK_MAXDEPTH times in one walk.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/fs.h>
#include <octopos/perm.h>
#include <octopos/proc.h>
#include <octopos/string.h>

// Copy the next path element of path into name (cut to DIRSIZ bytes) and
// return the rest of the path with leading slashes skipped, or NULL when
// there is no element left.
//   skipelem("a/bb/c", name) = "bb/c", name "a"
//   skipelem("///a//bb", name) = "bb", name "a"
//   skipelem("a", name) = "", name "a"
//   skipelem("", name) = skipelem("////", name) = NULL
static const char *
skipelem(const char *path, char *name)
{
  const char *s;
  int len;

  while (*path == '/')
    path++;
  if (*path == 0)
    return NULL;
  s = path;
  while (*path != '/' && *path != 0)
    path++;
  len = path - s;
  if (len >= DIRSIZ) {
    memmove(name, s, DIRSIZ);
  } else {
    memmove(name, s, len);
    name[len] = 0;
  }
  while (*path == '/')
    path++;
  return path;
}

// Walk path. With parent set, stop one element early, copy the last
// element into name and return its (unlocked, referenced) directory.
// A symlink met on the way (the last element only when follow is set) is
// replaced by its target, spliced in front of the rest of the path in buf;
// the walk goes on from the link's directory, or the root for an absolute
// target. 0 and *out, or -errno.
static int
namex(const char *path, int parent, int follow, char *name, struct inode **out)
{
  struct inode *ip, *next;
  char buf[MAXPATH];
  int links = 0, err;

  if (*path == '/')
    ip = fs_root();
  else
    ip = idup(myproc()->cwd);
  if (ip == NULL)
    return -ENOENT;

  while ((path = skipelem(path, name)) != NULL) {
    if ((err = ilock(ip)) < 0 || ip->type != T_DIR) {
      iunlockput(ip);
      return err < 0 ? err : -ENOTDIR;
    }
    // Search permission on every directory walked, the last parent too.
    if ((err = perm_check(ip, PERM_X)) < 0) {
      iunlockput(ip);
      return err;
    }
    if (parent && *path == 0) {
      iunlock(ip);
      *out = ip;
      return 0;
    }
    next = dirlookup(ip, name, NULL);
    iunlock(ip);
    if (next == NULL) {
      iput(ip);
      return -ENOENT;
    }
    if (IS_ENABLED(CONFIG_FS_SYMLINKS) && (follow || *path != 0)) {
      int islink = 0;
      if ((err = ilock(next)) == 0 && next->type == T_SYMLINK) {
        islink = 1;
        if (++links > SYMLINK_MAXDEPTH)
          err = -ELOOP;
        else
          err = symlink_splice(next, path, buf, sizeof(buf));
      }
      iunlock(next);
      if (err < 0 || islink)
        iput(next);
      if (err < 0) {
        iput(ip);
        return err;
      }
      if (islink) {
        path = buf;
        if (*path == '/') {
          iput(ip);
          if ((ip = fs_root()) == NULL)
            return -ENOENT;
        }
        continue;
      }
    }
    iput(ip);
    ip = next;
  }
  if (parent) {
    // The path had no last element ("/" or "").
    iput(ip);
    return -ENOENT;
  }
  *out = ip;
  return 0;
}

struct inode *
namei(const char *path)
{
  struct inode *ip;

  return namei_flags(path, 0, &ip) < 0 ? NULL : ip;
}

int
namei_flags(const char *path, int flags, struct inode **ipp)
{
  char name[DIRSIZ];

  return namex(path, 0, !(flags & NAMEI_NOFOLLOW), name, ipp);
}

struct inode *
nameiparent(const char *path, char *name)
{
  struct inode *ip;

  return namex(path, 1, 0, name, &ip) < 0 ? NULL : ip;
}
