// user/lib/account.c: /etc/passwd and /etc/group lookups, and starting a
// user's shell. Passwords are in user/lib/password.c.
//
// The files are small, so each lookup reads the whole file and scans its
// lines; nothing is cached, so a change is seen at once. A change writes
// a whole new copy beside the file, fsyncs it and renames it over the old
// one (account_replace): a crash or a full disk leaves the old file or the
// new, never a truncated one.
#include <user.h>
#include <account.h>

char *
account_read_file(const char *path, int *len)
{
  int fd, n, cap = 512, size = 0;
  char *buf, *nbuf;

  if ((fd = open(path, O_RDONLY)) < 0)
    return 0;
  if ((buf = malloc(cap + 1)) == 0) {
    close(fd);
    return 0;
  }
  while ((n = read(fd, buf + size, cap - size)) > 0) {
    size += n;
    if (size == cap) {
      if ((nbuf = malloc(2 * cap + 1)) == 0) {
        free(buf);
        close(fd);
        return 0;
      }
      memmove(nbuf, buf, size);
      free(buf);
      buf = nbuf;
      cap *= 2;
    }
  }
  close(fd);
  buf[size] = 0;
  if (len)
    *len = size;
  return buf;
}

// Split line (NUL-terminated, no newline) at ':' into at most max fields.
static int
split(char *line, char **f, int max)
{
  int n = 0;

  f[n++] = line;
  for (char *p = line; *p && n < max; p++) {
    if (*p == ':') {
      *p = 0;
      f[n++] = p + 1;
    }
  }
  return n;
}

// Call match(fields, n, arg) on each ':'-separated line of path until it
// returns 1; returns that 1, or 0. The fields live until the call returns.
int
account_scan(const char *path, int (*match)(char **f, int n, void *arg), void *arg)
{
  char *buf = account_read_file(path, 0), *line, *end, *f[8];
  int found = 0;

  if (buf == 0)
    return 0;
  for (line = buf; *line && !found; line = end) {
    end = strchr(line, '\n');
    if (end)
      *end++ = 0;
    else
      end = line + strlen(line);
    if (line[0] == 0 || line[0] == '#')
      continue;
    found = match(f, split(line, f, 8), arg);
  }
  free(buf);
  return found;
}

static void
copy(char *dst, const char *src, int n)
{
  int i;

  for (i = 0; i + 1 < n && src[i]; i++)
    dst[i] = src[i];
  dst[i] = 0;
}

struct pwquery {
  const char *name;       // match by name, or
  int uid;                // by uid when name is 0
  struct passwd_ent *pw;
};

static int
pw_match(char **f, int n, void *arg)
{
  struct pwquery *q = arg;

  if (n < 7)
    return 0;
  if (q->name ? strcmp(f[0], q->name) != 0 : atoi(f[2]) != q->uid)
    return 0;
  copy(q->pw->name, f[0], sizeof(q->pw->name));
  q->pw->uid = atoi(f[2]);
  q->pw->gid = atoi(f[3]);
  copy(q->pw->gecos, f[4], sizeof(q->pw->gecos));
  copy(q->pw->home, f[5], sizeof(q->pw->home));
  copy(q->pw->shell, f[6], sizeof(q->pw->shell));
  return 1;
}

int
account_getpwnam(const char *name, struct passwd_ent *pw)
{
  struct pwquery q = { name, 0, pw };

  return account_scan("/etc/passwd", pw_match, &q) ? 0 : -1;
}

int
account_getpwuid(int uid, struct passwd_ent *pw)
{
  struct pwquery q = { 0, uid, pw };

  return account_scan("/etc/passwd", pw_match, &q) ? 0 : -1;
}

struct grquery {
  const char *name;
  int gid;
  char *buf;
  int n;
};

static int
gr_match(char **f, int n, void *arg)
{
  struct grquery *q = arg;

  if (n < 3)
    return 0;
  if (q->name ? strcmp(f[0], q->name) != 0 : atoi(f[2]) != q->gid)
    return 0;
  if (q->buf)
    copy(q->buf, f[0], q->n);
  q->gid = atoi(f[2]);
  return 1;
}

