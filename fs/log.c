// fs/log.c: xv6fs's write-ahead log, for crash-safe multi-block updates.
//
// A system call that changes the disk runs between begin_op() and end_op()
// and writes blocks with log_write(), which only notes the block number and
// pins the buffer in the cache. A commit copies every noted block to the
// log area, writes the header block (the commit point: n > 0), copies the
// blocks to their homes, then clears the header. After a crash, log_init()
// replays a committed log, so a transaction is on disk wholly or not at all.
//
// Group commit: operations that overlap in time share one commit. A block
// written again before its commit is logged once (absorption), which is why
// a run of small writes to one file costs few disk writes.
//
// When a transaction commits is a Kconfig choice. FS_LOG_COMMIT_EACH_OP is
// xv6's: when the last outstanding operation ends. FS_LOG_COMMIT_DEFERRED
// lets the transaction stay open across operations and commits it before
// anything that can be observed from outside follows them (log_flush(): a
// write to a device, power-off), when the log has no room for another
// operation, at the first end_op CONFIG_FS_COMMIT_INTERVAL_MS after the
// transaction opened, or, if no operation ends by then, by the committer
// thread (log_committer()), which the clock wakes every tick: a write
// followed by silence is on disk at most the interval later.
// Every commit costs disk round trips, so a burst of small system
// calls (create, write, unlink) pays them once instead of once per call;
// atomicity is the same, and whatever a user has been shown (e.g. the shell
// prompt after a command) is on disk.
//
// Chained commits: after a commit is installed its header is left in place
// rather than cleared, and the next commit puts its blocks in the log
// slots after the ones that header names and writes a header naming both.
// Replaying a chained header installs the older commits again, then the
// newer (in order, so a block named twice ends with its newer copy): all
// already installed, so a crash at any point replays to a consistent
// state, and a commit costs three round trips (log blocks, header, home
// blocks) instead of four. Only when the log is full does a commit clear
// the header first and start again at the first slot.
//
// Installing in the background: once the header is written, a commit
// starts the home writes from the log's private copies of its blocks and
// returns without waiting for them; the next commit waits for them after
// its own log blocks and header, so a commit waits for two round trips
// (log blocks, header), not three, and the install has had those two to
// finish. Until the home writes are done the header still names the
// blocks (it is only cleared, when the log wraps, after they are), so a
// crash in between replays them, and the cache keeps the blocks pinned,
// so a cache miss cannot read a stale home copy.
// A slot being installed is not reused before its install is waited for:
// the next commit's blocks go into the slots after it, and a wrap waits.
// log_flush() and log_sync() wait for it too, so that a clean power-off
// leaves every block at home.
//
// On-disk header, xv6's: int n; int block[n] in the first log block; the
// data blocks follow it. Log I/O goes through a private buffer, so a commit
// never needs a free cache buffer.
#include <octopos/types.h>
#include <octopos/bio.h>
#include <octopos/clock.h>
#include <octopos/blkdev.h>
#include <octopos/kmalloc.h>
#include <octopos/errno.h>
#include <octopos/fs.h>
#include <octopos/log.h>
#include <octopos/printk.h>
#include <octopos/proc.h>
#include <octopos/spinlock.h>
#include <octopos/string.h>

#define LOG_HDR_MAX (BSIZE / sizeof(uint) - 1)
// Deferred commit: the age in ticks at which a transaction must commit.
// A transaction opened during tick t is committed once ticks reaches
// t + COMMIT_AGE_TICKS, at most the interval after its first block.
#if IS_ENABLED(CONFIG_FS_LOG_COMMIT_DEFERRED)
#define COMMIT_AGE_TICKS \
  ((uint)(CONFIG_FS_COMMIT_INTERVAL_MS * CONFIG_HZ / 1000) > 0 ? \
   (uint)(CONFIG_FS_COMMIT_INTERVAL_MS * CONFIG_HZ / 1000) : 1u)
#else
#define COMMIT_AGE_TICKS 1u
#endif

struct logheader {
  uint n;
  uint block[LOG_HDR_MAX];
};

