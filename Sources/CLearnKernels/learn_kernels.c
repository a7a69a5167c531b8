// SentinelLearn's solver inner loops in portable C and in AVX2 / AVX-512F versions
// (function-level target attributes, chosen at run time by the caller from KernelLevel (SentinelNumerics)).
// Swift's SIMD types and its auto-vectoriser use SSE2 only on the baseline x86-64 target;
// these kernels reach the wider registers.
//
// No contraction into fused multiply-adds (the pragmas below): every level evaluates the same
// operations in the same order, so the levels agree bit for bit with each other and with the
// Swift loops they replace (the fixture tests and the demo's byte-identical outputs check it).
#include "CLearnKernels.h"

#include <math.h>

#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CLK_X86 1
#include <immintrin.h>
#define AVX2 __attribute__((target("avx2")))
#define AVX512 __attribute__((target("avx512f,avx2")))
#else
#define CLK_X86 0
#endif

#define INLINE static inline __attribute__((always_inline))

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

#if CLK_X86
AVX2 static void axpy_avx2(double *out, const double *row, double d, ptrdiff_t p) { clk_axpy_avx2(out, row, d, p); }
AVX512 static void axpy_avx512(double *out, const double *row, double d, ptrdiff_t p) { clk_axpy_avx512(out, row, d, p); }
#endif

void clk_axpy(double *out, const double *row, double d, ptrdiff_t p, int level) {
#if CLK_X86
    if (level >= 2) { axpy_avx512(out, row, d, p); return; }
    if (level == 1) { axpy_avx2(out, row, d, p); return; }
#endif
    (void)level;
    clk_axpy_scalar(out, row, d, p);
}

void clk_gram_gap_sums(const double *q, const double *w, const double *qw, double *xtA, ptrdiff_t p, double *out) {
    double qDotW = 0, wQw = 0, l1 = 0, dualNorm = 0;
    for (ptrdiff_t j = 0; j < p; j++) {
        qDotW += w[j] * q[j];
        wQw += w[j] * qw[j];
        l1 += __builtin_fabs(w[j]);
        double a = q[j] - qw[j];
        xtA[j] = a;
        double m = __builtin_fabs(a);
        dualNorm = m >= dualNorm ? m : dualNorm;
    }
    out[0] = qDotW;
    out[1] = wQw;
    out[2] = l1;
    out[3] = dualNorm;
}

// The duality gap of the Gram LASSO at w and the dual norm max|q - Qw| (formulation A of
// scikit-learn's enet_coordinate_descent_gram), fills xtA = q - Qw.
static void gram_gap(const double *q, const double *w, const double *qw, double *xtA, ptrdiff_t p,
                     double yNorm2, double lambda, double *gapOut, double *dualNormOut) {
    double sums[4];
    clk_gram_gap_sums(q, w, qw, xtA, p, sums);
    double qDotW = sums[0], wQw = sums[1], l1 = sums[2], dualNorm = sums[3];
    double rNorm2 = yNorm2 + wQw - 2 * qDotW;
    double ry = yNorm2 - qDotW;
    double primal = 0.5 * rNorm2 + lambda * l1;
    double scale = dualNorm > lambda ? lambda / dualNorm : 1;
    *gapOut = primal - (-0.5 * scale * scale * rNorm2 + scale * ry);
    *dualNormOut = dualNorm;
}

