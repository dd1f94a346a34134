// drivers/of/fdt_test.c: host unit tests for the devicetree parser.
// host-test-sources: drivers/of/fdt.c
// host-test-config[diag]: CONFIG_NR_CPUS=4 CONFIG_FDT_DIAGNOSTICS CONFIG_IRQCHIP_PLIC
// host-test-config[terse]: CONFIG_NR_CPUS=4 CONFIG_IRQCHIP_PLIC
// host-test-sources[stdout]: drivers/of/fdt_stdout.c
// host-test-config[stdout]: CONFIG_NR_CPUS=4 CONFIG_IRQCHIP_PLIC CONFIG_SERIAL_STDOUT_PATH
//
// Blobs are built here with a small writer (the layout of QEMU's virt
// board, in miniature), then parsed; broken variants must fail with a
// message and leave `fdt` empty, and no corruption may make the parser
// read outside the blob (the sanitizer watches an exactly-sized copy).
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_test.h"
#include <octopos/fdt.h>
#include <octopos/fdt_irq.h>

// ---------------------------------------------------------------- writer

struct w {
  uint8_t st[8192];
  size_t stlen;
  char strs[2048];
  size_t strlen_;
  uint32_t version;
};

static void
put32(uint8_t *p, uint32_t v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static uint32_t
be32_of(const uint8_t *p)
{
  return ((uint32_t)p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

static void
tok(struct w *w, uint32_t t)
{
  put32(w->st + w->stlen, t);
  w->stlen += 4;
}

static void
pad(struct w *w)
{
  while (w->stlen % 4)
    w->st[w->stlen++] = 0;
}

static void
begin(struct w *w, const char *name)
{
  tok(w, 1);
  memcpy(w->st + w->stlen, name, strlen(name) + 1);
  w->stlen += strlen(name) + 1;
  pad(w);
}

static void
end(struct w *w)
{
  tok(w, 2);
}

static void
prop(struct w *w, const char *name, const void *val, size_t len)
{
  tok(w, 3);
  tok(w, len);
  tok(w, w->strlen_);
  memcpy(w->strs + w->strlen_, name, strlen(name) + 1);
  w->strlen_ += strlen(name) + 1;
  memcpy(w->st + w->stlen, val, len);
  w->stlen += len;
  pad(w);
}

static void
prop_str(struct w *w, const char *name, const char *s)
{
  prop(w, name, s, strlen(s) + 1);
}

// Cells given as a count then values.
static void
prop_cells(struct w *w, const char *name, int n, ...)
{
  uint8_t buf[64];
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++)
    put32(buf + 4 * i, va_arg(ap, uint32_t));
  va_end(ap);
  prop(w, name, buf, 4 * n);
}

// Header, empty reservation map, structure block, strings: a malloc'd
// blob of exactly totalsize bytes. *size receives it.
static uint8_t *
finish(struct w *w, size_t *size)
{
  tok(w, 9);
  size_t off_rsv = 40, off_st = off_rsv + 16, off_str = off_st + w->stlen;
  size_t total = off_str + w->strlen_;
  uint8_t *b = calloc(1, total);
  put32(b, 0xd00dfeed);
  put32(b + 4, total);
  put32(b + 8, off_st);
  put32(b + 12, off_str);
  put32(b + 16, off_rsv);
  put32(b + 20, w->version ? w->version : 17);
  put32(b + 24, 16);
  put32(b + 32, w->strlen_);
  put32(b + 36, w->stlen);
  memcpy(b + off_st, w->st, w->stlen);
  memcpy(b + off_str, w->strs, w->strlen_);
  *size = total;
  return b;
}

// A small QEMU-virt-like tree, written into w (without FDT_END).
// What the next virt_blob() changes: the timebase, and whether cpu@0 and
// cpu@1 (the enabled harts with an MMU) lose their mmu-type.
static uint32_t variant_timebase = 10000000;
static int variant_no_mmu;
static int variant_monitor_first;   // the PLIC names the monitor core first (sifive_u)
// /chosen's stdout-path and linux,stdout-path (NULL: none), and whether
// /aliases comes before /chosen (else last).
static const char *variant_stdout, *variant_linux_stdout;
static int variant_aliases_first;

static void
aliases(struct w *w)
{
  begin(w, "aliases");
  prop_str(w, "serial0", "/soc/serial@10000000");
  prop_str(w, "widget", "/soc/narrow-bus/dev@4000");
  end(w);
}

static void
virt_tree(struct w *w)
{
  memset(w, 0, sizeof(*w));
  begin(w, "");
  prop_cells(w, "#address-cells", 1, 2);
  prop_cells(w, "#size-cells", 1, 2);
  prop_str(w, "compatible", "riscv-virtio");
  if (variant_aliases_first)
    aliases(w);
  begin(w, "chosen");
  prop_str(w, "bootargs", "console=ttyS0 root=/dev/vda");
  if (variant_linux_stdout)
    prop_str(w, "linux,stdout-path", variant_linux_stdout);
  if (variant_stdout)
    prop_str(w, "stdout-path", variant_stdout);
  end(w);
  begin(w, "memory@80000000");
  prop_str(w, "device_type", "memory");
  prop_cells(w, "reg", 4, 0, 0x80000000, 0, 0x8000000);
  end(w);
  begin(w, "cpus");
  prop_cells(w, "#address-cells", 1, 1);
  prop_cells(w, "#size-cells", 1, 0);
  prop_cells(w, "timebase-frequency", 1, variant_timebase);
  begin(w, "cpu@0");
  prop_str(w, "device_type", "cpu");
  prop_cells(w, "reg", 1, 0);
  prop_str(w, "status", "okay");
  if (!variant_no_mmu)
    prop_str(w, "mmu-type", "riscv,sv48");
  prop_str(w, "riscv,isa", "rv64imafdch_zicsr_zifencei_sstc");
  begin(w, "interrupt-controller");
  prop_cells(w, "phandle", 1, 8);
  prop_str(w, "compatible", "riscv,cpu-intc");
  end(w);
  end(w);
  begin(w, "cpu@1");
  prop_str(w, "device_type", "cpu");
  prop_cells(w, "reg", 1, 1);
  prop_str(w, "riscv,isa", "rv64imac_sstcx");   // not sstc
  if (!variant_no_mmu)
    prop_str(w, "mmu-type", "riscv,sv39");
  begin(w, "interrupt-controller");
  prop_cells(w, "phandle", 1, 6);
  end(w);
  end(w);
  begin(w, "cpu@2");
  prop_str(w, "device_type", "cpu");
  prop_cells(w, "reg", 1, 2);
  prop_str(w, "status", "disabled");
  prop(w, "riscv,isa-extensions", "i\0m\0sstc\0", 9);
  prop_str(w, "mmu-type", "riscv,sv39");
  end(w);
  begin(w, "cpu@7");                // a monitor core: no MMU, never used
  prop_str(w, "device_type", "cpu");
  prop_cells(w, "reg", 1, 7);
  prop_str(w, "riscv,isa", "rv64imac");
  if (variant_monitor_first) {
    begin(w, "interrupt-controller");
    prop_cells(w, "phandle", 1, 9);
    end(w);
  }
  end(w);
  begin(w, "cpu-map");
  begin(w, "cluster0");
  end(w);
  end(w);
  end(w);
  begin(w, "soc");
  prop_cells(w, "#address-cells", 1, 2);
  prop_cells(w, "#size-cells", 1, 2);
  prop_str(w, "compatible", "simple-bus");
  begin(w, "serial@10000000");
  prop_cells(w, "interrupts", 1, 10);
  prop_cells(w, "reg", 4, 0, 0x10000000, 0, 0x100);
  prop_str(w, "compatible", "ns16550a");
  end(w);
  begin(w, "test@100000");
  prop_cells(w, "reg", 4, 0, 0x100000, 0, 0x1000);
  prop(w, "compatible", "sifive,test1\0sifive,test0\0syscon", 33);
  end(w);
  begin(w, "virtio_mmio@10001000");
  prop_cells(w, "interrupts", 1, 1);
  prop_cells(w, "reg", 4, 0, 0x10001000, 0, 0x1000);
  prop_str(w, "compatible", "virtio,mmio");
  prop_str(w, "status", "disabled");
  end(w);
  begin(w, "plic@c000000");
  if (variant_monitor_first)
    prop_cells(w, "interrupts-extended", 6, 9, 11, 8, 11, 8, 9);
  else
    prop_cells(w, "interrupts-extended", 8, 8, 11, 8, 9, 6, 11, 6, 9);
  prop_cells(w, "reg", 4, 0, 0xc000000, 0, 0x600000);
  prop(w, "compatible", "sifive,plic-1.0.0\0riscv,plic0", 30);
  end(w);
  begin(w, "narrow-bus");
  prop_cells(w, "#address-cells", 1, 1);
  prop_cells(w, "#size-cells", 1, 1);
  prop_str(w, "compatible", "simple-bus");
  begin(w, "dev@4000");
  prop_cells(w, "reg", 2, 0x4000, 0x20);
  prop_str(w, "compatible", "acme,widget");
  end(w);
  end(w);
  end(w);
  if (!variant_aliases_first)
    aliases(w);
  end(w);
}

static uint8_t *
virt_blob(size_t *size)
{
  static struct w w;
  virt_tree(&w);
  return finish(&w, size);
}

static const struct dt_node *
node(const char *name)
{
  for (int i = 0; i < fdt.nnodes; i++)
    if (strcmp(fdt.nodes[i].name, name) == 0)
      return &fdt.nodes[i];
  return NULL;
}

// Parse must fail, say something containing why (with
// CONFIG_FDT_DIAGNOSTICS; without, nothing at all), and leave fdt empty.
static void
expect_reject(const uint8_t *b, const char *why)
{
  host_log_clear();
  assert_int_equal(fdt_parse(b), -22);
  if (IS_ENABLED(CONFIG_FDT_DIAGNOSTICS) && strstr(host_log, why) == NULL)
    fail_msg("message '%s' does not mention '%s'", host_log, why);
  if (!IS_ENABLED(CONFIG_FDT_DIAGNOSTICS) && host_log[0] != '\0')
    fail_msg("terse parser printed '%s'", host_log);
  assert_int_equal(fdt.nnodes, 0);
  assert_int_equal(fdt.nharts, 0);
  assert_int_equal(fdt.mem_size, 0);
}

// ---------------------------------------------------------------- tests

static void
fdt_parse_reads_memory_timebase_and_bootargs(void **state)
{
  (void)state;
  size_t n;
  uint8_t *b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  assert_int_equal(fdt.mem_base, 0x80000000);
  assert_int_equal(fdt.mem_size, 0x8000000);
  assert_int_equal(fdt.timebase, 10000000);
  assert_string_equal(fdt.bootargs, "console=ttyS0 root=/dev/vda");
  free(b);
}

static void
fdt_parse_records_only_usable_harts_with_sstc(void **state)
{
  (void)state;
  size_t n;
  uint8_t *b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  // cpu@2 is disabled and cpu@7 has no MMU: neither is recorded.
  assert_int_equal(fdt.nharts, 2);
  assert_int_equal(fdt.harts[0].hartid, 0);
  assert_true(fdt.harts[0].has_sstc);
  assert_int_equal(fdt.harts[1].hartid, 1);
  assert_false(fdt.harts[1].has_sstc);
  assert_int_equal(fdt_hart_index(1), 1);
  assert_int_equal(fdt_hart_index(2), -1);
  assert_int_equal(fdt_hart_index(7), -1);
  free(b);
}

// No hart the kernel can run on, or no timebase: the boot must stop.
static void
fdt_rejects_no_usable_hart_and_zero_timebase(void **state)
{
  (void)state;
  size_t n;
  variant_no_mmu = 1;
  uint8_t *b = virt_blob(&n);
  variant_no_mmu = 0;
  assert_true(fdt_parse(b) < 0);
  assert_int_equal(fdt.nharts, 0);
  free(b);
  variant_timebase = 0;
  b = virt_blob(&n);
  variant_timebase = 10000000;
  assert_true(fdt_parse(b) < 0);
  free(b);
  b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  free(b);
}

static void
fdt_parse_records_devices_with_parent_cells(void **state)
{
  (void)state;
  size_t n;
  uint8_t *b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  const struct dt_node *u = node("serial@10000000");
  assert_non_null(u);
  assert_int_equal(u->reg_base, 0x10000000);
  assert_int_equal(u->reg_size, 0x100);
  assert_int_equal(u->irq, 10);
  assert_true(u->enabled);
  const struct dt_node *v = node("virtio_mmio@10001000");
  assert_non_null(v);
  assert_false(v->enabled);
  const struct dt_node *d = node("dev@4000");
  assert_non_null(d);
  assert_int_equal(d->reg_base, 0x4000);
  assert_int_equal(d->reg_size, 0x20);
  assert_int_equal(d->irq, -1);
  // cpu interrupt controllers and the memory node are not devices.
  assert_null(node("interrupt-controller"));
  assert_null(node("memory@80000000"));
  free(b);
}

static void
fdt_names_survive_the_blob(void **state)
{
  (void)state;
  size_t n;
  uint8_t *b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  memset(b, 0xa5, n);
  free(b);
  assert_non_null(node("test@100000"));
  assert_non_null(fdt_find_compatible("ns16550a"));
}

static void
fdt_compatible_matches_any_string_of_the_list(void **state)
{
  (void)state;
  size_t n;
  uint8_t *b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  const struct dt_node *t = node("test@100000");
  assert_true(fdt_is_compatible(t, "sifive,test0"));
  assert_true(fdt_is_compatible(t, "syscon"));
  assert_false(fdt_is_compatible(t, "sifive,test"));
  assert_false(fdt_is_compatible(t, "sifive,test10"));
  assert_ptr_equal(fdt_find_compatible("riscv,plic0"), node("plic@c000000"));
  assert_null(fdt_find_compatible("virtio,mmio"));   // disabled
  free(b);
}

static void
fdt_irq_context_follows_interrupts_extended(void **state)
{
  (void)state;
  size_t n;
  uint8_t *b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  const struct dt_node *p = node("plic@c000000");
  assert_int_equal(fdt_irq_context(p, 0, FDT_IRQ_M_EXT), 0);
  assert_int_equal(fdt_irq_context(p, 0, FDT_IRQ_S_EXT), 1);
  assert_int_equal(fdt_irq_context(p, 1, FDT_IRQ_S_EXT), 3);
  assert_true(fdt_irq_context(p, 2, FDT_IRQ_S_EXT) < 0);   // no controller listed
  assert_true(fdt_irq_context(node("serial@10000000"), 0, FDT_IRQ_S_EXT) < 0);
  free(b);
}

// sifive_u: the E51 monitor core (no MMU, not in fdt.harts) comes first
// in the PLIC's interrupts-extended; its pair is stepped over, not taken
// for the end of the list.
static void
fdt_irq_context_skips_unused_harts(void **state)
{
  (void)state;
  size_t n;
  variant_monitor_first = 1;
  uint8_t *b = virt_blob(&n);
  variant_monitor_first = 0;
  assert_int_equal(fdt_parse(b), 0);
  const struct dt_node *p = node("plic@c000000");
  assert_int_equal(fdt_irq_context(p, 0, FDT_IRQ_M_EXT), 1);
  assert_int_equal(fdt_irq_context(p, 0, FDT_IRQ_S_EXT), 2);
  assert_true(fdt_irq_context(p, 7, FDT_IRQ_M_EXT) < 0);   // not a hart the kernel uses
  free(b);
}

static void
fdt_rejects_bad_headers(void **state)
{
  (void)state;
  size_t n;
  uint8_t *b = virt_blob(&n);

  b[0] ^= 1;
  expect_reject(b, "magic");
  b[0] ^= 1;

  put32(b + 20, 15);
  expect_reject(b, "version");
  put32(b + 20, 17);

  put32(b + 4, 20);
  expect_reject(b, "totalsize");
  put32(b + 4, 64u << 20);
  expect_reject(b, "totalsize");
  put32(b + 4, n);

  put32(b + 36, n);              // size_dt_struct past the end
  expect_reject(b, "outside");
  put32(b + 36, n - 56 - 1);
  put32(b + 8, 0xfffffff0);      // offset that overflows 32 bits
  expect_reject(b, "outside");
  free(b);
  expect_reject(NULL, "no devicetree");
}

static void
fdt_rejects_broken_structure(void **state)
{
  (void)state;
  static struct w w;
  size_t n;
  uint8_t *b;

  // A property whose length runs past the structure block.
  virt_tree(&w);
  b = finish(&w, &n);
  size_t first_prop = 56 + 8;    // FDT_BEGIN_NODE "" then FDT_PROP
  put32(b + first_prop + 4, 0x7fffffff);
  expect_reject(b, "runs off");
  free(b);

  // A property name offset outside the strings block.
  virt_tree(&w);
  b = finish(&w, &n);
  put32(b + first_prop + 8, 5000);
  expect_reject(b, "strings");
  free(b);

  // Property after a subnode.
  memset(&w, 0, sizeof(w));
  begin(&w, "");
  begin(&w, "a");
  end(&w);
  prop_str(&w, "compatible", "late");
  end(&w);
  b = finish(&w, &n);
  expect_reject(b, "after a subnode");
  free(b);

  // Unbalanced END_NODE, then a missing END_NODE.
  memset(&w, 0, sizeof(w));
  begin(&w, "");
  end(&w);
  end(&w);
  b = finish(&w, &n);
  expect_reject(b, "END_NODE");
  free(b);
  memset(&w, 0, sizeof(w));
  begin(&w, "");
  begin(&w, "open");
  end(&w);
  b = finish(&w, &n);
  expect_reject(b, "open");
  free(b);

  // compatible without its NUL.
  memset(&w, 0, sizeof(w));
  begin(&w, "");
  begin(&w, "dev@0");
  prop(&w, "compatible", "abc", 3);
  end(&w);
  end(&w);
  b = finish(&w, &n);
  expect_reject(b, "not a string");
  free(b);

  // A bad token.
  virt_tree(&w);
  tok(&w, 7);
  b = finish(&w, &n);
  expect_reject(b, "bad token");
  free(b);

  // #address-cells of the wrong size.
  memset(&w, 0, sizeof(w));
  begin(&w, "");
  prop_cells(&w, "#address-cells", 2, 0, 2);
  end(&w);
  b = finish(&w, &n);
  expect_reject(b, "#address-cells");
  free(b);

  // A well-formed tree with no memory is refused too.
  memset(&w, 0, sizeof(w));
  begin(&w, "");
  end(&w);
  b = finish(&w, &n);
  expect_reject(b, "memory");
  free(b);
}

static void
fdt_rejects_unterminated_node_name(void **state)
{
  (void)state;
  static struct w w;
  memset(&w, 0, sizeof(w));
  begin(&w, "");
  tok(&w, 1);
  memcpy(w.st + w.stlen, "abcd", 4);   // no NUL before the block ends
  w.stlen += 4;
  uint8_t *b = calloc(1, 56 + w.stlen);
  put32(b, 0xd00dfeed);
  put32(b + 4, 56 + w.stlen);
  put32(b + 8, 56);
  put32(b + 12, 56 + w.stlen);
  put32(b + 16, 40);
  put32(b + 20, 17);
  put32(b + 24, 16);
  put32(b + 32, 0);
  put32(b + 36, w.stlen);
  memcpy(b + 56, w.st, w.stlen);
  expect_reject(b, "runs off");
  free(b);
}

// stdout-path (CONFIG_SERIAL_STDOUT_PATH): the node it names, by full path
// or alias, options cut, /aliases before or after /chosen.
static const struct dt_node *
stdout_of(const char *path, const char *linux_path, int aliases_first)
{
  size_t n;
  variant_stdout = path;
  variant_linux_stdout = linux_path;
  variant_aliases_first = aliases_first;
  uint8_t *b = virt_blob(&n);
  assert_int_equal(fdt_parse(b), 0);
  free(b);
  variant_stdout = variant_linux_stdout = NULL;
  variant_aliases_first = 0;
  return fdt.stdout_node ? &fdt.nodes[fdt.stdout_node - 1] : NULL;
}

// stdout_of() parses: it must run before node() looks.
static void
expect_stdout(const char *path, const char *linux_path, int aliases_first, const char *name)
{
  const struct dt_node *got = stdout_of(path, linux_path, aliases_first);
  const struct dt_node *want = node(name);
  assert_non_null(want);
  assert_ptr_equal(got, want);
}

static void
fdt_stdout_path_names_the_console(void **state)
{
  (void)state;
  if (!IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH))
    skip();
  expect_stdout("/soc/serial@10000000", NULL, 0, "serial@10000000");
  assert_string_equal(fdt.stdout_path, "/soc/serial@10000000");
  expect_stdout("/soc/serial@10000000:115200n8", NULL, 0, "serial@10000000");
  assert_string_equal(fdt.stdout_path, "/soc/serial@10000000");
  expect_stdout("/soc/narrow-bus/dev@4000", NULL, 0, "dev@4000");
  for (int first = 0; first < 2; first++) {
    expect_stdout("serial0", NULL, first, "serial@10000000");
    expect_stdout("serial0:115200n8", NULL, first, "serial@10000000");
    assert_string_equal(fdt.stdout_path, "serial0");
    expect_stdout("widget:9600", NULL, first, "dev@4000");
  }
  // linux,stdout-path only where stdout-path is absent.
  expect_stdout(NULL, "/soc/narrow-bus/dev@4000", 0, "dev@4000");
  expect_stdout("/soc/serial@10000000", "/soc/narrow-bus/dev@4000", 0, "serial@10000000");
}

static void
fdt_stdout_path_naming_nothing_is_kept_but_unresolved(void **state)
{
  (void)state;
  if (!IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH))
    skip();
  assert_null(stdout_of(NULL, NULL, 0));
  assert_string_equal(fdt.stdout_path, "");
  assert_null(stdout_of("/soc/serial@1:115200", NULL, 0));
  assert_string_equal(fdt.stdout_path, "/soc/serial@1");
  assert_null(stdout_of("/serial@10000000", NULL, 0));      // right name, wrong parent
  assert_null(stdout_of("/soc/serial@100000000", NULL, 0)); // a prefix of it is no match
  assert_null(stdout_of("/soc/serial", NULL, 0));           // no unit address: not matched
  assert_null(stdout_of("serial1", NULL, 1));               // an alias /aliases lacks
  assert_null(stdout_of("", NULL, 0));
  // A path longer than the copy kept for messages: the copy is cut.
  assert_null(stdout_of("/soc/narrow-bus/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        NULL, 0));
  assert_int_equal(strlen(fdt.stdout_path), sizeof(fdt.stdout_path) - 1);
}

// Truncate totalsize and flip bytes everywhere: the parser must only ever
// return 0 or -EINVAL, and ASan checks it stays inside the blob.
static void
fdt_survives_corruption(void **state)
{
  (void)state;
  size_t n;
  uint8_t *good = virt_blob(&n);
  for (size_t cut = 0; cut < n; cut += 4) {
    size_t have = cut < 40 ? 40 : cut;   // the header itself is always readable
    uint8_t *b = malloc(have);
    memcpy(b, good, have);
    put32(b + 4, cut);
    int r = fdt_parse(b);
    assert_true(r == 0 || r == -22);
    free(b);
  }
  srand(1);
  for (int round = 0; round < 20000; round++) {
    uint8_t *b = malloc(n);
    memcpy(b, good, n);
    for (int k = 0; k < 1 + round % 4; k++)
      b[rand() % n] = rand();
    // A blob claiming to be larger than it is cannot be caught; keep
    // totalsize honest and corrupt everything else.
    if (be32_of(b + 4) > n)
      memcpy(b + 4, good + 4, 4);
    int r = fdt_parse(b);
    assert_true(r == 0 || r == -22);
    free(b);
  }
  free(good);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(fdt_parse_reads_memory_timebase_and_bootargs),
    cmocka_unit_test(fdt_parse_records_only_usable_harts_with_sstc),
    cmocka_unit_test(fdt_rejects_no_usable_hart_and_zero_timebase),
    cmocka_unit_test(fdt_parse_records_devices_with_parent_cells),
    cmocka_unit_test(fdt_names_survive_the_blob),
    cmocka_unit_test(fdt_compatible_matches_any_string_of_the_list),
    cmocka_unit_test(fdt_irq_context_follows_interrupts_extended),
    cmocka_unit_test(fdt_irq_context_skips_unused_harts),
    cmocka_unit_test(fdt_rejects_bad_headers),
    cmocka_unit_test(fdt_rejects_broken_structure),
    cmocka_unit_test(fdt_rejects_unterminated_node_name),
    cmocka_unit_test(fdt_stdout_path_names_the_console),
    cmocka_unit_test(fdt_stdout_path_naming_nothing_is_kept_but_unresolved),
    cmocka_unit_test(fdt_survives_corruption),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
