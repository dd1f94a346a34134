// tools/mkhostile/mkhostile.c: make damaged copies of a good xv6fs image.
//
//   mkhostile KIND in.img out.img
//   mkhostile list
//
// Each KIND plants one known fault, so that fsck, and later the kernel's
// mount and file system code, can be tested against images a user or a
// failing disk could hand them. The input must be a sane image (as mkfs
// writes); the damage is deterministic. "scramble-SEED" instead flips
// bytes at random (seeded) all over the metadata, for fuzzing.
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

const char *tool_name = "mkhostile";
int tool_fail_status = 1;

static struct superblock *sb;      // points into img
static int large;

struct kind {
  const char *name;
  const char *what;
  void (*plant)(void);
};

static struct dinode *
inode(unsigned int inum)
{
  if(inum >= sb->ninodes)
    die("inode %u outside the input image", inum);
  return img_inode(sb, inum);
}

static unsigned int
datastart(void)
{
  return sb->size - sb->nblocks;
}

// Block holding byte off of a small file (direct blocks only), or 0.
static unsigned int
direct_block(struct dinode *d, unsigned long off)
{
  unsigned long nd = xv6_direct_slots(large);

  return off / BSIZE < nd ? d->addrs[off / BSIZE] : 0;
}

static struct dirent *
dirent_at(struct dinode *d, unsigned long off)
{
  unsigned int b = direct_block(d, off);

  return b ? (struct dirent *)(img_block(b) + off % BSIZE) : NULL;
}

// A free slot in directory dir: an empty entry inside its size, or one
// more entry at the end if its last block has room (the size grows).
static struct dirent *
free_slot(unsigned int dir)
{
  struct dinode *d = inode(dir);
  struct dirent *de;
  unsigned long off;

  for(off = 0; off + sizeof(*de) <= d->size; off += sizeof(*de)){
    de = dirent_at(d, off);
    if(de && de->inum == 0)
      return de;
  }
  if(d->size % BSIZE && (de = dirent_at(d, d->size)) != NULL){
    d->size += sizeof(*de);
    return de;
  }
  return NULL;
}

static void
name_entry(struct dirent *de, unsigned int inum, const char *name)
{
  memset(de, 0, sizeof(*de));
  de->inum = inum;
  memcpy(de->name, name, strlen(name));
}

// The first entry of root (not "." or "..") naming an inode of type t.
static struct dirent *
root_entry(short t)
{
  struct dinode *root = inode(ROOTINO);
  struct dirent *de;
  unsigned long off;

  for(off = 0; off + sizeof(*de) <= root->size; off += sizeof(*de)){
    de = dirent_at(root, off);
    if(de == NULL || de->inum == 0 || de->inum >= sb->ninodes)
      continue;
    if(!strncmp(de->name, ".", DIRSIZ) || !strncmp(de->name, "..", DIRSIZ))
      continue;
    if(inode(de->inum)->type == t)
      return de;
  }
  return NULL;
}

// The n-th (from 0) allocated regular file with at least one block.
static unsigned int
nth_file(int n)
{
  unsigned int inum;
  struct dinode *d;

  for(inum = 1; inum < sb->ninodes; inum++){
    d = inode(inum);
    if(d->type == T_FILE && d->addrs[0] != 0 && n-- == 0)
      return inum;
  }
  die("the input image has too few non-empty files for this kind");
  return 0;
}

static void
plant_badmagic(void)
{
  sb->magic = 0xdeadbeef;
}

static void
plant_badsize(void)
{
  sb->size = img_blocks + 1000;
  sb->nblocks += 1000;
}

static void
plant_inode_out_of_range(void)
{
  struct dirent *de = free_slot(ROOTINO);

  if(sb->ninodes > 0xffff)
    die("every 16-bit inode number is in range in this image");
  if(de == NULL)
    die("no free entry in the root directory");
  name_entry(de, sb->ninodes, "hostile");
}

static void
plant_block_out_of_range(void)
{
  inode(nth_file(0))->addrs[0] = sb->size + 7;
}

static void
plant_free_inode_entry(void)
{
  struct dirent *de = free_slot(ROOTINO);
  unsigned int inum;

  for(inum = sb->ninodes - 1; inum > ROOTINO; inum--)
    if(inode(inum)->type == 0)
      break;
  if(inum == ROOTINO)
    die("the input image has no free inode");
  if(de == NULL)
    die("no free entry in the root directory");
  name_entry(de, inum, "ghost");
}

// A subdirectory links back to the root; with no subdirectory, the root
// links to itself. Either way a walk from the root would never end.
static void
plant_dir_cycle(void)
{
  struct dirent *sub = root_entry(T_DIR), *de = NULL;

  if(sub)
    de = free_slot(sub->inum);
  if(de == NULL)
    de = free_slot(ROOTINO);
  if(de == NULL)
    die("no free directory entry to make a cycle with");
  name_entry(de, ROOTINO, "loop");
}

static void
plant_bad_size(void)
{
  inode(nth_file(0))->size = 0x7ffffc00;
}

static void
plant_bad_log(void)
{
  ((int *)img_block(sb->logstart))[0] = 0x40000000;
}

static void
plant_bitmap_free(void)
{
  img_set_bit(sb, inode(nth_file(0))->addrs[0], 0);
}

static void
plant_bitmap_leak(void)
{
  unsigned int b = sb->size - 1;

  if(img_bit(sb, b))
    die("the last block is in use; the image is full");
  img_set_bit(sb, b, 1);
}

static void
plant_bad_nlink(void)
{
  inode(nth_file(0))->nlink += 3;
}

