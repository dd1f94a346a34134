// include/octopos/kmalloc.h: the kernel heap (mm/kmalloc.c).
// Size classes carved from pages of the page allocator; objects larger than
// the biggest class get whole pages. kmalloc(0) returns NULL; kfree(NULL) is
// a no-op. Memory is zeroed by kzalloc only.
#ifndef OCTOPOS_KMALLOC_H
#define OCTOPOS_KMALLOC_H
#include <octopos/types.h>

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void  kfree(void *p);
uint  kmalloc_idle_pages(void);   // empty slabs kept for reuse

#endif
