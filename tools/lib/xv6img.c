// tools/lib/xv6img.c: an xv6fs image in memory, for the host tools (xv6img.h).
#define _POSIX_C_SOURCE 200809L   // fstat, S_ISBLK under -std=c11

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xv6img.h"

unsigned char *img;
unsigned long img_blocks;

void
die(const char *fmt, ...)
{
  va_list ap;

  fprintf(stderr, "%s: ", tool_name);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(tool_fail_status);
}

unsigned char *
img_block(unsigned int b)
{
  if(b >= img_blocks)
    die("internal error: block %u outside the image", b);
  return img + (size_t)b * BSIZE;
}

void
img_alloc(unsigned long blocks)
{
  img = calloc(blocks, BSIZE);
  if(img == NULL)
    die("out of memory for a %lu-block image", blocks);
  img_blocks = blocks;
}

void
img_read(const char *path, unsigned long long max_bytes)
{
  struct stat st;
  size_t len, off = 0;
  ssize_t r;
  int fd = open(path, O_RDONLY);

  if(fd < 0 || fstat(fd, &st) < 0)
    die("cannot open '%s': %s", path, strerror(errno));
  if(!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
    die("'%s' is not a file", path);
  if((unsigned long long)st.st_size > max_bytes)
    die("'%s' is larger than %llu bytes", path, max_bytes);
  img_blocks = st.st_size / BSIZE;
  len = (size_t)img_blocks * BSIZE;
  img = malloc(len ? len : 1);
  if(img == NULL)
    die("out of memory");
  while(off < len){
    r = read(fd, img + off, len - off);
    if(r <= 0)
      die("cannot read '%s': %s", path, r < 0 ? strerror(errno) : "short read");
    off += r;
  }
  close(fd);
}

void
img_write(const char *path)
{
  size_t len = (size_t)img_blocks * BSIZE, off = 0;
  ssize_t r;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);

  if(fd < 0)
    die("cannot create '%s': %s", path, strerror(errno));
  while(off < len){
    r = write(fd, img + off, len - off);
    if(r <= 0){
      unlink(path);
      die("cannot write '%s': %s", path, r < 0 ? strerror(errno) : "short write");
    }
    off += r;
  }
  if(close(fd) < 0){
    unlink(path);
    die("cannot write '%s': %s", path, strerror(errno));
  }
}

struct dinode *
img_inode(const struct superblock *sb, unsigned int inum)
{
  unsigned int isize = XV6FS_INODE_SIZE(XV6FS_FEATURES(*sb)), ipb = BSIZE / isize;

  return (struct dinode *)(img_block(inum / ipb + sb->inodestart) + (inum % ipb) * isize);
}

int
img_bit(const struct superblock *sb, unsigned int b)
{
  return (img_block(BBLOCK(b, *sb))[(b % BPB) / 8] >> (b % 8)) & 1;
}

void
img_set_bit(const struct superblock *sb, unsigned int b, int on)
{
  unsigned char *p = img_block(BBLOCK(b, *sb)) + (b % BPB) / 8;

  if(on)
    *p |= 1 << (b % 8);
  else
    *p &= ~(1 << (b % 8));
}

unsigned long
xv6_direct_slots(int large)
{
  return large ? NDIRECT - 1 : NDIRECT;
}

unsigned long
xv6_max_file_blocks(int large)
{
  if(large)
    return (NDIRECT - 1) + NINDIRECT + NINDIRECT * NINDIRECT;
  return MAXFILE;
}
