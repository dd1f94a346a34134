// user/lib/password.c: salted, iterated SHA-256 password hashes in
// /etc/shadow (root only, mode 0600). See user/include/account.h for the
// format. Writing the shadow file rewrites it whole (O_TRUNC): not atomic,
// but xv6fs has no rename to do better, and only root writes it.
#include <user.h>
#include <account.h>
#include <sha256.h>

static void
hex(const uchar *b, int n, char *out)
{
  static const char digits[] = "0123456789abcdef";

  for (int i = 0; i < n; i++) {
    out[2 * i] = digits[b[i] >> 4];
    out[2 * i + 1] = digits[b[i] & 15];
  }
  out[2 * n] = 0;
}

void
account_hash(const char *salt, const char *password, char out[ACCOUNT_HASH + 1])
{
  struct sha256 c;
  uchar h[SHA256_BYTES];

  // Many rounds make each guess cost as much as a thousand hashes.
  sha256_init(&c);
  sha256_update(&c, salt, strlen(salt));
  sha256_update(&c, ":", 1);
  sha256_update(&c, password, strlen(password));
  sha256_final(&c, h);
  for (int i = 1; i < ACCOUNT_ROUNDS; i++) {
    sha256_init(&c);
    sha256_update(&c, h, sizeof(h));
    sha256_update(&c, salt, strlen(salt));
    sha256_update(&c, password, strlen(password));
    sha256_final(&c, h);
  }
  hex(h, sizeof(h), out);
}

struct shquery {
  const char *name;
  const char *password;
  int ok;
};

static int
shadow_match(char **f, int n, void *arg)
{
  struct shquery *q = arg;
  char h[ACCOUNT_HASH + 1];

  if (n < 3 || strcmp(f[0], q->name) != 0)
    return 0;
  if (strlen(f[2]) == ACCOUNT_HASH) {
    account_hash(f[1], q->password, h);
    // Compare every digit, so the time taken does not tell how many match.
    int diff = 0;
    for (int i = 0; i < ACCOUNT_HASH; i++)
      diff |= h[i] ^ f[2][i];
    q->ok = diff == 0;
  }
  return 1;
}

int
account_check_password(const char *name, const char *password)
{
  struct shquery q = { name, password, 0 };

  account_scan("/etc/shadow", shadow_match, &q);
  return q.ok;
}

void
account_new_salt(char out[ACCOUNT_SALT + 1])
{
  uchar seed[ACCOUNT_SALT / 2 + 16], h[SHA256_BYTES];
  struct sha256 c;
  uint64 t = rdtime();
  int fd, pid = getpid();

  // The RNG device if there is one; the clock and pid besides.
  memset(seed, 0, sizeof(seed));
  if ((fd = open("/dev/random", O_RDONLY)) >= 0) {
    read(fd, seed, ACCOUNT_SALT / 2);
    close(fd);
  }
  memmove(seed + ACCOUNT_SALT / 2, &t, sizeof(t));
  memmove(seed + ACCOUNT_SALT / 2 + 8, &pid, sizeof(pid));
  sha256_init(&c);
  sha256_update(&c, seed, sizeof(seed));
  sha256_final(&c, h);
  hex(h, ACCOUNT_SALT / 2, out);
}

int
account_set_password(const char *name, const char *password)
{
  char salt[ACCOUNT_SALT + 1], h[ACCOUNT_HASH + 1], entry[ACCOUNT_NAME + 100];
  char *buf, *line, *end, *out;
  int len = 0, olen = 0, found = 0, nl = strlen(name), ok;

  if (password) {
    account_new_salt(salt);
    account_hash(salt, password, h);
  } else {
    strcpy(salt, "");
    strcpy(h, "!");
  }
  if (strlen(name) >= ACCOUNT_NAME)
    return -1;
  // name:salt:hash\n
  strcpy(entry, name);
  strcpy(entry + strlen(entry), ":");
  strcpy(entry + strlen(entry), salt);
  strcpy(entry + strlen(entry), ":");
  strcpy(entry + strlen(entry), h);
  strcpy(entry + strlen(entry), "\n");

  if ((buf = account_read_file("/etc/shadow", &len)) == 0)
    return -1;
  if ((out = malloc(len + strlen(entry) + 2)) == 0) {
    free(buf);
    return -1;
  }
  for (line = buf; *line; line = end) {
    end = strchr(line, '\n');
    end = end ? end + 1 : line + strlen(line);
    if (!found && strncmp(line, name, nl) == 0 && line[nl] == ':') {
      memmove(out + olen, entry, strlen(entry));
      olen += strlen(entry);
      found = 1;
      continue;
    }
    memmove(out + olen, line, end - line);
    olen += end - line;
  }
  if (!found) {
    if (olen > 0 && out[olen - 1] != '\n')
      out[olen++] = '\n';
    memmove(out + olen, entry, strlen(entry));
    olen += strlen(entry);
  }
  free(buf);
  ok = account_replace("/etc/shadow", out, olen) == 0;
  free(out);
  return ok ? 0 : -1;
}

