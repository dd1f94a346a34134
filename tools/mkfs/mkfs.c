// tools/mkfs/mkfs.c: build an xv6fs disk image on the host.
//
//   mkfs [-s BLOCKS] [-i INODES] [-l LOGBLOCKS] [-L] [-S] [-M] [-m MANIFEST]
//        image [file | host=/guest/path ...]
//
// The image is built in memory and written in one go at the end, so a
// failed run leaves no half-made image behind, and the same inputs always
// give the same bytes (no clocks, no host inode numbers, no padding noise).
//
// Layout and allocation order follow xv6-riscv's mkfs, so that without
// -L/-S the result is the image xv6's own tool would make from the same
// files: [boot | super | log | inodes | bitmap | data]; inode numbers are
// handed out from 1 (the root) upward and data blocks from the first block
// after the metadata upward, in the order the files are named; an indirect
// block is taken just before the first data block that needs it.
//
// Link counts follow the xv6 kernel: a directory starts at 1 (its entry in
// the parent; "." is not counted) and gains one per subdirectory (for that
// child's ".."). The root starts at 1 as in xv6 (its own "..").
#define _POSIX_C_SOURCE 200809L   // getopt, pwrite, fileno under -std=c11

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xv6img.h"

#define MAX_BLOCKS  (1u << 22)   // 4 GiB: keeps the in-memory image sane
#define MAX_INODES  65536u       // a dirent's inum is 16 bits
#define MAX_LOG     (BSIZE / 4)  // header: int n + (BSIZE/4 - 1) block numbers

const char *tool_name = "mkfs";
int tool_fail_status = 1;

static struct superblock sb;
static unsigned int freeblock;   // next data block to hand out
static unsigned int freeinode = 1;
static int large;                // XV6FS_FEAT_LARGE_FILES
static int symlinks;             // XV6FS_FEAT_SYMLINKS
static int multiuser;            // XV6FS_FEAT_MULTIUSER: 128-byte inodes
static unsigned int isize = sizeof(struct dinode);   // bytes per inode
static unsigned int ipb = IPB;   // inodes per block
static const char *current;      // what is being added, for messages

static void
usage(void)
{
  fprintf(stderr,
    "usage: mkfs [-s BLOCKS] [-i INODES] [-l LOGBLOCKS] [-L] [-S] [-M]\n"
    "            [-m MANIFEST] image [file | host=/guest/path ...]\n"
    "  -s  total blocks (default 2000)   -i  inodes (default 200)\n"
    "  -l  log blocks incl. header (default 30)\n"
    "  -L  large files (doubly indirect)  -S  allow symlinks\n"
    "  -M  multi-user inodes (mode, uid, gid; manifest mode= uid= gid=)\n");
  exit(2);
}

static unsigned int
number(const char *opt, const char *s, unsigned int lo, unsigned int hi)
{
  char *end;
  unsigned long v;

  errno = 0;
  v = strtoul(s, &end, 0);
  if(errno || end == s || *end || s[0] == '-' || v < lo || v > hi)
    die("%s: '%s' is not a number in %u..%u", opt, s, lo, hi);
  return v;
}

static struct dinode *
inode(unsigned int inum)
{
  return img_inode(&sb, inum);
}

static unsigned int
balloc(void)
{
  if(freeblock >= sb.size)
    die("%s: image full: all %u data blocks used (raise -s)",
        current, sb.nblocks);
  return freeblock++;   // blocks start zeroed: calloc
}

// Return *slot, allocating a block for it first if it is empty.
static unsigned int
slot(unsigned int *p)
{
  if(*p == 0)
    *p = balloc();
  return *p;
}

// Block number holding file block fbn of d, allocating on the way.
static unsigned int
bmap(struct dinode *d, unsigned long fbn)
{
  unsigned long nd = xv6_direct_slots(large);
  unsigned int *ind;

  if(fbn < nd)
    return slot(&d->addrs[fbn]);
  fbn -= nd;
  if(fbn < NINDIRECT){
    ind = (unsigned int *)img_block(slot(&d->addrs[nd]));
    return slot(&ind[fbn]);
  }
  fbn -= NINDIRECT;
  if(!large || fbn >= NINDIRECT * NINDIRECT)
    die("internal error: file block beyond the format");
  ind = (unsigned int *)img_block(slot(&d->addrs[nd + 1]));
  ind = (unsigned int *)img_block(slot(&ind[fbn / NINDIRECT]));
  return slot(&ind[fbn % NINDIRECT]);
}

