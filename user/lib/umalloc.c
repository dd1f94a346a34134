// user/lib/umalloc.c: malloc and free on top of sbrk.
//
// Memory is handed out in 16-byte units. Each block starts with a header
// holding its size; free blocks also link into one list sorted by address,
// so free() can merge a block with the free neighbours on either side and
// long-running programs do not fragment the heap into slivers. When no free
// block fits, the heap grows by at least GROW_UNITS with sbrk. Memory is
// never returned to the kernel.
#include <user.h>

struct hdr {
  struct hdr *next;   // next free block (by address); unused while allocated
  uint64 units;       // size of the block in units, header included
};

#define UNIT        sizeof(struct hdr)
#define GROW_UNITS  (4096 / UNIT)

static struct hdr *freelist;   // lowest free block, or 0

// Puts b on the free list, merging it with adjacent free blocks.
static void
freelist_insert(struct hdr *b)
{
  struct hdr *prev = 0, *cur = freelist;

  while (cur && cur < b)
    prev = cur, cur = cur->next;

  if (cur && b + b->units == cur) {      // merge with the block after
    b->units += cur->units;
    b->next = cur->next;
  } else {
    b->next = cur;
  }
  if (prev && prev + prev->units == b) { // merge with the block before
    prev->units += b->units;
    prev->next = b->next;
  } else if (prev) {
    prev->next = b;
  } else {
    freelist = b;
  }
}

static int
grow(uint64 units)
{
  char *p;

  if (units < GROW_UNITS)
    units = GROW_UNITS;
  if (units * UNIT > 0x7fffffff)
    return -1;
  p = sbrk(units * UNIT);
  if (p == (char *)-1)
    return -1;
  ((struct hdr *)p)->units = units;
  freelist_insert((struct hdr *)p);
  return 0;
}

void *
malloc(uint n)
{
  uint64 units = (n + UNIT - 1) / UNIT + 1;

  for (;;) {
    struct hdr *prev = 0, *b;
    for (b = freelist; b; prev = b, b = b->next) {
      if (b->units < units)
        continue;
      if (b->units == units) {
        if (prev)
          prev->next = b->next;
        else
          freelist = b->next;
      } else {
        // Hand out the tail, so the free block keeps its place in the list.
        b->units -= units;
        b += b->units;
        b->units = units;
      }
      return b + 1;
    }
    if (grow(units) < 0)
      return 0;
  }
}

void
free(void *p)
{
  if (p)
    freelist_insert((struct hdr *)p - 1);
}
