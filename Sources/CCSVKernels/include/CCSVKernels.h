#ifndef CCSVKERNELS_H
#define CCSVKERNELS_H

#include <stddef.h>
#include <stdint.h>

// The byte scan of SentinelStudy's CSV reader (a file without quotes is split on its commas and
// line ends), in portable C and AVX2, chosen at run time by the caller from KernelLevel
// (SentinelNumerics). Every level writes the same positions and flags. Imported only by
// SentinelStudy (Tables/CSVKernels.swift).

/// A bit of ccsv_separators' *flags: a scanned byte is 0x80 or above (not ASCII).
#define CCSV_NON_ASCII 1u
/// A bit of ccsv_separators' *flags: a scanned byte is '"' (the scan stopped at its block).
#define CCSV_QUOTE 2u

/// Scans p[from ..< to] in blocks of 64 bytes (the last one shorter) and writes the offset in p
/// of every ',', '\n' and '\r', in increasing order, to positions[0 ...]; returns how many.
///
/// The scan stops
///   - at to (*next = to);
///   - before a block when fewer than 64 entries of positions are left (*next = the block's
///     start; capacity must be at least 64, so every call makes progress);
///   - after a block that holds a '"': *flags gets CCSV_QUOTE, *next = the block's end, and
///     the positions written for that block are unspecified (the caller reads such a file
///     another way).
/// *flags gets CCSV_NON_ASCII when a scanned block holds a byte of 0x80 or above; bits already
/// set are kept. No byte outside p[from ..< to] is read. Offsets must fit in 32 bits.
/// level: 0 portable C, 1 AVX2, 2 (AVX-512F) runs AVX2: byte compares into mask registers need
/// AVX-512BW, which KernelLevel does not detect, and AVX2 already scans a 64-byte block in a
/// few instructions. A level the CPU lacks must not be passed.
ptrdiff_t ccsv_separators(const uint8_t *p, ptrdiff_t from, ptrdiff_t to, uint32_t *positions, ptrdiff_t capacity,
                          ptrdiff_t *next, unsigned *flags, int level);

#endif