// Link counts outside what the kernel lets a name make (1..32000): the
// kernel must refuse the inode, never free it while its name remains.
static void
plant_nlink_negative(void)
{
  inode(nth_file(0))->nlink = -32768;
}

static void
plant_nlink_zero(void)
{
  inode(nth_file(0))->nlink = 0;
}

static void
plant_nlink_over(void)
{
  inode(nth_file(0))->nlink = 32767;
}

static void
plant_root_nlink_negative(void)
{
  inode(ROOTINO)->nlink = -1;
}

// Every data block marked free, the root directory's too: the next new
// file would be given blocks that files and directories still use.
static void
plant_data_bitmap_clear(void)
{
  for(unsigned int b = datastart(); b < sb->size; b++)
    img_set_bit(sb, b, 0);
}

// A log too small for one operation (the kernel needs 1 + 10 blocks).
static void
plant_small_log(void)
{
  sb->nlog = 2;
}

static void
plant_orphan(void)
{
  struct dirent *de = root_entry(T_FILE);

  if(de == NULL)
    die("the root directory names no file");
  memset(de, 0, sizeof(*de));
}

static void
plant_dup_block(void)
{
  inode(nth_file(1))->addrs[0] = inode(nth_file(0))->addrs[0];
}

static const struct kind kinds[] = {
  {"badmagic", "superblock magic wrong", plant_badmagic},
  {"badsize", "superblock size beyond the end of the file", plant_badsize},
  {"inode-out-of-range", "root entry with inum >= ninodes",
   plant_inode_out_of_range},
  {"block-out-of-range", "a file's first block beyond sb.size",
   plant_block_out_of_range},
  {"free-inode-entry", "root entry naming a free inode",
   plant_free_inode_entry},
  {"dir-cycle", "a directory entry linking back to the root", plant_dir_cycle},
  {"bad-size", "a file's size beyond what the format allows", plant_bad_size},
  {"bad-log", "log header n huge", plant_bad_log},
  {"bitmap-free", "a used block marked free in the bitmap", plant_bitmap_free},
  {"bitmap-leak", "a free block marked used in the bitmap", plant_bitmap_leak},
  {"bad-nlink", "a file's link count too high", plant_bad_nlink},
  {"nlink-negative", "a file's link count -32768 (wrapped)", plant_nlink_negative},
  {"nlink-zero", "a named file's link count 0", plant_nlink_zero},
  {"nlink-over", "a file's link count 32767 (over the limit)", plant_nlink_over},
  {"root-nlink-negative", "the root directory's link count -1",
   plant_root_nlink_negative},
  {"data-bitmap-clear", "every data block marked free", plant_data_bitmap_clear},
  {"small-log", "a 2-block log", plant_small_log},
  {"orphan", "a file's root entry cleared (inode unreferenced)", plant_orphan},
  {"dup-block", "two files sharing a data block", plant_dup_block},
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

// Flip about 1 byte in 512 of blocks 1 .. datastart (superblock, log,
// inodes, bitmap) and of the root directory's first block. Deterministic
// for a seed: a small xorshift generator, not rand().
static void
scramble(unsigned long seed)
{
  unsigned long x = seed * 2654435761ul + 1, end, i, n;
  unsigned int rootblk = inode(ROOTINO)->addrs[0];

  end = (unsigned long)datastart() * BSIZE;
  if(end > img_blocks * BSIZE)
    end = img_blocks * BSIZE;
  if(end <= BSIZE)
    die("the input image has no metadata to scramble");
  n = (end - BSIZE) / 512 + 8;
  for(i = 0; i < n; i++){
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    if(i % 4 == 0 && rootblk && rootblk < img_blocks)
      img[(size_t)rootblk * BSIZE + (x >> 8) % BSIZE] ^= 1 + (x & 0x7f);
    else
      img[BSIZE + (x >> 8) % (end - BSIZE)] ^= 1 + (x & 0x7f);
  }
}

static void
load(const char *path)
{
  img_read(path, 8ull << 30);
  if(img_blocks < 2)
    die("'%s' is too small to be an image", path);
  sb = (struct superblock *)img_block(1);
  if(sb->magic != FSMAGIC || sb->size > img_blocks || sb->nblocks >= sb->size ||
     sb->bmapstart >= datastart())
    die("'%s' is not a sane xv6fs image to start from", path);
  large = sb->featmagic == XV6FS_FEAT_MAGIC &&
          (sb->features & XV6FS_FEAT_LARGE_FILES);
}

int
main(int argc, char *argv[])
{
  unsigned long i;
  char *end;
  unsigned long seed;

  if(argc == 2 && !strcmp(argv[1], "list")){
    for(i = 0; i < NKINDS; i++)
      printf("%-20s %s\n", kinds[i].name, kinds[i].what);
    printf("%-20s %s\n", "scramble-SEED", "random byte flips in the metadata");
    return 0;
  }
  if(argc != 4){
    fprintf(stderr, "usage: mkhostile KIND in.img out.img | mkhostile list\n");
    return 2;
  }
  if(!strncmp(argv[1], "scramble-", 9)){
    seed = strtoul(argv[1] + 9, &end, 10);
    if(*end || end == argv[1] + 9)
      die("scramble-SEED wants a decimal seed");
    load(argv[2]);
    scramble(seed);
    img_write(argv[3]);
    return 0;
  }
  for(i = 0; i < NKINDS; i++){
    if(!strcmp(argv[1], kinds[i].name)){
      load(argv[2]);
      kinds[i].plant();
      img_write(argv[3]);
      return 0;
    }
  }
  die("unknown kind '%s' (try: mkhostile list)", argv[1]);
  return 2;
}
