#ifndef CPNGKERNELS_H
#define CPNGKERNELS_H

#include <stddef.h>
#include <stdint.h>

// Inner loops of the PNG writer: pixel-format conversion at AVX2 / SSSE3 / portable C chosen at
// run time (every level writes the same bytes), and the deflate parse of a scanline. Imported
// only by SentinelRender (Canvas/PNGWriter.swift) and SentinelPNG (Deflate/ScanlineDeflater.swift).

/// Writes width native-endian 32-bit xRGB pixels (Cairo's CAIRO_FORMAT_RGB24) as 3 * width bytes
/// R, G, B, ...; the unused top byte of each pixel is ignored. Writes exactly 3 * width bytes.
/// level: 0 = best available, 1 = portable C, 2 = SSSE3, 3 = AVX2 (a level the CPU lacks falls
/// back to the best available one below it).
void cpk_pack_rgb(const uint32_t *source, size_t width, uint8_t *out, int level);

/// The level cpk_pack_rgb uses for level 0 on this CPU (1, 2 or 3).
int cpk_best_level(void);

/// ScanlineDeflater's greedy parse of the scanline p[start ..< end] (p is its window) into deflate
/// tokens, appended at out[t ...]; returns the new token count. At each position i, with
/// limit = min(258, end - i) and, when limit >= 4, the four bytes c at p + i, candidates in order
/// (the longest kept, the earlier on a tie; each length is 4 + the common prefix of the bytes
/// after the four, capped at limit):
///   - distance bpp, when i >= bpp and the four bytes there equal c;
///   - distance n (one scanline up), when upAllowed, the best is shorter than limit and the four
///     bytes there equal c;
///   - when the best is still shorter than limit: slot = (c * 0x9E3779B1 mod 2^32) >> 17, position
///     = base + i mod 2^32, distance = position - table[slot] mod 2^32; table[slot] = position; the
///     distance is tried when 1 <= distance <= 32768, distance <= i, it differs from the best
///     distance and the four bytes there equal c.
/// A best length >= 4 is a match token (distance << 16 | length; literals[257 + lengthSymbols[length]]
/// and distances[d < 256 ? distanceSymbols[d] : distanceSymbols[256 + (d >> 7)]] (d = distance - 1)
/// counted) and i advances by it; otherwise the literal p[i] (literals[p[i]] counted), i + 1.
/// Compares may read up to 15 bytes past end.
ptrdiff_t cpk_deflate_parse(const uint8_t *p, ptrdiff_t start, ptrdiff_t end, ptrdiff_t n, ptrdiff_t bpp, int upAllowed,
                         uint32_t *table, uint32_t base, uint32_t *out, ptrdiff_t t, uint32_t *literals,
                         uint32_t *distances, const uint8_t *lengthSymbols, const uint8_t *distanceSymbols);

/// Writes deflate tokens (as cpk_deflate_parse makes them) as bit fields, least significant bit
/// first, into bytes[*byteCount ...], the whole bytes of the pending bits after each token
/// (*bitBuffer holds *bitCount pending bits, fewer than 32 on entry and fewer than 8 on exit;
/// each store writes 8 bytes, so up to 8 bytes past the returned count are overwritten):
/// a literal b as the field fields[b] of widths[b] bits; a match of length l and distance d as
/// fields[256 + l] (widths[256 + l] bits: the length code and its extra bits), then, with s the
/// distance symbol of d (as in cpk_deflate_parse), distanceFields[s] | (d - distanceBases[s]) <<
/// distanceShifts[s] of distanceWidths[s] bits. The caller reserves the room (plus those 8
/// bytes); returns the new byte count.
ptrdiff_t cpk_deflate_write_tokens(const uint32_t *tokens, ptrdiff_t tokenCount, const uint64_t *fields,
                                   const ptrdiff_t *widths, const uint64_t *distanceFields,
                                   const ptrdiff_t *distanceWidths, const ptrdiff_t *distanceShifts,
                                   const ptrdiff_t *distanceBases, const uint8_t *distanceSymbols, uint8_t *bytes,
                                   ptrdiff_t byteCount, uint64_t *bitBuffer, ptrdiff_t *bitCount);

#endif
