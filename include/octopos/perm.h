// include/octopos/perm.h: file permissions (CONFIG_MULTIUSER, fs/perm.c).
//
// Every access decision of the file system is made by perm_check(), so the
// rule lives in one place: owner, group or other rwx bits from ip->mode,
// picked by the caller's effective ids; root (euid 0) passes everything.
// With MULTIUSER off the
// calls are inline "yes" and compile away, so no caller needs an #ifdef.
#ifndef OCTOPOS_PERM_H
#define OCTOPOS_PERM_H
#include <octopos/types.h>
#include <octopos/errno.h>
#include <uapi/octopos/stat.h>
#include <uapi/octopos/xstat.h>

struct inode;

// What perm_check() is asked for (the rwx bits of one class).
#define PERM_R  4
#define PERM_W  2
#define PERM_X  1                 // exec a file, search a directory

// Mode for an inode whose file system stores none (an xv6 image, the
// initramfs): root owns it; directories and files 0755 (a file's bytes
// would have to be read to tell a program from data), devices 0666.
static inline uint
perm_default_mode(short type)
{
  return type == T_DEVICE ? 0666 : 0755;
}

#if IS_ENABLED(CONFIG_MULTIUSER)
// 0 if the current process may use ip (locked) as want asks, else -EACCES.
int  perm_check(struct inode *ip, int want);
// perm_check for open(2) flags omode (O_RDONLY/O_WRONLY/O_RDWR, O_TRUNC).
int  perm_open(struct inode *ip, int omode);
// A new inode (locked): owner and group are the caller's effective ids,
// mode 0777 (directory) or 0666 less the caller's umask; mtime now.
void perm_init(struct inode *ip);
// ip's data changed: mtime = now. ip locked; written back by the caller.
void perm_touch(struct inode *ip);
// 0 if the caller is root (euid 0), else -EPERM (mknod, chown, ...).
int  perm_root(void);
// May the caller remove (or rename away) dp's entry for ip? Both locked.
// 0, -EACCES (dp not writable and searchable) or -EPERM (dp is sticky and
// the caller owns neither ip nor dp). The one place for this rule.
int  perm_may_remove(struct inode *dp, struct inode *ip);
#else
static inline int  perm_check(struct inode *ip, int want) { (void)ip; (void)want; return 0; }
static inline int  perm_open(struct inode *ip, int omode) { (void)ip; (void)omode; return 0; }
static inline void perm_init(struct inode *ip) { (void)ip; }
static inline void perm_touch(struct inode *ip) { (void)ip; }
static inline int  perm_root(void) { return 0; }
static inline int  perm_may_remove(struct inode *dp, struct inode *ip) { (void)dp; (void)ip; return 0; }
#endif

#endif