// Gap-safe screening: the active coordinates in order; a coordinate proven zero leaves the
// active set, its w set to 0 and its contribution removed from Qw (qw[k] -= w_j Q[j][k]).
static ptrdiff_t gram_screen(const double *g, const double *rootDiagonal, double *w, double *qw, const double *xtA,
                             unsigned char *excluded, long *active, ptrdiff_t p, double lambda, double gap,
                             double dualNorm, int initial) {
    double radius = sqrt(2 * __builtin_fabs(gap)) / lambda;
    double bound = dualNorm >= lambda ? dualNorm : lambda;
    ptrdiff_t count = 0;
    for (ptrdiff_t j = 0; j < p; j++) {
        if (excluded[j] && !initial) continue;
        double qjj = g[j * p + j];
        if (initial && qjj == 0) { w[j] = 0; excluded[j] = 1; continue; }
        double distance = (1 - __builtin_fabs(xtA[j] / bound)) / rootDiagonal[j];
        if (distance <= radius) {
            active[count++] = (long)j;
            excluded[j] = 0;
        } else {
            if (w[j] != 0) {
                double wj = w[j];
                const double *row = g + j * p;
                for (ptrdiff_t k = 0; k < p; k++) qw[k] -= wj * row[k];
                w[j] = 0;
            }
            excluded[j] = 1;
        }
    }
    return count;
}

long clk_gram_solve(const double *g, const double *q, double yNorm2, ptrdiff_t p, double lambda, double *w,
                    double relTol, long maxIterations, double *qw, double *xtA, double *rootDiagonal, long *active,
                    unsigned char *excluded, double *gapOut, double *tolOut, int *convergedOut, int level) {
    for (ptrdiff_t k = 0; k < p; k++) { qw[k] = 0; excluded[k] = 0; rootDiagonal[k] = sqrt(g[k * p + k]); }
    for (ptrdiff_t j = 0; j < p; j++)
        if (w[j] != 0) clk_axpy(qw, g + j * p, w[j], p, level);
    double tol = relTol * yNorm2, gap, dualNorm;
    *tolOut = tol;
    *convergedOut = 0;
    gram_gap(q, w, qw, xtA, p, yNorm2, lambda, &gap, &dualNorm);
    long iteration = 0;
    if (gap >= 0 && gap <= tol) { *convergedOut = 1; *gapOut = gap; return 0; }
    ptrdiff_t count = gram_screen(g, rootDiagonal, w, qw, xtA, excluded, active, p, lambda, gap, dualNorm, 1);
    while (iteration < maxIterations) {
        double wMax = 0, dwMax = 0;
        clk_gram_sweep(g, q, w, qw, active, count, p, lambda, &wMax, &dwMax, level);
        int last = iteration == maxIterations - 1;
        iteration += 1;
        if (wMax == 0 || dwMax / wMax <= relTol || last) {
            gram_gap(q, w, qw, xtA, p, yNorm2, lambda, &gap, &dualNorm);
            if (gap <= tol) { *convergedOut = 1; break; }
            count = gram_screen(g, rootDiagonal, w, qw, xtA, excluded, active, p, lambda, gap, dualNorm, 0);
        }
    }
    *gapOut = gap;
    return iteration;
}

// ---------------------------------------------------------------------------------------------
// Exact LASSO on the Gram system by an active-set step (see clk_lasso_exact in the header)

// sum_{m < count} a[m] b[m] with four accumulators (independent add chains; a fixed order).
INLINE double exact_dot(const double *a, const double *b, ptrdiff_t count) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    ptrdiff_t m = 0;
    for (; m + 4 <= count; m += 4) {
        s0 += a[m] * b[m];
        s1 += a[m + 1] * b[m + 1];
        s2 += a[m + 2] * b[m + 2];
        s3 += a[m + 3] * b[m + 3];
    }
    for (; m < count; m++) s0 += a[m] * b[m];
    return (s0 + s1) + (s2 + s3);
}

// Appends row k of the Cholesky factor of Q[set][set] for the new coordinate j = set[k]:
// l = L^-1 Q[set[0..<k]][j], L[k][k] = sqrt(Q[j][j] - l.l). Fails (returns 0) when the pivot
// is below 1e-10 Q[j][j]: column j is (numerically) a combination of the set's columns.
static int exact_append(const double *g, ptrdiff_t p, double *L, const long *set, ptrdiff_t k, long j) {
    double *row = L + k * p;
    for (ptrdiff_t i = 0; i < k; i++) {
        const double *li = L + i * p;
        row[i] = (g[(ptrdiff_t)set[i] * p + j] - exact_dot(li, row, i)) / li[i];
    }
    double diagonal = g[(ptrdiff_t)j * p + j];
    double d = diagonal - exact_dot(row, row, k);
    if (!(d > 1e-10 * diagonal)) return 0;
    row[k] = sqrt(d);
    return 1;
}

