#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the x86 SHA extensions (SHA-NI) with SSSE3 and SSE4.1, else 0.
int csha256_has_sha_ni(void);

/// Compresses `blocks` whole 64-byte blocks of `data` into `state` (FIPS 180-4 §6.2.2) with
/// the SHA-NI instructions. Call only when csha256_has_sha_ni() returned 1.
void csha256_compress_sha_ni(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
