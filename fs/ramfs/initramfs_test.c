// fs/ramfs/initramfs_test.c: host tests of the initramfs unpacker.
// host-test-sources: fs/ramfs/initramfs.c
// host-test-config[plain]: CONFIG_FS_RAMFS CONFIG_ROOT_FS_RAMFS CONFIG_INITRAMFS
// host-test-config[links]: CONFIG_FS_RAMFS CONFIG_ROOT_FS_RAMFS CONFIG_INITRAMFS CONFIG_FS_SYMLINKS
//
// initramfs_unpack() runs against a fake file system: a table of nodes
// standing in for ramfs (the inode calls it makes are defined here), so
// every test sees exactly which names, types and bytes came out of an
// archive, good or broken. Archives are built here in newc format, the
// way scripts/mkinitramfs.py writes them.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "host_test.h"
#include <octopos/errno.h>
#include "ramfs.h"

// ---------------------------------------------------------------- fake fs
#define NODES 64
static struct node {
  struct inode ip;
  uint parent;
  char name[DIRSIZ + 1];
  char data[512];
} nodes[NODES];
static int nnodes;

static void
fake_reset(void)
{
  memset(nodes, 0, sizeof(nodes));
  nnodes = 1;                           // node 0 is unused; 1 is the root
  nodes[1].ip.inum = 1;
  nodes[1].ip.type = T_DIR;
  nodes[1].ip.valid = 1;
  nnodes = 2;
  host_log_clear();
}

struct inode *idup(struct inode *ip) { ip->ref++; return ip; }
int ilock(struct inode *ip) { (void)ip; return 0; }
void iunlock(struct inode *ip) { (void)ip; }
void iput(struct inode *ip) { ip->ref--; }
void iunlockput(struct inode *ip) { ip->ref--; }

struct inode *
dirlookup(struct inode *dp, const char *name, uint *poff)
{
  (void)poff;
  for (int i = 2; i < nnodes; i++)
    if (nodes[i].parent == dp->inum && strncmp(nodes[i].name, name, DIRSIZ) == 0)
      return idup(&nodes[i].ip);
  return NULL;
}

int
ramfs_mkent(struct inode *dp, const char *name, short type, short major, short minor,
            struct inode **out)
{
  if (nnodes == NODES)
    return -ENOSPC;
  struct node *n = &nodes[nnodes];
  n->ip.inum = nnodes++;
  n->ip.type = type;
  n->ip.major = major;
  n->ip.minor = minor;
  n->ip.ref = 1;
  n->parent = dp->inum;
  strncpy(n->name, name, DIRSIZ);
  *out = &n->ip;
  return 0;
}

int
writei(struct inode *ip, int user_src, uint64 src, uint off, uint n)
{
  struct node *nd = &nodes[ip->inum];
  (void)user_src;
  if (off + n > sizeof(nd->data))
    return -EFBIG;
  memcpy(nd->data + off, (const void *)(uintptr_t)src, n);
  ip->size = off + n;
  return n;
}

// The node at path (from the root), or NULL.
static struct node *
find(const char *path)
{
  char buf[128];
  uint cur = 1;
  snprintf(buf, sizeof(buf), "%s", path);
  for (char *s = strtok(buf, "/"); s; s = strtok(NULL, "/")) {
    int i;
    for (i = 2; i < nnodes; i++)
      if (nodes[i].parent == cur && strncmp(nodes[i].name, s, DIRSIZ) == 0)
        break;
    if (i == nnodes)
      return NULL;
    cur = i;
  }
  return &nodes[cur];
}

// ---------------------------------------------------------------- archives
static char arc[8192];
static size_t arclen;

static void
put(const void *p, size_t n)
{
  assert_true(arclen + n <= sizeof(arc));
  memcpy(arc + arclen, p, n);
  arclen += n;
}

static void
pad4(void)
{
  while (arclen % 4)
    put("", 1);
}

// One newc entry; namesize is strlen(name) + 1 unless given.
static void
entry_n(const char *name, unsigned mode, const char *data, unsigned namesize)
{
  char hdr[111];
  size_t dlen = data ? strlen(data) : 0;
  snprintf(hdr, sizeof(hdr), "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08x%08x",
           1u, mode, 0u, 0u, 1u, 0u, dlen, 0u, 0u, (mode & 0170000) == 0020000 ? 1u : 0u,
           0u, namesize, 0u);
  put(hdr, 110);
  put(name, strlen(name) + 1);
  pad4();
  if (dlen)
    put(data, dlen);
  pad4();
}

static void entry(const char *name, unsigned mode, const char *data)
{
  entry_n(name, mode, data, strlen(name) + 1);
}

static void trailer(void) { entry("TRAILER!!!", 0, NULL); }

static int
unpack(void)
{
  return initramfs_unpack(&nodes[1].ip, arc, arc + arclen);
}

static void
start(void)
{
  fake_reset();
  arclen = 0;
}