// Solves L L^T b = rhs (k x k, L row-major with stride p); rhs is overwritten. Forward:
// z_i = (rhs_i - L[i][0..<i] . z) / L[i][i]; backward by rows of L: b_i = z_i / L[i][i], then
// z_m -= L[i][m] b_i for m < i (contiguous, independent updates).
static void exact_solve(const double *L, ptrdiff_t p, ptrdiff_t k, double *rhs, double *b) {
    for (ptrdiff_t i = 0; i < k; i++) {
        const double *li = L + i * p;
        rhs[i] = (rhs[i] - exact_dot(li, rhs, i)) / li[i];
    }
    for (ptrdiff_t i = k - 1; i >= 0; i--) {
        const double *li = L + i * p;
        double bi = rhs[i] / li[i];
        b[i] = bi;
        for (ptrdiff_t m = 0; m < i; m++) rhs[m] -= li[m] * bi;
    }
}

// Rebuilds the factor of the set set[0..<k]; returns 0 when a pivot fails.
static int exact_factor(const double *g, ptrdiff_t p, double *L, const long *set, ptrdiff_t k) {
    for (ptrdiff_t i = 0; i < k; i++)
        if (!exact_append(g, p, L, set, i, set[i])) return 0;
    return 1;
}

long clk_lasso_exact(const double *g, const double *q, ptrdiff_t p, double lambda, double *w, long *set,
                     double *sign, long *count, double *L, double *rhs, double *b, unsigned char *inSet,
                     long maxSteps) {
    const double slack = 1e-9 * lambda;
    ptrdiff_t k = *count;
    if (k < 0) {
        k = 0;
        for (ptrdiff_t j = 0; j < p; j++) {
            inSet[j] = 0;
            if (w[j] != 0) {
                set[k] = (long)j;
                sign[k] = w[j] > 0 ? 1.0 : -1.0;
                inSet[j] = 1;
                k++;
            }
        }
        if (!exact_factor(g, p, L, set, k)) { *count = -1; return -1; }
    }
    for (long step = 0; step < maxSteps; step++) {
        for (ptrdiff_t i = 0; i < k; i++) rhs[i] = q[set[i]] - lambda * sign[i];
        exact_solve(L, p, k, rhs, b);
        // A coefficient whose sign disagrees with its guess leaves the set (the most negative
        // b_i s_i first); the factor is rebuilt for the remaining set.
        ptrdiff_t drop = -1;
        double worst = 0;
        for (ptrdiff_t i = 0; i < k; i++) {
            double v = b[i] * sign[i];
            if (v <= 0 && (drop < 0 || v < worst)) { drop = i; worst = v; }
        }
        if (drop >= 0) {
            inSet[set[drop]] = 0;
            for (ptrdiff_t i = drop; i + 1 < k; i++) { set[i] = set[i + 1]; sign[i] = sign[i + 1]; }
            k--;
            if (!exact_factor(g, p, L, set, k)) { *count = -1; return -1; }
            continue;
        }
        // KKT of the coordinates outside the set: |q_j - Q[j][set] b| <= lambda (+ slack);
        // the most violating one enters with the sign of its correlation.
        long add = -1;
        double addExcess = 0, addSign = 0;
        for (ptrdiff_t j = 0; j < p; j++) {
            if (inSet[j] || g[j * p + j] == 0) continue;
            const double *row = g + j * p;
            double r = q[j];
            for (ptrdiff_t i = 0; i < k; i++) r -= row[set[i]] * b[i];
            double excess = __builtin_fabs(r) - lambda;
            if (excess > slack && excess > addExcess) { add = (long)j; addExcess = excess; addSign = r > 0 ? 1.0 : -1.0; }
        }
        if (add < 0) {
            for (ptrdiff_t j = 0; j < p; j++) w[j] = 0;
            for (ptrdiff_t i = 0; i < k; i++) w[set[i]] = b[i];
            *count = (long)k;
            return step + 1;
        }
        if (!exact_append(g, p, L, set, k, add)) { *count = -1; return -1; }
        set[k] = add;
        sign[k] = addSign;
        inSet[add] = 1;
        k++;
    }
    *count = -1;
    return -1;
}

