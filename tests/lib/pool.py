# tests/lib/pool.py: run QEMU boots on a fixed number of worker threads,
# longest first.
#
# The host has 2 cores, so at most 2 guests run at once. Boots are queued by
# their worst-case length, so a long usertests run starts early and the short
# boots fill in around it instead of leaving it alone at the end.

import itertools
import queue
import threading


class Job:
  def __init__(self, fn):
    self.fn = fn
    self.done = threading.Event()
    self.result = None

  def wait(self):
    self.done.wait()
    return self.result


class Pool:
  def __init__(self, workers):
    self.q = queue.PriorityQueue()
    self.seq = itertools.count()
    self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(workers)]
    for t in self.threads:
      t.start()

  def submit(self, fn, cost=0):
    job = Job(fn)
    self.q.put((-cost, next(self.seq), job))
    return job

  def _work(self):
    while True:
      _, _, job = self.q.get()
      if job is None:
        return
      try:
        job.result = job.fn()
      except Exception as e:     # a driver bug must not hang the run
        job.result = e
      job.done.set()

  def close(self):
    for _ in self.threads:
      self.q.put((float("inf"), next(self.seq), None))