static struct {
  struct spinlock lock;
  int ready;                // a log was set up by log_init()
  uint dev;
  uint start;               // header block
  uint cap;                 // data blocks usable in one commit
  uint lo, hi;              // home blocks a header may name: [lo, hi)
  int outstanding;          // operations between begin_op and end_op
  int committing;
  int waiters;
  int force;                // someone waits in log_sync(), or the transaction is
                            // too old: commit at the last end_op, admit no new one
  int err;                  // the last commit failed (-EIO), for log_sync()
  uint commits;             // commits finished (log_flush() waits for the next one)
  uint opened;              // ticks when the running transaction got its first block
  struct logheader lh;      // blocks of the running transaction
  struct logheader disk;    // what the header on disk names, all installed but
                            // the last commit's while log.ninst > 0;
                            // n > cap: unknown (a header write failed)
  struct buf io;            // private buffer for log-area I/O
  struct buf *slot[LOG_HDR_MAX];  // private buffers for a commit's log blocks, one per
                                  // log slot; while installing, aimed at the homes
  struct buf **inst;        // slots whose home writes are in flight (a run of log.slot)
  uint ninst;               // how many; log.io.lock guards both
  int thread;               // the committer thread runs
} log;

static void log_committer(void);

static int
log_io(uint blockno, int write)
{
  log.io.dev = log.dev;
  log.io.blockno = blockno;
  return blkdev_rw(&log.io, write);
}

static int
read_head(struct logheader *h)
{
  if (log_io(log.start, 0) < 0)
    return -EIO;
  memmove(h, log.io.data, sizeof(*h));
  return 0;
}

// Write log.disk as the header: the commit point of its newest blocks.
// After a failure nobody knows which header the disk holds.
static int
write_head(void)
{
  memset(log.io.data, 0, BSIZE);
  memmove(log.io.data, &log.disk, sizeof(uint) * (1 + log.disk.n));
  if (log_io(log.start, 1) < 0) {
    log.disk.n = log.cap + 1;
    return -EIO;
  }
  return 0;
}

// Replay a committed transaction found at mount: copy each logged block
// to its home.
static int
recover(void)
{
  struct logheader h;
  int err;

  if ((err = read_head(&h)) < 0)
    return err;
  if (h.n > log.cap) {
    printf("xv6fs: log header claims %u blocks (room for %u)\n", h.n, log.cap);
    return -EUCLEAN;
  }
  for (uint i = 0; i < h.n; i++) {
    if (h.block[i] < log.lo || h.block[i] >= log.hi) {
      printf("xv6fs: log names block %u, outside [%u, %u)\n", h.block[i], log.lo, log.hi);
      return -EUCLEAN;
    }
  }
  if (h.n > 0)
    printf("xv6fs: replaying %u logged blocks\n", h.n);
  for (uint i = 0; i < h.n; i++) {
    if (log_io(log.start + 1 + i, 0) < 0 || log_io(h.block[i], 1) < 0)
      return -EIO;
  }
  log.lh.n = 0;
  log.disk.n = 0;
  return write_head();
}

int
log_init(uint dev, const struct superblock *sb)
{
  int err;

  initlock(&log.lock, "log");
  initsleeplock(&log.io.lock, "logio");
  log.dev = dev;
  log.start = sb->logstart;
  log.cap = MIN(sb->nlog - 1, LOG_HDR_MAX);
  log.lo = sb->inodestart;
  log.hi = sb->size;
  if (log.cap < MAXOPBLOCKS) {
    printf("xv6fs: log of %u blocks is smaller than one operation (%d)\n", log.cap, MAXOPBLOCKS);
    return -EUCLEAN;
  }
  for (uint i = 0; i < log.cap; i++) {
    if (log.slot[i] == NULL && (log.slot[i] = kzalloc(sizeof(struct buf))) == NULL) {
      printf("xv6fs: no memory for the log's buffers\n");
      return -ENOMEM;
    }
  }
  acquiresleep(&log.io.lock);
  err = recover();
  releasesleep(&log.io.lock);
  if (err == 0)
    log.ready = 1;
  if (err == 0 && IS_ENABLED(CONFIG_FS_LOG_COMMIT_DEFERRED) && !log.thread) {
    if (kthread_start(log_committer, "logcommit") < 0) {
      printf("xv6fs: cannot start the log committer\n");
      return -ENOMEM;
    }
    log.thread = 1;
  }
  return err;
}

// Let go of the cache's pins on the homes of bufs, whose install is done.
static void
unpin_homes(struct buf **bufs, uint n)
{
  for (uint i = 0; i < n; i++) {
    struct buf *b = bread(log.dev, bufs[i]->blockno);
    if (b != NULL) {
      bunpin(b);
      brelse(b);
    }
  }
}

