// drivers/of/fdt.c: the flattened devicetree (FDT) parser.
//
// The boot loader leaves a devicetree blob in a1. fdt_parse() checks the
// header (magic, version, every block inside totalsize), then walks the
// structure block once, checking each token before it reads past it, and
// records what the kernel needs in `fdt`: memory, the timebase, the harts
// and every device node with a compatible property. Nothing else in the
// kernel reads the blob.
//
// Node names and compatible lists are copied into a small pool here, so the
// blob's memory may be reused once fdt_parse() returns.
//
// The walk relies on the spec's rule that a node's properties come before
// its subnodes: a node is complete when its first child or its END_NODE
// arrives, and it is recorded then (so fdt.nodes[] is in blob order).
// #address-cells and #size-cells of a node apply to its children's reg.

#include <octopos/fdt.h>
#include <octopos/fdt_irq.h>
#include <octopos/errno.h>
#include <octopos/printk.h>
#include <octopos/string.h>

#define FDT_MAGIC       0xd00dfeed
#define FDT_BEGIN_NODE  1
#define FDT_END_NODE    2
#define FDT_PROP        3
#define FDT_NOP         4
#define FDT_END         9

#define FDT_HDR_V16     36          // header bytes up to size_dt_strings
#define FDT_HDR_V17     40          // ... and size_dt_struct
#define FDT_MAX_SIZE    (4u << 20)  // refuse larger blobs: a corrupt totalsize must not send us far
#define FDT_MAX_DEPTH   16
#define FDT_POOL_SIZE   4096        // names and compatible lists of recorded nodes

struct fdt_info fdt;

// Why a blob is rejected or a node ignored. Without CONFIG_FDT_DIAGNOSTICS
// the checks stay and reject the same blobs, but the messages are not
// compiled in: the caller's "the devicetree is invalid" is all that is said.
#define fdt_msg(...) \
  do { \
    if (IS_ENABLED(CONFIG_FDT_DIAGNOSTICS)) \
      printf(__VA_ARGS__); \
  } while (0)

// Copies of strings the recorded nodes point to.
static char pool[FDT_POOL_SIZE];
static int pool_used;

// Interrupt wiring for fdt_irq_context(): the phandle of each hart's
// interrupt controller, and the interrupts-extended cells of the first
// few device nodes that have them.
#define FDT_IRQX_NODES 4
#define FDT_IRQX_CELLS (4 * FDT_MAX_HARTS)
static uint32 hart_intc[FDT_MAX_HARTS];
// Every cpu's local interrupt controller, used hart or not: a PLIC's
// interrupts-extended also names harts the kernel skips (sifive_u's E51,
// which has no MMU, comes first), and their pairs must be stepped over.
#define FDT_MAX_INTC 16
static uint32 any_intc[FDT_MAX_INTC];
static int nany_intc;
static struct {
  int node;                         // index into fdt.nodes
  int ncells;
  uint32 cells[FDT_IRQX_CELLS];
} irqx[FDT_IRQX_NODES];
static int nirqx;

// What the parser cares about in a node.
enum kind { K_ROOT, K_CPUS, K_CPU, K_CPU_INTC, K_MEMORY, K_CHOSEN, K_DEVICE, K_SKIP };

// A property seen but not yet used: value and length.
struct val {
  const uchar *p;
  int len;
};

// One open node on the walk's stack.
struct level {
  enum kind kind;
  const char *name;
  int committed;                    // recorded (a child or END_NODE arrived)
  uint32 addr_cells, size_cells;    // for this node's children
  uint32 phandle;
  uint32 path_hash;                 // of the full path (SERIAL_STDOUT_PATH)
  int hart;                         // K_CPU: index in fdt.harts, or -1
  int node;                         // K_DEVICE: 1 + its index in fdt.nodes once recorded, else 0
                                    // (CONFIG_SPI only)
  struct val compatible, reg, interrupts, irqx, status, device_type;
  struct val isa, isa_ext, timebase, bootargs, mmu_type;
};

struct parser {
  const uchar *st;                  // structure block
  uint32 st_size;
  const char *strs;                 // strings block
  uint32 str_size;
  int depth;                        // open nodes
  struct level lv[FDT_MAX_DEPTH];
};

static uint32
be32(const uchar *p)
{
  return ((uint32)p[0] << 24) | ((uint32)p[1] << 16) | ((uint32)p[2] << 8) | p[3];
}

