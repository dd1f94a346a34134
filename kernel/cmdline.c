// kernel/cmdline.c: the kernel command line (CONFIG_BOOT_CMDLINE).
//
// One line of words, from the bootloader through /chosen/bootargs or built
// in (CONFIG_CMDLINE), parsed once at boot into kcmdline; the parts of the
// kernel that care read it through include/octopos/cmdline.h. The line is
// untrusted: a line too long or with an unterminated quote is refused as a
// whole (the kernel boots with its defaults and says so); a word that is
// not understood or has a bad value is listed once and ignored.
#include <octopos/cmdline.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>
#include <octopos/printk.h>
#include <octopos/string.h>

struct cmdline kcmdline;
volatile int printk_quiet;

static int
is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// If word is "key=value", the value; else NULL.
static const char *
value_of(const char *word, const char *key)
{
  int n = strlen(key);
  if (strncmp(word, key, n) == 0 && word[n] == '=')
    return word + n + 1;
  return NULL;
}

// 0-7, or -1.
static int
parse_loglevel(const char *v)
{
  if (v[0] < '0' || v[0] > '7' || v[1] != '\0')
    return -1;
  return v[0] - '0';
}

// "1".."9" into *cpu; 0 if v is anything else.
static int
cpu_digit(const char *v, int *cpu)
{
  if (v[0] < '1' || v[0] > '9' || v[1] != '\0')
    return 0;
  *cpu = v[0] - '0';
  return 1;
}

static void
defaults(struct cmdline *c)
{
  memset(c, 0, sizeof(*c));
  c->init = "/init";
  c->loglevel = -1;
}

// One word: apply it, or add it to the unknown list.
static void
take_word(struct cmdline *c, const char *w)
{
  const char *v;
  int known = 1;
  if ((v = value_of(w, "root")) != NULL)
    known = *v ? (c->root = v, 1) : 0;
  else if ((v = value_of(w, "init")) != NULL)
    known = *v == '/' ? (c->init = v, 1) : 0;
  else if ((v = value_of(w, "console")) != NULL)
    known = *v ? (c->console = v, 1) : 0;
  else if ((v = value_of(w, "loglevel")) != NULL) {
    int l = parse_loglevel(v);
    if (l >= 0) {
      c->loglevel = l;
      c->quiet = l < 5;
    }
    known = l >= 0;
  } else if ((v = value_of(w, "smp_hold")) != NULL) {
    known = cpu_digit(v, &c->smp_hold);
  } else if ((v = value_of(w, "smp_stray")) != NULL) {
    known = cpu_digit(v, &c->smp_stray);
  } else if (strncmp(w, "quiet", 6) == 0)
    c->quiet = 1;
  else
    known = 0;
  if (!known && c->nunknown < CMDLINE_MAX_WORDS)
    c->unknown[c->nunknown++] = w;
}

int
cmdline_parse(struct cmdline *c, const char *line)
{
  defaults(c);
  if (line == NULL)
    return 0;
  int len = strlen(line);
  if (len >= CMDLINE_MAX) {
    c->error = "longer than the kernel keeps";
    return -EINVAL;
  }
  // Split in place: spaces separate words, double quotes keep spaces in
  // one (init="/bin/my prog" is one word, quotes removed).
  const char *words[CMDLINE_MAX_WORDS];
  int nwords = 0;
  char *out = c->buf;
  const char *p = line;
  while (*p) {
    while (is_space(*p))
      p++;
    if (*p == '\0')
      break;
    if (nwords == CMDLINE_MAX_WORDS) {
      defaults(c);
      c->error = "more words than the kernel keeps";
      return -EINVAL;
    }
    words[nwords++] = out;
    int quoted = 0;
    for (; *p && (quoted || !is_space(*p)); p++) {
      if (*p == '"')
        quoted = !quoted;
      else if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) {
        defaults(c);
        c->error = "a byte that is not printable ASCII";
        return -EINVAL;
      } else
        *out++ = *p;
    }
    if (quoted) {
      defaults(c);
      c->error = "a quote that is never closed";
      return -EINVAL;
    }
    *out++ = '\0';
  }
  for (int i = 0; i < nwords; i++)
    take_word(c, words[i]);
  return 0;
}

static void cmdline_report_line(void);

// Does a and b's first n bytes agree, with b ending there (or at ':',
// where console options like 115200n8 begin)?
static int
name_is(const char *node, const char *s, int n)
{
  return strncmp(node, s, n) == 0 && node[n] == '\0';
}

