// tests/host/include/host_test.h: helpers for host unit tests (cmocka).
//
// Include after <cmocka.h>. See docs/testing-host.md for how a *_test.c
// file declares the kernel sources and configuration it needs.
#ifndef HOST_TEST_H
#define HOST_TEST_H
#include <setjmp.h>
#include <stddef.h>

extern jmp_buf *host_panic_jmp;   // EXPECT_PANIC's landing site, or NULL
extern char host_panic_msg[512];  // the last panic's message
extern char host_log[16384];      // kernel printf output since host_log_clear()
extern int host_cpuid;            // what cpuid() returns

void  host_log_clear(void);
// size bytes aligned to align (a power of two, >= 4096); free() it.
void *host_arena(size_t size, size_t align);

// Run stmt, which must panic; the test fails if it returns. Afterwards
// host_panic_msg and host_log hold what the kernel said.
#define EXPECT_PANIC(stmt) do {                                   \
    jmp_buf host_jb_;                                             \
    host_log_clear();                                             \
    host_panic_msg[0] = '\0';                                     \
    host_panic_jmp = &host_jb_;                                   \
    if (setjmp(host_jb_) == 0) {                                  \
      stmt;                                                       \
      host_panic_jmp = NULL;                                      \
      fail_msg("expected a panic from: %s", #stmt);               \
    }                                                             \
    host_panic_jmp = NULL;                                        \
  } while (0)

#endif