void clk_gram_gap(const double *g, const double *q, const double *w, double yNorm2, ptrdiff_t p, double lambda,
                  double *qw, double *xtA, double *gapOut) {
    for (ptrdiff_t k = 0; k < p; k++) qw[k] = 0;
    for (ptrdiff_t j = 0; j < p; j++)
        if (w[j] != 0) clk_axpy_scalar(qw, g + j * p, w[j], p);
    double dualNorm;
    gram_gap(q, w, qw, xtA, p, yNorm2, lambda, gapOut, &dualNorm);
}

// ---------------------------------------------------------------------------------------------
// SGD logistic regression (SVRG epochs)

INLINE double clk_sigmoid(double z) {
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

// b + sum_c xr[c] t[c], added in order (a dependency chain: scalar at every level).
INLINE double clk_linear(const double *xr, const double *t, ptrdiff_t p) {
    double z = t[p];
    for (ptrdiff_t c = 0; c < p; c++) z += xr[c] * t[c];
    return z;
}

#define SGD_GRADIENT_BODY(AXPY)                                                            \
    ptrdiff_t d = p + 1;                                                                   \
    for (ptrdiff_t k = 0; k < d; k++) full[k] = 0;                                         \
    for (ptrdiff_t r = 0; r < n; r++) {                                                    \
        const double *xr = x + r * p;                                                      \
        double res = clk_sigmoid(clk_linear(xr, theta, p)) - y[r];                         \
        residual[r] = res;                                                                 \
        AXPY(full, xr, res, p);                                                            \
        full[p] += res;                                                                    \
    }                                                                                      \
    for (ptrdiff_t k = 0; k < d; k++) full[k] /= (double)n;                                \
    for (ptrdiff_t c = 0; c < p; c++) full[c] += alpha * theta[c];

#define SGD_EPOCH_BODY(STEP)                                                               \
    ptrdiff_t d = p + 1;                                                                   \
    for (ptrdiff_t k = 0; k < d; k++) total[k] = 0;                                        \
    for (ptrdiff_t a = 0; a < n; a++) {                                                    \
        ptrdiff_t r = order[a];                                                            \
        const double *xr = x + r * p;                                                      \
        double delta = clk_sigmoid(clk_linear(xr, th, p)) - y[r] - residual[r];            \
        STEP(xr, delta, alpha, step, th, snap, full, total, p);                            \
        th[p] -= step * (delta + full[p]);                                                 \
        total[p] += th[p];                                                                 \
    }                                                                                      \
    for (ptrdiff_t k = 0; k < d; k++) snap[k] = total[k] / (double)n;

INLINE void clk_sgd_step_scalar(const double *xr, double delta, double alpha, double step, double *th,
                                const double *snap, const double *full, double *total, ptrdiff_t p) {
    for (ptrdiff_t c = 0; c < p; c++) {
        double g = delta * xr[c] + alpha * (th[c] - snap[c]) + full[c];
        th[c] -= step * g;
        total[c] += th[c];
    }
}

static void sgd_gradient_scalar(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const double *theta,
                                double alpha, double *residual, double *full) {
    SGD_GRADIENT_BODY(clk_axpy_scalar)
}

static void sgd_epoch_scalar(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const long *order,
                             const double *residual, const double *full, double alpha, double step,
                             double *th, double *snap, double *total) {
    SGD_EPOCH_BODY(clk_sgd_step_scalar)
}

#if CLK_X86
AVX2 INLINE void clk_sgd_step_avx2(const double *xr, double delta, double alpha, double step, double *th,
                                   const double *snap, const double *full, double *total, ptrdiff_t p) {
    __m256d dv = _mm256_set1_pd(delta), av = _mm256_set1_pd(alpha), sv = _mm256_set1_pd(step);
    ptrdiff_t c = 0;
    for (; c + 4 <= p; c += 4) {
        __m256d t = _mm256_loadu_pd(th + c);
        __m256d g = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(dv, _mm256_loadu_pd(xr + c)),
                                                _mm256_mul_pd(av, _mm256_sub_pd(t, _mm256_loadu_pd(snap + c)))),
                                  _mm256_loadu_pd(full + c));
        t = _mm256_sub_pd(t, _mm256_mul_pd(sv, g));
        _mm256_storeu_pd(th + c, t);
        _mm256_storeu_pd(total + c, _mm256_add_pd(_mm256_loadu_pd(total + c), t));
    }
    for (; c < p; c++) {
        double g = delta * xr[c] + alpha * (th[c] - snap[c]) + full[c];
        th[c] -= step * g;
        total[c] += th[c];
    }
}

