// include/octopos/bio.h: the buffer cache (fs/bio.c).
//
// A struct buf holds one cached disk block. bread() returns it locked; the
// caller may read or change b->data, then calls bwrite() (outside the log:
// only the log itself does that) or log_write() (inside a transaction), and
// finally brelse(). Do not touch a buffer after brelse().
#ifndef OCTOPOS_BIO_H
#define OCTOPOS_BIO_H
#include <octopos/buf.h>

#if IS_ENABLED(CONFIG_FS_XV6)
void binit(void);
#else
static inline void binit(void) {}
#endif
// The block, locked, with valid data; NULL (and a console message) if the
// block is past the end of the device or the device failed to read it.
struct buf *bread(uint dev, uint blockno);
// The block, locked and marked valid, without reading it: for a caller
// about to overwrite all of b->data (a newly allocated block).
struct buf *bfill(uint dev, uint blockno);
int  bwrite(struct buf *b);     // 0 or -EIO; b must be locked
void brelse(struct buf *b);
void bpin(struct buf *b);       // keep b cached (the log holds it)
void bunpin(struct buf *b);

#endif
