// kernel/cmdline_test.c: host tests of the command-line parser.
// host-test-sources: kernel/cmdline.c
// host-test-config[builtin]: CONFIG_BOOT_CMDLINE CONFIG_CMDLINE="init=/builtin"
// host-test-config[force]: CONFIG_BOOT_CMDLINE CONFIG_CMDLINE_FORCE CONFIG_CMDLINE="init=/builtin"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_test.h"
#include <octopos/cmdline.h>
#include <octopos/printk.h>
#include <octopos/errno.h>
#include <octopos/fdt.h>

// The devicetree as drivers/of/fdt.c would have recorded it: an RTC and
// two UARTs.
struct fdt_info fdt = {
  .nnodes = 3,
  .nodes = { { .name = "rtc@101000" }, { .name = "serial@10000000" }, { .name = "serial@10010000" } },
};

static struct cmdline c;

static void
words_are_understood(void **state)
{
  (void)state;
  assert_int_equal(cmdline_parse(&c, "root=PARTLABEL=rootB  init=/bin/sh console=serial0 quiet"), 0);
  assert_string_equal(c.root, "PARTLABEL=rootB");
  assert_string_equal(c.init, "/bin/sh");
  assert_string_equal(c.console, "serial0");
  assert_true(c.quiet);
  assert_int_equal(c.nunknown, 0);
  assert_null(c.error);
}

static void
defaults_without_a_line(void **state)
{
  (void)state;
  assert_int_equal(cmdline_parse(&c, NULL), 0);
  assert_null(c.root);
  assert_string_equal(c.init, "/init");
  assert_int_equal(c.loglevel, -1);
  assert_int_equal(cmdline_parse(&c, "   "), 0);
  assert_string_equal(c.init, "/init");
}

static void
smp_hold_takes_one_cpu_digit(void **state)
{
  (void)state;
  assert_int_equal(cmdline_parse(&c, "smp_hold=3"), 0);
  assert_int_equal(c.smp_hold, 3);
  assert_int_equal(cmdline_parse(&c, "smp_hold=0 smp_hold=12 smp_hold="), 0);
  assert_int_equal(c.smp_hold, 0);
  assert_int_equal(c.nunknown, 3);
  assert_int_equal(cmdline_parse(&c, "smp_stray=2"), 0);
  assert_int_equal(c.smp_stray, 2);
}

static void
unknown_and_bad_words_are_listed(void **state)
{
  (void)state;
  assert_int_equal(cmdline_parse(&c, "foo root= init=sh loglevel=9 bar=1 loglevel=3"), 0);
  assert_int_equal(c.nunknown, 5);
  assert_string_equal(c.unknown[0], "foo");
  assert_string_equal(c.unknown[1], "root=");
  assert_string_equal(c.unknown[2], "init=sh");   // not a path
  assert_string_equal(c.unknown[3], "loglevel=9");
  assert_string_equal(c.unknown[4], "bar=1");
  assert_null(c.root);
  assert_string_equal(c.init, "/init");
  assert_int_equal(c.loglevel, 3);
  assert_true(c.quiet);
}

static void
quotes_group_words(void **state)
{
  (void)state;
  assert_int_equal(cmdline_parse(&c, "init=\"/bin/my prog\" root=2"), 0);
  assert_string_equal(c.init, "/bin/my prog");
  assert_string_equal(c.root, "2");
}

static void
malformed_lines_are_refused_whole(void **state)
{
  (void)state;
  assert_int_equal(cmdline_parse(&c, "root=2 init=\"/bin/sh"), -EINVAL);
  assert_non_null(c.error);
  assert_null(c.root);   // nothing half-applied
  assert_int_equal(cmdline_parse(&c, "root=2 \x01"), -EINVAL);
  assert_null(c.root);
  char longline[CMDLINE_MAX + 10];
  memset(longline, 'a', sizeof(longline) - 1);
  longline[sizeof(longline) - 1] = '\0';
  memcpy(longline, "root=2 ", 7);
  assert_int_equal(cmdline_parse(&c, longline), -EINVAL);
  assert_null(c.root);
  assert_int_equal(cmdline_parse(&c, "a b c d e f g h i j k l m n o p q"), -EINVAL);
  assert_int_equal(c.nunknown, 0);
}

static void
longest_line_fits(void **state)
{
  (void)state;
  // CMDLINE_MAX - 1 bytes of one-letter words: every byte of buf is used.
  char line[CMDLINE_MAX];
  memset(line, 'x', sizeof(line) - 1);
  line[sizeof(line) - 1] = '\0';
  assert_int_equal(cmdline_parse(&c, line), 0);
  assert_int_equal(c.nunknown, 1);
}

static void
init_picks_the_line(void **state)
{
  (void)state;
  host_log_clear();
  cmdline_init("init=/fromloader", 16);
  cmdline_report();
  if (IS_ENABLED(CONFIG_CMDLINE_FORCE)) {
    assert_string_equal(kcmdline.init, "/builtin");
    assert_non_null(strstr(host_log, "forced"));
  } else {
    assert_string_equal(kcmdline.init, "/fromloader");
    assert_non_null(strstr(host_log, "cmdline (bootloader): init=/fromloader"));
  }
  host_log_clear();
  cmdline_init("", 0);
  cmdline_report();
  assert_string_equal(kcmdline.init, "/builtin");
  assert_non_null(strstr(host_log, "built-in"));
}

static void
console_by_path_and_alias(void **state)
{
  (void)state;
  if (IS_ENABLED(CONFIG_CMDLINE_FORCE))
    skip();
  const char *lines[] = { "console=/soc/serial@10010000:115200n8", "console=serial1",
                          "console=ttyS1", "console=serial@10010000" };
  for (unsigned i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
    cmdline_init(lines[i], strlen(lines[i]));
    assert_ptr_equal(kcmdline.console_node, &fdt.nodes[2]);
    assert_false(cmdline_console_is(&fdt.nodes[1]));
    assert_true(cmdline_console_is(&fdt.nodes[2]));
  }
  const char *none[] = { "console=/soc/rtc@101000", "console=serial2", "console=serial",
                         "console=serial12", "console=/" };
  for (unsigned i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
    cmdline_init(none[i], strlen(none[i]));
    assert_null(kcmdline.console_node);
    assert_true(cmdline_console_is(&fdt.nodes[1]));   // the first UART stays
  }
}

static void
too_long_bootloader_line_gives_defaults(void **state)
{
  (void)state;
  if (IS_ENABLED(CONFIG_CMDLINE_FORCE))
    skip();
  host_log_clear();
  cmdline_init("init=/cut-off-her", 300);   // what fdt.c kept of a 300-byte line
  cmdline_report();
  assert_string_equal(kcmdline.init, "/init");
  assert_non_null(strstr(host_log, "300 bytes"));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(words_are_understood),
    cmocka_unit_test(defaults_without_a_line),
    cmocka_unit_test(unknown_and_bad_words_are_listed),
    cmocka_unit_test(smp_hold_takes_one_cpu_digit),
    cmocka_unit_test(quotes_group_words),
    cmocka_unit_test(malformed_lines_are_refused_whole),
    cmocka_unit_test(longest_line_fits),
    cmocka_unit_test(init_picks_the_line),
    cmocka_unit_test(console_by_path_and_alias),
    cmocka_unit_test(too_long_bootloader_line_gives_defaults),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
