// tests/sdkapp/sdkapp.c: an out-of-tree application built with the SDK and
// shipped with CONFIG_ROOTFS_OVERLAY. Prints a computed number (libm,
// floating-point printf) and the configuration file that the post-build
// script (post-build.sh) writes into the image.
#include <math.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
  char line[128];
  FILE *f;

  printf("sdkapp: hello from %s, %d args, sqrt(2)=%.6f\n", argv[0], argc, sqrt(2.0));
  if ((f = fopen("/etc/sdkapp.conf", "r")) == NULL) {
    printf("sdkapp: no /etc/sdkapp.conf\n");
    return 1;
  }
  while (fgets(line, sizeof(line), f))
    printf("sdkapp: conf %s", line);
  fclose(f);
  return 0;
}
