// tools/fsck/fsck.c: check (and carefully repair) an xv6fs image.
//
//   fsck [-n|-y] image
//
// The image is untrusted: it is read whole into memory and every block
// number, inode number, size and count taken from it is range-checked
// before use, so no input can make fsck read or write out of bounds.
//
// Passes, in order:
//   1. superblock: magic, regions in order and inside the file. A bad
//      superblock stops the check: nothing else can be located.
//   2. log: empty, or a complete header whose blocks are in range. A
//      committed log is replayed in memory (as the kernel would at mount)
//      before the other passes, and on disk too with -y.
//   3. inodes: types, sizes against block lists, every block in the data
//      area and owned by one inode.
//   4. directories, walked from the root: "." and "..", entries naming
//      allocated inodes in range, no directory reached twice (cycles).
//   5. link counts: nlink equals the entries naming the inode, "."
//      excluded (xv6: a directory has 1 + one per subdirectory).
//   6. bitmap: metadata and owned blocks used, every other block free.
//
// -y repairs only what cannot lose data that is still reachable: it clears
// a bad log header, frees allocated inodes no entry names, sets link
// counts and rewrites the bitmap. Everything else is reported only.
//
// Exit: 0 clean, 1 problems found and all repaired, 2 problems remain,
// 8 usage or I/O error.
#define _POSIX_C_SOURCE 200809L   // getopt, pwrite, fileno under -std=c11

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xv6img.h"

#define MAX_FILE_BYTES (8ull << 30)   // refuse absurd image files
#define BITMAP_LINES   20             // bitmap complaints printed in full
#define LOG_MIN_BLOCKS 11             // 1 header + 10 (CONFIG_FS_LOG_OP_BLOCKS)
#define LINK_MAX       32000          // most names the kernel lets an inode have

const char *tool_name = "fsck";
int tool_fail_status = 8;

static unsigned char *dirty;          // per block: write back with -y
static struct superblock sb;
static unsigned int datastart;
static int large, symlinks, multiuser, repair;
static unsigned int isize = sizeof(struct dinode);   // 128 with multi-user inodes
static unsigned int ipb = IPB;                       // inodes per block
static int nproblems, nunfixed;
static int nfreed;                    // inodes freed by -y

// Per-inode results (ninodes entries each).
static unsigned int *refs;            // directory entries naming it, "." excluded
static unsigned int *parent;          // directory it was found in
static unsigned char *visited;        // directory already walked or queued
// Per-block results (sb.size entries).
static unsigned int *owner;           // inum + 1 of the inode using it; 0 = none

// Report one problem on one line. fixable: -y repairs it.
static void
problem(int fixable, const char *fmt, ...)
{
  va_list ap;

  nproblems++;
  if(!(fixable && repair))
    nunfixed++;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
}

static void
fixed(const char *fmt, ...)
{
  va_list ap;

  printf("fixed: ");
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
}

static unsigned int
iblock(unsigned int inum)
{
  return inum / ipb + sb.inodestart;
}

// Callers check inum < sb.ninodes first.
static struct dinode *
inode(unsigned int inum)
{
  return img_inode(&sb, inum);
}

static void
mark_dirty(unsigned int b)
{
  dirty[b] = 1;
}

static int
in_data(unsigned int b)
{
  return b >= datastart && b < sb.size;
}

// A directory entry's name, printable and NUL-terminated.
static const char *
show_name(const char name[DIRSIZ])
{
  static char buf[DIRSIZ + 1];
  int i;

  for(i = 0; i < DIRSIZ && name[i]; i++)
    buf[i] = isprint((unsigned char)name[i]) ? name[i] : '?';
  buf[i] = 0;
  return buf;
}

static void
load(const char *path)
{
  img_read(path, MAX_FILE_BYTES);
  dirty = calloc(img_blocks ? img_blocks : 1, 1);
  if(dirty == NULL)
    die("out of memory");
}

static void
save(const char *path)
{
  unsigned long b;
  int fd = open(path, O_WRONLY);

  if(fd < 0)
    die("cannot open '%s' for writing: %s", path, strerror(errno));
  for(b = 0; b < img_blocks; b++){
    if(dirty[b] &&
       pwrite(fd, img_block(b), BSIZE, (off_t)b * BSIZE) != BSIZE)
      die("cannot write '%s': %s", path, strerror(errno));
  }
  if(fsync(fd) < 0 || close(fd) < 0)
    die("cannot write '%s': %s", path, strerror(errno));
}

