#ifndef CLEARNKERNELS_H
#define CLEARNKERNELS_H

#include <stddef.h>

// Inner loops of SentinelLearn's solvers, each in a portable C version and AVX2 / AVX-512F
// versions chosen by the caller after a CPUID check. Every version evaluates the same
// operations in the same order without contraction into fused multiply-adds, so all levels
// give bit-identical results (and the results of the plain Swift loops they replace).
// Imported only by SentinelLearn (Core/LearnKernels.swift documents the contracts).

/// One cyclic coordinate-descent pass of the LASSO on the Gram system (Q = g, p x p row-major,
/// q = X^T y, qw = Q w kept up to date), over the coordinates active[0 ..< count] in order:
///   tmp = (q[j] - qw[j]) + w[j] Q[j][j];  s = max(|tmp| - lambda, 0)
///   w[j] <- tmp < 0 ? -s / Q[j][j] : (tmp > 0 ? s / Q[j][j] : 0)
///   if w changed: qw[k] += (w_new - w_old) Q[j][k] for every k (in order of k)
/// skipping coordinates with Q[j][j] = 0. Returns max |w_new| in *wMax and max |w_new - w_old|
/// in *dwMax (over the visited coordinates; both start at 0).
void clk_gram_sweep(const double *g, const double *q, double *w, double *qw, const long *active,
                    ptrdiff_t count, ptrdiff_t p, double lambda, double *wMax, double *dwMax, int level);

/// out[k] += d row[k] for k = 0 ..< p.
void clk_axpy(double *out, const double *row, double d, ptrdiff_t p, int level);

/// The sums of the duality gap of the Gram LASSO, over j = 0 ..< p in order:
///   qDotW = sum w[j] q[j];  wQw = sum w[j] qw[j];  l1 = sum |w[j]|;
///   xtA[j] = q[j] - qw[j];  dualNorm = max |xtA[j]| (Swift max: b >= a ? b : a)
/// returned in out[0 ..< 4] = (qDotW, wQw, l1, dualNorm).
void clk_gram_gap_sums(const double *q, const double *w, const double *qw, double *xtA, ptrdiff_t p, double *out);

/// CoordinateDescent.solveGram in full (scikit-learn's enet_coordinate_descent_gram with l2 = 0)
/// at penalty lambda from the warm start w (updated in place): qw = Q w (rows of Q with w[j] != 0
/// added by clk_axpy in order of j), the duality gap (clk_gram_gap_sums; rNorm2 = yNorm2 + wQw -
/// 2 qDotW, ry = yNorm2 - qDotW, primal = 0.5 rNorm2 + lambda l1, s = dualNorm > lambda ?
/// lambda / dualNorm : 1, gap = primal - (-0.5 s s rNorm2 + s ry)); done at once if
/// 0 <= gap <= relTol yNorm2; else gap-safe screening (radius sqrt(2|gap|) / lambda, distance
/// (1 - |xtA[j] / max(lambda, dualNorm)|) / sqrt(Q[j][j]); a screened-out coordinate's w_j Q[j][k]
/// is subtracted from qw[k] in order of k and w[j] set to 0) and clk_gram_sweep passes over the
/// active coordinates; after a pass with max|w| = 0, max|dw| / max|w| <= relTol or the last
/// allowed pass, the gap is computed: done if gap <= relTol yNorm2, else the active set is
/// screened again. Work buffers: qw, xtA, rootDiagonal (p doubles: sqrt(Q[j][j]), computed once
/// per call), active (p), excluded (p bytes).
/// Returns the passes made; *gapOut the last gap, *tolOut relTol yNorm2, *convergedOut 1 if the
/// gap met the tolerance.
long clk_gram_solve(const double *g, const double *q, double yNorm2, ptrdiff_t p, double lambda, double *w,
                    double relTol, long maxIterations, double *qw, double *xtA, double *rootDiagonal, long *active,
                    unsigned char *excluded, double *gapOut, double *tolOut, int *convergedOut, int level);

