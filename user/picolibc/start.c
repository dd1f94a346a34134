// user/picolibc/start.c: from _start to main and back out, for picolibc.
//
// Sets up what picolibc leaves to the system: the thread pointer and the
// thread-local block (errno lives there), the three standard streams as
// buffered FILEs over descriptors 0-2, and an exit that flushes them.
// Constructors run before main and destructors at exit, as the C
// standard says.
#include "sys.h"
#include <stdio.h>
#include <stdio-bufio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STACK_SIZE (64 * 1024)
#define TLS_MAX    512

static char stack[STACK_SIZE] __attribute__((aligned(16)));
char *const __octopos_stack_top = stack + STACK_SIZE;     // crt0.S loads sp from it

static char tls_block[TLS_MAX] __attribute__((aligned(64)));
extern char __tls_size[];          // linker script: size of .tdata + .tbss

void _init_tls(void *tls);
void _set_tls(void *tls);
void __libc_init_array(void);
int main(int argc, char **argv, char **envp);

// The standard streams: line-buffered output (so an interactive prompt
// appears before a read), buffered input. Seeking goes to the descriptor.
static char inbuf[BUFSIZ], outbuf[BUFSIZ], errbuf[256];
static struct __file_bufio std_in =
  FDEV_SETUP_BUFIO(0, inbuf, sizeof(inbuf), read, write, lseek, close, __SRD, 0);
static struct __file_bufio std_out =
  FDEV_SETUP_BUFIO(1, outbuf, sizeof(outbuf), read, write, lseek, close, __SWR, __BLBF);
static struct __file_bufio std_err =
  FDEV_SETUP_BUFIO(2, errbuf, sizeof(errbuf), read, write, lseek, close, __SWR, __BLBF);
FILE *const stdin = &std_in.xfile.cfile.file;
FILE *const stdout = &std_out.xfile.cfile.file;
FILE *const stderr = &std_err.xfile.cfile.file;

static char *no_env[] = { 0 };
char **environ = no_env;

static void
flush_std(void)
{
  fflush(stdout);
  fflush(stderr);
}

void __attribute__((noreturn))
__octopos_start(int argc, char **argv)
{
  if ((unsigned long)__tls_size > TLS_MAX) {
    static const char msg[] = "picolibc start: thread-local data larger than TLS_MAX\n";
    __sys_write(2, msg, sizeof(msg) - 1);
    __sys_exit(127);
  }
  _init_tls(tls_block);
  _set_tls(tls_block);
  atexit(flush_std);
  __libc_init_array();
  exit(main(argc, argv, environ));
}