// ---------------------------------------------------------------- cases
static void
unpacks_files_directories_and_devices(void **state)
{
  (void)state;
  start();
  entry(".", 0040755, NULL);
  entry("README", 0100644, "hello, world\n");
  entry("bin/sh", 0100755, "\177ELF...");           // bin/ made on the way
  entry("etc", 0040755, NULL);
  entry("etc/motd", 0100644, "");
  entry("console", 0020600, NULL);
  entry("averyveryverylongname", 0100644, "x");       // cut to DIRSIZ
  trailer();
  entry("after-the-trailer", 0100644, "no");
  assert_int_equal(unpack(), 0);
  assert_non_null(strstr(host_log, "initramfs: 6 entries"));

  struct node *n = find("README");
  assert_non_null(n);
  assert_int_equal(n->ip.type, T_FILE);
  assert_int_equal(n->ip.size, 13);
  assert_memory_equal(n->data, "hello, world\n", 13);
  assert_int_equal(find("bin")->ip.type, T_DIR);
  assert_int_equal(find("bin/sh")->ip.size, 7);
  assert_int_equal(find("etc/motd")->ip.size, 0);
  assert_int_equal(find("console")->ip.type, T_DEVICE);
  assert_int_equal(find("console")->ip.major, 1);
  assert_non_null(find("averyveryveryl"));
  assert_null(find("after-the-trailer"));
  for (int i = 1; i < nnodes; i++)
    assert_int_equal(nodes[i].ip.ref, 0);            // every reference let go
}

static void
empty_archive_is_not_an_error(void **state)
{
  (void)state;
  start();
  trailer();
  assert_int_equal(unpack(), 0);
  assert_int_equal(nnodes, 2);
}

static void
bad_magic_refused_and_earlier_entries_kept(void **state)
{
  (void)state;
  start();
  entry("a", 0100644, "A");
  size_t at = arclen;
  entry("b", 0100644, "B");
  memcpy(arc + at, "070707", 6);                     // old binary-ish cpio magic
  trailer();
  assert_int_equal(unpack(), -EINVAL);
  assert_non_null(strstr(host_log, "bad magic"));
  assert_non_null(find("a"));
  assert_null(find("b"));
}

static void
truncated_archives_refused(void **state)
{
  (void)state;
  start();
  entry("a", 0100644, "0123456789abcdef");
  trailer();
  size_t whole = arclen;
  // Cut anywhere before the trailer's end: never a crash, always refused.
  for (size_t cut = 0; cut < whole; cut++) {
    fake_reset();
    int r = initramfs_unpack(&nodes[1].ip, arc, arc + cut);
    assert_int_equal(r, -EINVAL);
    assert_non_null(strstr(host_log, "truncated"));
  }
  fake_reset();
  assert_int_equal(initramfs_unpack(&nodes[1].ip, arc, arc + whole), 0);
}

static void
overlong_and_bad_names_refused(void **state)
{
  char name[200];
  (void)state;
  start();
  memset(name, 'n', sizeof(name) - 1);
  name[sizeof(name) - 1] = 0;
  entry(name, 0100644, "x");                         // namesize 200 > MAXPATH
  trailer();
  assert_int_equal(unpack(), -EINVAL);
  assert_non_null(strstr(host_log, "longer than MAXPATH"));
  assert_int_equal(nnodes, 2);

  start();
  entry_n("abc", 0100644, "x", 3);                   // namesize misses the NUL
  trailer();
  assert_int_equal(unpack(), -EINVAL);
  assert_non_null(strstr(host_log, "NUL"));

  start();
  entry_n("", 0100644, "x", 1);                      // empty name
  trailer();
  assert_int_equal(unpack(), -EINVAL);

  start();
  entry("a", 0100644, "x");
  memcpy(arc + 6 + 6 * 8, "zzzzzzzz", 8);            // file size not hex
  trailer();
  assert_int_equal(unpack(), -EINVAL);
  assert_non_null(strstr(host_log, "hexadecimal"));

  start();
  entry("a", 0100644, "x");
  memcpy(arc + 6 + 6 * 8, "7fffffff", 8);            // file size past the end
  trailer();
  assert_int_equal(unpack(), -EINVAL);
  assert_non_null(strstr(host_log, "truncated in file data"));
}

static void
symlinks_made_only_with_the_option(void **state)
{
  (void)state;
  start();
  entry("f", 0100644, "data");
  entry("l", 0120777, "f");
  entry("fifo", 0010644, NULL);                      // skipped: no such type
  trailer();
  assert_int_equal(unpack(), 0);
  assert_null(find("fifo"));
  struct node *n = find("l");
  if (IS_ENABLED(CONFIG_FS_SYMLINKS)) {
    assert_non_null(n);
    assert_int_equal(n->ip.type, T_SYMLINK);
    assert_int_equal(n->ip.size, 1);
    assert_int_equal(n->data[0], 'f');
  } else {
    assert_null(n);
    assert_non_null(strstr(host_log, "symlink skipped"));
  }
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(unpacks_files_directories_and_devices),
    cmocka_unit_test(empty_archive_is_not_an_error),
    cmocka_unit_test(bad_magic_refused_and_earlier_entries_kept),
    cmocka_unit_test(truncated_archives_refused),
    cmocka_unit_test(overlong_and_bad_names_refused),
    cmocka_unit_test(symlinks_made_only_with_the_option),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
