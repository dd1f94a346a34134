// include/octopos/file.h: open files and per-process descriptor tables.
//
// A struct file is one open(): an inode (or device inode) with an offset,
// or one end of a pipe. Descriptors (p->ofile[fd]) point at files; dup()
// and fork() share them, counting references in f->ref.
#ifndef OCTOPOS_FILE_H
#define OCTOPOS_FILE_H
#include <octopos/types.h>

struct inode;
struct pipe;
struct proc;
struct stat;

struct file {
  enum { FD_NONE, FD_PIPE, FD_INODE, FD_DEVICE } type;
  int ref;                  // ftable.lock guards it
  char readable;
  char writable;
  struct pipe *pipe;        // FD_PIPE
  struct inode *ip;         // FD_INODE and FD_DEVICE
  uint off;                 // FD_INODE; guarded by ip->lock
  short major;              // FD_DEVICE
};

// The system-wide file table (fs/file.c).
void fileinit(void);
struct file *filealloc(void);                 // ref 1, or NULL (-ENFILE)
int file_count(void);                         // live files (a statistic)
struct file *filedup(struct file *f);
void fileclose(struct file *f);
int  filestat(struct file *f, uint64 addr);   // addr: user struct stat *
int  fileread(struct file *f, uint64 addr, int n);
int  filewrite(struct file *f, uint64 addr, int n);

// Descriptor tables (fs/fdtable.c).
int  fdalloc(struct file *f);                 // fd, or -EMFILE
struct file *fdget(int fd);                   // myproc()'s file, or NULL
int  proc_files_init(struct proc *p);         // first process: cwd = root
int  proc_files_fork(struct proc *child, struct proc *parent);
void proc_files_exit(struct proc *p);

#endif