// Wait for the home writes the last commit started, and unpin their
// blocks. Called with log.io.lock held.
static void
install_wait(void)
{
  if (log.ninst == 0)
    return;
  if (blkdev_wait_batch(log.inst, log.ninst) < 0)
    printf("xv6fs: write error installing a transaction\n");
  unpin_homes(log.inst, log.ninst);
  log.ninst = 0;
}

// The transaction's blocks are committed in slots first..: write them
// home from those copies. A batch the device can keep in flight is
// started and left for install_wait(); a bigger one is written now.
static void
install_start(uint first)
{
  struct buf **bufs = &log.slot[first];
  uint n = log.lh.n;

  for (uint i = 0; i < n; i++)
    bufs[i]->blockno = log.lh.block[i];
  if (n > BLKDEV_BATCH) {
    if (blkdev_rw_batch(bufs, n, 1) < 0)
      printf("xv6fs: write error installing a transaction\n");
    unpin_homes(bufs, n);
    return;
  }
  blkdev_submit_batch(bufs, n, 1);    // a refused buffer is reported by the wait
  log.inst = bufs;
  log.ninst = n;
}

// Copy each block of the transaction from the cache into the log slots
// first.., all writes in flight at once: one disk round trip, not one per
// block (and the slots are adjacent, so the device may make them one).
static int
write_log(uint first)
{
  struct buf **bufs = &log.slot[first];
  uint n = log.lh.n;

  for (uint i = 0; i < n; i++) {
    struct buf *b = bread(log.dev, log.lh.block[i]);   // pinned: a cache hit
    if (b == NULL)
      return -EIO;
    memmove(bufs[i]->data, b->data, BSIZE);
    brelse(b);
    bufs[i]->dev = log.dev;
    bufs[i]->blockno = log.start + 1 + first + i;
  }
  // The device's queue must hold these and the install still in flight
  // together: nobody else would wait for the install to free room.
  if (log.ninst + n > BLKDEV_BATCH)
    install_wait();
  return blkdev_rw_batch(bufs, n, 1);
}

static void
drop_trans(void)
{
  for (uint i = 0; i < log.lh.n; i++) {
    struct buf *b = bread(log.dev, log.lh.block[i]);
    if (b != NULL) {
      bunpin(b);
      brelse(b);
    }
  }
}

// Chain the transaction behind the installed commits the header names,
// or, if the log has no room for that, clear the header and start over.
// Returns the first log slot the transaction went to, or -EIO.
static int
log_and_commit(void)
{
  if (log.disk.n + log.lh.n > log.cap) {
    install_wait();     // the header names those slots until their homes are written
    log.disk.n = 0;
    if (write_head() < 0)
      return -EIO;
  }
  uint first = log.disk.n;
  if (write_log(first) < 0)
    return -EIO;
  memmove(&log.disk.block[first], log.lh.block, sizeof(uint) * log.lh.n);
  log.disk.n = first + log.lh.n;
  if (write_head() < 0)
    return -EIO;
  return first;
}

static void
commit(void)
{
  if (log.lh.n == 0)
    return;
  acquiresleep(&log.io.lock);
  int first = log_and_commit();
  // The previous commit's home writes have had this commit's two round
  // trips to finish; until now the header on disk named their blocks.
  install_wait();
  if (first < 0) {
    // The disk did not take the transaction. The cache keeps the new
    // contents; the disk keeps the old, consistent state.
    printf("xv6fs: commit failed: disk write error\n");
    drop_trans();
    log.err = -EIO;
  } else {
    install_start(first);
    log.err = 0;
  }
  log.lh.n = 0;
  releasesleep(&log.io.lock);
}

// With log.lock held and no operation outstanding: commit the running
// transaction. Returns with log.lock held again.
static void
commit_locked(void)
{
  log.committing = 1;
  release(&log.lock);
  commit();                 // no lock held: commit sleeps on disk I/O
  acquire(&log.lock);
  log.committing = 0;
  log.force = 0;
  log.commits++;
  wakeup(&log);
}

// Does the room check of begin_op() fail for one more operation?
static int
log_full(void)
{
  return log.lh.n + (log.outstanding + 1) * MAXOPBLOCKS > log.cap;
}

