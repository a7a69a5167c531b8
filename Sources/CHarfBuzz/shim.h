// HarfBuzz text shaping on FreeType faces (Debian 12 ships HarfBuzz 6: no hb-cairo), and the
// OpenType tables (names) read for PDF font embedding.
#ifndef SENTINEL_CHARFBUZZ_SHIM_H
#define SENTINEL_CHARFBUZZ_SHIM_H
#include <hb.h>
#include <hb-ft.h>
#include <hb-ot.h>
#endif
