// drivers/of/fdt_stdout.c: which node /chosen/stdout-path names
// (CONFIG_SERIAL_STDOUT_PATH).
//
// The devicetree spec's /chosen/stdout-path (older trees: linux,stdout-path)
// is a full path ("/soc/serial@10000000") or an alias, a property of
// /aliases whose value is the path ("serial0"), either followed by options
// after ':' ("serial0:115200n8"), which the kernel does not need. The parser
// hands us those properties as it meets them (fdt.c take_prop) and calls
// fdt_stdout_resolve() at the end of a good parse, while the blob is still
// there: /chosen and /aliases may come in either order. Rather than keep
// every node's path, each recorded node carries a hash of its path (FNV-1a,
// built up level by level in the walk); the path is hashed the same way and
// compared. A path giving a component without its unit address is not
// matched (the spec allows it where unambiguous; no tree we know uses it).

#include <octopos/fdt.h>
#include <octopos/string.h>

#define MAX_ALIASES 8          // looked at; sifive_u has 2, virt none

static struct {
  const char *path;            // in the blob, or NULL
  int linux_only;              // it came from linux,stdout-path
  int naliases;
  const char *alias[MAX_ALIASES], *target[MAX_ALIASES];
} st;

uint32
fdt_path_hash(uint32 h, const char *s, int n)
{
  for (int i = 0; i < n; i++)
    h = (h ^ (uchar)s[i]) * 16777619u;
  return h;
}

void
fdt_stdout_reset(void)
{
  memset(&st, 0, sizeof(st));
}

void
fdt_stdout_prop(int chosen, const char *name, const uchar *v, uint32 len)
{
  if (len == 0 || v[len - 1] != '\0')
    return;   // not a string: ignored like a missing one
  const char *s = (const char *)v;
  if (!chosen) {
    if (st.naliases < MAX_ALIASES) {
      st.alias[st.naliases] = name;
      st.target[st.naliases++] = s;
    }
  } else if (streq(name, "stdout-path")) {
    st.path = s;
    st.linux_only = 0;
  } else if (streq(name, "linux,stdout-path") && (st.path == NULL || st.linux_only)) {
    st.path = s;
    st.linux_only = 1;
  }
}

// Length of path s up to its options.
static int
path_len(const char *s)
{
  int n = 0;
  while (s[n] && s[n] != ':')
    n++;
  return n;
}

void
fdt_stdout_resolve(void)
{
  const char *p = st.path;
  if (p == NULL)
    return;
  int n = path_len(p);
  safestrcpy(fdt.stdout_path, p, MIN(n + 1, (int)sizeof(fdt.stdout_path)));
  if (p[0] != '/') {
    const char *t = NULL;
    for (int i = 0; i < st.naliases; i++)
      if ((int)strlen(st.alias[i]) == n && strncmp(st.alias[i], p, n) == 0)
        t = st.target[i];
    if (t == NULL)
      return;   // an alias /aliases does not have
    p = t;
    n = path_len(p);
  }
  uint32 h = fdt_path_hash(FDT_PATH_HASH_ROOT, p, n);
  for (int i = 0; i < fdt.nnodes; i++)
    if (fdt.nodes[i].path_hash == h)
      fdt.stdout_node = i + 1;
  st.path = NULL;
}
