// tests/host/host_shim.c: what kernel code under host test links against.
//
// Kernel printf is captured into host_log; panic either longjmps to the
// test's EXPECT_PANIC or fails the running cmocka test with the message.
// Linked into every host test by scripts/host-tests.sh.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <octopos/printk.h>
#include <octopos/string.h>
#include "host_test.h"

jmp_buf *host_panic_jmp;
char host_panic_msg[512];
char host_log[16384];
int host_cpuid;
volatile int panicked;

static size_t host_log_len;

// Unbuffered stdout keeps cmocka's results in order with stderr.
__attribute__((constructor)) static void
host_shim_setup(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
}

void
host_log_clear(void)
{
  host_log_len = 0;
  host_log[0] = '\0';
}

int
host_printf(const char *fmt, ...)
{
  va_list ap;
  size_t room = sizeof(host_log) - host_log_len;

  va_start(ap, fmt);
  int n = vsnprintf(host_log + host_log_len, room, fmt, ap);
  va_end(ap);
  if (n > 0)
    host_log_len += (size_t)n < room ? (size_t)n : room - 1;
  if (getenv("HOST_TEST_VERBOSE") != NULL) {
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
  }
  return n;
}

void
panic(const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(host_panic_msg, sizeof(host_panic_msg), fmt, ap);
  va_end(ap);
  if (host_panic_jmp != NULL) {
    jmp_buf *jb = host_panic_jmp;
    host_panic_jmp = NULL;
    longjmp(*jb, 1);
  }
  fail_msg("unexpected panic: %s", host_panic_msg);
  abort();
}

char *
safestrcpy(char *s, const char *t, int n)
{
  if (n <= 0)
    return s;
  strncpy(s, t, n - 1);
  s[n - 1] = '\0';
  return s;
}

void *
host_arena(size_t size, size_t align)
{
  void *p = aligned_alloc(align, (size + align - 1) & ~(align - 1));
  if (p == NULL)
    fail_msg("host_arena: out of host memory for %zu bytes", size);
  return p;
}
