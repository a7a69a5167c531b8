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

        /// The sums of the `count` bytes at `bytes`, 32 bytes per step in vector lanes.
        ///
        /// A step adds Σ bytes to `a` and, to `b`, 32 × `a` before the step plus Σ (32 − j) ×
        /// byte j. The 32 bytes are read as sixteen 16-bit lanes, split into even bytes (low
        /// halves) and odd bytes (high halves) so no widening conversion is needed; the per-lane
        /// sums go into 32-bit lanes the same way. Lanes cannot overflow within 1024 steps.
        static func of(_ bytes: UnsafePointer<UInt8>, count: Int) -> Segment {
            let wEvenA = SIMD8<UInt16>(32, 30, 28, 26, 24, 22, 20, 18), wOddA = SIMD8<UInt16>(31, 29, 27, 25, 23, 21, 19, 17)
            let wEvenB = SIMD8<UInt16>(16, 14, 12, 10, 8, 6, 4, 2), wOddB = SIMD8<UInt16>(15, 13, 11, 9, 7, 5, 3, 1)
            let low8 = SIMD8<UInt16>(repeating: 0xFF), low16 = SIMD4<UInt32>(repeating: 0xFFFF)
            var s1: UInt64 = 0, s2: UInt64 = 0
            var p = UnsafeRawPointer(bytes), left = count
            while left >= 32 {
                let steps = min(left / 32, 1024)
                left -= steps * 32
                var sums = SIMD4<UInt32>(repeating: 0), before = SIMD4<UInt32>(repeating: 0)
                var weighted = SIMD4<UInt32>(repeating: 0)
                for _ in 0..<steps {
                    let a = p.loadUnaligned(as: SIMD8<UInt16>.self)
                    let b = p.loadUnaligned(fromByteOffset: 16, as: SIMD8<UInt16>.self)
                    let ae = a & low8, ao = a &>> 8, be = b & low8, bo = b &>> 8
                    let sum16 = unsafeBitCast((ae &+ ao) &+ (be &+ bo), to: SIMD4<UInt32>.self)
                    let weighted16 = unsafeBitCast((ae &* wEvenA &+ ao &* wOddA) &+ (be &* wEvenB &+ bo &* wOddB),
                                                   to: SIMD4<UInt32>.self)
                    before &+= sums
                    sums &+= (sum16 & low16) &+ (sum16 &>> 16)
                    weighted &+= (weighted16 & low16) &+ (weighted16 &>> 16)
                    p += 32
                }
                s2 += s1 * 32 * UInt64(steps) + 32 * UInt64(before.wrappedSum()) + UInt64(weighted.wrappedSum())
                s1 += UInt64(sums.wrappedSum())
                s1 %= Adler32.modulus
                s2 %= Adler32.modulus
            }
            let tail = p.assumingMemoryBound(to: UInt8.self)
            for k in 0..<left {
                s1 += UInt64(tail[k])
                s2 += s1
            }
            return Segment(sum: s1 % Adler32.modulus, weighted: s2 % Adler32.modulus, count: count)
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
