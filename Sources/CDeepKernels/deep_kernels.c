// Winograd F(4x4, 3x3) transforms of SentinelImaging's ResNet18 in portable C and in AVX2 /
// AVX-512F versions (function-level target attributes, chosen at run time by the caller from
// KernelLevel (SentinelNumerics)). Swift's SIMD types compile to SSE only; these kernels exist to reach the
// wider registers. The formulas are the ones of Sources/SentinelImaging/Deep/WinogradF4.swift.
//
// No contraction into fused multiply-adds (the pragma below): every level evaluates the same
// operations in the same order, so the levels agree bit for bit (the tests compare them).
#include "CDeepKernels.h"

#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CDK_X86 1
#include <immintrin.h>
#define AVX2 __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx512f,avx2,fma")))
#else
#define CDK_X86 0
#endif

#define INLINE static inline __attribute__((always_inline))

// B^T applied to (d0 ... d5): works on floats and on vector-extension types alike.
#define BT_ROWS(d0, d1, d2, d3, d4, d5, r0, r1, r2, r3, r4, r5) do {                 \
        __typeof__(d0) a_ = (d4) - 4.0f * (d2), b_ = (d3) - 4.0f * (d1);            \
        __typeof__(d0) c_ = (d4) - (d2), e_ = 2.0f * ((d3) - (d1));                 \
        r0 = 4.0f * (d0) - 5.0f * (d2) + (d4);                                      \
        r1 = a_ + b_; r2 = a_ - b_; r3 = c_ + e_; r4 = c_ - e_;                     \
        r5 = 4.0f * (d1) - 5.0f * (d3) + (d5);                                      \
    } while (0)

// A^T applied to (m0 ... m5).
#define AT_OUTS(m0, m1, m2, m3, m4, m5, y0, y1, y2, y3) do {                        \
        __typeof__(m0) s12_ = (m1) + (m2), d12_ = (m1) - (m2);                      \
        __typeof__(m0) s34_ = (m3) + (m4), d34_ = (m3) - (m4);                      \
        y0 = (m0) + s12_ + s34_; y1 = d12_ + 2.0f * d34_;                           \
        y2 = s12_ + 4.0f * s34_; y3 = d12_ + 8.0f * d34_ + (m5);                    \
    } while (0)

// G applied to (a, b, c) in double: six values, out[0], out[step], ...
#define G_COLUMN(a, b, c, out, step) do {                                           \
        __typeof__(a) s_ = (a) + (c), t_ = (a) + 4.0 * (c), b2_ = 2.0 * (b);         \
        (out)[0] = (a) * 0.25;                                                      \
        (out)[step] = (s_ + (b)) * (-1.0 / 6);                                      \
        (out)[2 * (step)] = (s_ - (b)) * (-1.0 / 6);                                \
        (out)[3 * (step)] = (t_ + b2_) * (1.0 / 24);                                \
        (out)[4 * (step)] = (t_ - b2_) * (1.0 / 24);                                \
        (out)[5 * (step)] = (c);                                                    \
    } while (0)

// ---------------------------------------------------------------------------------------------
// Weight transform

static void weights_scalar(const float *w, ptrdiff_t p0, ptrdiff_t p1, ptrdiff_t pairs, float *u) {
    for (ptrdiff_t p = p0; p < p1; p++) {
        const float *k = w + 9 * p;
        double gg[18], r[36];
        for (int c = 0; c < 3; c++) G_COLUMN((double)k[c], (double)k[3 + c], (double)k[6 + c], gg + c, 3);
        for (int row = 0; row < 6; row++) G_COLUMN(gg[3 * row], gg[3 * row + 1], gg[3 * row + 2], r + 6 * row, 1);
        for (int xi = 0; xi < 36; xi++) u[xi * pairs + p] = (float)r[xi];
    }
}

#if CDK_X86
typedef double cdk_d4 __attribute__((vector_size(32)));
typedef float cdk_f4 __attribute__((vector_size(16)));
typedef double cdk_d8 __attribute__((vector_size(64)));
typedef float cdk_f8 __attribute__((vector_size(32)));

// L kernels at a time, one per lane of DV (doubles) / FV (floats).
#define DEFINE_WEIGHTS(NAME, ATTR, DV, FV, L)                                               \
    ATTR static void NAME(const float *w, ptrdiff_t p0, ptrdiff_t p1, ptrdiff_t pairs, float *u) { \
        ptrdiff_t p = p0;                                                                   \
        for (; p + L <= p1; p += L) {                                                       \
            double lanes[9][L];                                                             \
            for (int l = 0; l < L; l++)                                                     \
                for (int j = 0; j < 9; j++) lanes[j][l] = (double)w[(p + l) * 9 + j];       \
            DV g[9], gg[18], r[36];                                                         \
            for (int j = 0; j < 9; j++) memcpy(&g[j], lanes[j], sizeof(DV));                \
            for (int c = 0; c < 3; c++) G_COLUMN(g[c], g[3 + c], g[6 + c], gg + c, 3);      \
            for (int row = 0; row < 6; row++)                                               \
                G_COLUMN(gg[3 * row], gg[3 * row + 1], gg[3 * row + 2], r + 6 * row, 1);    \
            for (int xi = 0; xi < 36; xi++) {                                               \
                FV f = __builtin_convertvector(r[xi], FV);                                  \
                memcpy(u + xi * pairs + p, &f, sizeof(FV));                                 \
            }                                                                               \
        }                                                                                   \
        weights_scalar(w, p, p1, pairs, u);                                                 \
    }

