// fs/ramfs/ramfs.c: an in-memory file system (CONFIG_FS_RAMFS).
//
// Each file is a node in kernel memory: its fields and a table of data
// pages (one page of page pointers, so a file holds at most 512 pages,
// 2 MiB). Directories are arrays of struct dirent like xv6fs's and use the
// shared dirent_* code. Nothing is logged: ramfs has no transactions (no
// VFS_TRANSACTIONS in its ops), so vfs_begin/vfs_end do nothing for it and
// a write goes in one piece. Node numbers index a table; ramfs.lock guards
// the table, each node is guarded by its in-core inode's sleep lock.
#include <octopos/types.h>
#include <octopos/errno.h>
#include <octopos/kmalloc.h>
#include <octopos/page_alloc.h>
#include <octopos/perm.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>
#include <octopos/string.h>
#include <octopos/vfs.h>
#include "ramfs.h"

#define RAMFS_NODES  1024
#define RAMFS_DEV    0x100              // st_dev, apart from block devices
#define PAGES_MAX    (PGSIZE / sizeof(char *))

struct ramfs_node {
  short type, major, minor, nlink;
  uint size;
  uint mode, uid, gid, mtime;           // CONFIG_MULTIUSER attributes
  char **pages;                         // PAGES_MAX entries, or NULL
};

static struct {
  struct spinlock lock;
  struct ramfs_node *node[RAMFS_NODES];
  struct vfs_mount mnt;
} ramfs;

static struct ramfs_node *
node_of(uint inum)
{
  struct ramfs_node *n = NULL;

  acquire(&ramfs.lock);
  if (inum < RAMFS_NODES)
    n = ramfs.node[inum];
  release(&ramfs.lock);
  return n;
}

static int
ramfs_iload(struct inode *ip)
{
  struct ramfs_node *n = node_of(ip->inum);

  if (n == NULL)
    return -EUCLEAN;
  ip->priv = n;
  ip->type = n->type;
  ip->major = n->major;
  ip->minor = n->minor;
  ip->nlink = n->nlink;
  ip->size = n->size;
  ip->mode = n->mode;
  ip->uid = n->uid;
  ip->gid = n->gid;
  ip->mtime = n->mtime;
  return 0;
}

static void
ramfs_iupdate(struct inode *ip)
{
  struct ramfs_node *n = node_of(ip->inum);

  if (n == NULL)
    return;
  if (ip->type == 0) {
    // Freed: the data went with itrunc.
    acquire(&ramfs.lock);
    ramfs.node[ip->inum] = NULL;
    release(&ramfs.lock);
    if (n->pages)
      kfree_page(n->pages);
    kfree(n);
    ip->priv = NULL;
    return;
  }
  n->type = ip->type;
  n->major = ip->major;
  n->minor = ip->minor;
  n->nlink = ip->nlink;
  n->size = ip->size;
  n->mode = ip->mode;
  n->uid = ip->uid;
  n->gid = ip->gid;
  n->mtime = ip->mtime;
}

static int
ramfs_ialloc(struct vfs_mount *m, short type, uint *inum)
{
  struct ramfs_node *n = kzalloc(sizeof(*n));

  (void)m;
  if (n == NULL)
    return -ENOMEM;
  n->type = type;
  n->mode = perm_default_mode(type);    // root's; create() sets the caller's
  acquire(&ramfs.lock);
  for (uint i = ROOTINO; i < RAMFS_NODES; i++) {
    if (ramfs.node[i] == NULL) {
      ramfs.node[i] = n;
      release(&ramfs.lock);
      *inum = i;
      return 0;
    }
  }
  release(&ramfs.lock);
  kfree(n);
  return -ENOSPC;
}

static void
ramfs_itrunc(struct inode *ip)
{
  struct ramfs_node *n = ip->priv;

  if (n && n->pages) {
    for (uint i = 0; i < PAGES_MAX; i++) {
      if (n->pages[i])
        kfree_page(n->pages[i]);
      n->pages[i] = NULL;
    }
  }
  ip->size = 0;
  ramfs_iupdate(ip);
}