static void
iappend(unsigned int inum, const void *data, unsigned long n)
{
  struct dinode *d = inode(inum);
  const unsigned char *p = data;
  unsigned long off = d->size, m;

  if(off + n > xv6_max_file_blocks(large) * BSIZE)
    die("%s: too large for the format (max %lu bytes%s)", current,
        xv6_max_file_blocks(large) * BSIZE, large ? "" : "; -L allows more");
  while(n > 0){
    m = BSIZE - off % BSIZE;
    if(m > n)
      m = n;
    memcpy(img_block(bmap(d, off / BSIZE)) + off % BSIZE, p, m);
    off += m;
    p += m;
    n -= m;
  }
  d->size = off;
}

static unsigned int
ialloc(short type)
{
  unsigned int inum;
  struct dinode *d;

  if(freeinode >= sb.ninodes)
    die("%s: too many files: all %u inodes used (raise -i)",
        current, sb.ninodes - 1);
  inum = freeinode++;
  d = inode(inum);
  memset(d, 0, isize);
  d->type = type;
  d->nlink = 1;
  if(multiuser)   // root's, as the kernel treats an xv6 image; mtime 0
    ((struct dinode_mu *)d)->mode = type == T_DEVICE ? 0666 : 0755;
  return inum;
}

// Inode number of name in directory dir, or 0.
static unsigned int
dirlookup(unsigned int dir, const char *name)
{
  struct dinode *d = inode(dir);
  struct dirent de;
  unsigned long off;

  for(off = 0; off < d->size; off += sizeof(de)){
    memcpy(&de, img_block(bmap(d, off / BSIZE)) + off % BSIZE, sizeof(de));
    if(de.inum != 0 && strncmp(de.name, name, DIRSIZ) == 0)
      return de.inum;
  }
  return 0;
}

static void
dirlink(unsigned int dir, const char *name, unsigned int inum)
{
  struct dirent de;

  memset(&de, 0, sizeof(de));
  de.inum = inum;
  memcpy(de.name, name, strlen(name));   // checked: <= DIRSIZ
  iappend(dir, &de, sizeof(de));
}

static void
check_name(const char *name, size_t len)
{
  if(len == 0)
    die("%s: empty path component", current);
  if(len > DIRSIZ)
    die("%s: name '%.*s' is %zu characters; the limit is %d",
        current, (int)len, name, len, DIRSIZ);
  if((len == 1 && name[0] == '.') || (len == 2 && !strncmp(name, "..", 2)))
    die("%s: '.' and '..' cannot be used as names", current);
}

static unsigned int
mkdir_in(unsigned int parent, const char *name)
{
  unsigned int inum = ialloc(T_DIR);

  dirlink(parent, name, inum);
  dirlink(inum, ".", inum);
  dirlink(inum, "..", parent);
  inode(parent)->nlink++;   // the child's ".."
  return inum;
}

// Walk guest path, creating missing directories. Returns the directory
// that will hold the last component, whose name goes in leaf.
static unsigned int
walk_path(const char *path, char leaf[DIRSIZ + 1])
{
  unsigned int dir = ROOTINO, next;
  const char *p = path, *q;
  char name[DIRSIZ + 1];
  size_t len;

  for(;;){
    while(*p == '/')
      p++;
    if(*p == 0)
      die("%s: guest path '%s' names no file", current, path);
    q = strchr(p, '/');
    len = q ? (size_t)(q - p) : strlen(p);
    check_name(p, len);
    memcpy(name, p, len);
    name[len] = 0;
    p += len;
    while(*p == '/')
      p++;
    if(*p == 0){
      if(dirlookup(dir, name))
        die("%s: '%s' is already in the image", current, path);
      memcpy(leaf, name, len + 1);
      return dir;
    }
    next = dirlookup(dir, name);
    if(next == 0)
      next = mkdir_in(dir, name);
    else if(inode(next)->type != T_DIR)
      die("%s: '%s' in '%s' is not a directory", current, name, path);
    dir = next;
  }
}

// Read a whole host file into memory; *len gets its size.
static unsigned char *
slurp(const char *path, unsigned long *len)
{
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  size_t cap = 0, n = 0, r;

  if(f == NULL)
    die("cannot read '%s': %s", path, strerror(errno));
  for(;;){
    if(n == cap){
      cap = cap ? cap * 2 : 65536;
      if(cap > (xv6_max_file_blocks(large) + 1) * BSIZE * 2)
        die("'%s' is too large for the format (max %lu bytes%s)", path,
            xv6_max_file_blocks(large) * BSIZE, large ? "" : "; -L allows more");
      buf = realloc(buf, cap);
      if(buf == NULL)
        die("out of memory reading '%s'", path);
    }
    r = fread(buf + n, 1, cap - n, f);
    n += r;
    if(r == 0)
      break;
  }
  if(ferror(f))
    die("cannot read '%s': %s", path, strerror(errno));
  fclose(f);
  if(n > xv6_max_file_blocks(large) * BSIZE)
    die("'%s' is too large for the format: %zu bytes, max %lu%s", path, n,
        xv6_max_file_blocks(large) * BSIZE, large ? "" : "; -L allows more");
  *len = n;
  return buf;
}

