#ifndef CLEARNKERNELS_H
#define CLEARNKERNELS_H

#include <stddef.h>

// Inner loops of SentinelLearn's solvers, each in a portable C version and AVX2 / AVX-512F
// versions chosen by the caller after a CPUID check. Every version evaluates the same
// operations in the same order without contraction into fused multiply-adds, so all levels
// give bit-identical results (and the results of the plain Swift loops they replace).
// Imported only by SentinelLearn (Core/LearnKernels.swift documents the contracts).

/// 2 when this CPU (and OS) run AVX-512F code, 1 for AVX2, else 0.
int clk_best_level(void);

/// One cyclic coordinate-descent pass of the LASSO on the Gram system (Q = g, p x p row-major,
/// q = X^T y, qw = Q w kept up to date), over the coordinates active[0 ..< count] in order:
///   tmp = (q[j] - qw[j]) + w[j] Q[j][j];  s = max(|tmp| - lambda, 0)
///   w[j] <- tmp < 0 ? -s / Q[j][j] : (tmp > 0 ? s / Q[j][j] : 0)
///   if w changed: qw[k] += (w_new - w_old) Q[j][k] for every k (in order of k)
/// skipping coordinates with Q[j][j] = 0. Returns max |w_new| in *wMax and max |w_new - w_old|
/// in *dwMax (over the visited coordinates; both start at 0).
void clk_gram_sweep(const double *g, const double *q, double *w, double *qw, const long *active,
                    ptrdiff_t count, ptrdiff_t p, double lambda, double *wMax, double *dwMax, int level);

#endif
