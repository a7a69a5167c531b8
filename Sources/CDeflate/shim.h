// libdeflate (whole-buffer DEFLATE/zlib decompression, ~2.5x zlib's speed), seen only by the
// SentinelPNG wrapper module.
#ifndef SENTINEL_CDEFLATE_SHIM_H
#define SENTINEL_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
