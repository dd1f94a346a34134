// user/usertests/t_pipe.c: pipe tests. xv6 semantics: a write with no reader
// returns -1, a read with no writer returns 0 (end of file), data arrives in
// order whatever the chunk sizes on either side.
#include "usertests.h"

void
t_pipebasic(void)
{
  int fds[2];
  static char buf[64];

  CHECK(pipe(fds) == 0, "pipe failed");
  CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1], "pipe fds %d %d", fds[0], fds[1]);
  xwrite(fds[1], "hello", 5);
  CHECK(read(fds[0], buf, 2) == 2 && buf[0] == 'h' && buf[1] == 'e', "short read wrong");
  CHECK(read(fds[0], buf, sizeof(buf)) == 3 && memcmp(buf, "llo", 3) == 0,
        "rest of the data wrong");
  CHECK(write(fds[0], "x", 1) == -1, "write to the read end succeeded");
  CHECK(read(fds[1], buf, 1) == -1, "read from the write end succeeded");
  CHECK(write(fds[1], buf, 0) == 0, "zero-length write returned non-zero");
  xclose(fds[0]);
  xclose(fds[1]);
}

// A child writes a numbered byte stream in odd chunk sizes; the parent reads
// it in other odd sizes and checks every byte.
void
t_pipebig(void)
{
  int fds[2];
  int total = nloops(16 * 1024, 256 * 1024);
  static char wbuf[1100], rbuf[1100];

  CHECK(pipe(fds) == 0, "pipe failed");
  int pid = xfork();
  if (pid == 0) {
    close(fds[0]);
    int sent = 0, chunk = 1;
    while (sent < total) {
      int n = chunk;
      if (n > total - sent)
        n = total - sent;
      for (int i = 0; i < n; i++)
        wbuf[i] = (char)((sent + i) * 13 + ((sent + i) >> 9));
      if (write(fds[1], wbuf, n) != n)
        fail("pipe write of %d at %d failed", n, sent);
      sent += n;
      chunk = (chunk * 7 + 13) % 1097 + 1;
    }
    exit(0);
  }
  close(fds[1]);
  int got = 0, want = 3, n;
  while ((n = read(fds[0], rbuf, want)) > 0) {
    for (int i = 0; i < n; i++)
      if (rbuf[i] != (char)((got + i) * 13 + ((got + i) >> 9)))
        fail("byte %d wrong", got + i);
    got += n;
    want = (want * 5 + 11) % 1031 + 1;
  }
  CHECK(n == 0, "pipe read returned %d", n);
  CHECK(got == total, "received %d bytes of %d", got, total);
  CHECK(xwait(pid) == 0, "writer failed");
  close(fds[0]);
}

void
t_pipenoreader(void)
{
  int fds[2];

  // With CONFIG_SIGNALS such a write also raises SIGPIPE (t_sigpipe);
  // ignored, the write just fails as in xv6. Without signals this fails.
  signal(SIGPIPE, SIG_IGN);
  CHECK(pipe(fds) == 0, "pipe failed");
  xclose(fds[0]);
  CHECK(write(fds[1], "x", 1) == -1, "write with no reader did not return -1");
  xclose(fds[1]);

  // A writer blocked on a full pipe wakes with -1 when the last reader goes.
  CHECK(pipe(fds) == 0, "pipe failed");
  int pid = xfork();
  if (pid == 0) {
    close(fds[0]);
    for (int i = 0; i < 100; i++)
      if (write(fds[1], ut_buf, 1024) == -1)
        exit(0);
    exit(1);
  }
  close(fds[1]);
  sleep(3);           // let the child fill the pipe and block
  close(fds[0]);
  int st = xwait(pid);
  CHECK(st == 0, "blocked writer did not get -1 after the reader closed");
}

void
t_pipenowriter(void)
{
  int fds[2];
  char c;

  CHECK(pipe(fds) == 0, "pipe failed");
  xclose(fds[1]);
  CHECK(read(fds[0], &c, 1) == 0, "read with no writer did not return 0");
  xclose(fds[0]);

  // A reader blocked on an empty pipe wakes with 0 when the writer exits.
  CHECK(pipe(fds) == 0, "pipe failed");
  int pid = xfork();
  if (pid == 0) {
    close(fds[0]);
    sleep(3);
    exit(0);
  }
  close(fds[1]);
  CHECK(read(fds[0], &c, 1) == 0, "blocked reader did not see end of file");
  xwait(pid);
  close(fds[0]);
}

void
t_pipebadptr(void)
{
  int before = lowest_free_fd();
  char *edge = heap_edge();
  static const unsigned long bad[] = {
    UT_KERNBASE, 0xffffffffffffffffUL, UT_MAXVA - UT_PGSIZE, UT_MAXVA, 0,
  };

  for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    CHECK(pipe((int *)bad[i]) == -1, "pipe(%p) did not fail", (void *)bad[i]);
  // Only the first int fits before the unmapped page.
  CHECK(pipe((int *)(edge + UT_PGSIZE - sizeof(int))) == -1,
        "pipe() straddling the end of the heap did not fail");
  CHECK(lowest_free_fd() == before, "failed pipe() calls leaked fds");
}