int
account_group_name(int gid, char *buf, int n)
{
  struct grquery q = { 0, gid, buf, n };

  return account_scan("/etc/group", gr_match, &q) ? 0 : -1;
}

int
account_group_id(const char *name)
{
  struct grquery q = { name, -1, 0, 0 };

  return account_scan("/etc/group", gr_match, &q) ? q.gid : -1;
}

int
account_append(const char *path, const char *line)
{
  char *old, *buf;
  int len = 0, n = strlen(line), r;

  // xv6 has no O_APPEND, and appending in place could leave half a line:
  // build the new contents and replace the file whole.
  if ((old = account_read_file(path, &len)) == 0)
    len = 0;
  if ((buf = malloc(len + n + 2)) == 0) {
    free(old);
    return -1;
  }
  memmove(buf, old, len);
  if (len > 0 && buf[len - 1] != '\n')
    buf[len++] = '\n';
  memmove(buf + len, line, n);
  r = account_replace(path, buf, len + n);
  free(buf);
  free(old);
  return r;
}

// path with ".new" added, for the temporary copy: 0, or -1 if too long.
static int
tmpname(const char *path, char *out, int n)
{
  int l = strlen(path);
  if (l + 5 > n)
    return -1;
  strcpy(out, path);
  strcpy(out + l, ".new");
  return 0;
}

int
account_replace(const char *path, const char *data, int len)
{
  char tmp[MAXPATH];
  struct xstat xs;
  int fd, ok;

  if (tmpname(path, tmp, sizeof(tmp)) < 0)
    return -1;
  // The copy gets the old file's owner and mode before any byte goes in
  // (/etc/shadow is 0600): nobody can read it in between.
  xs.mode = 0644;
  xs.uid = xs.gid = 0;
  if ((fd = open(path, O_RDONLY)) >= 0) {
    if (xstat(fd, &xs) < 0)
      xs.mode = 0600;
    close(fd);
  }
  unlink(tmp);                    // left by an earlier failure
  if ((fd = open(tmp, O_CREATE | O_WRONLY | O_TRUNC)) < 0)
    return -1;
  ok = chmod(tmp, xs.mode & 07777) == 0 && chown(tmp, xs.uid, xs.gid) == 0 &&
       write(fd, data, len) == len && fsync(fd) == 0;
  close(fd);
  // The rename is the one moment the file changes: before it the old
  // contents, after it the new, on disk as after a crash.
  if (!ok || rename(tmp, path) < 0 || sync() < 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

static int
uid_max(char **f, int n, void *arg)
{
  int *max = arg;

  if (n >= 3 && atoi(f[2]) > *max)
    *max = atoi(f[2]);
  return 0;
}

int
account_next_uid(void)
{
  int max = 999;

  account_scan("/etc/passwd", uid_max, &max);
  return max + 1;
}

int
account_start_shell(const struct passwd_ent *pw, int home)
{
  char *argv[2];
  const char *shell = pw->shell[0] ? pw->shell : "/sh";
  const char *base = shell + strlen(shell);

  if (setgid(pw->gid) < 0 || setuid(pw->uid) < 0)
    return -1;
  if (home && chdir(pw->home[0] ? pw->home : "/") < 0) {
    fprintf(2, "no home directory %s: using /\n", pw->home);
    chdir("/");
  }
  while (base > shell && base[-1] != '/')
    base--;
  argv[0] = (char *)base;
  argv[1] = 0;
  exec(shell, argv);
  return -1;
}

int
account_readline(char *buf, int max)
{
  int i = 0;
  char c;

  for (;;) {
    int r = read(0, &c, 1);
    if (r < 1) {
      if (i == 0)
        return -1;
      break;
    }
    if (c == '\n' || c == '\r')
      break;
    if (i + 1 < max)
      buf[i++] = c;
  }
  buf[i] = 0;
  return i;
}
