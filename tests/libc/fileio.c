// tests/libc/fileio.c: fopen, fprintf, fgets, fread/fwrite, fseek/ftell,
// append mode, remove, errno of a missing file. Works in the current
// directory.
#include <errno.h>
#include <stdio.h>
#include <string.h>

int
main(void)
{
  char line[128];
  FILE *f = fopen("fio-test.txt", "w");

  if (f == NULL) {
    printf("cannot create: %d\n", errno);
    return 1;
  }
  for (int i = 1; i <= 5; i++)
    fprintf(f, "line %d: %.2f\n", i, i * 1.25);
  fputs("last line without newline", f);
  printf("ftell after writing %ld\n", ftell(f));
  fclose(f);

  f = fopen("fio-test.txt", "r");
  while (fgets(line, sizeof(line), f))
    printf("got [%s]%s", strtok(line, "\n"), "\n");
  printf("eof %d\n", feof(f) != 0);
  fseek(f, 5, SEEK_SET);
  int c1 = fgetc(f), c2 = fgetc(f);     // one at a time: argument order is unspecified
  printf("at 5: %c%c ftell %ld\n", c1, c2, ftell(f));
  fseek(f, -4, SEEK_END);
  char *got = fgets(line, sizeof(line), f);
  printf("last 4: [%s] ftell %ld\n", got, ftell(f));
  rewind(f);
  size_t n = fread(line, 1, 10, f);
  line[n] = 0;
  printf("fread %zu [%s]\n", n, line);
  fclose(f);

  f = fopen("fio-test.txt", "a");
  fprintf(f, "\nappended");
  fclose(f);
  f = fopen("fio-test.txt", "r");
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, -8, SEEK_END);
  n = fread(line, 1, sizeof(line) - 1, f);
  line[n] = 0;
  printf("size %ld tail [%s]\n", size, line);
  fclose(f);

  unsigned char bin[256];
  for (int i = 0; i < 256; i++)
    bin[i] = i;
  f = fopen("fio-bin", "wb");
  printf("fwrite %zu\n", fwrite(bin, 1, sizeof(bin), f));
  fclose(f);
  f = fopen("fio-bin", "rb");
  memset(bin, 0, sizeof(bin));
  n = fread(bin, 1, sizeof(bin), f);
  printf("fread %zu bin[200] %d\n", n, bin[200]);
  fclose(f);

  printf("remove %d %d\n", remove("fio-test.txt"), remove("fio-bin"));
  errno = 0;
  f = fopen("no-such-file", "r");
  printf("missing %s errno ENOENT %d\n", f ? "opened" : "NULL", errno == ENOENT);
  return 0;
}