// The devicetree node console= names, or NULL. A path ("/soc/serial@10000000",
// options after ':' ignored) is matched by its last component, the node's
// name; an alias "serialN" or "ttySN" is the N-th node named serial@...
// in devicetree order (QEMU's virt board has no /aliases node). Only
// serial@ nodes count, so that console= cannot take the console away.
static const struct dt_node *
console_node(const char *v)
{
  int n = 0;
  while (v[n] && v[n] != ':')
    n++;
  const char *last = v;
  for (int i = 0; i < n; i++)
    if (v[i] == '/')
      last = v + i + 1;
  int len = n - (last - v);
  int alias = -1;
  if (v[0] != '/') {
    const char *d = strncmp(v, "serial", 6) == 0 ? v + 6 : strncmp(v, "ttyS", 4) == 0 ? v + 4 : NULL;
    if (d && d < v + n && d[0] >= '0' && d[0] <= '9' && d + 1 == v + n)
      alias = d[0] - '0';
  }
  for (int i = 0, k = 0; i < fdt.nnodes; i++) {
    const struct dt_node *node = &fdt.nodes[i];
    if (strncmp(node->name, "serial@", 7) != 0)
      continue;   // only UARTs: console=/soc/rtc@101000 must not leave us without one
    if (alias < 0 && len > 0 && name_is(node->name, last, len))
      return node;
    if (alias >= 0 && k++ == alias)
      return node;
  }
  return NULL;
}

int
cmdline_console_is(const struct dt_node *node)
{
  return kcmdline.console == NULL || kcmdline.console_node == NULL ||
         kcmdline.console_node == node;
}

// What cmdline_init() found, for cmdline_report().
static struct {
  const char *line, *from;
  int toolong;                  // the bootloader's length, if refused for it
} seen;

void
cmdline_init(const char *bootargs, int bootargs_len)
{
  seen.line = bootargs;
  seen.from = "bootloader";
  if (IS_ENABLED(CONFIG_CMDLINE_FORCE)) {
    seen.line = CONFIG_CMDLINE;
    seen.from = "built-in, forced; the bootloader's is ignored";
  } else if (bootargs == NULL || bootargs[0] == '\0') {
    seen.line = CONFIG_CMDLINE;
    seen.from = "built-in";
  }
  // The devicetree parser keeps at most CMDLINE_MAX - 1 bytes; a longer
  // line arrives cut, and a cut line must not be half-obeyed.
  if (seen.line == bootargs && bootargs_len >= CMDLINE_MAX) {
    seen.toolong = bootargs_len;
    defaults(&kcmdline);
    return;
  }
  cmdline_parse(&kcmdline, seen.line);
  if (kcmdline.console)
    kcmdline.console_node = console_node(kcmdline.console);
  printk_quiet = kcmdline.quiet;
}

void
cmdline_report(void)
{
  // This line shows even under `quiet`: it says why the rest does not.
  printk_quiet = 0;
  cmdline_report_line();
  printk_quiet = kcmdline.quiet;
}

static void
cmdline_report_line(void)
{
  if (seen.toolong) {
    printf("cmdline: the bootloader's line is %d bytes, more than the %d kept; "
           "booting with the defaults\n", seen.toolong, CMDLINE_MAX - 1);
    return;
  }
  if (kcmdline.error) {
    printf("cmdline (%s): refused, %s; booting with the defaults\n", seen.from, kcmdline.error);
    return;
  }
  printf("cmdline (%s): %s\n", seen.from, seen.line[0] ? seen.line : "(empty)");
  if (kcmdline.console && kcmdline.console_node)
    printf("cmdline: console=%s is %s\n", kcmdline.console, kcmdline.console_node->name);
  else if (kcmdline.console)
    printf("cmdline: console=%s names no serial@ node in the devicetree; the %s stays the console\n",
           kcmdline.console, IS_ENABLED(CONFIG_SERIAL_STDOUT_PATH) ? "stdout-path UART" : "first UART");
  if (kcmdline.nunknown) {
    printf("cmdline: ignored:");
    for (int i = 0; i < kcmdline.nunknown; i++)
      printf(" %s", kcmdline.unknown[i]);
    printf("\n");
  }
}

void
cmdline_quiet_end(void)
{
  printk_quiet = 0;
}
