// include/octopos/fdt.h: the flattened devicetree (drivers/of/fdt.c).
//
// fdt_parse() validates the blob the boot loader left in a1 (header magic,
// version, sizes and offsets inside totalsize, tokens well-formed, strings
// terminated) and records what the kernel needs; nothing else reads the blob.
#ifndef OCTOPOS_FDT_H
#define OCTOPOS_FDT_H
#include <octopos/types.h>

#define FDT_MAX_NODES 64
#define FDT_MAX_HARTS 8

struct dt_node {
  const char *name;           // node name with unit address, e.g. "uart@10000000"
  const char *compatible;     // NUL-separated list (points into the blob), or NULL
  int compatible_len;
  int parent;                 // 1 + index in nodes of the device node it sits in; 0: none
                              // (recorded only with CONFIG_SPI, whose devices ask)
  uint64 reg_base, reg_size;  // first (address, size) pair of reg, 0 if none
  int irq;                    // first cell of interrupts, or -1
  int enabled;                // status absent or "okay"
  uint32 path_hash;           // fdt_path_hash() of its full path (SERIAL_STDOUT_PATH)
};

struct fdt_hart {
  uint hartid;                // reg of the cpu node
  int has_sstc;               // riscv,isa (or isa-extensions) lists sstc
};

struct fdt_info {
  uint64 mem_base, mem_size;  // first memory node
  uint64 timebase;            // /cpus timebase-frequency (Hz)
  int nharts;                 // harts the kernel may run on: status okay, an mmu-type
  struct fdt_hart harts[FDT_MAX_HARTS];
  int nnodes;
  struct dt_node nodes[FDT_MAX_NODES];
  char bootargs[128];
  int bootargs_len;           // its length in the blob (a longer one is cut above)
  // CONFIG_SERIAL_STDOUT_PATH: /chosen/stdout-path (or linux,stdout-path)
  // as given, options after ':' cut ("" if none), and the node it names
  // (its index in nodes + 1; 0 if none), an alias followed.
  char stdout_path[64];
  int stdout_node;
};

extern struct fdt_info fdt;

// Validate and parse blob. 0, or a negative error with a console message
// saying what is wrong; on error fdt is left empty.
int fdt_parse(const void *blob);
int fdt_is_compatible(const struct dt_node *n, const char *compat);
const struct dt_node *fdt_find_compatible(const char *compat);
int fdt_hart_index(uint64 hartid);        // index in fdt.harts, or -1

// The parser's helpers for stdout-path (drivers/of/fdt_stdout.c).
#define FDT_PATH_HASH_ROOT 2166136261u    // the hash of the root's path ""
uint32 fdt_path_hash(uint32 h, const char *s, int n);   // h extended by s[0..n)
void fdt_stdout_prop(int chosen, const char *name, const uchar *v, uint32 len);
void fdt_stdout_resolve(void);
void fdt_stdout_reset(void);

#endif
