// libpng 1.6, for reading 8/16-bit grayscale PNG images.
#ifndef SENTINEL_CPNG_SHIM_H
#define SENTINEL_CPNG_SHIM_H
#include <png.h>
#endif
