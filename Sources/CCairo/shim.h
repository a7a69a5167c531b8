// Cairo with its FreeType/fontconfig font backend and the PNG, PDF and SVG surfaces.
#ifndef SENTINEL_CCAIRO_SHIM_H
#define SENTINEL_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#endif