// n (1 or 2) big-endian cells as one number.
static uint64
cells(const uchar *p, uint32 n)
{
  uint64 v = 0;
  for (uint32 i = 0; i < n; i++)
    v = (v << 32) | be32(p + 4 * i);
  return v;
}

static int
startswith(const char *s, const char *prefix)
{
  while (*prefix)
    if (*s++ != *prefix++)
      return 0;
  return 1;
}

// Is v a well-formed string (list): non-empty and NUL-terminated?
static int
is_string(const struct val *v)
{
  return v->len > 0 && v->p[v->len - 1] == '\0';
}

// Does the NUL-separated list v contain word? With sep, also look for word
// as one of the sep-separated parts of each string (riscv,isa "..._sstc").
static int
list_has(const struct val *v, const char *word, char sep)
{
  int wl = strlen(word);
  const char *s = (const char *)v->p;
  const char *end = s + v->len;
  while (s < end) {
    const char *t = s;
    while (t < end) {
      const char *u = t;
      while (u < end && *u && *u != sep)
        u++;
      if (u - t == wl && strncmp(t, word, wl) == 0)
        return 1;
      if (u >= end || *u == '\0' || sep == 0)
        break;
      t = u + 1;
    }
    s += strlen(s) + 1;
  }
  return 0;
}

// Copy len bytes (a string or string list, NUL included) into the pool.
static const char *
pool_copy(const void *src, int len)
{
  if (pool_used + len > FDT_POOL_SIZE)
    return NULL;
  char *d = pool + pool_used;
  memmove(d, src, len);
  pool_used += len;
  return d;
}

static int
status_okay(const struct val *st)
{
  if (st->p == NULL)
    return 1;
  const char *s = (const char *)st->p;
  return streq(s, "okay") || streq(s, "ok");
}

// The first (address, size) pair of reg, read with the parent's cell
// counts. Returns 0, or -1 when there is none we can represent.
static int
first_reg(const struct level *parent, const struct val *reg, uint64 *base, uint64 *size)
{
  uint32 ac = parent->addr_cells, sc = parent->size_cells;
  *base = *size = 0;
  if (reg->p == NULL || ac < 1 || ac > 2 || sc > 2)
    return -1;
  if ((uint32)reg->len < 4 * (ac + sc))
    return -1;
  *base = cells(reg->p, ac);
  *size = sc ? cells(reg->p + 4 * ac, sc) : 0;
  return 0;
}

// Properties take_prop() keeps as a struct val, one table of names (one
// string, NUL-separated: smaller than a chain of comparisons) and one of
// where each goes.
static const char val_names[] =
  "compatible\0reg\0interrupts\0interrupts-extended\0status\0device_type\0"
  "riscv,isa\0riscv,isa-extensions\0timebase-frequency\0bootargs\0mmu-type";
#define SLOT(f) __builtin_offsetof(struct level, f)
static const uchar val_slot[] = {
  SLOT(compatible), SLOT(reg), SLOT(interrupts), SLOT(irqx), SLOT(status),
  SLOT(device_type), SLOT(isa), SLOT(isa_ext), SLOT(timebase), SLOT(bootargs),
  SLOT(mmu_type),
};
_Static_assert(sizeof(struct level) <= 255, "val_slot offsets must fit a byte");

// Check the value types of the properties we use. 0 or -EINVAL.
static int
check_props(const struct level *l, const struct level *parent)
{
  const struct val *strs[] = { &l->compatible, &l->status, &l->device_type,
                               &l->isa, &l->isa_ext, &l->bootargs };
  const char *names[] = { "compatible", "status", "device_type",
                          "riscv,isa", "riscv,isa-extensions", "bootargs" };
  for (uint i = 0; i < ARRAY_SIZE(strs); i++) {
    if (strs[i]->p && !is_string(strs[i])) {
      fdt_msg("fdt: node '%s': property %s is not a string\n", l->name, names[i]);
      return -EINVAL;
    }
  }
  if (l->reg.p && parent && parent->addr_cells + parent->size_cells > 0 &&
      (uint32)l->reg.len % (4 * (parent->addr_cells + parent->size_cells)) != 0) {
    fdt_msg("fdt: node '%s': reg is %d bytes, not a multiple of %u cells\n",
           l->name, l->reg.len, parent->addr_cells + parent->size_cells);
    return -EINVAL;
  }
  if (l->timebase.p && l->timebase.len != 4 && l->timebase.len != 8) {
    fdt_msg("fdt: node '%s': timebase-frequency has %d bytes\n", l->name, l->timebase.len);
    return -EINVAL;
  }
  return 0;
}

