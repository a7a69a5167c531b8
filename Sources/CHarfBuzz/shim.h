// HarfBuzz text shaping on FreeType faces (Debian 12 ships HarfBuzz 6: no hb-cairo), and
// hb-subset for the font subsets embedded in PDFs.
#ifndef SENTINEL_CHARFBUZZ_SHIM_H
#define SENTINEL_CHARFBUZZ_SHIM_H
#include <hb.h>
#include <hb-ft.h>
#include <hb-subset.h>
#endif
