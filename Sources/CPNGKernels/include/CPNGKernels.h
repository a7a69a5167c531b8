#ifndef CPNGKERNELS_H
#define CPNGKERNELS_H

#include <stddef.h>
#include <stdint.h>

// Pixel-format conversion for the PNG writer, at AVX2 / SSSE3 / portable C chosen at run time
// (every level writes the same bytes). Imported only by SentinelRender (Canvas/PNGWriter.swift).

/// Writes width native-endian 32-bit xRGB pixels (Cairo's CAIRO_FORMAT_RGB24) as 3 * width bytes
/// R, G, B, ...; the unused top byte of each pixel is ignored. Writes exactly 3 * width bytes.
/// level: 0 = best available, 1 = portable C, 2 = SSSE3, 3 = AVX2 (a level the CPU lacks falls
/// back to the best available one below it).
void cpk_pack_rgb(const uint32_t *source, size_t width, uint8_t *out, int level);

/// The level cpk_pack_rgb uses for level 0 on this CPU (1, 2 or 3).
int cpk_best_level(void);

#endif