DEFINE_WEIGHTS(weights_avx2, AVX2, cdk_d4, cdk_f4, 4)
DEFINE_WEIGHTS(weights_avx512, AVX512, cdk_d8, cdk_f8, 8)
#endif

void cdk_wino4_weights_range(const float *w, ptrdiff_t p0, ptrdiff_t p1, ptrdiff_t pairs, float *u, int level) {
#if CDK_X86
    if (level >= 2) { weights_avx512(w, p0, p1, pairs, u); return; }
    if (level == 1) { weights_avx2(w, p0, p1, pairs, u); return; }
#endif
    (void)level;
    weights_scalar(w, p0, p1, pairs, u);
}

void cdk_wino4_weights(const float *w, ptrdiff_t pairs, float *u, int level) {
    cdk_wino4_weights_range(w, 0, pairs, pairs, u, level);
}

// Output `row` of G_COLUMN(a, b, c): the same operations as G_COLUMN evaluates for it.
#define G_ONE(a, b, c, row, out) do {                                               \
        switch (row) {                                                              \
        case 0: out = (a) * 0.25; break;                                            \
        case 1: out = (((a) + (c)) + (b)) * (-1.0 / 6); break;                      \
        case 2: out = (((a) + (c)) - (b)) * (-1.0 / 6); break;                      \
        case 3: out = (((a) + 4.0 * (c)) + 2.0 * (b)) * (1.0 / 24); break;          \
        case 4: out = (((a) + 4.0 * (c)) - 2.0 * (b)) * (1.0 / 24); break;          \
        default: out = (c); break;                                                  \
        }                                                                           \
    } while (0)

static void weight_row_scalar(const float *w, ptrdiff_t p0, ptrdiff_t pairs, int row, float *u) {
    for (ptrdiff_t p = p0; p < pairs; p++) {
        const float *k = w + 9 * p;
        double gg[3], r[6];
        for (int c = 0; c < 3; c++) G_ONE((double)k[c], (double)k[3 + c], (double)k[6 + c], row, gg[c]);
        G_COLUMN(gg[0], gg[1], gg[2], r, 1);
        for (int j = 0; j < 6; j++) u[j * pairs + p] = (float)r[j];
    }
}

#if CDK_X86
#define DEFINE_WEIGHT_ROW(NAME, ATTR, DV, FV, L)                                            \
    ATTR static void NAME(const float *w, ptrdiff_t pairs, int row, float *u) {            \
        ptrdiff_t p = 0;                                                                    \
        for (; p + L <= pairs; p += L) {                                                    \
            double lanes[9][L];                                                             \
            for (int l = 0; l < L; l++)                                                     \
                for (int j = 0; j < 9; j++) lanes[j][l] = (double)w[(p + l) * 9 + j];       \
            DV g[9], gg[3], r[6];                                                           \
            for (int j = 0; j < 9; j++) memcpy(&g[j], lanes[j], sizeof(DV));                \
            for (int c = 0; c < 3; c++) G_ONE(g[c], g[3 + c], g[6 + c], row, gg[c]);        \
            G_COLUMN(gg[0], gg[1], gg[2], r, 1);                                            \
            for (int j = 0; j < 6; j++) {                                                   \
                FV f = __builtin_convertvector(r[j], FV);                                   \
                memcpy(u + j * pairs + p, &f, sizeof(FV));                                  \
            }                                                                               \
        }                                                                                   \
        weight_row_scalar(w, p, pairs, row, u);                                             \
    }

DEFINE_WEIGHT_ROW(weight_row_avx2, AVX2, cdk_d4, cdk_f4, 4)
DEFINE_WEIGHT_ROW(weight_row_avx512, AVX512, cdk_d8, cdk_f8, 8)
#endif

void cdk_wino4_weight_row(const float *w, ptrdiff_t pairs, int row, float *u, int level) {
#if CDK_X86
    if (level >= 2) { weight_row_avx512(w, pairs, row, u); return; }
    if (level == 1) { weight_row_avx2(w, pairs, row, u); return; }
#endif
    (void)level;
    weight_row_scalar(w, 0, pairs, row, u);
}

// ---------------------------------------------------------------------------------------------
// Input transform

/// Floats per padded row: x = -1 ... 4 tilesWide + 1 and slack, rounded up to whole 16-float
/// blocks, so the rows are stored in whole vectors and loaded back at the same offsets (a load
/// that spans two recent stores, or reads a masked one, waits for them to reach the cache).
static ptrdiff_t input_stride(ptrdiff_t tilesWide) { return (4 * tilesWide + 10 + 15) & ~(ptrdiff_t)15; }

ptrdiff_t cdk_wino4_input_scratch(ptrdiff_t tilesWide) { return 12 * input_stride(tilesWide) + 96; }

/// Columns of (B^T d) B for tiles t0 ..< tiles of one combined row, one tile at a time.
INLINE void columns_scalar(const float *line, ptrdiff_t t0, ptrdiff_t tiles, float *out, ptrdiff_t step) {
    for (ptrdiff_t t = t0; t < tiles; t++) {
        const float *x = line + 4 * t;
        float r0, r1, r2, r3, r4, r5;
        BT_ROWS(x[0], x[1], x[2], x[3], x[4], x[5], r0, r1, r2, r3, r4, r5);
        out[t] = r0; out[step + t] = r1; out[2 * step + t] = r2;
        out[3 * step + t] = r3; out[4 * step + t] = r4; out[5 * step + t] = r5;
    }
}

