import CDeflate

/// Adler-32 (RFC 1950 §8.2), the checksum that ends a zlib stream, kept as the two sums
/// `a = 1 + Σ bytes` and `b = Σ a after each byte`, both modulo 65521.
///
/// PNG image data arrive one scanline at a time, and a scanline often repeats the one before
/// it, so the checksum is built from per-segment sums: `Segment.of(bytes)` gives the sums of a
/// run of bytes started from zero, and `append(_:)` adds such a segment to the stream in O(1).
/// A repeated scanline reuses its predecessor's segment instead of being read again.
struct Adler32: Sendable, Equatable {
    static let modulus: UInt64 = 65521

    private(set) var a: UInt64 = 1
    private(set) var b: UInt64 = 0

    init() {}

    /// The checksum value, `b << 16 | a`.
    var value: UInt32 { UInt32(b) << 16 | UInt32(a) }

    /// The sums of one run of bytes, as if the checksum started at a = 0, b = 0.
    struct Segment: Sendable, Equatable {
        /// Σ bytes mod 65521.
        var sum: UInt64
        /// Σ over bytes of (count − index) × byte, mod 65521.
        var weighted: UInt64
        /// Number of bytes.
        var count: Int

        /// The sums of the `count` bytes at `bytes`, from libdeflate's Adler-32 (vectorised for
        /// the CPU it runs on): started at a = 1, b = 0 it gives a = 1 + Σ bytes and
        /// b = Σ over bytes of (1 + Σ bytes up to and including it) = count + weighted.
        static func of(_ bytes: UnsafePointer<UInt8>, count: Int) -> Segment {
            let m = Adler32.modulus
            let value = UInt64(libdeflate_adler32(1, bytes, count))
            let a = value & 0xFFFF, b = value >> 16
            let n = UInt64(count) % m
            return Segment(sum: (a + m - 1) % m, weighted: (b + m - n) % m, count: count)
        }
    }

    /// Extends the checksum by a segment: `a += sum`, `b += count × a + weighted`.
    mutating func append(_ segment: Segment) {
        let n = UInt64(segment.count) % Self.modulus
        b = (b + n * a + segment.weighted) % Self.modulus
        a = (a + segment.sum) % Self.modulus
    }

    /// Extends the checksum by the `count` bytes at `bytes`.
    mutating func update(_ bytes: UnsafePointer<UInt8>, count: Int) {
        append(.of(bytes, count: count))
    }
}
