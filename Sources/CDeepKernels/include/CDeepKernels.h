#ifndef CDEEPKERNELS_H
#define CDEEPKERNELS_H

#include <stddef.h>
#include <stdint.h>

// Elementwise kernels of SentinelImaging's ResNet18 (Winograd F(4x4, 3x3) transforms), each in
// a portable C version and AVX2 / AVX-512F versions chosen by the caller after a CPUID check.
// Every version evaluates the same operations in the same order without contraction into
// fused multiply-adds, so all levels give bit-identical results. Imported only by
// SentinelImaging (Deep/DeepKernels.swift documents the contracts).

/// U[xi * pairs + p] = (G g_p G^T)[xi] for the 3x3 kernels g_p = w[9p ..< 9p + 9], xi = 6 row + column,
/// evaluated in double precision and rounded once to float.
void cdk_wino4_weights(const float *w, ptrdiff_t pairs, float *u, int level);

/// cdk_wino4_weights for the kernels p0 ..< p1 of `pairs` only (the same values): U[xi * pairs + p].
void cdk_wino4_weights_range(const float *w, ptrdiff_t p0, ptrdiff_t p1, ptrdiff_t pairs, float *u, int level);
/// Row `row` (0 ..< 6) of the 6 x 6 transformed kernels only: U[(6 row + j) * pairs + p] of
/// cdk_wino4_weights written at u[j * pairs + p], j = 0 ..< 6 (the same values, bit for bit).
void cdk_wino4_weight_row(const float *w, ptrdiff_t pairs, int row, float *u, int level);

/// Input transform of one channel over tile rows row0 ..< row1 (tile row r = image n, tile row ty
/// with r = n * tilesHigh + ty): writes v[xi * step + (r - row0) * tilesWide + tx] = (B^T d B)[xi]
/// for the 6x6 zero-padded input tile d at rows 4 ty - 1 ..., columns 4 tx - 1 ...
/// `channel` points at image 0 of the channel, images `plane = h * w` floats apart.
/// `scratch` holds at least cdk_wino4_input_scratch(tilesWide) floats.
void cdk_wino4_input(const float *channel, ptrdiff_t h, ptrdiff_t w, ptrdiff_t tilesHigh, ptrdiff_t tilesWide,
                     ptrdiff_t row0, ptrdiff_t row1, float *v, ptrdiff_t step, float *scratch, int level);
ptrdiff_t cdk_wino4_input_scratch(ptrdiff_t tilesWide);

/// Output transform of output channels o0 ..< o1 over tile rows row0 ..< row0 + tiles / tilesWide:
/// from the products m[xi * products + o * tiles + t], writes
/// relu?(A^T q A + bias[o] (+ residual)) into output[(o * batch + n) * h * w + y * w + x] for the
/// pixels inside the image (residual, when not NULL, has the output's layout).
/// `scratch` holds at least cdk_wino4_output_scratch(tiles) floats.
void cdk_wino4_output(const float *m, ptrdiff_t products, ptrdiff_t tiles, ptrdiff_t o0, ptrdiff_t o1,
                      ptrdiff_t row0, ptrdiff_t tilesHigh, ptrdiff_t tilesWide, ptrdiff_t h, ptrdiff_t w,
                      ptrdiff_t batch, const float *bias, const float *residual, float *output, int relu,
                      float *scratch, int level);
ptrdiff_t cdk_wino4_output_scratch(ptrdiff_t tiles);

/// dst[i] = src[2 i] for i < count (im2col rows of stride-2 convolutions); reads src[0 ... 2 count - 2] only.
void cdk_gather_even(const float *src, ptrdiff_t count, float *dst, int level);

/// Faults in the whole pages of [p, p + bytes) for writing in one system call (Linux
/// madvise MADV_POPULATE_WRITE, 5.14+) instead of one page-fault trap per 4 KiB page on first
/// touch; does nothing elsewhere, under 1 MiB, or when the kernel refuses.
void cdk_populate(void *p, size_t bytes);

#endif
