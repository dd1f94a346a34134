// include/uapi/octopos/stat.h: struct stat, exactly xv6-riscv's layout (24 bytes).
#ifndef UAPI_OCTOPOS_STAT_H
#define UAPI_OCTOPOS_STAT_H

#define T_DIR     1   // directory
#define T_FILE    2   // regular file
#define T_DEVICE  3   // device
#define T_SYMLINK 4   // symbolic link (octopos, CONFIG_FS_SYMLINKS)

struct stat {
  int dev;                 // file system's disk device
  unsigned int ino;        // inode number
  short type;              // T_DIR, T_FILE or T_DEVICE
  short nlink;             // number of links to the file
  unsigned long size;      // size of the file in bytes
};

#endif