AVX2 static void sgd_gradient_avx2(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const double *theta,
                                   double alpha, double *residual, double *full) {
    SGD_GRADIENT_BODY(clk_axpy_avx2)
}

AVX2 static void sgd_epoch_avx2(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const long *order,
                                const double *residual, const double *full, double alpha, double step,
                                double *th, double *snap, double *total) {
    SGD_EPOCH_BODY(clk_sgd_step_avx2)
}

AVX512 INLINE void clk_sgd_step_avx512(const double *xr, double delta, double alpha, double step, double *th,
                                       const double *snap, const double *full, double *total, ptrdiff_t p) {
    __m512d dv = _mm512_set1_pd(delta), av = _mm512_set1_pd(alpha), sv = _mm512_set1_pd(step);
    for (ptrdiff_t c = 0; c < p; c += 8) {
        __mmask8 m = p - c >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (p - c)) - 1);
        __m512d t = _mm512_maskz_loadu_pd(m, th + c);
        __m512d g = _mm512_add_pd(_mm512_add_pd(_mm512_mul_pd(dv, _mm512_maskz_loadu_pd(m, xr + c)),
                                                _mm512_mul_pd(av, _mm512_sub_pd(t, _mm512_maskz_loadu_pd(m, snap + c)))),
                                  _mm512_maskz_loadu_pd(m, full + c));
        t = _mm512_sub_pd(t, _mm512_mul_pd(sv, g));
        _mm512_mask_storeu_pd(th + c, m, t);
        _mm512_mask_storeu_pd(total + c, m, _mm512_add_pd(_mm512_maskz_loadu_pd(m, total + c), t));
    }
}

AVX512 static void sgd_gradient_avx512(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const double *theta,
                                       double alpha, double *residual, double *full) {
    SGD_GRADIENT_BODY(clk_axpy_avx512)
}

AVX512 static void sgd_epoch_avx512(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const long *order,
                                    const double *residual, const double *full, double alpha, double step,
                                    double *th, double *snap, double *total) {
    SGD_EPOCH_BODY(clk_sgd_step_avx512)
}
#endif

void clk_sgd_gradient(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const double *theta,
                      double alpha, double *residual, double *full, int level) {
#if CLK_X86
    if (level >= 2) { sgd_gradient_avx512(x, n, p, y, theta, alpha, residual, full); return; }
    if (level == 1) { sgd_gradient_avx2(x, n, p, y, theta, alpha, residual, full); return; }
#endif
    (void)level;
    sgd_gradient_scalar(x, n, p, y, theta, alpha, residual, full);
}

