// include/octopos/log.h: xv6fs's write-ahead log (fs/log.c).
//
// Private to xv6fs (fs/xv6fs/, fs/log.c): the rest of the kernel reaches
// begin_op()/end_op()/log_flush() only through xv6fs's struct vfs_ops
// (vfs_begin/vfs_end/vfs_flush in <octopos/fs.h>). Every system call that
// changes the disk brackets its changes with begin_op()/end_op() and writes
// blocks with log_write() instead of bwrite(). Concurrent calls share one commit (group commit), and a block
// written several times in one commit is logged once (absorption); the
// commit happens when the last outstanding operation ends, or, with
// FS_LOG_COMMIT_DEFERRED, later but before log_flush() returns.
#ifndef OCTOPOS_LOG_H
#define OCTOPOS_LOG_H
#include <octopos/buf.h>

struct superblock;

// Most blocks one file-system operation may write (its log reservation).
#define MAXOPBLOCKS CONFIG_FS_LOG_OP_BLOCKS

// Set up the log of dev from sb and replay a committed transaction left by
// a crash. 0, -EUCLEAN (bad log header), -EIO.
int  log_init(uint dev, const struct superblock *sb);
void begin_op(void);
void end_op(void);
void log_write(struct buf *b);
// Commit every operation that has ended, before something that can be seen
// from outside (device output, power-off) follows them. Sleeps; call it
// outside any operation. Nothing to do unless FS_LOG_COMMIT_DEFERRED.
void log_flush(void);
// Commit every operation that has ended and wait for it, whichever the
// commit rule (sync, fsync). 0, or -EIO if that commit failed.
int  log_sync(void);

#endif
