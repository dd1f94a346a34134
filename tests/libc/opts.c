// tests/libc/opts.c: getopt over fixed argument vectors, scanned three times.
#include <stdio.h>
#include <unistd.h>

static void
parse(int argc, char **argv)
{
  int c;

  // optind = 0 restarts the scan in both libraries; picolibc starts optind
  // at 0 and ignores a reset to 1 (docs/sdk.md).
  optind = 0;
  opterr = 0;
  while ((c = getopt(argc, argv, "ab:c::v")) != -1) {
    // Not optopt: picolibc leaves it '?' (glibc: the option letter).
    if (c == '?')
      printf("  unknown option or missing argument\n");
    else
      printf("  -%c%s%s\n", c, optarg ? " = " : "", optarg ? optarg : "");
  }
  for (int i = optind; i < argc; i++)
    printf("  operand %s\n", argv[i]);
}

int
main(void)
{
  char *v1[] = { "p", "-a", "-b", "val", "-v", "file1", "file2", NULL };
  char *v2[] = { "p", "-avbX", "-cOPT", "--", "-a", NULL };
  char *v3[] = { "p", "-x", "-b", NULL };

  printf("v1\n");
  parse(7, v1);
  printf("v2\n");
  parse(5, v2);
  printf("v3\n");
  parse(3, v3);
  return 0;
}