// Pass 1. Returns 0 if the rest of the image cannot be located.
static int
check_superblock(void)
{
  unsigned long long inodeblocks, bitmapblocks;

  if(img_blocks < 2){
    problem(0, "superblock: image is %lu blocks, too small to hold one",
            img_blocks);
    return 0;
  }
  memcpy(&sb, img_block(1), sizeof(sb));
  if(sb.magic != FSMAGIC){
    problem(0, "superblock: bad magic 0x%08x (want 0x%08x)", sb.magic, FSMAGIC);
    return 0;
  }
  if(sb.size > img_blocks){
    problem(0, "superblock: size %u blocks, but the image file has only %lu",
            sb.size, img_blocks);
    return 0;
  }
  if(sb.nblocks == 0 || sb.nblocks >= sb.size){
    problem(0, "superblock: %u data blocks in a %u-block image",
            sb.nblocks, sb.size);
    return 0;
  }
  datastart = sb.size - sb.nblocks;
  if(sb.ninodes < 2 || sb.ninodes > 65536){
    problem(0, "superblock: %u inodes (want 2..65536)", sb.ninodes);
    return 0;
  }
  if(sb.nlog < 2){
    problem(0, "superblock: log of %u blocks has no room for data", sb.nlog);
    return 0;
  }
  // The kernel refuses a log that cannot hold one operation's blocks
  // plus the header (CONFIG_FS_LOG_OP_BLOCKS, 10 unless configured).
  if(sb.nlog < LOG_MIN_BLOCKS)
    problem(0, "superblock: log of %u blocks is smaller than one operation "
            "needs (%d); the kernel will not mount it", sb.nlog, LOG_MIN_BLOCKS);
  if(XV6FS_FEATURES(sb) & XV6FS_FEAT_MULTIUSER){
    multiuser = 1;
    isize = sizeof(struct dinode_mu);
    ipb = BSIZE / isize;
  }
  inodeblocks = (sb.ninodes + ipb - 1) / ipb;
  bitmapblocks = (sb.size + BPB - 1) / BPB;
  if(sb.logstart < 2 ||
     (unsigned long long)sb.logstart + sb.nlog > sb.inodestart ||
     sb.inodestart + inodeblocks > sb.bmapstart ||
     sb.bmapstart + bitmapblocks > datastart){
    problem(0, "superblock: regions out of order or overlapping "
            "(log %u+%u, inodes %u+%llu, bitmap %u+%llu, data %u+%u)",
            sb.logstart, sb.nlog, sb.inodestart, inodeblocks,
            sb.bmapstart, bitmapblocks, datastart, sb.nblocks);
    return 0;
  }
  if(sb.featmagic == XV6FS_FEAT_MAGIC){
    if(sb.features & ~(XV6FS_FEAT_LARGE_FILES | XV6FS_FEAT_SYMLINKS |
                       XV6FS_FEAT_MULTIUSER)){
      problem(0, "superblock: unknown feature bits 0x%x", sb.features);
      return 0;
    }
    large = (sb.features & XV6FS_FEAT_LARGE_FILES) != 0;
    symlinks = (sb.features & XV6FS_FEAT_SYMLINKS) != 0;
  }
  return 1;
}

// Pass 2. The header is `int n; int block[n]`, n <= nlog - 1.
static void
check_log(void)
{
  int *lh = (int *)img_block(sb.logstart);
  long maxn = sb.nlog - 1;
  int n = lh[0], i;
  unsigned int home;

  if(maxn > BSIZE / 4 - 1)
    maxn = BSIZE / 4 - 1;
  if(n == 0)
    return;
  if(n < 0 || n > maxn){
    problem(1, "log: header says %d blocks, the log holds 0..%ld", n, maxn);
    goto bad;
  }
  for(i = 0; i < n; i++){
    home = lh[1 + i];
    if(home < sb.logstart + sb.nlog || home >= sb.size){
      problem(1, "log: entry %d names block %u, outside %u..%u",
              i, home, sb.logstart + sb.nlog, sb.size - 1);
      goto bad;
    }
  }
  // A complete, committed transaction: install it, as mount would.
  printf("note: log holds %d committed blocks; checking as if replayed\n", n);
  for(i = 0; i < n; i++){
    memcpy(img_block(lh[1 + i]), img_block(sb.logstart + 1 + i), BSIZE);
    mark_dirty(lh[1 + i]);
  }
  if(repair){
    lh[0] = 0;
    mark_dirty(sb.logstart);
    printf("replayed the log (%d blocks)\n", n);
  }
  return;

bad:
  if(repair){
    lh[0] = 0;
    mark_dirty(sb.logstart);
    fixed("cleared the log header");
  }
}