void
begin_op(void)
{
  if (!log.ready)
    return;
  acquire(&log.lock);
  for (;;) {
    if (!log.committing && log.outstanding == 0 && log.lh.n > 0 && (log_full() || log.force)) {
      // A deferred transaction filled the log, or a commit is asked for,
      // and nobody else will end an operation to commit it.
      commit_locked();
    } else if (log.committing || log_full() || (log.force && log.lh.n > 0)) {
      // Wait for the commit, or for the log to have room for us. A
      // forced commit lets the running operations end and admits no
      // new ones, so that a stream of overlapping calls cannot put it
      // off for ever.
      log.waiters++;
      sleep(&log, &log.lock);
      log.waiters--;
    } else {
      log.outstanding++;
      break;
    }
  }
  release(&log.lock);
}

// Should the end of the last outstanding operation commit?
static int
commit_due(void)
{
  if (!IS_ENABLED(CONFIG_FS_LOG_COMMIT_DEFERRED) || log.force || log.waiters)
    return 1;
  return log.lh.n > 0 && ticks - log.opened >= COMMIT_AGE_TICKS;
}

void
end_op(void)
{
  if (!log.ready)
    return;
  acquire(&log.lock);
  log.outstanding--;
  if (log.committing)
    panic("end_op: committing");
  if (log.outstanding == 0 && commit_due())
    commit_locked();
  else if (log.waiters)
    wakeup(&log);     // begin_op() may be waiting for the room this operation reserved
  release(&log.lock);
}

// Wait for the install the last commit left in flight, if any.
static void
install_drain(void)
{
  if (*(volatile uint *)&log.ninst == 0)   // a peek: install_wait() looks again
    return;
  acquiresleep(&log.io.lock);
  install_wait();
  releasesleep(&log.io.lock);
}

int
log_sync(void)
{
  int err = 0;

  if (!log.ready)
    return 0;
  acquire(&log.lock);
  // Every operation the caller has seen return is in the running
  // transaction, or in the one being committed (no operation runs during
  // a commit); either is the next to finish.
  if (log.lh.n > 0 || log.committing) {
    uint want = log.commits + 1;
    while ((int)(log.commits - want) < 0) {
      if (!log.committing && log.outstanding == 0) {
        commit_locked();
      } else {
        log.force = 1;
        sleep(&log, &log.lock);
      }
    }
    err = log.err;
  }
  release(&log.lock);
  install_drain();
  return err;
}

void
log_flush(void)
{
  if (IS_ENABLED(CONFIG_FS_LOG_COMMIT_DEFERRED))
    log_sync();
  else if (log.ready)
    install_drain();
}

// Deferred rule: commit the running transaction if it is older than the
// interval. Called by the committer thread each tick, outside any
// operation. With operations still running it asks the last one's end_op
// to commit (and holds new ones back); otherwise it commits here.
static void
commit_aged(void)
{
  acquire(&log.lock);
  if (log.lh.n > 0 && !log.committing && ticks - log.opened >= COMMIT_AGE_TICKS) {
    if (log.outstanding == 0)
      commit_locked();
    else
      log.force = 1;
  }
  release(&log.lock);
}

// The committer thread's body (FS_LOG_COMMIT_DEFERRED): wakes on every
// clock tick (10 a second) and commits a transaction that has waited the
// interval, whether or not any process runs or calls into the kernel.
static void
log_committer(void)
{
  uint seen = ticks;

  for (;;) {
    acquire(&tickslock);
    while (ticks == seen)
      sleep(&ticks, &tickslock);
    seen = ticks;
    release(&tickslock);
    // A peek without log.lock: commit_aged() looks again under it.
    if (log.lh.n > 0)
      commit_aged();
  }
}

void
log_write(struct buf *b)
{
  uint i;

  if (!log.ready)
    panic("log_write: no log");
  acquire(&log.lock);
  if (log.outstanding < 1)
    panic("log_write: outside of a transaction");
  for (i = 0; i < log.lh.n; i++) {
    if (log.lh.block[i] == b->blockno)
      break;                          // absorbed
  }
  if (i == log.lh.n) {
    if (log.lh.n >= log.cap)
      panic("log_write: transaction too big");
    if (log.lh.n == 0)
      log.opened = ticks;
    log.lh.block[i] = b->blockno;
    log.lh.n++;
    bpin(b);
  }
  release(&log.lock);
}
