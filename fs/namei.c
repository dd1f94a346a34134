// fs/namei.c: path names to inodes.
//
// A path is walked one component at a time, holding the lock of only one
// directory at a time: the next inode is found (and referenced) while the
// current one is locked, then the current one is let go. Locking a child
// while holding its parent could deadlock against a walk of "..", and
// holding nothing would let the directory change under the lookup.
#include <octopos/types.h>
#include <octopos/fs.h>
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
static struct inode *
namex(const char *path, int parent, char *name)
{
  struct inode *ip, *next;

  if (*path == '/')
    ip = fs_root();
  else
    ip = idup(myproc()->cwd);
  if (ip == NULL)
    return NULL;

  while ((path = skipelem(path, name)) != NULL) {
    if (ilock(ip) < 0 || ip->type != T_DIR) {
      iunlockput(ip);
      return NULL;
    }
    if (parent && *path == 0) {
      iunlock(ip);
      return ip;
    }
    next = dirlookup(ip, name, NULL);
    iunlockput(ip);
    if (next == NULL)
      return NULL;
    ip = next;
  }
  if (parent) {
    // The path had no last element ("/" or "").
    iput(ip);
    return NULL;
  }
  return ip;
}

struct inode *
namei(const char *path)
{
  char name[DIRSIZ];

  return namex(path, 0, name);
}

struct inode *
nameiparent(const char *path, char *name)
{
  return namex(path, 1, name);
}
