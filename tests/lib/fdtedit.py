# tests/lib/fdtedit.py: read, change and write a flattened devicetree blob.
#
# The boot tests give the guest a board description that differs from
# QEMU's own (a device moved to where nothing answers, a node removed), so
# they need to edit the blob QEMU dumps with -machine virt,dumpdtb=FILE.
# This is the Python standard library only, so the tests need no dtc: parse
# the structure block into a tree of Nodes, change it, and write a new blob
# (version 17, strings deduplicated, memory reservations kept).

import struct

MAGIC = 0xd00dfeed
BEGIN_NODE, END_NODE, PROP, NOP, END = 1, 2, 3, 4, 9


class FdtError(Exception):
  pass


class Node:
  def __init__(self, name, props=None, children=None):
    self.name = name
    self.props = props if props is not None else []   # [[name, bytes]]
    self.children = children if children is not None else []

  def prop(self, name):
    for p in self.props:
      if p[0] == name:
        return p[1]
    return None

  def set(self, name, value):
    """Set property `name` to bytes, a str (NUL-terminated) or a list of u32s."""
    if isinstance(value, str):
      value = value.encode() + b"\0"
    elif isinstance(value, (list, tuple)):
      value = b"".join(struct.pack(">I", v) for v in value)
    for p in self.props:
      if p[0] == name:
        p[1] = value
        return
    self.props.append([name, value])

  def child(self, name):
    for c in self.children:
      if c.name == name:
        return c
    return None

  def walk(self, path=""):
    """(path, node) for this node and every node below it."""
    here = path + "/" + self.name if path != "/" and self.name else "/" + self.name
    yield here, self
    for c in self.children:
      for x in c.walk(here):
        yield x

  def compatible(self):
    v = self.prop("compatible") or b""
    return [s.decode(errors="replace") for s in v.split(b"\0") if s]


class Fdt:
  def __init__(self, root, rsvmap, boot_cpuid):
    self.root = root
    self.rsvmap = rsvmap            # [(address, size)]
    self.boot_cpuid = boot_cpuid

  def find(self, path):
    n = self.root
    for part in [p for p in path.split("/") if p]:
      n = n.child(part)
      if n is None:
        raise FdtError("no node %s" % path)
    return n

  def parent_of(self, node):
    for _, n in self.root.walk():
      if node in n.children:
        return n
    raise FdtError("node %s has no parent" % node.name)

  def by_compatible(self, compat):
    return [n for _, n in self.root.walk() if compat in n.compatible()]

  def remove(self, node):
    self.parent_of(node).children.remove(node)


def _cstr(buf, off):
  end = buf.find(b"\0", off)
  if end < 0:
    raise FdtError("unterminated string at %d" % off)
  return buf[off:end].decode(errors="replace"), end + 1


def parse(blob):
  if len(blob) < 40:
    raise FdtError("blob shorter than its header")
  (magic, total, off_struct, off_strings, off_rsv, version, _last, cpuid,
   size_strings, size_struct) = struct.unpack_from(">10I", blob, 0)
  if magic != MAGIC or total > len(blob) or version < 16:
    raise FdtError("not a devicetree blob (magic 0x%x, size %d, version %d)" % (magic, total, version))
  strings = blob[off_strings:off_strings + size_strings]
  rsv, off = [], off_rsv
  while True:
    addr, size = struct.unpack_from(">QQ", blob, off)
    off += 16
    if addr == 0 and size == 0:
      break
    rsv.append((addr, size))
  off, end = off_struct, off_struct + (size_struct if version >= 17 else total)
  stack, root = [], None
  while off < end:
    (tok,) = struct.unpack_from(">I", blob, off)
    off += 4
    if tok == BEGIN_NODE:
      name, off = _cstr(blob, off)
      off = (off + 3) & ~3
      n = Node(name)
      if stack:
        stack[-1].children.append(n)
      elif root is None:
        root = n
      else:
        raise FdtError("two root nodes")
      stack.append(n)
    elif tok == END_NODE:
      if not stack:
        raise FdtError("END_NODE outside a node")
      stack.pop()
    elif tok == PROP:
      ln, nameoff = struct.unpack_from(">II", blob, off)
      off += 8
      if not stack:
        raise FdtError("property outside a node")
      name, _ = _cstr(strings, nameoff)
      stack[-1].props.append([name, blob[off:off + ln]])
      off = (off + ln + 3) & ~3
    elif tok == NOP:
      continue
    elif tok == END:
      break
    else:
      raise FdtError("bad token 0x%x at %d" % (tok, off - 4))
  if root is None or stack:
    raise FdtError("structure block does not close its nodes")
  return Fdt(root, rsv, cpuid)


def dump(fdt):
  """The blob for `fdt`."""
  strings, stroff = bytearray(), {}
  body = bytearray()

  def u32(v):
    body.extend(struct.pack(">I", v))

  def pad():
    while len(body) % 4:
      body.append(0)

  def emit(n):
    u32(BEGIN_NODE)
    body.extend(n.name.encode() + b"\0")
    pad()
    for name, value in n.props:
      if name not in stroff:
        stroff[name] = len(strings)
        strings.extend(name.encode() + b"\0")
      u32(PROP)
      u32(len(value))
      u32(stroff[name])
      body.extend(value)
      pad()
    for c in n.children:
      emit(c)
    u32(END_NODE)

  emit(fdt.root)
  u32(END)
  rsv = b"".join(struct.pack(">QQ", a, s) for a, s in fdt.rsvmap) + struct.pack(">QQ", 0, 0)
  off_rsv = 40
  off_struct = off_rsv + len(rsv)
  off_strings = off_struct + len(body)
  total = off_strings + len(strings)
  head = struct.pack(">10I", MAGIC, total, off_struct, off_strings, off_rsv, 17, 16,
                     fdt.boot_cpuid, len(strings), len(body))
  return head + rsv + bytes(body) + bytes(strings)