INLINE void rows_scalar(const float *d, float *b, ptrdiff_t x0, ptrdiff_t stride) {
    for (ptrdiff_t x = x0; x < stride; x++) {
        BT_ROWS(d[x], d[stride + x], d[2 * stride + x], d[3 * stride + x], d[4 * stride + x], d[5 * stride + x],
                b[x], b[stride + x], b[2 * stride + x], b[3 * stride + x], b[4 * stride + x], b[5 * stride + x]);
    }
}

// One input-transform function per level: ROWS combines the six input rows (NULL outside the
// image) into the rows of B^T d, zero-padded (x = -1 ... stride - 2), COLUMNS runs the column
// transform of one combined row.
#define DEFINE_INPUT(NAME, ATTR, ROWS, COLUMNS)                                                    \
    ATTR static void NAME(const float *channel, ptrdiff_t h, ptrdiff_t w, ptrdiff_t tilesHigh,     \
                          ptrdiff_t tilesWide, ptrdiff_t row0, ptrdiff_t row1, float *v,           \
                          ptrdiff_t step, float *scratch) {                                        \
        ptrdiff_t stride = input_stride(tilesWide), plane = h * w;                                 \
        float *d = scratch, *b = scratch + 6 * stride;                                             \
        memset(scratch + 12 * stride, 0, 96 * sizeof(float)); /* read, never stored, by masked tails */ \
        for (ptrdiff_t r = row0; r < row1; r++) {                                                  \
            ptrdiff_t n = r / tilesHigh, ty = r - n * tilesHigh;                                   \
            const float *source = channel + n * plane;                                             \
            const float *rows[6];                                                                  \
            for (int i = 0; i < 6; i++) {                                                          \
                ptrdiff_t y = 4 * ty - 1 + i;                                                      \
                rows[i] = y >= 0 && y < h ? source + y * w : NULL;                                 \
            }                                                                                      \
            ROWS(rows, w, d, b, stride);                                                           \
            ptrdiff_t t0 = (r - row0) * tilesWide;                                                 \
            for (int i = 0; i < 6; i++) COLUMNS(b + i * stride, tilesWide, v + (6 * i) * step + t0, step); \
        }                                                                                          \
    }

/// The portable path: padded copies of the rows first, then their combinations.
INLINE void rows_padded(const float *const rows[6], ptrdiff_t w, float *d, float *b, ptrdiff_t stride) {
    for (int i = 0; i < 6; i++) {
        float *line = d + i * stride;
        if (!rows[i]) {
            memset(line, 0, (size_t)stride * sizeof(float));
        } else {
            line[0] = 0;
            memcpy(line + 1, rows[i], (size_t)w * sizeof(float));
            memset(line + 1 + w, 0, (size_t)(stride - 1 - w) * sizeof(float));
        }
    }
    rows_scalar(d, b, 0, stride);
}

#define COLUMNS_SCALAR(line, tiles, out, step) columns_scalar(line, 0, tiles, out, step)
DEFINE_INPUT(input_scalar, , rows_padded, COLUMNS_SCALAR)

#if CDK_X86
/// B^T over the six source rows, eight columns at a time, straight from the image (masked
/// loads: lanes left of column 0 or right of column w - 1, and rows outside, are zeros). No
/// padded copies: wide loads of just-written narrower stores stall (store forwarding).
AVX2 INLINE void rows_avx2(const float *const rows[6], ptrdiff_t w, float *d, float *b, ptrdiff_t stride) {
    (void)d;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (ptrdiff_t x = 0; x < stride; x += 8) {
        // Lane l is padded column x + l, image column x + l - 1: valid for 1 <= x + l <= w.
        __m256i column = _mm256_add_epi32(lanes, _mm256_set1_epi32((int)x));
        __m256i valid = _mm256_and_si256(_mm256_cmpgt_epi32(column, _mm256_setzero_si256()),
                                         _mm256_cmpgt_epi32(_mm256_set1_epi32((int)w + 1), column));
        __m256 dv[6];
        for (int i = 0; i < 6; i++)
            dv[i] = rows[i] ? _mm256_maskload_ps(rows[i] + x - 1, valid) : _mm256_setzero_ps();
        __m256 r0, r1, r2, r3, r4, r5;
        BT_ROWS(dv[0], dv[1], dv[2], dv[3], dv[4], dv[5], r0, r1, r2, r3, r4, r5);
        _mm256_storeu_ps(b + x, r0); _mm256_storeu_ps(b + stride + x, r1);
        _mm256_storeu_ps(b + 2 * stride + x, r2); _mm256_storeu_ps(b + 3 * stride + x, r3);
        _mm256_storeu_ps(b + 4 * stride + x, r4); _mm256_storeu_ps(b + 5 * stride + x, r5);
    }
}

/// Quads of line at tiles t, t + 4 (low and high 128-bit lanes).
AVX2 INLINE __m256 quads_avx2(const float *line, ptrdiff_t t) {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(line + 4 * t)), _mm_loadu_ps(line + 4 * t + 16), 1);
}

