// tests/host/include/octopos/types.h: host shim for the kernel's types.h.
//
// Host unit tests compile kernel .c files with the host's libc in scope,
// so size_t, bool and NULL come from it; the kernel's own names keep the
// same widths as on RV64 (LP64 on both sides).
#ifndef OCTOPOS_TYPES_H
#define OCTOPOS_TYPES_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef unsigned int   uint;
typedef unsigned short ushort;
typedef unsigned char  uchar;
typedef unsigned char  uint8;
typedef unsigned short uint16;
typedef unsigned int   uint32;
typedef unsigned long  uint64;
typedef long           int64;
typedef uint64         pte_t;
typedef uint64        *pagetable_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
