// zlib, for gzip-encoded NRRD and .nii.gz images (Foundation on Linux has no zlib API).
#ifndef SENTINEL_CZLIB_SHIM_H
#define SENTINEL_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call: this wraps it.
// windowBits 15 + 32 accepts both zlib and gzip headers.
static inline int sentinel_inflate_init(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