/// Eight tiles at a time: the quads (x = 4t ... 4t + 3) of tiles t ... t + 8 transposed in lanes.
AVX2 INLINE void columns_avx2(const float *line, ptrdiff_t tiles, float *out, ptrdiff_t step) {
    ptrdiff_t t = 0;
    for (; t + 8 <= tiles; t += 8) {
        __m256 qa = quads_avx2(line, t), qb = quads_avx2(line, t + 1);
        __m256 qc = quads_avx2(line, t + 2), qd = quads_avx2(line, t + 3), qe = quads_avx2(line, t + 4);
        __m256 ab0 = _mm256_unpacklo_ps(qa, qb), ab1 = _mm256_unpackhi_ps(qa, qb);
        __m256 cd0 = _mm256_unpacklo_ps(qc, qd), cd1 = _mm256_unpackhi_ps(qc, qd);
        __m256 bc0 = _mm256_unpacklo_ps(qb, qc), de0 = _mm256_unpacklo_ps(qd, qe);
        __m256 x0 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(ab0), _mm256_castps_pd(cd0)));
        __m256 x1 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(ab0), _mm256_castps_pd(cd0)));
        __m256 x2 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(ab1), _mm256_castps_pd(cd1)));
        __m256 x3 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(ab1), _mm256_castps_pd(cd1)));
        __m256 x4 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(bc0), _mm256_castps_pd(de0)));
        __m256 x5 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(bc0), _mm256_castps_pd(de0)));
        __m256 r0, r1, r2, r3, r4, r5;
        BT_ROWS(x0, x1, x2, x3, x4, x5, r0, r1, r2, r3, r4, r5);
        _mm256_storeu_ps(out + t, r0); _mm256_storeu_ps(out + step + t, r1);
        _mm256_storeu_ps(out + 2 * step + t, r2); _mm256_storeu_ps(out + 3 * step + t, r3);
        _mm256_storeu_ps(out + 4 * step + t, r4); _mm256_storeu_ps(out + 5 * step + t, r5);
    }
    if (t < tiles) {
        // The last 1 ... 7 tiles: the loads run on into the next row or the zeroed slack; only
        // the lanes of real tiles are stored.
        const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(tiles - t)), lanes);
        __m256 qa = quads_avx2(line, t), qb = quads_avx2(line, t + 1);
        __m256 qc = quads_avx2(line, t + 2), qd = quads_avx2(line, t + 3), qe = quads_avx2(line, t + 4);
        __m256 ab0 = _mm256_unpacklo_ps(qa, qb), ab1 = _mm256_unpackhi_ps(qa, qb);
        __m256 cd0 = _mm256_unpacklo_ps(qc, qd), cd1 = _mm256_unpackhi_ps(qc, qd);
        __m256 bc0 = _mm256_unpacklo_ps(qb, qc), de0 = _mm256_unpacklo_ps(qd, qe);
        __m256 x0 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(ab0), _mm256_castps_pd(cd0)));
        __m256 x1 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(ab0), _mm256_castps_pd(cd0)));
        __m256 x2 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(ab1), _mm256_castps_pd(cd1)));
        __m256 x3 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(ab1), _mm256_castps_pd(cd1)));
        __m256 x4 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(bc0), _mm256_castps_pd(de0)));
        __m256 x5 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(bc0), _mm256_castps_pd(de0)));
        __m256 r0, r1, r2, r3, r4, r5;
        BT_ROWS(x0, x1, x2, x3, x4, x5, r0, r1, r2, r3, r4, r5);
        _mm256_maskstore_ps(out + t, mask, r0); _mm256_maskstore_ps(out + step + t, mask, r1);
        _mm256_maskstore_ps(out + 2 * step + t, mask, r2); _mm256_maskstore_ps(out + 3 * step + t, mask, r3);
        _mm256_maskstore_ps(out + 4 * step + t, mask, r4); _mm256_maskstore_ps(out + 5 * step + t, mask, r5);
    }
}

DEFINE_INPUT(input_avx2, AVX2, rows_avx2, columns_avx2)

/// As rows_avx2, sixteen columns at a time.
AVX512 INLINE void rows_avx512(const float *const rows[6], ptrdiff_t w, float *d, float *b, ptrdiff_t stride) {
    (void)d;
    for (ptrdiff_t x = 0; x < stride; x += 16) {
        // Lane l is padded column x + l, image column x + l - 1: valid for 1 <= x + l <= w.
        ptrdiff_t first = x == 0 ? 1 : 0, end = w + 1 - x;  // valid lanes first ..< end
        __mmask16 below = end >= 16 ? (__mmask16)0xFFFF : end <= 0 ? 0 : (__mmask16)((1u << end) - 1);
        __mmask16 valid = (__mmask16)(below & (__mmask16)(0xFFFFu << first));
        __m512 dv[6];
        for (int i = 0; i < 6; i++)
            dv[i] = rows[i] ? _mm512_maskz_loadu_ps(valid, rows[i] + x - 1) : _mm512_setzero_ps();
        __m512 r0, r1, r2, r3, r4, r5;
        BT_ROWS(dv[0], dv[1], dv[2], dv[3], dv[4], dv[5], r0, r1, r2, r3, r4, r5);
        _mm512_storeu_ps(b + x, r0); _mm512_storeu_ps(b + stride + x, r1);
        _mm512_storeu_ps(b + 2 * stride + x, r2); _mm512_storeu_ps(b + 3 * stride + x, r3);
        _mm512_storeu_ps(b + 4 * stride + x, r4); _mm512_storeu_ps(b + 5 * stride + x, r5);
    }
}

