// include/octopos/pipe.h: pipes (fs/pipe.c).
#ifndef OCTOPOS_PIPE_H
#define OCTOPOS_PIPE_H
#include <octopos/types.h>

struct file;
struct pipe;

#define PIPESIZE 4096   // ring size; a power of two

// Two files, the read end and the write end. 0 or -ENOMEM / -ENFILE.
int  pipealloc(struct file **rf, struct file **wf);
void pipeclose(struct pipe *pi, int writable);
// Bytes moved; a write with no reader left returns -EPIPE, a read with no
// writer left and nothing buffered returns 0.
int  pipewrite(struct pipe *pi, uint64 addr, int n);
int  piperead(struct pipe *pi, uint64 addr, int n);

#endif
