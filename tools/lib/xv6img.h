// tools/lib/xv6img.h: what mkfs, fsck and mkhostile share: an xv6fs image in memory.
//
// Each tool holds one whole image in memory (img, img_blocks) and works on
// it block by block; the helpers here read and write it, reach its inodes
// and bitmap bits by the superblock's layout, and stop the tool with a
// message. A block number outside the image stops the tool instead of
// reading past the buffer, whatever the image says.
//
// Each tool defines tool_name (die()'s prefix) and tool_fail_status (its
// exit status: fsck's is 8, the others' 1).
#ifndef TOOLS_XV6IMG_H
#define TOOLS_XV6IMG_H

#include <uapi/octopos/fs.h>
// For T_DIR/T_FILE/T_DEVICE/T_SYMLINK only; its struct stat would clash
// with the host's.
#define stat octopos_stat
#include <uapi/octopos/stat.h>
#undef stat

_Static_assert(sizeof(struct dinode) == 64, "on-disk inode must be 64 bytes");
_Static_assert(sizeof(struct dinode_mu) == 128, "multi-user inode must be 128 bytes");
_Static_assert(sizeof(struct dirent) == 16, "directory entry must be 16 bytes");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "xv6fs is little-endian; the tools use host order");

extern const char *tool_name;
extern int tool_fail_status;
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

extern unsigned char *img;         // the image
extern unsigned long img_blocks;   // whole blocks in it

unsigned char *img_block(unsigned int b);   // dies if b >= img_blocks
void img_alloc(unsigned long blocks);       // a new, zeroed image
// Read the whole file (a regular file or block device of at most max_bytes;
// a partial last block is left out). Dies on any error.
void img_read(const char *path, unsigned long long max_bytes);
// Write the whole image to path, created or truncated; a failed write
// removes the file, so no half-written image is left.
void img_write(const char *path);

// Layout, as sb describes it (the features word picks the inode size).
struct dinode *img_inode(const struct superblock *sb, unsigned int inum);
int  img_bit(const struct superblock *sb, unsigned int b);   // bitmap bit of block b
void img_set_bit(const struct superblock *sb, unsigned int b, int on);
// Direct pointers in an inode, and the largest file in blocks, without or
// with XV6FS_FEAT_LARGE_FILES (which gives one direct slot to the doubly
// indirect block).
unsigned long xv6_direct_slots(int large);
unsigned long xv6_max_file_blocks(int large);

#endif