/// Sixteen tiles at a time: stride-4 lane splits of four 16-wide loads (x0 ... x3) and of four
/// more one quad further (x4, x5); then eight tiles at a time as AVX2 does.
AVX512 INLINE void columns_avx512(const float *line, ptrdiff_t tiles, float *out, ptrdiff_t step) {
    const __m512i even = _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
    const __m512i odd = _mm512_setr_epi32(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
    for (ptrdiff_t t = 0; t < tiles; t += 16) {
        // The last group may hold fewer than 16 tiles: its loads run on into the next row or
        // the zeroed slack, and only the lanes of real tiles are stored.
        const __mmask16 mask = tiles - t >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (tiles - t)) - 1);
        const float *x = line + 4 * t;
        // Loads at multiples of 16 from the row start, as the rows were stored (a load spanning
        // two recent stores would wait for them to reach the cache).
        __m512 l0 = _mm512_loadu_ps(x), l1 = _mm512_loadu_ps(x + 16);
        __m512 l2 = _mm512_loadu_ps(x + 32), l3 = _mm512_loadu_ps(x + 48);
        __m512i l4 = _mm512_castps_si512(_mm512_loadu_ps(x + 64));  // x0, x1 of tile t + 16 in lanes 0, 1
        __m512 p01 = _mm512_permutex2var_ps(l0, even, l1), q01 = _mm512_permutex2var_ps(l2, even, l3);
        __m512 p23 = _mm512_permutex2var_ps(l0, odd, l1), q23 = _mm512_permutex2var_ps(l2, odd, l3);
        __m512 x0 = _mm512_shuffle_f32x4(p01, q01, 0x44), x1 = _mm512_shuffle_f32x4(p01, q01, 0xEE);
        __m512 x2 = _mm512_shuffle_f32x4(p23, q23, 0x44), x3 = _mm512_shuffle_f32x4(p23, q23, 0xEE);
        // x4 (x5) of tile t is x0 (x1) of tile t + 1: shift down one lane, the next tile's at the top.
        __m512 x4 = _mm512_castsi512_ps(_mm512_alignr_epi32(l4, _mm512_castps_si512(x0), 1));
        __m512 x5 = _mm512_castsi512_ps(_mm512_alignr_epi32(_mm512_alignr_epi32(l4, l4, 1), _mm512_castps_si512(x1), 1));
        __m512 r0, r1, r2, r3, r4, r5;
        BT_ROWS(x0, x1, x2, x3, x4, x5, r0, r1, r2, r3, r4, r5);
        _mm512_mask_storeu_ps(out + t, mask, r0); _mm512_mask_storeu_ps(out + step + t, mask, r1);
        _mm512_mask_storeu_ps(out + 2 * step + t, mask, r2); _mm512_mask_storeu_ps(out + 3 * step + t, mask, r3);
        _mm512_mask_storeu_ps(out + 4 * step + t, mask, r4); _mm512_mask_storeu_ps(out + 5 * step + t, mask, r5);
    }
}

DEFINE_INPUT(input_avx512, AVX512, rows_avx512, columns_avx512)
#endif

void cdk_wino4_input(const float *channel, ptrdiff_t h, ptrdiff_t w, ptrdiff_t tilesHigh, ptrdiff_t tilesWide,
                     ptrdiff_t row0, ptrdiff_t row1, float *v, ptrdiff_t step, float *scratch, int level) {
#if CDK_X86
    if (level >= 2) { input_avx512(channel, h, w, tilesHigh, tilesWide, row0, row1, v, step, scratch); return; }
    if (level == 1) { input_avx2(channel, h, w, tilesHigh, tilesWide, row0, row1, v, step, scratch); return; }
#endif
    (void)level;
    input_scalar(channel, h, w, tilesHigh, tilesWide, row0, row1, v, step, scratch);
}

// ---------------------------------------------------------------------------------------------
// Output transform

/// Where each tile of a chunk writes: offset of its top-left pixel in a channel's images, and
/// how many of its 4 columns and rows lie inside the image.
typedef struct {
    ptrdiff_t *offset;
    unsigned char *columns;
    unsigned char *rows;
} tile_map;

ptrdiff_t cdk_wino4_output_scratch(ptrdiff_t tiles) { return 24 * tiles + 2 * tiles + tiles / 2 + 16; }

static tile_map map_tiles(float *scratch, ptrdiff_t tiles, ptrdiff_t row0, ptrdiff_t tilesHigh, ptrdiff_t tilesWide,
                          ptrdiff_t h, ptrdiff_t w) {
    uintptr_t at = (uintptr_t)(scratch + 24 * tiles);
    at = (at + 7) & ~(uintptr_t)7;
    tile_map map = {(ptrdiff_t *)at, (unsigned char *)(at + 8 * (uintptr_t)tiles), NULL};
    map.rows = map.columns + tiles;
    for (ptrdiff_t t = 0; t < tiles; t++) {
        ptrdiff_t r = row0 + t / tilesWide, tx = t % tilesWide;
        ptrdiff_t n = r / tilesHigh, ty = r - n * tilesHigh;
        map.offset[t] = n * h * w + 4 * ty * w + 4 * tx;
        ptrdiff_t columns = w - 4 * tx, rows = h - 4 * ty;
        map.columns[t] = (unsigned char)(columns < 4 ? columns : 4);
        map.rows[t] = (unsigned char)(rows < 4 ? rows : 4);
    }
    return map;
}

/// relu?(value + residual) for the first `count` values of one tile row.
INLINE void finish_scalar(const float *value, int count, float *dst, const float *res, int relu) {
    for (int k = 0; k < count; k++) {
        float y = value[k];
        if (res) y += res[k];
        if (relu) y = y < 0 ? 0 : y;
        dst[k] = y;
    }
}

/// Second stage for tiles t0 ..< tiles of output row i of every tile, one tile at a time.
INLINE void outputs_scalar(const float *a, ptrdiff_t t0, ptrdiff_t tiles, int i, float bias, tile_map map,
                           float *base, const float *rbase, ptrdiff_t w, int relu) {
    for (ptrdiff_t t = t0; t < tiles; t++) {
        if (i >= map.rows[t]) continue;
        float y[4];
        AT_OUTS(a[t], a[tiles + t], a[2 * tiles + t], a[3 * tiles + t], a[4 * tiles + t], a[5 * tiles + t],
                y[0], y[1], y[2], y[3]);
        for (int k = 0; k < 4; k++) y[k] += bias;
        ptrdiff_t at = map.offset[t] + i * w;
        finish_scalar(y, map.columns[t], base + at, rbase ? rbase + at : NULL, relu);
    }
}

