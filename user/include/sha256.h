// user/include/sha256.h: SHA-256 (FIPS 180-4), for password hashes (user/lib/sha256.c).
#ifndef USER_SHA256_H
#define USER_SHA256_H
#include <octopos/types.h>

#define SHA256_BYTES 32

struct sha256 {
  uint32 h[8];              // chaining state
  uint64 len;               // message bytes so far
  uchar buf[64];            // the block being filled
  uint nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, uint n);
void sha256_final(struct sha256 *c, uchar out[SHA256_BYTES]);

#endif
