// tests/libc/strings.c: string and memory functions.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(void)
{
  char a[64], b[64], *p, *save;

  strcpy(a, "hello, world");
  printf("strlen %zu strchr %s strrchr %s\n", strlen(a), strchr(a, 'o'), strrchr(a, 'o'));
  printf("strstr %s strcmp %d %d %d\n", strstr(a, "wor"), strcmp("a", "b") < 0,
         strcmp("b", "a") > 0, strcmp("same", "same"));
  printf("strncmp %d strcasecmp-ish %d\n", strncmp("abcx", "abcy", 3), toupper('q'));
  strncpy(b, "abcdef", 3);
  b[3] = 0;
  strcat(b, "XYZ");
  strncat(b, "123456", 2);
  printf("cat %s\n", b);
  memset(b, '*', 5);
  b[5] = 0;
  printf("memset %s\n", b);
  memcpy(b, "0123456789", 11);
  memmove(b + 2, b, 5);
  printf("memmove %s memcmp %d\n", b, memcmp("abc", "abd", 3) < 0);
  printf("memchr %s\n", (char *)memchr(a, 'w', strlen(a)));
  printf("spn %zu cspn %zu pbrk %s\n", strspn("aabbc", "ab"), strcspn("hello", "lo"), strpbrk(a, ",w"));
  strcpy(a, "one two,three  four");
  for (p = strtok_r(a, " ,", &save); p; p = strtok_r(NULL, " ,", &save))
    printf("tok <%s>\n", p);
  p = strdup("duplicate");
  printf("strdup %s %zu\n", p, strlen(p));
  free(p);
  for (const char *s = "Mixed Case 123"; *s; s++)
    putchar(isalpha((unsigned char)*s) ? tolower((unsigned char)*s) : isdigit((unsigned char)*s) ? '#' : '_');
  putchar('\n');
  return 0;
}
