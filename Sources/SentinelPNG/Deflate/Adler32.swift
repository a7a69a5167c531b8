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

        /// The sums of the `count` bytes at `bytes`. Thirty-two bytes per step: the step's plain
        /// and position-weighted sums are computed independently of the running total, so the
        /// inner loop has no carried dependence and vectorises.
        static func of(_ bytes: UnsafePointer<UInt8>, count: Int) -> Segment {
            var s1: UInt64 = 0, s2: UInt64 = 0
            var p = bytes, left = count
            while left > 0 {
                // Up to 2^20 bytes before reducing: s2 stays below 255 × 2^40 / 2 plus the carry.
                var chunk = min(left, 1 << 20)
                left -= chunk
                while chunk >= 32 {
                    var plain: UInt32 = 0, weighted: UInt32 = 0
                    for j in 0..<32 {
                        let v = UInt32(p[j])
                        plain &+= v
                        weighted &+= UInt32(32 &- j) &* v
                    }
                    s2 &+= s1 &* 32 &+ UInt64(weighted)
                    s1 &+= UInt64(plain)
                    p += 32
                    chunk -= 32
                }
                while chunk > 0 {
                    s1 &+= UInt64(p[0])
                    s2 &+= s1
                    p += 1
                    chunk -= 1
                }
                s1 %= Adler32.modulus
                s2 %= Adler32.modulus
            }
            return Segment(sum: s1, weighted: s2, count: count)
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