/// First stage for one channel: partial[(6 i + j) tiles + t] = (A^T q)[i] over the products of column j.
INLINE void partial_scalar(const float *q, ptrdiff_t products, ptrdiff_t t0, ptrdiff_t tiles, float *partial) {
    for (int j = 0; j < 6; j++) {
        const float *q0 = q + j * products;
        for (ptrdiff_t t = t0; t < tiles; t++) {
            float y0, y1, y2, y3;
            AT_OUTS(q0[t], q0[6 * products + t], q0[12 * products + t], q0[18 * products + t],
                    q0[24 * products + t], q0[30 * products + t], y0, y1, y2, y3);
            partial[j * tiles + t] = y0; partial[(6 + j) * tiles + t] = y1;
            partial[(12 + j) * tiles + t] = y2; partial[(18 + j) * tiles + t] = y3;
        }
    }
}

#define DEFINE_OUTPUT(NAME, ATTR, PARTIAL, OUTPUTS)                                                  \
    ATTR static void NAME(const float *m, ptrdiff_t products, ptrdiff_t tiles, ptrdiff_t o0, ptrdiff_t o1, \
                          ptrdiff_t row0, ptrdiff_t tilesHigh, ptrdiff_t tilesWide, ptrdiff_t h,     \
                          ptrdiff_t w, ptrdiff_t batch, const float *bias, const float *residual,    \
                          float *output, int relu, float *scratch) {                                 \
        tile_map map = map_tiles(scratch, tiles, row0, tilesHigh, tilesWide, h, w);                  \
        float *partial = scratch;                                                                    \
        for (ptrdiff_t o = o0; o < o1; o++) {                                                        \
            PARTIAL(m + o * tiles, products, tiles, partial);                                        \
            float *base = output + o * batch * h * w;                                                \
            const float *rbase = residual ? residual + o * batch * h * w : NULL;                     \
            for (int i = 0; i < 4; i++)                                                              \
                OUTPUTS(partial + 6 * i * tiles, tiles, i, bias[o], map, base, rbase, w, relu);      \
        }                                                                                            \
    }

#define PARTIAL_SCALAR(q, products, tiles, partial) partial_scalar(q, products, 0, tiles, partial)
#define OUTPUTS_SCALAR(a, tiles, i, bias, map, base, rbase, w, relu) \
    outputs_scalar(a, 0, tiles, i, bias, map, base, rbase, w, relu)
DEFINE_OUTPUT(output_scalar, , PARTIAL_SCALAR, OUTPUTS_SCALAR)

#if CDK_X86
/// relu?(quad + residual) stored to the tile's row (masked to `count` columns).
INLINE void put_quad(__m128 y, ptrdiff_t count, float *dst, const float *res, int relu) {
    if (count == 4) {
        if (res) y = _mm_add_ps(y, _mm_loadu_ps(res));
        if (relu) y = _mm_max_ps(_mm_setzero_ps(), y);  // = (y < 0 ? 0 : y), NaN and -0 kept
        _mm_storeu_ps(dst, y);
    } else {
        float value[4];
        _mm_storeu_ps(value, y);
        finish_scalar(value, (int)count, dst, res, relu);
    }
}

#define PUT_TILE(quad, tt) do {                                                                      \
        if (i < map.rows[tt]) {                                                                      \
            ptrdiff_t at_ = map.offset[tt] + i * w;                                                  \
            put_quad(quad, map.columns[tt], base + at_, rbase ? rbase + at_ : NULL, relu);           \
        }                                                                                            \
    } while (0)

AVX2 INLINE void partial_avx2(const float *q, ptrdiff_t products, ptrdiff_t t0, ptrdiff_t tiles, float *partial) {
    ptrdiff_t t = t0;
    for (; t + 8 <= tiles; t += 8) {
        for (int j = 0; j < 6; j++) {
            const float *q0 = q + j * products + t;
            __m256 y0, y1, y2, y3;
            AT_OUTS(_mm256_loadu_ps(q0), _mm256_loadu_ps(q0 + 6 * products), _mm256_loadu_ps(q0 + 12 * products),
                    _mm256_loadu_ps(q0 + 18 * products), _mm256_loadu_ps(q0 + 24 * products),
                    _mm256_loadu_ps(q0 + 30 * products), y0, y1, y2, y3);
            _mm256_storeu_ps(partial + j * tiles + t, y0); _mm256_storeu_ps(partial + (6 + j) * tiles + t, y1);
            _mm256_storeu_ps(partial + (12 + j) * tiles + t, y2); _mm256_storeu_ps(partial + (18 + j) * tiles + t, y3);
        }
    }
    partial_scalar(q, products, t, tiles, partial);
}

