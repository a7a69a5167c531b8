// SentinelLearn's solver inner loops in portable C and in AVX2 / AVX-512F versions
// (function-level target attributes, chosen at run time by the caller from clk_best_level()).
// Swift's SIMD types and its auto-vectoriser use SSE2 only on the baseline x86-64 target;
// these kernels reach the wider registers.
//
// No contraction into fused multiply-adds (the pragmas below): every level evaluates the same
// operations in the same order, so the levels agree bit for bit with each other and with the
// Swift loops they replace (the fixture tests and the demo's byte-identical outputs check it).
#include "CLearnKernels.h"

#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CLK_X86 1
#include <cpuid.h>
#include <immintrin.h>
#define AVX2 __attribute__((target("avx2")))
#define AVX512 __attribute__((target("avx512f,avx2")))
#else
#define CLK_X86 0
#endif

#define INLINE static inline __attribute__((always_inline))

#if CLK_X86
static unsigned long long clk_xgetbv(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}
#endif

int clk_best_level(void) {
#if CLK_X86
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
    if (!osxsave || !avx) return 0;
    unsigned long long xcr0 = clk_xgetbv();
    if ((xcr0 & 0x6) != 0x6) return 0;  // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int avx2 = (ebx >> 5) & 1, avx512f = (ebx >> 16) & 1;
    if (avx512f && avx2 && (xcr0 & 0xE6) == 0xE6) return 2;  // + opmask, ZMM state
    if (avx2) return 1;
#endif
    return 0;
}

// ---------------------------------------------------------------------------------------------
// LASSO coordinate descent on the Gram system

// The scalar update of coordinate j: the new w[j] from tmp, as the Swift solver computes it
// (Swift max(a, b) is b >= a ? b : a). A zero shrinkage skips the division: 0 / Q[j][j] is
// +0 and -0 / Q[j][j] is -0 (Q[j][j] > 0), the values the division would give.
INLINE double clk_shrink(double tmp, double lambda, double qjj) {
    double excess = __builtin_fabs(tmp) - lambda;
    double shrunk = 0.0 >= excess ? 0.0 : excess;
    if (shrunk == 0.0) return tmp < 0 ? -0.0 : 0.0;
    return tmp < 0 ? -shrunk / qjj : (tmp > 0 ? shrunk / qjj : 0.0);
}

INLINE void clk_axpy_scalar(double *out, const double *row, double d, ptrdiff_t p) {
    for (ptrdiff_t k = 0; k < p; k++) out[k] += d * row[k];
}

#define GRAM_SWEEP_BODY(AXPY)                                                              \
    double wm = 0, dwm = 0;                                                                \
    for (ptrdiff_t a = 0; a < count; a++) {                                                \
        ptrdiff_t j = active[a];                                                           \
        double qjj = g[j * p + j];                                                         \
        if (qjj == 0) continue;                                                            \
        double wOld = w[j];                                                                \
        double tmp = q[j] - qw[j] + wOld * qjj;                                            \
        double wNew = clk_shrink(tmp, lambda, qjj);                                        \
        w[j] = wNew;                                                                       \
        if (wNew != wOld) AXPY(qw, g + j * p, wNew - wOld, p);                             \
        double dw = __builtin_fabs(wNew - wOld);                                           \
        dwm = dw >= dwm ? dw : dwm;                                                        \
        double aw = __builtin_fabs(wNew);                                                  \
        wm = aw >= wm ? aw : wm;                                                           \
    }                                                                                      \
    *wMax = wm;                                                                            \
    *dwMax = dwm;

static void gram_sweep_scalar(const double *g, const double *q, double *w, double *qw, const long *active,
                              ptrdiff_t count, ptrdiff_t p, double lambda, double *wMax, double *dwMax) {
    GRAM_SWEEP_BODY(clk_axpy_scalar)
}

#if CLK_X86
AVX2 INLINE void clk_axpy_avx2(double *out, const double *row, double d, ptrdiff_t p) {
    __m256d dv = _mm256_set1_pd(d);
    ptrdiff_t k = 0;
    for (; k + 4 <= p; k += 4)
        _mm256_storeu_pd(out + k, _mm256_add_pd(_mm256_loadu_pd(out + k), _mm256_mul_pd(dv, _mm256_loadu_pd(row + k))));
    for (; k < p; k++) out[k] += d * row[k];
}

AVX2 static void gram_sweep_avx2(const double *g, const double *q, double *w, double *qw, const long *active,
                                 ptrdiff_t count, ptrdiff_t p, double lambda, double *wMax, double *dwMax) {
    GRAM_SWEEP_BODY(clk_axpy_avx2)
}

AVX512 INLINE void clk_axpy_avx512(double *out, const double *row, double d, ptrdiff_t p) {
    __m512d dv = _mm512_set1_pd(d);
    ptrdiff_t k = 0;
    for (; k + 8 <= p; k += 8)
        _mm512_storeu_pd(out + k, _mm512_add_pd(_mm512_loadu_pd(out + k), _mm512_mul_pd(dv, _mm512_loadu_pd(row + k))));
    if (k < p) {
        __mmask8 m = (__mmask8)((1u << (p - k)) - 1);
        __m512d o = _mm512_maskz_loadu_pd(m, out + k), r = _mm512_maskz_loadu_pd(m, row + k);
        _mm512_mask_storeu_pd(out + k, m, _mm512_add_pd(o, _mm512_mul_pd(dv, r)));
    }
}

AVX512 static void gram_sweep_avx512(const double *g, const double *q, double *w, double *qw, const long *active,
                                     ptrdiff_t count, ptrdiff_t p, double lambda, double *wMax, double *dwMax) {
    GRAM_SWEEP_BODY(clk_axpy_avx512)
}
#endif

void clk_gram_sweep(const double *g, const double *q, double *w, double *qw, const long *active,
                    ptrdiff_t count, ptrdiff_t p, double lambda, double *wMax, double *dwMax, int level) {
#if CLK_X86
    if (level >= 2) { gram_sweep_avx512(g, q, w, qw, active, count, p, lambda, wMax, dwMax); return; }
    if (level == 1) { gram_sweep_avx2(g, q, w, qw, active, count, p, lambda, wMax, dwMax); return; }
#endif
    (void)level;
    gram_sweep_scalar(g, q, w, qw, active, count, p, lambda, wMax, dwMax);
}