void clk_sgd_epoch(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const long *order,
                   const double *residual, const double *full, double alpha, double step,
                   double *th, double *snap, double *total, int level) {
#if CLK_X86
    if (level >= 2) { sgd_epoch_avx512(x, n, p, y, order, residual, full, alpha, step, th, snap, total); return; }
    if (level == 1) { sgd_epoch_avx2(x, n, p, y, order, residual, full, alpha, step, th, snap, total); return; }
#endif
    (void)level;
    sgd_epoch_scalar(x, n, p, y, order, residual, full, alpha, step, th, snap, total);
}

// ---------------------------------------------------------------------------------------------
// Newton logistic regression (gradient and weighted design of one step)

INLINE void clk_scale_scalar(double *out, const double *row, double a, ptrdiff_t d) {
    for (ptrdiff_t k = 0; k < d; k++) out[k] = a * row[k];
}

#define LOGISTIC_ACCUMULATE_BODY(AXPY, SCALE)                                              \
    for (ptrdiff_t k = 0; k < d; k++) gradient[k] = 0;                                     \
    for (ptrdiff_t r = 0; r < n; r++) {                                                    \
        const double *xr = design + r * d;                                                 \
        double prob = clk_sigmoid(clk_linear(xr, theta, d - 1));                           \
        double residual = prob - y[r];                                                     \
        double weight = prob * (1 - prob);                                                 \
        AXPY(gradient, xr, residual, d);                                                   \
        SCALE(weighted + r * d, xr, weight, d);                                            \
    }

static void logistic_accumulate_scalar(const double *design, const double *y, const double *theta, ptrdiff_t n,
                                       ptrdiff_t d, double *weighted, double *gradient) {
    LOGISTIC_ACCUMULATE_BODY(clk_axpy_scalar, clk_scale_scalar)
}

#if CLK_X86
AVX2 INLINE void clk_scale_avx2(double *out, const double *row, double a, ptrdiff_t d) {
    __m256d av = _mm256_set1_pd(a);
    ptrdiff_t k = 0;
    for (; k + 4 <= d; k += 4) _mm256_storeu_pd(out + k, _mm256_mul_pd(av, _mm256_loadu_pd(row + k)));
    for (; k < d; k++) out[k] = a * row[k];
}

AVX2 static void logistic_accumulate_avx2(const double *design, const double *y, const double *theta, ptrdiff_t n,
                                          ptrdiff_t d, double *weighted, double *gradient) {
    LOGISTIC_ACCUMULATE_BODY(clk_axpy_avx2, clk_scale_avx2)
}

AVX512 INLINE void clk_scale_avx512(double *out, const double *row, double a, ptrdiff_t d) {
    __m512d av = _mm512_set1_pd(a);
    for (ptrdiff_t k = 0; k < d; k += 8) {
        __mmask8 m = d - k >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (d - k)) - 1);
        _mm512_mask_storeu_pd(out + k, m, _mm512_mul_pd(av, _mm512_maskz_loadu_pd(m, row + k)));
    }
}

AVX512 static void logistic_accumulate_avx512(const double *design, const double *y, const double *theta, ptrdiff_t n,
                                              ptrdiff_t d, double *weighted, double *gradient) {
    LOGISTIC_ACCUMULATE_BODY(clk_axpy_avx512, clk_scale_avx512)
}
#endif

void clk_logistic_accumulate(const double *design, const double *y, const double *theta, ptrdiff_t n, ptrdiff_t d,
                             double *weighted, double *gradient, int level) {
#if CLK_X86
    if (level >= 2) { logistic_accumulate_avx512(design, y, theta, n, d, weighted, gradient); return; }
    if (level == 1) { logistic_accumulate_avx2(design, y, theta, n, d, weighted, gradient); return; }
#endif
    (void)level;
    logistic_accumulate_scalar(design, y, theta, n, d, weighted, gradient);
}
