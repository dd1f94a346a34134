// include/uapi/octopos/xstat.h: xstat(), stat with ownership (CONFIG_MULTIUSER).
//
// xv6's struct stat keeps its 24-byte layout so xv6 programs run unchanged;
// the multi-user attributes come from a separate call, xstat(fd, &xs).
#ifndef UAPI_OCTOPOS_XSTAT_H
#define UAPI_OCTOPOS_XSTAT_H

// Permission bits (the mode field; the type is in xstat.type as T_*).
#define S_ISUID  04000          // exec runs with the owner's user id
#define S_ISGID  02000          // exec runs with the file's group id
#define S_ISVTX  01000          // sticky directory: only owners remove entries
#define S_IRUSR  0400
#define S_IWUSR  0200
#define S_IXUSR  0100
#define S_IRGRP  0040
#define S_IWGRP  0020
#define S_IXGRP  0010
#define S_IROTH  0004
#define S_IWOTH  0002
#define S_IXOTH  0001

struct xstat {
  int dev;                 // file system's device
  unsigned int ino;        // inode number
  short type;              // T_DIR, T_FILE, T_DEVICE, T_SYMLINK
  short nlink;             // links to the file
  unsigned int mode;       // permission bits, 07777
  unsigned int uid;        // owner
  unsigned int gid;        // group
  unsigned int mtime;      // last data change, seconds since 1970 (0: unknown)
  unsigned int spare;      // zero
  unsigned long size;      // bytes
};

#endif
