// CCSVKernels: see include/CCSVKernels.h. The AVX2 version uses a function-level target
// attribute (the baseline x86-64 target has SSE2 only) and is chosen by the caller after a
// CPUID check (KernelLevel in SentinelNumerics).
//
// Both levels reduce a 64-byte block to three 64-bit masks (bit k for byte k): separators,
// quotes, bytes >= 0x80. The positions are then written from the separator mask, one per set
// bit, by the same code at every level, so the levels agree by construction.
#include "CCSVKernels.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CCSV_X86 1
#include <immintrin.h>
#define AVX2 __attribute__((target("avx2")))
#else
#define CCSV_X86 0
#endif

#define INLINE static inline __attribute__((always_inline))

/// The three masks of one 64-byte block.
typedef struct {
    uint64_t separators;
    uint64_t quotes;
    uint64_t high;
} ccsv_block;

/// Writes base + k for every set bit k of mask, lowest first, at positions[n ...]; returns the new n.
INLINE ptrdiff_t ccsv_emit(uint64_t mask, uint32_t base, uint32_t *positions, ptrdiff_t n) {
    while (mask != 0) {
        positions[n++] = base + (uint32_t)__builtin_ctzll(mask);
        mask &= mask - 1;
    }
    return n;
}

// ---------------------------------------------------------------------------------------------
// Portable: eight bytes per 64-bit word.