static int
ramfs_read(struct inode *ip, int user_dst, uint64 dst, uint off, uint n)
{
  static const char zeros[16];   // holes are rare (writes never skip ahead): a small source
  struct ramfs_node *node = ip->priv;
  uint tot, m;

  for (tot = 0; tot < n; tot += m, off += m, dst += m) {
    m = MIN(n - tot, PGSIZE - off % PGSIZE);
    char *pg = node->pages ? node->pages[off / PGSIZE] : NULL;
    if (pg == NULL) {
      m = MIN(m, sizeof(zeros));            // a hole reads as zeros
      if (either_copyout(user_dst, dst, (void *)zeros, m) < 0)
        return -EFAULT;
    } else if (either_copyout(user_dst, dst, pg + off % PGSIZE, m) < 0) {
      return -EFAULT;
    }
  }
  return tot;
}

static int
ramfs_write(struct inode *ip, int user_src, uint64 src, uint off, uint n)
{
  struct ramfs_node *node = ip->priv;
  uint tot, m;
  int err = 0;

  if ((uint64)off + n > PAGES_MAX * PGSIZE)
    return -EFBIG;
  if (node->pages == NULL && (node->pages = kalloc()) == NULL)
    return -ENOMEM;
  for (tot = 0; tot < n; tot += m, off += m, src += m) {
    m = MIN(n - tot, PGSIZE - off % PGSIZE);
    char **pg = &node->pages[off / PGSIZE];
    if (*pg == NULL && (*pg = kalloc()) == NULL) {
      err = -ENOMEM;
      break;
    }
    if ((err = either_copyin(*pg + off % PGSIZE, user_src, src, m)) < 0)
      break;
  }
  if (off > ip->size)
    ip->size = off;
  ramfs_iupdate(ip);
  if (tot == 0 && err < 0)
    return err;
  return tot;
}

static const struct vfs_ops ramfs_ops = {
  .name = "ramfs",
  .iload = ramfs_iload,
  .iupdate = ramfs_iupdate,
  .ialloc = ramfs_ialloc,
  .itrunc = ramfs_itrunc,
  .read = ramfs_read,
  .write = ramfs_write,
  .lookup = dirent_lookup,
  .link = dirent_link,
  .unlink = dirent_unlink,
  .isempty = dirent_isempty,
  .readdir = dirent_readdir,
};

// Make name in dp (locked) as a new inode of type, or the root when dp is
// NULL. *out is referenced and unlocked.
int
ramfs_mkent(struct inode *dp, const char *name, short type, short major, short minor,
            struct inode **out)
{
  struct inode *ip;
  int err;

  if ((err = ialloc(&ramfs.mnt, type, &ip)) < 0)
    return err;
  if ((err = ilock(ip)) < 0)
    goto fail;
  ip->major = major;
  ip->minor = minor;
  ip->nlink = 1;
  iupdate(ip);
  if (type == T_DIR) {
    uint parent = dp ? dp->inum : ip->inum;
    if ((err = dirlink(ip, ".", ip->inum)) < 0 || (err = dirlink(ip, "..", parent)) < 0)
      goto fail;
  }
  if (dp) {
    if ((err = dirlink(dp, name, ip->inum)) < 0)
      goto fail;
    if (type == T_DIR) {
      dp->nlink++;
      iupdate(dp);
    }
  }
  iunlock(ip);
  *out = ip;
  return 0;

fail:
  ip->nlink = 0;
  iupdate(ip);
  iunlockput(ip);
  return err;
}

int
ramfs_mount(struct vfs_mount **m)
{
  struct inode *root;
  int err;

  initlock(&ramfs.lock, "ramfs");
  ramfs.mnt.dev = RAMFS_DEV;
  ramfs.mnt.rootino = ROOTINO;
  ramfs.mnt.ops = &ramfs_ops;
  ramfs.mnt.has_owners = 1;
  if ((err = ramfs_mkent(NULL, "", T_DIR, 0, 0, &root)) < 0)
    return err;
  if (root->inum != ROOTINO)
    panic("ramfs: root is not inode 1");
  if ((err = ramfs_populate(&ramfs.mnt, root)) < 0)
    printf("ramfs: initramfs unpacked with errors (%d)\n", err);
  iput(root);                               // the node stays: nlink 1
  *m = &ramfs.mnt;
  return 0;
}
