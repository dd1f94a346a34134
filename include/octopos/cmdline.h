// include/octopos/cmdline.h: the kernel command line (kernel/cmdline.c).
//
// The words come from the devicetree's /chosen/bootargs (the bootloader's:
// U-Boot's extlinux `append`, QEMU's -append) or, when there are none or
// CONFIG_CMDLINE_FORCE is set, from CONFIG_CMDLINE. Words understood:
//   root=SPEC      the root device (drivers/block/rootdev.c): partition
//                  number, PARTLABEL=name or name, device name, ramdisk,
//                  initramfs
//   init=PATH      the first program instead of /init
//   console=X      the console UART: a devicetree path (its last component,
//                  the node name, is matched) or serialN / ttySN (the N-th
//                  serial@ node)
//   quiet          no kernel messages until init runs (the cmdline line,
//                  errors and panics still show)
//   loglevel=N     0-7; below 5 is quiet, 5 and up prints everything
//   smp_hold=N     do not start cpu N (1-9) with the others: the boot then
//                  finds it missing and starts it again (tests that path)
//   smp_stray=N    start cpu N (1-9) at the boot entry with the devicetree's
//                  address, as racy firmware may (tests that it still comes)
// Anything else is listed once at boot and otherwise ignored.
#ifndef OCTOPOS_CMDLINE_H
#define OCTOPOS_CMDLINE_H

struct dt_node;

#define CMDLINE_MAX 128         // bytes, NUL included; longer lines are refused
#define CMDLINE_MAX_WORDS 16

struct cmdline {
  char buf[CMDLINE_MAX];        // the words, each NUL-terminated in place
  const char *root;             // NULL: not given
  const char *init;             // "/init" unless init= says otherwise
  const char *console;          // NULL: not given
  const struct dt_node *console_node;   // what console= names, or NULL
  int quiet;
  int loglevel;                 // -1: not given
  int smp_hold;                 // cpu left out of the first start, or 0
  int smp_stray;                // cpu started the way racy firmware may, or 0
  int nunknown;
  const char *unknown[CMDLINE_MAX_WORDS];
  const char *error;            // why the line was refused, or NULL
};

// Parse line (NULL or "" is an empty line) into c. A line too long or
// malformed (an unterminated quote, a value-less root= or init=, a bad
// loglevel) leaves c with its defaults and c->error saying why: the
// caller reports it and boots as if the line were empty. 0 or -EINVAL.
int cmdline_parse(struct cmdline *c, const char *line);

#if IS_ENABLED(CONFIG_BOOT_CMDLINE)
extern struct cmdline kcmdline;
// Pick the line (bootloader's or built-in), parse it and report it.
void cmdline_init(const char *bootargs, int bootargs_len);
// Say which line is in use and what was ignored, once there is a console.
void cmdline_report(void);
static inline const char *cmdline_root(void) { return kcmdline.root; }
static inline const char *cmdline_init_path(void) { return kcmdline.init; }
static inline const char *cmdline_console(void) { return kcmdline.console; }
static inline int cmdline_smp_hold(void) { return kcmdline.smp_hold; }
static inline int cmdline_smp_stray(void) { return kcmdline.smp_stray; }
static inline const struct dt_node *cmdline_console_node(void) { return kcmdline.console_node; }
void cmdline_quiet_end(void);   // from here on every message shows (init runs, or an error)
// May the console driver take this UART? Yes unless console= names another.
int cmdline_console_is(const struct dt_node *node);
#else
static inline int cmdline_console_is(const struct dt_node *node) { (void)node; return 1; }
static inline void cmdline_quiet_end(void) {}
static inline void cmdline_init(const char *b, int l) { (void)b; (void)l; }
static inline void cmdline_report(void) {}
static inline const char *cmdline_root(void) { return 0; }
static inline const char *cmdline_init_path(void) { return "/init"; }
static inline const char *cmdline_console(void) { return 0; }
static inline int cmdline_smp_hold(void) { return 0; }
static inline int cmdline_smp_stray(void) { return 0; }
static inline const struct dt_node *cmdline_console_node(void) { return 0; }
#endif

#endif
