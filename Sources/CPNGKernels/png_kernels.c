// CPNGKernels: see include/CPNGKernels.h. The vector versions use function-level target
// attributes (the baseline x86-64 target has SSE2 only) and are chosen with CPUID at run time.
#include "CPNGKernels.h"

#include "CCPUFeatures.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>
#define CPK_X86 1
#define SSSE3 __attribute__((target("ssse3")))
#define AVX2 __attribute__((target("avx2")))
#else
#define CPK_X86 0
#endif

static void pack_rgb_c(const uint32_t *source, size_t width, uint8_t *out, size_t from) {
    for (size_t x = from; x < width; x++) {
        uint32_t p = source[x];
        out[3 * x] = (uint8_t)(p >> 16);
        out[3 * x + 1] = (uint8_t)(p >> 8);
        out[3 * x + 2] = (uint8_t)p;
    }
}

#if CPK_X86
// Little-endian xRGB in memory is B, G, R, x: per pixel the bytes 2, 1, 0 in that order.
#define CPK_SHUFFLE 2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1

// Four pixels (16 bytes) -> 12 bytes; a 16-byte store, so the loop stops while 4 bytes of
// room remain past the 12 (x + 6 <= width), and the rest is done in C.
SSSE3 static void pack_rgb_ssse3(const uint32_t *source, size_t width, uint8_t *out) {
    const __m128i shuffle = _mm_setr_epi8(CPK_SHUFFLE);
    size_t x = 0;
    for (; x + 6 <= width; x += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(source + x));
        _mm_storeu_si128((__m128i *)(out + 3 * x), _mm_shuffle_epi8(v, shuffle));
    }
    pack_rgb_c(source, width, out, x);
}

// Eight pixels (32 bytes) -> 24 bytes: packed within each 128-bit lane, the two 12-byte
// halves joined by a 32-bit permute; a 32-bit store, so the loop needs 8 bytes of room past
// the 24 (x + 11 <= width).
AVX2 static void pack_rgb_avx2(const uint32_t *source, size_t width, uint8_t *out) {
    const __m256i shuffle = _mm256_setr_epi8(CPK_SHUFFLE, CPK_SHUFFLE);
    const __m256i join = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    size_t x = 0;
    for (; x + 11 <= width; x += 8) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(source + x));
        __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(v, shuffle), join);
        _mm256_storeu_si256((__m256i *)(out + 3 * x), packed);
    }
    pack_rgb_ssse3(source + x, width - x, out + 3 * x);
}

static int detect_level(void) {
    if (ccpu_features() & CCPU_AVX2) return 3;
    unsigned eax, ebx, ecx, edx;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_SSSE3)) return 2;
    return 1;
}
#else
static int detect_level(void) { return 1; }
#endif

int cpk_best_level(void) {
    static int best = 0;  // every thread that finds it unset computes and stores the same value
    int level = __atomic_load_n(&best, __ATOMIC_RELAXED);
    if (level == 0) {
        level = detect_level();
        __atomic_store_n(&best, level, __ATOMIC_RELAXED);
    }
    return level;
}

void cpk_pack_rgb(const uint32_t *source, size_t width, uint8_t *out, int level) {
    int best = cpk_best_level();
    if (level <= 0 || level > best) level = best;
#if CPK_X86
    if (level == 3) { pack_rgb_avx2(source, width, out); return; }
    if (level == 2) { pack_rgb_ssse3(source, width, out); return; }
#endif
    pack_rgb_c(source, width, out, 0);
}