/// Eight tiles at a time: y0 ... y3 transposed in 128-bit lanes into the tiles' quads.
AVX2 INLINE void outputs_avx2(const float *a, ptrdiff_t t0, ptrdiff_t tiles, int i, float bias, tile_map map,
                              float *base, const float *rbase, ptrdiff_t w, int relu) {
    const __m256 b = _mm256_set1_ps(bias);
    ptrdiff_t t = t0;
    for (; t + 8 <= tiles; t += 8) {
        __m256 y0, y1, y2, y3;
        AT_OUTS(_mm256_loadu_ps(a + t), _mm256_loadu_ps(a + tiles + t), _mm256_loadu_ps(a + 2 * tiles + t),
                _mm256_loadu_ps(a + 3 * tiles + t), _mm256_loadu_ps(a + 4 * tiles + t),
                _mm256_loadu_ps(a + 5 * tiles + t), y0, y1, y2, y3);
        y0 = y0 + b; y1 = y1 + b; y2 = y2 + b; y3 = y3 + b;
        __m256 u0 = _mm256_unpacklo_ps(y0, y1), u1 = _mm256_unpackhi_ps(y0, y1);
        __m256 u2 = _mm256_unpacklo_ps(y2, y3), u3 = _mm256_unpackhi_ps(y2, y3);
        __m256 z0 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(u0), _mm256_castps_pd(u2)));
        __m256 z1 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(u0), _mm256_castps_pd(u2)));
        __m256 z2 = _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(u1), _mm256_castps_pd(u3)));
        __m256 z3 = _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(u1), _mm256_castps_pd(u3)));
        PUT_TILE(_mm256_castps256_ps128(z0), t); PUT_TILE(_mm256_castps256_ps128(z1), t + 1);
        PUT_TILE(_mm256_castps256_ps128(z2), t + 2); PUT_TILE(_mm256_castps256_ps128(z3), t + 3);
        PUT_TILE(_mm256_extractf128_ps(z0, 1), t + 4); PUT_TILE(_mm256_extractf128_ps(z1, 1), t + 5);
        PUT_TILE(_mm256_extractf128_ps(z2, 1), t + 6); PUT_TILE(_mm256_extractf128_ps(z3, 1), t + 7);
    }
    outputs_scalar(a, t, tiles, i, bias, map, base, rbase, w, relu);
}

#define OUTPUTS_AVX2(a, tiles, i, bias, map, base, rbase, w, relu) \
    outputs_avx2(a, 0, tiles, i, bias, map, base, rbase, w, relu)
#define PARTIAL_AVX2(q, products, tiles, partial) partial_avx2(q, products, 0, tiles, partial)
DEFINE_OUTPUT(output_avx2, AVX2, PARTIAL_AVX2, OUTPUTS_AVX2)

AVX512 INLINE void partial_avx512(const float *q, ptrdiff_t products, ptrdiff_t tiles, float *partial) {
    ptrdiff_t t = 0;
    for (; t + 16 <= tiles; t += 16) {
        for (int j = 0; j < 6; j++) {
            const float *q0 = q + j * products + t;
            __m512 y0, y1, y2, y3;
            AT_OUTS(_mm512_loadu_ps(q0), _mm512_loadu_ps(q0 + 6 * products), _mm512_loadu_ps(q0 + 12 * products),
                    _mm512_loadu_ps(q0 + 18 * products), _mm512_loadu_ps(q0 + 24 * products),
                    _mm512_loadu_ps(q0 + 30 * products), y0, y1, y2, y3);
            _mm512_storeu_ps(partial + j * tiles + t, y0); _mm512_storeu_ps(partial + (6 + j) * tiles + t, y1);
            _mm512_storeu_ps(partial + (12 + j) * tiles + t, y2); _mm512_storeu_ps(partial + (18 + j) * tiles + t, y3);
        }
    }
    partial_avx2(q, products, t, tiles, partial);
}

/// Sixteen tiles at a time (lane L of z_k is tile 4L + k), then eight as AVX2 does.
AVX512 INLINE void outputs_avx512(const float *a, ptrdiff_t tiles, int i, float bias, tile_map map,
                                  float *base, const float *rbase, ptrdiff_t w, int relu) {
    const __m512 b = _mm512_set1_ps(bias);
    ptrdiff_t t = 0;
    for (; t + 16 <= tiles; t += 16) {
        __m512 y0, y1, y2, y3;
        AT_OUTS(_mm512_loadu_ps(a + t), _mm512_loadu_ps(a + tiles + t), _mm512_loadu_ps(a + 2 * tiles + t),
                _mm512_loadu_ps(a + 3 * tiles + t), _mm512_loadu_ps(a + 4 * tiles + t),
                _mm512_loadu_ps(a + 5 * tiles + t), y0, y1, y2, y3);
        y0 = y0 + b; y1 = y1 + b; y2 = y2 + b; y3 = y3 + b;
        __m512 u0 = _mm512_unpacklo_ps(y0, y1), u1 = _mm512_unpackhi_ps(y0, y1);
        __m512 u2 = _mm512_unpacklo_ps(y2, y3), u3 = _mm512_unpackhi_ps(y2, y3);
        __m512 z0 = _mm512_castpd_ps(_mm512_unpacklo_pd(_mm512_castps_pd(u0), _mm512_castps_pd(u2)));
        __m512 z1 = _mm512_castpd_ps(_mm512_unpackhi_pd(_mm512_castps_pd(u0), _mm512_castps_pd(u2)));
        __m512 z2 = _mm512_castpd_ps(_mm512_unpacklo_pd(_mm512_castps_pd(u1), _mm512_castps_pd(u3)));
        __m512 z3 = _mm512_castpd_ps(_mm512_unpackhi_pd(_mm512_castps_pd(u1), _mm512_castps_pd(u3)));
        PUT_TILE(_mm512_castps512_ps128(z0), t); PUT_TILE(_mm512_castps512_ps128(z1), t + 1);
        PUT_TILE(_mm512_castps512_ps128(z2), t + 2); PUT_TILE(_mm512_castps512_ps128(z3), t + 3);
        PUT_TILE(_mm512_extractf32x4_ps(z0, 1), t + 4); PUT_TILE(_mm512_extractf32x4_ps(z1, 1), t + 5);
        PUT_TILE(_mm512_extractf32x4_ps(z2, 1), t + 6); PUT_TILE(_mm512_extractf32x4_ps(z3, 1), t + 7);
        PUT_TILE(_mm512_extractf32x4_ps(z0, 2), t + 8); PUT_TILE(_mm512_extractf32x4_ps(z1, 2), t + 9);
        PUT_TILE(_mm512_extractf32x4_ps(z2, 2), t + 10); PUT_TILE(_mm512_extractf32x4_ps(z3, 2), t + 11);
        PUT_TILE(_mm512_extractf32x4_ps(z0, 3), t + 12); PUT_TILE(_mm512_extractf32x4_ps(z1, 3), t + 13);
        PUT_TILE(_mm512_extractf32x4_ps(z2, 3), t + 14); PUT_TILE(_mm512_extractf32x4_ps(z3, 3), t + 15);
    }
    outputs_avx2(a, t, tiles, i, bias, map, base, rbase, w, relu);
}