// Record that inode inum uses block b. Returns 1 if b may be followed.
// With quiet set (rebuilding owner[] after -y freed inodes) it reports
// nothing: the problems were reported the first time round.
static int quiet;

static int
claim(unsigned int inum, unsigned int b, const char *what)
{
  if(!in_data(b)){
    if(!quiet)
      problem(0, "inode %u: %s block %u is outside the data area %u..%u",
              inum, what, b, datastart, sb.size - 1);
    return 0;
  }
  if(owner[b]){
    if(!quiet)
      problem(0, "block %u is used twice (inode %u and inode %u)",
              b, owner[b] - 1, inum);
    return 0;
  }
  owner[b] = inum + 1;
  return 1;
}

// Counts from walking one inode's block tree.
struct walk {
  unsigned long sizeblocks;   // blocks the size needs
  unsigned long present;      // data slots filled below sizeblocks
  unsigned long beyond;       // data slots filled at or past sizeblocks
};

static void
walk_data(struct walk *w, unsigned int inum, unsigned int b, unsigned long fbn)
{
  if(b == 0)
    return;
  claim(inum, b, "data");
  // Count the slot even if the block is bad: that was reported already,
  // and a second complaint about the size would say nothing new.
  if(fbn < w->sizeblocks)
    w->present++;
  else
    w->beyond++;
}

static void
walk_indirect(struct walk *w, unsigned int inum, unsigned int b,
              unsigned long fbn, int depth)
{
  unsigned int ind[NINDIRECT];
  unsigned long i;

  if(b == 0 || !claim(inum, b, "indirect"))
    return;
  memcpy(ind, img_block(b), sizeof(ind));
  for(i = 0; i < NINDIRECT; i++){
    if(depth == 2)
      walk_indirect(w, inum, ind[i], fbn + i * NINDIRECT, 1);
    else
      walk_data(w, inum, ind[i], fbn + i);
  }
}

// Walk every block inode inum uses, claiming each in owner[].
static void
walk_inode(unsigned int inum, struct walk *w)
{
  struct dinode *d = inode(inum);
  unsigned long nd = xv6_direct_slots(large), i;

  for(i = 0; i < nd; i++)
    walk_data(w, inum, d->addrs[i], i);
  walk_indirect(w, inum, d->addrs[nd], nd, 1);
  if(large)
    walk_indirect(w, inum, d->addrs[nd + 1], nd + NINDIRECT, 2);
}

// Pass 3 for one allocated inode.
static void
check_inode(unsigned int inum)
{
  struct dinode *d = inode(inum);
  unsigned long maxb = xv6_max_file_blocks(large);
  struct walk w = {0, 0, 0};
  int oversize = 0;

  if(d->type != T_DIR && d->type != T_FILE && d->type != T_DEVICE &&
     !(d->type == T_SYMLINK && symlinks))
    problem(0, "inode %u: bad type %d", inum, d->type);
  if(d->size > maxb * BSIZE){
    problem(0, "inode %u: size %u is more than the format allows (%lu)",
            inum, d->size, maxb * BSIZE);
    oversize = 1;
  }
  w.sizeblocks = (d->size + (unsigned long)BSIZE - 1) / BSIZE;
  if(w.sizeblocks > maxb)
    w.sizeblocks = maxb;
  walk_inode(inum, &w);
  if(w.present < w.sizeblocks && !oversize)
    problem(0, "inode %u: size %u needs %lu blocks, but only %lu are present",
            inum, d->size, w.sizeblocks, w.present);
  if(w.beyond)
    problem(0, "inode %u: %lu blocks lie beyond its size %u",
            inum, w.beyond, d->size);
  if(d->type == T_DIR && d->size % sizeof(struct dirent))
    problem(0, "directory %u: size %u is not a whole number of entries",
            inum, d->size);
  if(multiuser && (((struct dinode_mu *)d)->mode & ~07777u)){
    problem(1, "inode %u: mode %o has bits beyond 07777", inum,
            ((struct dinode_mu *)d)->mode);
    if(repair){
      ((struct dinode_mu *)d)->mode &= 07777;
      mark_dirty(iblock(inum));
      fixed("inode %u: mode bits beyond 07777 cleared", inum);
    }
  }
}