// Add host file src. An argument "host=guest" names the guest path;
// otherwise the file goes in / under its basename, less a leading '_'
// (xv6 builds user programs as _cat, _ls, ...).
static unsigned int
add_file(const char *arg)
{
  char host[4096], guest[4096], leaf[DIRSIZ + 1];
  const char *eq = strrchr(arg, '='), *base;
  unsigned long len;
  unsigned char *data;
  unsigned int dir, inum;
  struct stat st;

  current = arg;
  if(eq){
    if((size_t)(eq - arg) >= sizeof(host) || strlen(eq + 1) >= sizeof(guest))
      die("%s: path too long", arg);
    memcpy(host, arg, eq - arg);
    host[eq - arg] = 0;
    strcpy(guest, eq + 1);
  } else {
    if(strlen(arg) >= sizeof(host))
      die("%s: path too long", arg);
    strcpy(host, arg);
    base = strrchr(arg, '/');
    base = base ? base + 1 : arg;
    if(base[0] == '_')
      base++;
    strcpy(guest, base);   // shorter than arg; walk_path roots it at /
  }
  if(stat(host, &st) < 0)
    die("cannot read '%s': %s", host, strerror(errno));
  if(S_ISDIR(st.st_mode))
    die("cannot read '%s': is a directory", host);
  data = slurp(host, &len);
  dir = walk_path(guest, leaf);
  inum = ialloc(T_FILE);
  dirlink(dir, leaf, inum);
  iappend(inum, data, len);
  free(data);
  return inum;
}

static unsigned int
add_dir(const char *guest)
{
  char leaf[DIRSIZ + 1];
  unsigned int dir;

  current = guest;
  dir = walk_path(guest, leaf);
  return mkdir_in(dir, leaf);
}

static unsigned int
add_symlink(const char *target, const char *guest)
{
  char leaf[DIRSIZ + 1];
  unsigned int dir, inum;
  size_t len = strlen(target);

  current = guest;
  if(!symlinks)
    die("%s: symlinks need -S", guest);
  if(len == 0 || len >= MAXPATH)
    die("%s: symlink target must be 1..%d characters", guest, MAXPATH - 1);
  dir = walk_path(guest, leaf);
  inum = ialloc(T_SYMLINK);
  dirlink(dir, leaf, inum);
  iappend(inum, target, len);
  return inum;
}

static unsigned int
add_device(const char *guest, unsigned int major, unsigned int minor)
{
  char leaf[DIRSIZ + 1];
  unsigned int dir, inum;

  current = guest;
  dir = walk_path(guest, leaf);
  inum = ialloc(T_DEVICE);
  inode(inum)->major = major;
  inode(inum)->minor = minor;
  dirlink(dir, leaf, inum);
  return inum;
}

// Manifest attributes "mode=0644", "uid=N", "gid=N" (need -M). Returns 1
// if word was one and records it in attr[0..2] (mode, uid, gid; -1 unset).
static int
attr_word(const char *where, const char *word, long attr[3])
{
  static const char *const keys[3] = { "mode=", "uid=", "gid=" };
  static const unsigned int max[3] = { 07777, 65535, 65535 };

  for(int i = 0; i < 3; i++){
    if(strncmp(word, keys[i], strlen(keys[i])) == 0){
      if(!multiuser)
        die("%s: '%s' needs -M (multi-user inodes)", where, word);
      attr[i] = number(where, word + strlen(keys[i]), 0, max[i]);
      return 1;
    }
  }
  return 0;
}

static void
set_attrs(unsigned int inum, const long attr[3])
{
  struct dinode_mu *d = (struct dinode_mu *)inode(inum);

  if(attr[0] >= 0)
    d->mode = attr[0];
  if(attr[1] >= 0)
    d->uid = attr[1];
  if(attr[2] >= 0)
    d->gid = attr[2];
}

