// libpng 1.6, seen only by the SentinelPNG wrapper module.
//
// libpng reports errors by longjmp. A longjmp must never cross Swift frames, so every libpng
// call that can fail is made from one of the small C functions below, each of which sets the
// jump target itself and turns an error into a 0 return with the message kept in `message`.
#ifndef SENTINEL_CPNG_SHIM_H
#define SENTINEL_CPNG_SHIM_H
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/// State of one in-memory PNG header read (low-level API).
typedef struct sentinel_png_reader {
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t size;
    size_t offset;
    char message[256];
} sentinel_png_reader;

/// State of one in-memory PNG encode; the file grows in `bytes` (malloc'ed, `count` used).
typedef struct sentinel_png_writer {
    png_structp png;
    png_infop info;
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    char message[256];
} sentinel_png_writer;

static void sentinel_png_error(png_structp png, png_const_charp text) {
    char *message = (char *)png_get_error_ptr(png);
    if (message != NULL) {
        strncpy(message, text != NULL ? text : "unknown error", 255);
        message[255] = 0;
    }
    png_longjmp(png, 1);
}

static void sentinel_png_warning(png_structp png, png_const_charp text) {
    (void)png; (void)text;
}

static void sentinel_png_read_memory(png_structp png, png_bytep out, size_t length) {
    sentinel_png_reader *r = (sentinel_png_reader *)png_get_io_ptr(png);
    if (r->size - r->offset < length) png_error(png, "file is truncated");
    memcpy(out, r->data + r->offset, length);
    r->offset += length;
}

/// Creates the read state and reads the chunks up to the image data (header checks included).
static inline int sentinel_png_reader_header(sentinel_png_reader *r) {
    r->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r->message, sentinel_png_error, sentinel_png_warning);
    if (r->png == NULL) { strcpy(r->message, "libpng could not allocate its state"); return 0; }
    r->info = png_create_info_struct(r->png);
    if (r->info == NULL) { strcpy(r->message, "libpng could not allocate its state"); return 0; }
    if (setjmp(png_jmpbuf(r->png))) return 0;
    png_set_read_fn(r->png, r, sentinel_png_read_memory);
    png_set_sig_bytes(r->png, 8);
    png_read_info(r->png, r->info);
    return 1;
}

/// Reads the header of the `size` bytes at `data` (which must outlive the reader).
/// Returns 1, or 0 with `r->message` set (the reader must still be closed).
static inline int sentinel_png_reader_open(sentinel_png_reader *r, const void *data, size_t size) {
    memset(r, 0, sizeof *r);
    r->data = (const unsigned char *)data;
    r->size = size;
    if (size < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        strcpy(r->message, "not a PNG file (bad signature)");
        return 0;
    }
    r->offset = 8;
    return sentinel_png_reader_header(r);
}

static inline void sentinel_png_reader_close(sentinel_png_reader *r) {
    if (r->png != NULL) png_destroy_read_struct(&r->png, r->info != NULL ? &r->info : NULL, NULL);
    r->png = NULL;
    r->info = NULL;
}

static void sentinel_png_write_memory(png_structp png, png_bytep data, size_t length) {
    sentinel_png_writer *w = (sentinel_png_writer *)png_get_io_ptr(png);
    if (w->capacity - w->count < length) {
        size_t capacity = w->capacity < 65536 ? 65536 : w->capacity;
        while (capacity - w->count < length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(w->bytes, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        w->bytes = grown;
        w->capacity = capacity;
    }
    memcpy(w->bytes + w->count, data, length);
    w->count += length;
}

static void sentinel_png_flush_memory(png_structp png) { (void)png; }

/// Starts an 8-bit, non-interlaced encode and writes the header chunks: IHDR with `color_type`
/// (PNG_COLOR_TYPE_*), zlib `level`, row filter mask `filters` (PNG_FILTER_*), and a pHYs chunk
/// of `pixels_per_metre` when it is non-zero. Returns 1, or 0 with `w->message` set.
static inline int sentinel_png_writer_open(sentinel_png_writer *w, unsigned width, unsigned height, int color_type,
                                           int level, int filters, unsigned pixels_per_metre) {
    memset(w, 0, sizeof *w);
    w->png = png_create_write_struct(png_get_libpng_ver(NULL), w->message, sentinel_png_error, sentinel_png_warning);
    if (w->png == NULL) { strcpy(w->message, "libpng could not allocate its state"); return 0; }
    w->info = png_create_info_struct(w->png);
    if (w->info == NULL) { strcpy(w->message, "libpng could not allocate its state"); return 0; }
    if (setjmp(png_jmpbuf(w->png))) return 0;
    png_set_write_fn(w->png, w, sentinel_png_write_memory, sentinel_png_flush_memory);
    png_set_compression_level(w->png, level);
    png_set_filter(w->png, 0, filters);
    png_set_IHDR(w->png, w->info, width, height, 8, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (pixels_per_metre != 0)
        png_set_pHYs(w->png, w->info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
    png_write_info(w->png, w->info);
    return 1;
}

/// Writes one row of packed samples. Returns 1, or 0 with `w->message` set.
static inline int sentinel_png_writer_row(sentinel_png_writer *w, const void *row) {
    if (setjmp(png_jmpbuf(w->png))) return 0;
    png_write_row(w->png, (png_const_bytep)row);
    return 1;
}

/// Finishes the file (IEND). Returns 1, or 0 with `w->message` set.
static inline int sentinel_png_writer_finish(sentinel_png_writer *w) {
    if (setjmp(png_jmpbuf(w->png))) return 0;
    png_write_end(w->png, w->info);
    return 1;
}

/// Frees the libpng state and the byte buffer.
static inline void sentinel_png_writer_close(sentinel_png_writer *w) {
    if (w->png != NULL) png_destroy_write_struct(&w->png, w->info != NULL ? &w->info : NULL);
    w->png = NULL;
    w->info = NULL;
    free(w->bytes);
    w->bytes = NULL;
}

#endif
