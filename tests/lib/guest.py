# tests/lib/guest.py: drive a QEMU guest through its serial console.
#
# QEMU runs with -nographic, so the guest's UART is QEMU's stdin/stdout. A
# Guest keeps everything the guest printed (with \r dropped) in `text` and a
# read cursor `pos`; expect() searches only past the cursor and moves it past
# each match, so one line of output is never matched twice. Every expect()
# also watches for a kernel panic, so a dead guest fails at once instead of
# after its timeout. The whole boot has a hard deadline, after which QEMU is
# killed.

import codecs
import os
import re
import select
import subprocess
import time

PANIC = re.compile(r'(?:^|\n)(panic:[^\n]*)')


class GuestError(Exception):
  """A guest did not do what was expected. kind: timeout, exit, panic."""

  def __init__(self, kind, msg):
    Exception.__init__(self, msg)
    self.kind = kind


class Guest:
  def __init__(self, argv, log_path, deadline_s):
    self.argv = argv
    self.t0 = time.monotonic()
    self.deadline = self.t0 + deadline_s
    self.deadline_s = deadline_s
    self.log = open(log_path, "wb") if log_path else None
    if self.log:
      self.log.write(("# %s\n" % " ".join(argv)).encode())
    self.text = ""
    self.pos = 0
    self.rc = None
    self.eof = False
    self._panic_from = 0
    self._dec = codecs.getincrementaldecoder("utf-8")(errors="replace")
    self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, bufsize=0)

  def elapsed(self):
    return time.monotonic() - self.t0

  def _read(self, wait):
    """Read what the guest printed within `wait` seconds; note EOF."""
    if self.eof:
      time.sleep(min(wait, 0.05))
      return
    r, _, _ = select.select([self.p.stdout], [], [], max(wait, 0))
    if not r:
      return
    chunk = os.read(self.p.stdout.fileno(), 65536)
    if not chunk:
      self.eof = True
      try:
        self.rc = self.p.wait(5)
      except subprocess.TimeoutExpired:
        pass
      return
    if self.log:
      self.log.write(chunk)
      self.log.flush()
    self.text += self._dec.decode(chunk).replace("\r", "")

  def check_panic(self):
    # Look a little before the old end so a line split across reads is seen.
    m = PANIC.search(self.text, max(self._panic_from - 1, 0))
    if m:
      raise GuestError("panic", "kernel %s" % m.group(1).strip())
    self._panic_from = max(len(self.text) - 200, 0)

  def expect(self, pattern, timeout, fail=None, what=None):
    """Wait for regex `pattern` past the cursor; return the match.

    The cursor moves to the end of the match. `fail` is an optional regex
    that, if seen first, raises at once (e.g. "SOME TESTS FAILED").
    """
    rx = re.compile(pattern, re.M) if isinstance(pattern, str) else pattern
    frx = re.compile(fail, re.M) if isinstance(fail, str) else fail
    what = what or "/%s/" % rx.pattern
    end = min(time.monotonic() + timeout, self.deadline)
    fail_wait = None
    while True:
      self.check_panic()
      m = rx.search(self.text, self.pos)
      if m:
        self.pos = m.end()
        return m
      if frx:
        f = frx.search(self.text, self.pos)
        if f:
          # Report the whole line ("SOME TESTS FAILED: a b"): wait briefly for its end.
          line_end = self.text.find("\n", f.start())
          if line_end < 0 and not self.eof and fail_wait is None:
            fail_wait = time.monotonic() + 2
          if line_end >= 0 or self.eof or time.monotonic() >= fail_wait:
            raise GuestError("fail", "saw %r" % self.text[f.start():line_end if line_end >= 0 else None].strip())
      if self.eof:
        raise GuestError("exit", "QEMU exited (status %s) while waiting for %s" % (self.rc, what))
      left = end - time.monotonic()
      if left <= 0:
        if end >= self.deadline:
          raise GuestError("timeout", "hard timeout (%ds) while waiting for %s" % (self.deadline_s, what))
        raise GuestError("timeout", "%s not seen within %ds" % (what, timeout))
      self._read(min(left, 0.5))

  def since(self, start):
    return self.text[start:self.pos]

  def send(self, s):
    # Type slowly: a 16550 without a drained FIFO may drop bytes.
    try:
      for ch in s.encode():
        self.p.stdin.write(bytes([ch]))
        self.p.stdin.flush()
        time.sleep(0.002)
    except (BrokenPipeError, OSError):
      pass

  def wait_exit(self, timeout):
    """Read until QEMU exits or `timeout`; return its exit status or None."""
    end = min(time.monotonic() + timeout, self.deadline)
    while not self.eof and time.monotonic() < end:
      self._read(min(end - time.monotonic(), 0.5))
    if self.eof and self.rc is None:
      try:
        self.rc = self.p.wait(max(end - time.monotonic(), 1))
      except subprocess.TimeoutExpired:
        pass
    return self.rc

  def drain(self, wait=0.3):
    """Collect output that is still arriving (for the log and late lines)."""
    end = time.monotonic() + wait
    while not self.eof and time.monotonic() < end:
      self._read(end - time.monotonic())

  def where(self, elf):
    """After a hang: where every hart is, from QEMU's monitor (-nographic
    multiplexes it on the console: Ctrl-A c). One line, e.g. "hart 0 pc
    0x80201464 acquire (kernel/locking/spinlock_ticket.c:23); hart 1 ...",
    or why it could not be had. The guest is of no further use after this."""
    start = len(self.text)
    try:
      self.send("\x01c")
      self.send("info registers -a\n")
      end = time.monotonic() + 8
      while time.monotonic() < end and not self.eof:
        self._read(0.3)
    except OSError as e:
      return "no monitor: %s" % e
    dump = self.text[start:]
    pcs = re.findall(r"CPU#(\d+)[^#]*?\n pc\s+([0-9a-f]+)", dump)
    if not pcs:
      return "no register dump from QEMU's monitor"
    names = {}
    kernel = [pc for _, pc in pcs if int(pc, 16) >= 0x80000000]
    if kernel and elf and os.path.isfile(elf):
      try:
        out = subprocess.run(["riscv64-unknown-elf-addr2line", "-f", "-e", elf] + ["0x" + pc for pc in kernel],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True, timeout=30).stdout.split("\n")
        for i, pc in enumerate(kernel):
          fn, line = out[2 * i:2 * i + 2]
          names[pc] = "%s (%s)" % (fn, re.sub(r"^.*?/(?=(arch|kernel|mm|fs|drivers|lib|include)/)", "", line))
      except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return "; ".join("hart %s pc 0x%s %s" % (cpu, pc.lstrip("0"),
                                             names.get(pc, "user" if int(pc, 16) < 0x80000000 else ""))
                     for cpu, pc in pcs)

  def close(self):
    """Kill QEMU if still running; close the log."""
    if self.p.poll() is None:
      self.p.kill()
    try:
      self.p.wait(10)
    except subprocess.TimeoutExpired:
      pass
    for f in (self.p.stdin, self.p.stdout):
      try:
        f.close()
      except OSError:
        pass
    if self.log:
      self.log.close()
      self.log = None