static void
record_device(struct level *l)
{
  static int warned;
  const struct level *parent = l - 1;
  if (fdt.nnodes == FDT_MAX_NODES) {
    if (!warned)
      fdt_msg("fdt: more than %d device nodes; ignoring '%s' and later ones\n",
             FDT_MAX_NODES, l->name);
    warned = 1;
    return;
  }
  struct dt_node *n = &fdt.nodes[fdt.nnodes];
  int save = pool_used;
  n->name = pool_copy(l->name, strlen(l->name) + 1);
  n->compatible = pool_copy(l->compatible.p, l->compatible.len);
  if (n->name == NULL || n->compatible == NULL) {
    pool_used = save;
    if (!warned)
      fdt_msg("fdt: name pool full; ignoring '%s' and later nodes\n", l->name);
    warned = 1;
    return;
  }
  n->compatible_len = l->compatible.len;
  if (IS_ENABLED(CONFIG_SPI)) {   // devices on a SPI bus find their controller
    n->parent = parent->node;
    l->node = fdt.nnodes + 1;
  }
  first_reg(parent, &l->reg, &n->reg_base, &n->reg_size);
  n->irq = l->interrupts.len >= 4 ? (int)be32(l->interrupts.p) : -1;
  n->enabled = status_okay(&l->status);
  if (IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH))
    n->path_hash = l->path_hash;
  if (l->irqx.len >= 4 && nirqx < FDT_IRQX_NODES) {
    irqx[nirqx].node = fdt.nnodes;
    irqx[nirqx].ncells = MIN(l->irqx.len / 4, FDT_IRQX_CELLS);
    for (int i = 0; i < irqx[nirqx].ncells; i++)
      irqx[nirqx].cells[i] = be32(l->irqx.p + 4 * i);
    nirqx++;
  }
  fdt.nnodes++;
}

static void
record_hart(struct level *l)
{
  static int warned;
  uint64 id, unused;
  if (l->device_type.p && !streq((const char *)l->device_type.p, "cpu"))
    return;
  if (first_reg(l - 1, &l->reg, &id, &unused) < 0) {
    fdt_msg("fdt: cpu node '%s' has no usable reg; ignored\n", l->name);
    return;
  }
  if (fdt.timebase == 0 && l->timebase.p)
    fdt.timebase = cells(l->timebase.p, l->timebase.len / 4);
  // Only harts the kernel may run on are recorded: one disabled, or
  // without an MMU (a monitor core such as the FU540's E51: this kernel
  // pages from the start), is never started or counted.
  if (!status_okay(&l->status) || l->mmu_type.p == NULL)
    return;
  if (fdt.nharts == FDT_MAX_HARTS) {
    if (!warned)
      fdt_msg("fdt: more than %d harts; ignoring the rest\n", FDT_MAX_HARTS);
    warned = 1;
    return;
  }
  l->hart = fdt.nharts;
  struct fdt_hart *h = &fdt.harts[fdt.nharts++];
  h->hartid = id;
  h->has_sstc = (l->isa.p && list_has(&l->isa, "sstc", '_')) ||
                (l->isa_ext.p && list_has(&l->isa_ext, "sstc", 0));
}

// Node l is complete: check it and record what it says. 0 or -EINVAL.
static int
commit(struct parser *ps, struct level *l)
{
  struct level *parent = l == ps->lv ? NULL : l - 1;
  uint64 base, size;

  if (l->committed)
    return 0;
  l->committed = 1;
  if (check_props(l, parent) < 0)
    return -EINVAL;

  switch (l->kind) {
  case K_CPUS:
    if (l->timebase.p)
      fdt.timebase = cells(l->timebase.p, l->timebase.len / 4);
    break;
  case K_CPU:
    record_hart(l);
    break;
  case K_CPU_INTC:
    // The cpu node was recorded when this, its child, began. Only a PLIC
    // asks (fdt_irq_context); tiny kernels without one keep the bytes.
    if (!IS_ENABLED(CONFIG_IRQCHIP_PLIC))
      break;
    if (parent->hart >= 0)
      hart_intc[parent->hart] = l->phandle;
    if (nany_intc < FDT_MAX_INTC)
      any_intc[nany_intc++] = l->phandle;
    break;
  case K_MEMORY:
    if (fdt.mem_size == 0 && first_reg(parent, &l->reg, &base, &size) == 0) {
      fdt.mem_base = base;
      fdt.mem_size = size;
    }
    break;
  case K_CHOSEN:
    if (IS_ENABLED(CONFIG_BOOT_CMDLINE) && l->bootargs.p)   // only the command line asks
      fdt.bootargs_len = l->bootargs.len - 1;
    if (l->bootargs.p)
      safestrcpy(fdt.bootargs, (const char *)l->bootargs.p, sizeof(fdt.bootargs));
    break;
  case K_DEVICE:
    if (l->compatible.p)
      record_device(l);
    break;
  default:
    break;
  }
  return 0;
}

