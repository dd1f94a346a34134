// user/picolibc/include/sys/dirent.h: directory streams for picolibc on
// octopos (picolibc's own <sys/dirent.h> is an #error for systems that
// have none). Searched before picolibc's headers.
//
// Entries come from the getdents call (CONFIG_POSIX_CALLS), whose records
// are xv6's 16-byte struct dirent: names are at most 14 bytes.
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H
#include <sys/types.h>

#define OCTOPOS_DIRSIZ 14

struct dirent {
  ino_t d_ino;
  unsigned char d_type;              // DT_UNKNOWN: call stat for the type
  char d_name[OCTOPOS_DIRSIZ + 1];   // NUL-terminated
};

#define DT_UNKNOWN 0

typedef struct {
  int fd;
  int n, next;                       // records in buf, the next to return
  unsigned char buf[32 * 16];        // raw getdents records
  struct dirent ent;
} DIR;

#endif