/// The exact LASSO optimum at penalty lambda on the Gram system (Q = g, p x p row-major, q = X^T y)
/// by an active-set step, warm-started along a path: with the set A = set[0 ..< *count] and the
/// signs s = sign[0 ..< *count] (the support and signs of the previous solution; *count < 0:
/// taken from the non-zero entries of w, in order of j), b solves Q[A][A] b = q_A - lambda s
/// (Cholesky factor L of Q[A][A], row-major with stride p, kept between calls and extended by one
/// row when a coordinate enters). A coordinate of A with b_i s_i <= 0 leaves A (the most negative
/// first, the factor is rebuilt); else the coordinate outside A with the largest
/// |q_j - Q[j][A] b| - lambda > 1e-9 lambda enters with the sign of q_j - Q[j][A] b; else b is the
/// optimum (its subgradient conditions hold): w = b on A and 0 elsewhere, and the number of
/// solves made is returned. Returns -1 (w unchanged, *count = -1) after maxSteps solves or when
/// a pivot falls below 1e-10 Q[j][j] (collinear columns): the caller falls back to coordinate
/// descent. Work buffers: rhs and b (p doubles), inSet (p bytes: 1 for the coordinates of A;
/// rebuilt when *count < 0).
long clk_lasso_exact(const double *g, const double *q, ptrdiff_t p, double lambda, double *w, long *set,
                     double *sign, long *count, double *L, double *rhs, double *b, unsigned char *inSet,
                     long maxSteps);

/// The duality gap of the Gram LASSO at w as clk_gram_solve computes it (qw = Q w from the rows
/// with w[j] != 0 in order of j; qw and xtA are work buffers of p doubles).
void clk_gram_gap(const double *g, const double *q, const double *w, double yNorm2, ptrdiff_t p, double lambda,
                  double *qw, double *xtA, double *gapOut);

/// The full gradient of SGDLogisticRegression's objective at the snapshot theta (d = p + 1:
/// w..., b), x row-major n x p, y 0/1. For every row r in order:
///   z = b + sum_c x[r][c] w[c] (added in order of c);  residual[r] = sigmoid(z) - y[r]
///   full[c] += residual[r] x[r][c];  full[p] += residual[r]
/// (full starts at 0), then full[k] /= n, then full[c] += alpha w[c] for c < p.
/// sigmoid(z) = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)).
void clk_sgd_gradient(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const double *theta,
                      double alpha, double *residual, double *full, int level);

/// One SVRG epoch of SGDLogisticRegression over the rows order[0 ..< n]: for each row r,
///   delta = (sigmoid(b + sum_c x[r][c] th[c]) - y[r]) - residual[r]
///   g = (delta x[r][c] + alpha (th[c] - snap[c])) + full[c];  th[c] -= step g;  total[c] += th[c]
///   th[p] -= step (delta + full[p]);  total[p] += th[p]
/// (total starts at 0), then snap[k] = total[k] / n.
void clk_sgd_epoch(const double *x, ptrdiff_t n, ptrdiff_t p, const double *y, const long *order,
                   const double *residual, const double *full, double alpha, double step,
                   double *th, double *snap, double *total, int level);

/// The gradient sums and weighted design of one Newton step of LogisticRegression, over the
/// rows r of design (n x d, row-major, last column 1) in order:
///   z = theta[d-1] + sum_{k < d-1} x[r][k] theta[k] (in order);  prob = sigmoid(z)
///   gradient[k] += (prob - y[r]) x[r][k];  weighted[r][k] = prob (1 - prob) x[r][k]   (k < d)
/// (gradient starts at 0).
void clk_logistic_accumulate(const double *design, const double *y, const double *theta, ptrdiff_t n, ptrdiff_t d,
                             double *weighted, double *gradient, int level);

#endif