// Classify a new node from its name and its parent.
static enum kind
classify(const struct level *parent, const char *name)
{
  if (parent == NULL)
    return K_ROOT;
  switch (parent->kind) {
  case K_ROOT:
    if (streq(name, "cpus"))
      return K_CPUS;
    if (streq(name, "chosen"))
      return K_CHOSEN;
    if (streq(name, "memory") || startswith(name, "memory@"))
      return K_MEMORY;
    return K_DEVICE;
  case K_CPUS:
    return startswith(name, "cpu@") || streq(name, "cpu") ? K_CPU : K_SKIP;
  case K_CPU:
    return streq(name, "interrupt-controller") ? K_CPU_INTC : K_SKIP;
  case K_DEVICE:
  case K_MEMORY:
  case K_CHOSEN:
    return K_DEVICE;
  default:
    return K_SKIP;
  }
}

// Remember a property of the innermost open node.
static int
take_prop(struct parser *ps, const char *pname, const uchar *v, uint32 len)
{
  struct level *l = &ps->lv[ps->depth - 1];
  struct val val = { v, (int)len };

  // /chosen's stdout-path and /aliases, for the console (fdt_stdout.c).
  if (IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH) &&
      (l->kind == K_CHOSEN || (ps->depth == 2 && streq(l->name, "aliases"))))
    fdt_stdout_prop(l->kind == K_CHOSEN, pname, v, len);

  if (streq(pname, "#address-cells") || streq(pname, "#size-cells")) {
    if (len != 4) {
      fdt_msg("fdt: node '%s': %s has %u bytes, want 4\n", l->name, pname, len);
      return -EINVAL;
    }
    if (pname[1] == 'a')
      l->addr_cells = be32(v);
    else
      l->size_cells = be32(v);
  } else if (streq(pname, "phandle") && len == 4) {
    l->phandle = be32(v);
  } else {
    // The rest are kept as they are: look the name up in val_names, whose
    // n-th string is the property stored in val_slot[n] of the level.
    const char *s = val_names;
    for (uint i = 0; i < ARRAY_SIZE(val_slot); i++, s += strlen(s) + 1) {
      if (streq(pname, s)) {
        *(struct val *)((char *)l + val_slot[i]) = val;
        break;
      }
    }
  }
  if (l->kind == K_MEMORY && l->device_type.p && is_string(&l->device_type) &&
      !streq((const char *)l->device_type.p, "memory"))
    l->kind = K_DEVICE;
  return 0;
}