// Block holding byte off of inode d, or 0 if there is none we may read.
static unsigned int
readmap(struct dinode *d, unsigned long off)
{
  unsigned long fbn = off / BSIZE, nd = xv6_direct_slots(large);
  unsigned int b;

  if(fbn < nd){
    b = d->addrs[fbn];
  } else if((fbn -= nd) < NINDIRECT){
    b = d->addrs[nd];
    if(!in_data(b))
      return 0;
    b = ((unsigned int *)img_block(b))[fbn];
  } else if(large && (fbn -= NINDIRECT) < NINDIRECT * NINDIRECT){
    b = d->addrs[nd + 1];
    if(!in_data(b))
      return 0;
    b = ((unsigned int *)img_block(b))[fbn / NINDIRECT];
    if(!in_data(b))
      return 0;
    b = ((unsigned int *)img_block(b))[fbn % NINDIRECT];
  } else {
    return 0;
  }
  return in_data(b) ? b : 0;
}

// Pass 4 for one directory. Queues subdirectories on q.
static void
check_dir(unsigned int dir, unsigned int *q, unsigned int *qtail)
{
  struct dinode *d = inode(dir), *c;
  unsigned long off, end = d->size;
  struct dirent de;
  unsigned int b;
  int dots = 0, dotdots = 0;
  const char *name;

  if(end > xv6_max_file_blocks(large) * BSIZE)
    end = xv6_max_file_blocks(large) * BSIZE;
  for(off = 0; off + sizeof(de) <= end; off += sizeof(de)){
    if((b = readmap(d, off)) == 0)
      continue;   // already reported by the inode pass
    memcpy(&de, img_block(b) + off % BSIZE, sizeof(de));
    if(de.inum == 0)
      continue;
    name = show_name(de.name);
    if(de.inum >= sb.ninodes){
      problem(0, "directory %u: entry '%s' names inode %u, beyond the %u inodes",
              dir, name, de.inum, sb.ninodes);
      continue;
    }
    c = inode(de.inum);
    if(c->type == 0){
      problem(0, "directory %u: entry '%s' names free inode %u",
              dir, name, de.inum);
      continue;
    }
    if(!strncmp(de.name, ".", DIRSIZ)){
      dots++;
      if(de.inum != dir)
        problem(0, "directory %u: '.' names inode %u", dir, de.inum);
      continue;   // "." is not counted in nlink
    }
    if(!strncmp(de.name, "..", DIRSIZ)){
      dotdots++;
      if(de.inum != parent[dir])
        problem(0, "directory %u: '..' names inode %u, but its parent is %u",
                dir, de.inum, parent[dir]);
      refs[de.inum]++;
      continue;
    }
    if(de.name[0] == 0)
      problem(0, "directory %u: entry for inode %u has an empty name",
              dir, de.inum);
    if(c->type == T_DIR){
      if(visited[de.inum]){
        problem(0, "directory %u: entry '%s' links directory %u, which is "
                "already linked elsewhere (cycle or directory hard link)",
                dir, name, de.inum);
        continue;
      }
      visited[de.inum] = 1;
      parent[de.inum] = dir;
      q[(*qtail)++] = de.inum;
    }
    refs[de.inum]++;
  }
  if(dots != 1)
    problem(0, "directory %u: %d '.' entries (want 1)", dir, dots);
  if(dotdots != 1)
    problem(0, "directory %u: %d '..' entries (want 1)", dir, dotdots);
}

// Pass 4: breadth-first from the root. Returns 0 if the root is unusable,
// in which case nothing is known about reachability.
static int
check_tree(void)
{
  unsigned int *q, head = 0, tail = 0;

  if(inode(ROOTINO)->type != T_DIR){
    problem(0, "root inode %u is not a directory (type %d)",
            ROOTINO, inode(ROOTINO)->type);
    return 0;
  }
  q = calloc(sb.ninodes, sizeof(*q));
  if(q == NULL)
    die("out of memory");
  visited[ROOTINO] = 1;
  parent[ROOTINO] = ROOTINO;
  q[tail++] = ROOTINO;
  while(head < tail)
    check_dir(q[head++], q, &tail);
  free(q);
  return 1;
}

// Free inode inum (repair): its dinode zeroed, its block written back.
static void
free_inode(unsigned int inum, struct dinode *d, const char *what)
{
  memset(d, 0, isize);
  mark_dirty(iblock(inum));
  nfreed++;
  fixed("freed %s %u", what, inum);
}

