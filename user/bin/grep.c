// user/bin/grep.c: print the lines that match a regular expression.
//
// The expressions are the small set from Kernighan and Pike's matcher:
// c matches itself, '.' any character, 'x*' zero or more x, '^' and '$'
// anchor to the start and end of the line. The matcher backtracks by
// recursion, which is fine for the short patterns people type.
#include <user.h>

static char buf[1024];

static int matchhere(const char *re, const char *text);

// Matches c* followed by re at the start of text, shortest first.
static int
matchstar(char c, const char *re, const char *text)
{
  do {
    if (matchhere(re, text))
      return 1;
  } while (*text != 0 && (*text++ == c || c == '.'));
  return 0;
}

static int
matchhere(const char *re, const char *text)
{
  if (re[0] == 0)
    return 1;
  if (re[1] == '*')
    return matchstar(re[0], re + 2, text);
  if (re[0] == '$' && re[1] == 0)
    return *text == 0;
  if (*text != 0 && (re[0] == '.' || re[0] == *text))
    return matchhere(re + 1, text + 1);
  return 0;
}

static int
match(const char *re, const char *text)
{
  if (re[0] == '^')
    return matchhere(re + 1, text);
  do {
    if (matchhere(re, text))
      return 1;
  } while (*text++ != 0);
  return 0;
}

// Reads fd in blocks and prints every complete line that matches; a final
// line without '\n' is checked too. Lines longer than buf are cut up.
static void
grep(const char *re, int fd)
{
  int n, len = 0;
  char *line, *nl;

  while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0) {
    len += n;
    buf[len] = 0;
    line = buf;
    while ((nl = strchr(line, '\n')) != 0) {
      *nl = 0;
      if (match(re, line)) {
        *nl = '\n';
        write(1, line, nl + 1 - line);
      }
      line = nl + 1;
    }
    len -= line - buf;
    if (len == sizeof(buf) - 1) {   // no room left: treat it as one line
      if (match(re, buf))
        printf("%s\n", buf);
      len = 0;
    } else if (len > 0) {
      memmove(buf, line, len);
    }
  }
  if (len > 0) {
    buf[len] = 0;
    if (match(re, buf))
      printf("%s\n", buf);
  }
}

int
main(int argc, char *argv[])
{
  int fd;

  if (argc < 2) {
    fprintf(2, "usage: grep pattern [file ...]\n");
    return 1;
  }
  if (argc == 2) {
    grep(argv[1], 0);
    return 0;
  }
  for (int i = 2; i < argc; i++) {
    if ((fd = open(argv[i], O_RDONLY)) < 0) {
      fprintf(2, "grep: cannot open %s\n", argv[i]);
      return 1;
    }
    grep(argv[1], fd);
    close(fd);
  }
  return 0;
}