// Walk the structure block. 0 or -EINVAL with a message.
static int
fdt_walk(struct parser *ps)
{
  uint32 pos = 0, end = ps->st_size;
  int seen_root = 0;

  for (;;) {
    if (pos + 4 > end) {
      fdt_msg("fdt: structure block ends without FDT_END\n");
      return -EINVAL;
    }
    uint32 tok = be32(ps->st + pos);
    uint32 at = pos;
    pos += 4;

    switch (tok) {
    case FDT_BEGIN_NODE: {
      const char *name = (const char *)ps->st + pos;
      uint32 n = 0;
      while (pos + n < end && name[n] != '\0')
        n++;
      if (pos + n >= end) {
        fdt_msg("fdt: node name at offset %u runs off the structure block\n", pos);
        return -EINVAL;
      }
      pos = (pos + n + 1 + 3) & ~3u;
      if (ps->depth == 0 && (seen_root || n != 0)) {
        fdt_msg("fdt: %s at offset %u\n", seen_root ? "second root node" : "root node has a name", at);
        return -EINVAL;
      }
      if (ps->depth == FDT_MAX_DEPTH) {
        fdt_msg("fdt: nodes nested deeper than %d at '%s'\n", FDT_MAX_DEPTH, name);
        return -EINVAL;
      }
      struct level *parent = ps->depth ? &ps->lv[ps->depth - 1] : NULL;
      if (parent && commit(ps, parent) < 0)
        return -EINVAL;
      struct level *l = &ps->lv[ps->depth++];
      memset(l, 0, sizeof(*l));
      l->name = n ? name : "/";
      l->kind = classify(parent, name);
      l->addr_cells = 2;            // the spec's defaults
      l->size_cells = 1;
      l->hart = -1;
      if (IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH))
        l->path_hash = parent ? fdt_path_hash(fdt_path_hash(parent->path_hash, "/", 1), name, n)
                              : FDT_PATH_HASH_ROOT;
      seen_root = 1;
      break;
    }
    case FDT_END_NODE:
      if (ps->depth == 0) {
        fdt_msg("fdt: unbalanced END_NODE at offset %u\n", at);
        return -EINVAL;
      }
      if (commit(ps, &ps->lv[ps->depth - 1]) < 0)
        return -EINVAL;
      ps->depth--;
      break;
    case FDT_PROP: {
      if (ps->depth == 0) {
        fdt_msg("fdt: property outside any node at offset %u\n", at);
        return -EINVAL;
      }
      if (pos + 8 > end) {
        fdt_msg("fdt: property header at offset %u runs off the structure block\n", at);
        return -EINVAL;
      }
      uint32 len = be32(ps->st + pos), nameoff = be32(ps->st + pos + 4);
      pos += 8;
      if ((uint64)pos + len > end) {
        fdt_msg("fdt: property at offset %u: length %u runs off the structure block\n", at, len);
        return -EINVAL;
      }
      if (nameoff >= ps->str_size) {
        fdt_msg("fdt: property at offset %u: name offset %u outside strings block\n", at, nameoff);
        return -EINVAL;
      }
      const char *pname = ps->strs + nameoff;
      uint32 k = nameoff;
      while (k < ps->str_size && ps->strs[k] != '\0')
        k++;
      if (k == ps->str_size) {
        fdt_msg("fdt: property name at strings offset %u is not terminated\n", nameoff);
        return -EINVAL;
      }
      struct level *l = &ps->lv[ps->depth - 1];
      if (l->committed) {
        fdt_msg("fdt: node '%s': property %s after a subnode\n", l->name, pname);
        return -EINVAL;
      }
      if (take_prop(ps, pname, ps->st + pos, len) < 0)
        return -EINVAL;
      pos = (pos + len + 3) & ~3u;
      break;
    }
    case FDT_NOP:
      break;
    case FDT_END:
      if (ps->depth != 0 || !seen_root) {
        fdt_msg("fdt: FDT_END with %d nodes open\n", ps->depth);
        return -EINVAL;
      }
      return 0;
    default:
      fdt_msg("fdt: bad token 0x%x at structure offset %u\n", tok, at);
      return -EINVAL;
    }
    if (pos > end) {
      fdt_msg("fdt: token at offset %u runs off the structure block\n", at);
      return -EINVAL;
    }
  }
}

// Is [off, off+size) inside a blob of total bytes?
static int
inside(uint32 off, uint32 size, uint32 total)
{
  return (uint64)off + size <= total;
}