DEFINE_OUTPUT(output_avx512, AVX512, partial_avx512, outputs_avx512)
#endif

void cdk_wino4_output(const float *m, ptrdiff_t products, ptrdiff_t tiles, ptrdiff_t o0, ptrdiff_t o1,
                      ptrdiff_t row0, ptrdiff_t tilesHigh, ptrdiff_t tilesWide, ptrdiff_t h, ptrdiff_t w,
                      ptrdiff_t batch, const float *bias, const float *residual, float *output, int relu,
                      float *scratch, int level) {
#if CDK_X86
    if (level >= 2) {
        output_avx512(m, products, tiles, o0, o1, row0, tilesHigh, tilesWide, h, w, batch, bias, residual, output, relu, scratch);
        return;
    }
    if (level == 1) {
        output_avx2(m, products, tiles, o0, o1, row0, tilesHigh, tilesWide, h, w, batch, bias, residual, output, relu, scratch);
        return;
    }
#endif
    (void)level;
    output_scalar(m, products, tiles, o0, o1, row0, tilesHigh, tilesWide, h, w, batch, bias, residual, output, relu, scratch);
}


// ---------------------------------------------------------------------------------------------
// Stride-2 gather (im2col)

static void gather_even_scalar(const float *src, ptrdiff_t i, ptrdiff_t count, float *dst) {
    for (; i < count; i++) dst[i] = src[2 * i];
}

#if CDK_X86
AVX2 static void gather_even_avx2(const float *src, ptrdiff_t count, float *dst) {
    ptrdiff_t i = 0;
    // Eight outputs from 16 inputs while the 16 lie inside the 2 count - 1 readable values.
    for (; i + 8 < count; i += 8) {
        __m256 a = _mm256_loadu_ps(src + 2 * i), b = _mm256_loadu_ps(src + 2 * i + 8);
        __m256 even = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));  // a0 a2 b0 b2 | a4 a6 b4 b6
        even = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(even), _MM_SHUFFLE(3, 1, 2, 0)));
        _mm256_storeu_ps(dst + i, even);
    }
    gather_even_scalar(src, i, count, dst);
}

AVX512 static void gather_even_avx512(const float *src, ptrdiff_t count, float *dst) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    for (ptrdiff_t i = 0; i < count; i += 16) {
        ptrdiff_t left = count - i;  // outputs left; inputs 2 left - 1
        __mmask16 store = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        ptrdiff_t inputs = 2 * left - 1;
        __mmask16 low = inputs >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << inputs) - 1);
        __mmask16 high = inputs >= 32 ? (__mmask16)0xFFFF : inputs <= 16 ? 0 : (__mmask16)((1u << (inputs - 16)) - 1);
        __m512 a = _mm512_maskz_loadu_ps(low, src + 2 * i), b = _mm512_maskz_loadu_ps(high, src + 2 * i + 16);
        _mm512_mask_storeu_ps(dst + i, store, _mm512_permutex2var_ps(a, even, b));
    }
}
#endif

void cdk_gather_even(const float *src, ptrdiff_t count, float *dst, int level) {
#if CDK_X86
    if (level >= 2) { gather_even_avx512(src, count, dst); return; }
    if (level == 1) { gather_even_avx2(src, count, dst); return; }
#endif
    (void)level;
    gather_even_scalar(src, 0, count, dst);
}

// ---------------------------------------------------------------------------------------------
// Memory

void cdk_populate(void *p, size_t bytes) {
#if defined(__linux__)
    const uintptr_t page = 4096, huge = (uintptr_t)2 << 20;
    if (bytes < ((size_t)1 << 20)) return;
    uintptr_t start = ((uintptr_t)p + page - 1) & ~(page - 1), end = ((uintptr_t)p + bytes) & ~(page - 1);
    // The whole 2 MiB pages inside the buffer as transparent huge pages where the kernel lets
    // a process ask for them: one fault and one memory-cgroup charge per 2 MiB, not per 4 KiB.
    uintptr_t hugeStart = ((uintptr_t)p + huge - 1) & ~(huge - 1), hugeEnd = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (hugeEnd > hugeStart) (void)madvise((void *)hugeStart, hugeEnd - hugeStart, 14 /* MADV_HUGEPAGE */);
    if (end > start) (void)madvise((void *)start, end - start, 23 /* MADV_POPULATE_WRITE */);
#else
    (void)p; (void)bytes;
#endif
}