/// 0x80 in each byte of word that is zero, 0 in the others. Exact (no borrow reaches a
/// neighbouring byte): the low seven bits are added to 0x7F, which carries into bit 7 unless
/// they are all zero, and bit 7 itself is or-ed in.
INLINE uint64_t ccsv_zero_bytes(uint64_t word) {
    uint64_t low = (word & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full;
    return ~(low | word | 0x7F7F7F7F7F7F7F7Full);
}

/// The high bit of each byte of bytes (0x80 or 0 per byte) gathered into the low 8 bits, byte 0
/// first: the multiplication moves byte k's bit to bit 56 + k with no carries between them.
INLINE uint64_t ccsv_gather(uint64_t bytes) {
    return ((bytes >> 7) * 0x0102040810204080ull) >> 56;
}

INLINE ccsv_block ccsv_block_portable(const uint8_t *block) {
    ccsv_block masks = {0, 0, 0};
    for (int w = 0; w < 8; w++) {
        uint64_t word;
        memcpy(&word, block + 8 * w, 8);  // little-endian on every target this builds for
        uint64_t separators = ccsv_zero_bytes(word ^ 0x2C2C2C2C2C2C2C2Cull)
                              | ccsv_zero_bytes(word ^ 0x0A0A0A0A0A0A0A0Aull)
                              | ccsv_zero_bytes(word ^ 0x0D0D0D0D0D0D0D0Dull);
        masks.separators |= ccsv_gather(separators) << (8 * w);
        masks.quotes |= ccsv_gather(ccsv_zero_bytes(word ^ 0x2222222222222222ull)) << (8 * w);
        masks.high |= ccsv_gather(word & 0x8080808080808080ull) << (8 * w);
    }
    return masks;
}

// ---------------------------------------------------------------------------------------------
// AVX2: 32 bytes per register.

#if CCSV_X86
/// Separator bytes by one table lookup: ',' (0x2C), '\n' (0x0A) and '\r' (0x0D) have distinct
/// low nibbles, so the table holds, at each of those nibbles, the separator with it, and at every
/// other nibble a byte without it (0x00 at nibbles 1-15, 0x01 at nibble 0); a byte equals its
/// entry exactly when it is a separator. pshufb gives 0 for bytes >= 0x80, which no such byte
/// equals.
#define CCSV_SEPARATOR_TABLE 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0A, 0, 0x2C, 0x0D, 0, 0

AVX2 INLINE uint64_t ccsv_movemask2(__m256i low, __m256i high) {
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(low) | (uint64_t)(uint32_t)_mm256_movemask_epi8(high) << 32;
}

AVX2 INLINE ccsv_block ccsv_block_avx2(const uint8_t *block) {
    const __m256i table = _mm256_setr_epi8(CCSV_SEPARATOR_TABLE, CCSV_SEPARATOR_TABLE);
    const __m256i quote = _mm256_set1_epi8('"');
    __m256i a = _mm256_loadu_si256((const __m256i *)block);
    __m256i b = _mm256_loadu_si256((const __m256i *)(block + 32));
    ccsv_block masks;
    masks.separators = ccsv_movemask2(_mm256_cmpeq_epi8(_mm256_shuffle_epi8(table, a), a),
                                      _mm256_cmpeq_epi8(_mm256_shuffle_epi8(table, b), b));
    // Quotes and high bytes are rare: one mask of both, split only when it is not zero.
    __m256i qa = _mm256_cmpeq_epi8(a, quote), qb = _mm256_cmpeq_epi8(b, quote);
    uint64_t either = ccsv_movemask2(_mm256_or_si256(qa, a), _mm256_or_si256(qb, b));
    if (__builtin_expect(either != 0, 0)) {
        masks.quotes = ccsv_movemask2(qa, qb);
        masks.high = ccsv_movemask2(a, b);
    } else {
        masks.quotes = 0;
        masks.high = 0;
    }
    return masks;
}
#endif

// ---------------------------------------------------------------------------------------------
// The scan, one copy per level (the block function inlined into each).

#define CCSV_SCAN_BODY(BLOCK)                                                                       \
    ptrdiff_t n = 0, i = from;                                                                      \
    unsigned found = 0;                                                                             \
    while (i < to && n + 64 <= capacity) {                                                          \
        ccsv_block masks;                                                                           \
        if (to - i >= 64) {                                                                         \
            masks = BLOCK(p + i);                                                                   \
        } else {                                                                                    \
            /* The last, short block in a zero-filled copy: zero is none of the bytes looked for. */ \
            uint8_t tail[64];                                                                       \
            memset(tail, 0, sizeof tail);                                                           \
            memcpy(tail, p + i, (size_t)(to - i));                                                  \
            masks = BLOCK(tail);                                                                    \
        }                                                                                           \
        if (masks.high != 0) found |= CCSV_NON_ASCII;                                               \
        ptrdiff_t end = to - i >= 64 ? i + 64 : to;                                                 \
        if (masks.quotes != 0) {                                                                    \
            *flags |= found | CCSV_QUOTE;                                                           \
            *next = end;                                                                            \
            return n;                                                                               \
        }                                                                                           \
        n = ccsv_emit(masks.separators, (uint32_t)i, positions, n);                                 \
        i = end;                                                                                    \
    }                                                                                               \
    *flags |= found;                                                                                \
    *next = i;                                                                                      \
    return n;

static ptrdiff_t ccsv_separators_portable(const uint8_t *p, ptrdiff_t from, ptrdiff_t to, uint32_t *positions,
                                          ptrdiff_t capacity, ptrdiff_t *next, unsigned *flags) {
    CCSV_SCAN_BODY(ccsv_block_portable)
}

#if CCSV_X86
AVX2 static ptrdiff_t ccsv_separators_avx2(const uint8_t *p, ptrdiff_t from, ptrdiff_t to, uint32_t *positions,
                                           ptrdiff_t capacity, ptrdiff_t *next, unsigned *flags) {
    CCSV_SCAN_BODY(ccsv_block_avx2)
}
#endif

ptrdiff_t ccsv_separators(const uint8_t *p, ptrdiff_t from, ptrdiff_t to, uint32_t *positions, ptrdiff_t capacity,
                          ptrdiff_t *next, unsigned *flags, int level) {
#if CCSV_X86
    if (level >= 1) return ccsv_separators_avx2(p, from, to, positions, capacity, next, flags);
#endif
    (void)level;
    return ccsv_separators_portable(p, from, to, positions, capacity, next, flags);
}