// Pass 5, and freeing of unreferenced inodes.
static void
check_links(void)
{
  unsigned int inum;
  struct dinode *d;

  for(inum = 1; inum < sb.ninodes; inum++){
    d = inode(inum);
    if(d->type == 0)
      continue;
    if(refs[inum] == 0 && inum != ROOTINO && d->nlink == 0){
      // Removed while in use, the machine stopped before its last close:
      // the kernel frees it at the next mount (fs/xv6fs/orphan.c).
      printf("note: inode %u (type %d, size %u) is an orphan (count 0, no name): "
             "the kernel frees it at the next mount\n", inum, d->type, d->size);
      if(repair)
        free_inode(inum, d, "orphan inode");
      continue;
    }
    if(refs[inum] == 0 && inum != ROOTINO){
      problem(1, "inode %u (type %d, size %u) is allocated but no directory "
              "entry names it", inum, d->type, d->size);
      if(repair)
        free_inode(inum, d, "inode");
      continue;
    }
    // A negative count shows as a large unsigned one: never equal.
    if(refs[inum] != (unsigned int)d->nlink){
      problem(refs[inum] <= LINK_MAX, "inode %u: nlink %d, but %u entries name it%s",
              inum, d->nlink, refs[inum],
              refs[inum] > LINK_MAX ? " (more than the kernel's limit 32000)" : "");
      if(repair && refs[inum] <= LINK_MAX){
        d->nlink = refs[inum];
        mark_dirty(iblock(inum));
        fixed("inode %u: nlink set to %u", inum, refs[inum]);
      }
    }
  }
}

static void
set_bit(unsigned int b, int on)
{
  img_set_bit(&sb, b, on);
  mark_dirty(BBLOCK(b, sb));
}

// After -y freed inodes, claim the blocks again from the inodes that are
// left, so a block the freed inode shared with a kept one stays in use.
static void
rebuild_owners(void)
{
  struct walk w = {0, 0, 0};
  unsigned int inum;

  memset(owner, 0, sb.size * sizeof(*owner));
  quiet = 1;
  for(inum = 1; inum < sb.ninodes; inum++)
    if(inode(inum)->type != 0)
      walk_inode(inum, &w);
  quiet = 0;
}

// Pass 6: metadata and owned blocks in use, every other block free.
static void
check_bitmap(void)
{
  unsigned int b, n = 0;
  int want;

  for(b = 0; b < sb.size; b++){
    want = b < datastart || owner[b] != 0;
    if(img_bit(&sb, b) == want)
      continue;
    n++;
    if(n <= BITMAP_LINES){
      if(want)
        problem(1, "bitmap: block %u is marked free but %s", b,
                b < datastart ? "holds metadata" : "is in use");
      else
        problem(1, "bitmap: block %u is marked in use but nothing uses it", b);
    } else {
      nproblems++;
      if(!repair)
        nunfixed++;
    }
    if(repair)
      set_bit(b, want);
  }
  if(n > BITMAP_LINES)
    printf("bitmap: ... and %u more blocks marked wrongly\n", n - BITMAP_LINES);
  if(n && repair)
    fixed("bitmap rewritten (%u blocks)", n);
}

int
main(int argc, char *argv[])
{
  const char *path;
  unsigned int inum;
  int c;

  while((c = getopt(argc, argv, "ny")) != -1){
    switch(c){
    case 'n': repair = 0; break;
    case 'y': repair = 1; break;
    default:
      fprintf(stderr, "usage: fsck [-n|-y] image\n");
      return 8;
    }
  }
  if(optind != argc - 1){
    fprintf(stderr, "usage: fsck [-n|-y] image\n");
    return 8;
  }
  path = argv[optind];
  load(path);

  if(!check_superblock()){
    printf("%d problems; superblock unusable, nothing else checked\n",
           nproblems);
    return 2;
  }
  refs = calloc(sb.ninodes, sizeof(*refs));
  parent = calloc(sb.ninodes, sizeof(*parent));
  visited = calloc(sb.ninodes, 1);
  owner = calloc(sb.size, sizeof(*owner));
  if(!refs || !parent || !visited || !owner)
    die("out of memory");

  check_log();
  if(inode(0)->type != 0)
    problem(0, "inode 0 is reserved but has type %d", inode(0)->type);
  for(inum = 1; inum < sb.ninodes; inum++)
    if(inode(inum)->type != 0)
      check_inode(inum);
  // Without a usable root every inode would look unreferenced, so the
  // link pass (which frees inodes) runs only when the tree was walked.
  if(check_tree())
    check_links();
  if(nfreed)
    rebuild_owners();
  check_bitmap();

  if(repair)
    save(path);
  if(nproblems == 0){
    printf("clean\n");
    return 0;
  }
  if(repair)
    printf("%d problems, %d repaired, %d left\n", nproblems,
           nproblems - nunfixed, nunfixed);
  else
    printf("%d problems\n", nproblems);
  return nunfixed ? 2 : 1;
}
