/// PNG's five scanline filters (None, Sub, Up, Average, Paeth; PNG specification §9.2),
/// undone in place: the one implementation behind the partial-row decoder and the mask scan.
enum PNGRowFilter {
    /// Undoes filter `type` on the first `count` bytes of `row` in place, given the unfiltered
    /// row above (nil for the image's first row, or a row whose filter does not read it; Up,
    /// Average and Paeth then see zeros above). `bytesPerPixel` is the distance to the byte's
    /// left neighbour. Returns false for a filter type above 4 (the row is left as it is).
    @inline(__always)
    static func undo(_ row: UnsafeMutablePointer<UInt8>, count n: Int, bytesPerPixel bpp: Int, type: UInt8,
                     prior: UnsafePointer<UInt8>?) -> Bool {
        switch (type, prior) {
        case (0, _), (2, nil):
            break
        case (1, _), (4, nil):
            // Sub; Paeth with the row above (and its upper-left) 0 predicts the left neighbour.
            for i in bpp..<max(bpp, n) { row[i] &+= row[i - bpp] }
        case let (2, up?):
            for i in 0..<n { row[i] &+= up[i] }
        case (3, nil):
            for i in bpp..<max(bpp, n) { row[i] &+= row[i - bpp] >> 1 }
        case let (3, up?):
            for i in 0..<min(bpp, n) { row[i] &+= up[i] >> 1 }
            for i in bpp..<max(bpp, n) { row[i] &+= UInt8((UInt16(row[i - bpp]) + UInt16(up[i])) >> 1) }
        case let (4, up?):
            for i in 0..<min(bpp, n) { row[i] &+= up[i] }
            for i in bpp..<max(bpp, n) {
                let a = Int(row[i - bpp]), b = Int(up[i]), c = Int(up[i - bpp])
                let pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c)
                row[i] &+= UInt8(pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
            }
        default:
            return false
        }
        return true
    }
}