// Check the header and the memory reservation map. Fills ps. 0 or -EINVAL.
static int
check_header(const uchar *b, struct parser *ps)
{
  uint32 magic = be32(b);
  if (magic != FDT_MAGIC) {
    fdt_msg("fdt: bad magic 0x%x at %p (want 0x%x)\n", magic, b, FDT_MAGIC);
    return -EINVAL;
  }
  uint32 total = be32(b + 4), off_st = be32(b + 8), off_str = be32(b + 12);
  uint32 off_rsv = be32(b + 16), version = be32(b + 20), last_comp = be32(b + 24);
  if (version < 16 || last_comp > 17) {
    fdt_msg("fdt: version %u (compatible with %u); need 16 or 17\n", version, last_comp);
    return -EINVAL;
  }
  uint32 hdr = version >= 17 ? FDT_HDR_V17 : FDT_HDR_V16;
  if (total < hdr || total > FDT_MAX_SIZE) {
    fdt_msg("fdt: totalsize %u out of range [%u, %u]\n", total, hdr, FDT_MAX_SIZE);
    return -EINVAL;
  }
  uint32 size_str = be32(b + 32);
  uint32 size_st = version >= 17 ? be32(b + 36) : total - off_st;
  if (off_st < hdr || off_str < hdr || off_rsv < hdr || (off_st & 3) || (off_rsv & 7) ||
      !inside(off_st, size_st, total) || !inside(off_str, size_str, total) ||
      !inside(off_rsv, 16, total)) {
    fdt_msg("fdt: blocks outside the blob (total %u: struct %u+%u strings %u+%u rsvmap %u)\n",
           total, off_st, size_st, off_str, size_str, off_rsv);
    return -EINVAL;
  }
  // The reservation map ends with a (0, 0) entry; we only check it is there.
  for (uint32 o = off_rsv;; o += 16) {
    if (!inside(o, 16, total)) {
      fdt_msg("fdt: memory reservation map is not terminated\n");
      return -EINVAL;
    }
    if (cells(b + o, 2) == 0 && cells(b + o + 8, 2) == 0)
      break;
  }
  ps->st = b + off_st;
  ps->st_size = size_st;
  ps->strs = (const char *)b + off_str;
  ps->str_size = size_str;
  return 0;
}

int
fdt_parse(const void *blob)
{
  static struct parser ps;          // too big for a boot stack
  const uchar *b = blob;

  memset(&fdt, 0, sizeof(fdt));
  memset(&ps, 0, sizeof(ps));
  memset(hart_intc, 0, sizeof(hart_intc));
  nany_intc = 0;
  pool_used = 0;
  nirqx = 0;
  if (IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH))
    fdt_stdout_reset();

  if (b == NULL || ((uint64)b & 3)) {
    fdt_msg("fdt: no devicetree (blob address %p)\n", b);
    return -EINVAL;
  }
  if (check_header(b, &ps) < 0 || fdt_walk(&ps) < 0)
    goto bad;
  if (fdt.mem_size == 0) {
    fdt_msg("fdt: no memory node\n");
    goto bad;
  }
  if (fdt.nharts == 0) {
    fdt_msg("fdt: no usable hart under /cpus (each needs status okay and an mmu-type)\n");
    goto bad;
  }
  if (fdt.timebase == 0) {
    fdt_msg("fdt: /cpus has no timebase-frequency (or it is 0)\n");
    goto bad;
  }
  if (IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH))
    fdt_stdout_resolve();   // while the blob's strings are still there
  return 0;

bad:
  memset(&fdt, 0, sizeof(fdt));
  nirqx = 0;
  return -EINVAL;
}

int
fdt_hart_index(uint64 hartid)
{
  for (int i = 0; i < fdt.nharts; i++)
    if (fdt.harts[i].hartid == hartid)
      return i;
  return -1;
}

int
fdt_is_compatible(const struct dt_node *n, const char *compat)
{
  if (n->compatible == NULL)
    return 0;
  struct val v = { (const uchar *)n->compatible, n->compatible_len };
  return list_has(&v, compat, 0);
}

const struct dt_node *
fdt_find_compatible(const char *compat)
{
  for (int i = 0; i < fdt.nnodes; i++)
    if (fdt.nodes[i].enabled && fdt_is_compatible(&fdt.nodes[i], compat))
      return &fdt.nodes[i];
  return NULL;
}

int
fdt_irq_context(const struct dt_node *ctl, uint hartid, uint cause)
{
  int hart = -1;
  for (int i = 0; i < fdt.nharts; i++)
    if (fdt.harts[i].hartid == hartid)
      hart = i;
  if (hart < 0 || hart_intc[hart] == 0)
    return -ENOENT;
  for (int k = 0; k < nirqx; k++) {
    if (&fdt.nodes[irqx[k].node] != ctl)
      continue;
    // (phandle, cause) pairs: a hart's local interrupt controller has
    // #interrupt-cells = 1. Stop at a phandle that is not one of those,
    // since we could not know its cell count.
    for (int c = 0; c + 1 < irqx[k].ncells; c += 2) {
      uint32 ph = irqx[k].cells[c];
      int known = 0;
      for (int i = 0; i < nany_intc; i++)
        known |= any_intc[i] == ph;
      if (!known)
        return -ENOENT;
      if (ph == hart_intc[hart] && irqx[k].cells[c + 1] == cause)
        return c / 2;
    }
  }
  return -ENOENT;
}
