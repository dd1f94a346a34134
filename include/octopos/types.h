// include/octopos/types.h: fixed-width integer names used across the kernel.
#ifndef OCTOPOS_TYPES_H
#define OCTOPOS_TYPES_H

typedef unsigned int   uint;
typedef unsigned short ushort;
typedef unsigned char  uchar;
typedef unsigned char  uint8;
typedef unsigned short uint16;
typedef unsigned int   uint32;
typedef unsigned long  uint64;
typedef long           int64;
typedef unsigned long  size_t;
typedef unsigned long  uintptr_t;
typedef uint64         pte_t;
typedef uint64        *pagetable_t;   // 512 PTEs

#ifndef __cplusplus
typedef _Bool bool;
#define true  1
#define false 0
#endif

#define NULL ((void *)0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
