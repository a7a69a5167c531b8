// CPNGKernels: ScanlineDeflater's parse and token writer (see include/CPNGKernels.h), in C so
// the loops carry no overflow or bounds checks; byte compares 16 at a time with SSE2 (part of
// every x86-64 CPU).
#include "CPNGKernels.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <emmintrin.h>
#define CPK_SSE2 1
#else
#define CPK_SSE2 0
#endif

static inline uint32_t load32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/// Length of the common prefix of a and b, at most limit (may read up to 15 bytes past limit).
static inline ptrdiff_t common_prefix(const uint8_t *a, const uint8_t *b, ptrdiff_t limit) {
    ptrdiff_t k = 0;
#if CPK_SSE2
    while (k < limit) {
        __m128i x = _mm_loadu_si128((const __m128i *)(a + k)), y = _mm_loadu_si128((const __m128i *)(b + k));
        unsigned differ = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) ^ 0xFFFFu;
        if (differ) {
            k += __builtin_ctz(differ);
            return k < limit ? k : limit;
        }
        k += 16;
    }
#else
    while (k < limit) {
        if (a[k] != b[k]) return k;
        k += 1;
    }
#endif
    return limit;
}

ptrdiff_t cpk_deflate_parse(const uint8_t *p, ptrdiff_t start, ptrdiff_t end, ptrdiff_t n, ptrdiff_t bpp, int upAllowed,
                         uint32_t *table, uint32_t base, uint32_t *out, ptrdiff_t t, uint32_t *literals,
                         uint32_t *distances, const uint8_t *lengthSymbols, const uint8_t *distanceSymbols) {
    ptrdiff_t i = start;
    while (i < end) {
        ptrdiff_t limit = end - i < 258 ? end - i : 258;
        ptrdiff_t bestLength = 0, bestDistance = 0;
        if (limit >= 4) {
            uint32_t current = load32(p + i);
            if (i >= bpp && load32(p + i - bpp) == current) {
                bestLength = 4 + common_prefix(p + i + 4, p + i - bpp + 4, limit - 4);
                bestDistance = bpp;
            }
            if (bestLength < limit && upAllowed && load32(p + i - n) == current) {
                ptrdiff_t length = 4 + common_prefix(p + i + 4, p + i - n + 4, limit - 4);
                if (length > bestLength) {
                    bestLength = length;
                    bestDistance = n;
                }
            }
            if (bestLength < limit) {
                uint32_t slot = (current * 0x9E3779B1u) >> 17;
                uint32_t position = base + (uint32_t)i;
                ptrdiff_t distance = (ptrdiff_t)(uint32_t)(position - table[slot]);
                table[slot] = position;
                if (distance >= 1 && distance <= 32768 && distance <= i && distance != bestDistance &&
                    load32(p + i - distance) == current) {
                    ptrdiff_t length = 4 + common_prefix(p + i + 4, p + i - distance + 4, limit - 4);
                    if (length > bestLength) {
                        bestLength = length;
                        bestDistance = distance;
                    }
                }
            }
        }
        if (bestLength >= 4) {
            out[t] = (uint32_t)bestDistance << 16 | (uint32_t)bestLength;
            literals[257 + lengthSymbols[bestLength]] += 1;
            ptrdiff_t d = bestDistance - 1;
            distances[d < 256 ? distanceSymbols[d] : distanceSymbols[256 + (d >> 7)]] += 1;
            i += bestLength;
        } else {
            out[t] = p[i];
            literals[p[i]] += 1;
            i += 1;
        }
        t += 1;
    }
    return t;
}

/// Stores the pending bits' whole bytes: all 8 bytes of the buffer go to bytes + *count (the
/// bytes past the whole ones are rewritten by the next store), then the whole bytes are dropped,
/// leaving fewer than 8 pending bits. No branch: one store per token.
static inline void flush_bytes(uint8_t *bytes, ptrdiff_t *count, uint64_t *buffer, ptrdiff_t *bits) {
    uint64_t word = *buffer;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    word = __builtin_bswap64(word);
#endif
    memcpy(bytes + *count, &word, 8);
    ptrdiff_t whole = *bits >> 3;
    *count += whole;
    *buffer >>= whole << 3;
    *bits &= 7;
}

ptrdiff_t cpk_deflate_write_tokens(const uint32_t *tokens, ptrdiff_t tokenCount, const uint64_t *fields,
                                   const ptrdiff_t *widths, const uint64_t *distanceFields,
                                   const ptrdiff_t *distanceWidths, const ptrdiff_t *distanceShifts,
                                   const ptrdiff_t *distanceBases, const uint8_t *distanceSymbols, uint8_t *bytes,
                                   ptrdiff_t byteCount, uint64_t *bitBuffer, ptrdiff_t *bitCount) {
    ptrdiff_t count = byteCount, bits = *bitCount;
    uint64_t buffer = *bitBuffer;
    // Fewer than 8 pending bits from here on; a token adds at most 15 + 5 + 15 + 13 = 48 bits,
    // so one store after each token keeps every field inside the 64-bit buffer.
    flush_bytes(bytes, &count, &buffer, &bits);
    for (ptrdiff_t k = 0; k < tokenCount; k++) {
        uint32_t token = tokens[k];
        if (token < (1u << 16)) {
            buffer |= fields[token] << bits;
            bits += widths[token];
        } else {
            ptrdiff_t length = token & 0xFFFF, distance = token >> 16;
            buffer |= fields[256 + length] << bits;
            bits += widths[256 + length];
            ptrdiff_t d = distance - 1;
            int symbol = d < 256 ? distanceSymbols[d] : distanceSymbols[256 + (d >> 7)];
            uint64_t field = distanceFields[symbol] | (uint64_t)(distance - distanceBases[symbol]) << distanceShifts[symbol];
            buffer |= field << bits;
            bits += distanceWidths[symbol];
        }
        flush_bytes(bytes, &count, &buffer, &bits);
    }
    *bitBuffer = buffer;
    *bitCount = bits;
    return count;
}
