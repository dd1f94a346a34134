// user/bin/uname.c: print system identification (uname).
//
// With no option, the system name; -a prints every field: sysname,
// release, config (the defconfig the kernel was built from), machine and
// build id. -s -r -c -m -b pick single fields, in that order.
#include <user.h>

int
main(int argc, char *argv[])
{
  struct utsname u;
  const char *field[5];
  const char *flags = "srcmb";
  int want[5] = { 0 }, any = 0, first = 1;

  if (uname(&u) < 0) {
    fprintf(2, "uname: failed\n");
    return 1;
  }
  // Never trust the kernel to have NUL-terminated the fixed-size arrays.
  u.sysname[sizeof(u.sysname) - 1] = 0;
  u.release[sizeof(u.release) - 1] = 0;
  u.config[sizeof(u.config) - 1] = 0;
  u.machine[sizeof(u.machine) - 1] = 0;
  u.buildid[sizeof(u.buildid) - 1] = 0;
  field[0] = u.sysname;
  field[1] = u.release;
  field[2] = u.config;
  field[3] = u.machine;
  field[4] = u.buildid;

  for (int i = 1; i < argc; i++) {
    if (argv[i][0] != '-')
      goto usage;
    for (const char *f = argv[i] + 1; *f; f++) {
      const char *k = strchr(flags, *f);
      if (*f == 'a') {
        for (int j = 0; j < 5; j++)
          want[j] = 1;
      } else if (k) {
        want[k - flags] = 1;
      } else {
        goto usage;
      }
      any = 1;
    }
  }
  if (!any)
    want[0] = 1;
  for (int j = 0; j < 5; j++) {
    if (!want[j])
      continue;
    printf(first ? "%s" : " %s", field[j]);
    first = 0;
  }
  printf("\n");
  return 0;

usage:
  fprintf(2, "usage: uname [-asrcmb]\n");
  return 1;
}