// Manifest: one entry a line, '#' starts a comment.
//   file HOST /guest/path     dir /guest/path
//   symlink TARGET /guest/path (needs -S)
//   device /guest/path MAJOR MINOR
// Any line may end in "mode=0644 uid=0 gid=0" (each optional; needs -M).
static void
read_manifest(const char *path)
{
  FILE *f = fopen(path, "r");
  char line[8192], *w[5], *p, where[4200], arg[8200];
  int lineno = 0, n;
  unsigned int inum;
  long attr[3];

  if(f == NULL)
    die("cannot read manifest '%s': %s", path, strerror(errno));
  while(fgets(line, sizeof(line), f)){
    lineno++;
    snprintf(where, sizeof(where), "%s:%d", path, lineno);
    if(strchr(line, '\n') == NULL && !feof(f))
      die("%s: line too long", where);
    if((p = strchr(line, '#')) != NULL)
      *p = 0;
    n = 0;
    attr[0] = attr[1] = attr[2] = -1;
    for(p = strtok(line, " \t\r\n"); p && n < 5; p = strtok(NULL, " \t\r\n"))
      if(n == 0 || !attr_word(where, p, attr))
        w[n++] = p;
    if(n == 0)
      continue;
    current = where;
    if(!strcmp(w[0], "file") && n == 3){
      snprintf(arg, sizeof(arg), "%s=%s", w[1], w[2]);
      inum = add_file(arg);
    } else if(!strcmp(w[0], "dir") && n == 2){
      inum = add_dir(w[1]);
    } else if(!strcmp(w[0], "symlink") && n == 3){
      inum = add_symlink(w[1], w[2]);
    } else if(!strcmp(w[0], "device") && n == 4){
      inum = add_device(w[1], number(where, w[2], 0, 32767),
                        number(where, w[3], 0, 32767));
    } else {
      die("%s: expected 'file HOST GUEST', 'dir GUEST', "
          "'symlink TARGET GUEST' or 'device GUEST MAJOR MINOR'", where);
    }
    if(multiuser)
      set_attrs(inum, attr);
  }
  if(ferror(f))
    die("cannot read manifest '%s': %s", path, strerror(errno));
  fclose(f);
}

// Directory sizes end on a block boundary, as xv6's mkfs leaves the root.
static void
round_dirs(void)
{
  unsigned int inum;
  struct dinode *d;

  for(inum = 1; inum < freeinode; inum++){
    d = inode(inum);
    if(d->type == T_DIR && d->size % BSIZE)
      d->size += BSIZE - d->size % BSIZE;
  }
}

// Mark blocks [0, freeblock) in use: metadata plus everything handed out.
static void
write_bitmap(void)
{
  unsigned int b;

  for(b = 0; b < freeblock; b++)
    img_set_bit(&sb, b, 1);
}

int
main(int argc, char *argv[])
{
  unsigned int size = 2000, ninodes = 200, nlog = 30;
  unsigned int nbitmap, ninodeblocks, nmeta, features = 0, root;
  const char *manifest = NULL, *image;
  int c, i;

  while((c = getopt(argc, argv, "+s:i:l:LSMm:h")) != -1){
    switch(c){
    case 's': size = number("-s", optarg, 3, MAX_BLOCKS); break;
    case 'i': ninodes = number("-i", optarg, 2, MAX_INODES); break;
    case 'l': nlog = number("-l", optarg, 2, MAX_LOG); break;
    case 'L': large = 1; features |= XV6FS_FEAT_LARGE_FILES; break;
    case 'S': symlinks = 1; features |= XV6FS_FEAT_SYMLINKS; break;
    case 'M':
      multiuser = 1;
      features |= XV6FS_FEAT_MULTIUSER;
      isize = sizeof(struct dinode_mu);
      ipb = BSIZE / isize;
      break;
    case 'm': manifest = optarg; break;
    default: usage();
    }
  }
  if(optind >= argc)
    usage();
  image = argv[optind++];

  // Region sizes exactly as xv6's mkfs computes them (each rounds up by
  // a whole block even when it divides evenly).
  nbitmap = size / BPB + 1;
  ninodeblocks = ninodes / ipb + 1;
  nmeta = 2 + nlog + ninodeblocks + nbitmap;
  if(nmeta >= size)
    die("image too small: %u blocks, but the metadata alone needs %u "
        "(raise -s or lower -i/-l)", size, nmeta + 1);

  sb.magic = FSMAGIC;
  sb.size = size;
  sb.nblocks = size - nmeta;
  sb.ninodes = ninodes;
  sb.nlog = nlog;
  sb.logstart = 2;
  sb.inodestart = 2 + nlog;
  sb.bmapstart = 2 + nlog + ninodeblocks;
  if(features){
    sb.features = features;
    sb.featmagic = XV6FS_FEAT_MAGIC;
  }
  img_alloc(size);
  memcpy(img_block(1), &sb, sizeof(sb));
  freeblock = nmeta;

  current = "/";
  root = ialloc(T_DIR);
  if(root != ROOTINO)
    die("internal error: root is inode %u", root);
  dirlink(root, ".", root);
  dirlink(root, "..", root);

  if(manifest)
    read_manifest(manifest);
  for(i = optind; i < argc; i++)
    add_file(argv[i]);

  round_dirs();
  write_bitmap();
  img_write(image);
  return 0;
}
