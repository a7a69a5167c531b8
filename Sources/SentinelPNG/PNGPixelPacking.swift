import CPNGKernels

/// Converts Cairo's native-endian xRGB pixels to the RGB bytes a PNG row holds.
public enum PNGPixelPacking {
    /// Writes `width` native-endian xRGB pixels as `3 × width` bytes R, G, B (the top byte of
    /// each pixel ignored), with `CPNGKernels`: 8 pixels per step with AVX2, 4 with SSSE3, else
    /// one by one; `level` 0 picks the best the CPU has, 1–3 force portable C, SSSE3 or AVX2
    /// (or the best below it the CPU has). Every level writes the same bytes and none past the end.
    @inline(__always)
    public static func packRGB(_ source: UnsafePointer<UInt32>, width: Int, into out: UnsafeMutablePointer<UInt8>,
                               level: Int32 = 0) {
        cpk_pack_rgb(source, width, out, level)
    }
}
