// zlib, for gzip-encoded NRRD and .nii.gz images (Foundation on Linux has no zlib API).
#ifndef SENTINEL_CZLIB_SHIM_H
#define SENTINEL_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call: this wraps it.
// windowBits 15 + 32 accepts both zlib and gzip headers.
static inline int sentinel_inflate_init(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}

// deflateInit2 is a macro too: gzip output (windowBits 15 + 16), default memory level.
static inline int sentinel_deflate_init(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
