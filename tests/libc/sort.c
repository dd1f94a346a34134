// tests/libc/sort.c: qsort and bsearch on integers and strings; malloc.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_int(const void *a, const void *b)
{
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
main(void)
{
  int n = 200, *v = malloc(n * sizeof(int));
  unsigned seed = 12345;
  const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date", "apple" };
  int nw = sizeof(words) / sizeof(words[0]);

  for (int i = 0; i < n; i++) {
    seed = seed * 1103515245 + 12345;       // our own generator: same on both
    v[i] = (int)(seed >> 16) % 1000 - 500;
  }
  qsort(v, n, sizeof(int), cmp_int);
  for (int i = 0; i < n; i += 20)
    printf("%d ", v[i]);
  printf("\nsorted %d\n", v[0] <= v[n - 1]);
  for (int k = -500; k < 500; k += 137) {
    int *hit = bsearch(&k, v, n, sizeof(int), cmp_int);
    printf("bsearch %d: %s\n", k, hit ? "found" : "absent");
  }
  qsort(words, nw, sizeof(words[0]), cmp_str);
  for (int i = 0; i < nw; i++)
    printf("%s%c", words[i], i + 1 < nw ? ' ' : '\n');
  const char *key = "date";
  const char **w = bsearch(&key, words, nw, sizeof(words[0]), cmp_str);
  printf("date at %d\n", w ? (int)(w - words) : -1);
  v = realloc(v, 2 * n * sizeof(int));
  v[2 * n - 1] = 77;
  printf("realloc %d %d\n", v[0], v[2 * n - 1]);
  free(v);
  return 0;
}
