import Foundation

/// Doubles that are decimals of few significant digits: rounding to them, and writing them
/// fast.
///
/// `rounded(_:significantDigits:)` turns x into q, the double nearest to the decimal
/// m × 10^−s (m the integer of `significantDigits` digits nearest to x·10^s): q is Double(m)
/// divided or multiplied by an exact power of ten, so it is correctly rounded, and reading the
/// decimal back gives q exactly. `write(_:to:)` prints such a q from its integer digits, byte
/// for byte as `Double.description` does (the shortest round-trip text: for q those digits),
/// without the general shortest-digits search.
enum ShortDecimal {
    /// The most significant digits `write` handles.
    static let maximumDigits = 7

    /// x rounded to `significantDigits` (1 ... 15) significant decimal digits, as the double
    /// nearest to that decimal; 0, ±infinity and NaN stay as they are, and so does a value
    /// outside 1e-300 ... 1e300 (whose power of ten is not exact).
    static func rounded(_ x: Double, significantDigits: Int = 6) -> Double {
        precondition((1 ... 15).contains(significantDigits), "1 to 15 significant digits")
        let a = abs(x)
        guard a.isFinite, a != 0 else { return x }
        var e = exponent10(a)
        let low = powerOfTen(significantDigits - 1), high = powerOfTen(significantDigits)
        for _ in 0 ..< 3 {
            let s = significantDigits - 1 - e
            guard abs(s) <= 22 else { return exact(x, significantDigits: significantDigits) }
            let m = nearestInteger(s >= 0 ? a * powerOfTen(s) : a / powerOfTen(-s))
            if m < low { e -= 1; continue }
            // m = 10^digits when x rounds up to the next power of ten (one more digit, exact).
            if m > high { e += 1; continue }
            let q = s >= 0 ? m / powerOfTen(s) : m * powerOfTen(-s)
            return x < 0 ? -q : q
        }
        return exact(x, significantDigits: significantDigits)
    }

    /// `rounded` for magnitudes whose power of ten is not exact: through the decimal text.
    private static func exact(_ x: Double, significantDigits: Int) -> Double {
        let text = String(format: "%.\(significantDigits - 1)e", x)
        return CSVTable.parseNumber(text) ?? x
    }

    /// Writes `value` as `value.description` writes it when it is finite, nonzero, at least
    /// 1e-15 and below 1e15 in magnitude, and the double nearest to a decimal of at most
    /// `maximumDigits` significant digits (as `rounded` gives); returns the number of bytes
    /// (at most 24; `out` must have room for 24), else nil and writes nothing.
    @inline(__always)
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        let a = abs(value)
        guard a >= 1e-15, a < 1e15 else { return nil }
        let s = maximumDigits - 1 - exponent10(a)
        guard s >= -22, s <= 22 else { return nil }
        let p = powerOfTen(abs(s))
        let m = nearestInteger(s >= 0 ? a * p : a / p)
        guard (s >= 0 ? m / p : m * p) == a, m < 1e8 else { return nil }
        return digits(UInt64(m), scale: s, negative: value < 0, decimal: a >= 1e-4, to: out)
    }

    /// Writes ±m × 10^−scale (0 < m < 10^8) in `description`'s layout: plain decimal
    /// (`0.00123`, `12.5`, `1200.0`) when `decimal`, else `d.ddde-XX`. Digits are stored eight
    /// bytes at a time (unaligned; the bytes past a run are overwritten or past the end), so
    /// `out` must have room for 24 bytes.
    @inline(__always)
    private static func digits(_ m: UInt64, scale: Int, negative: Bool, decimal: Bool, to out: UnsafeMutablePointer<UInt8>) -> Int {
        // m's eight digits (leading zeros included), one per byte, first in the lowest byte.
        let values = eightDigitValues(m)
        let leading = values.trailingZeroBitCount >> 3, trailing = values.leadingZeroBitCount >> 3
        // The n significant digits, first in the lowest byte.
        let text = (values | 0x3030_3030_3030_3030) >> (8 * leading)
        let n = 8 - leading - trailing, scale = scale - trailing
        var p = out
        if negative { p.pointee = UInt8(ascii: "-"); p += 1 }
        if decimal {
            if scale <= 0 {
                store(text, at: p)
                p += n
                for _ in 0 ..< -scale { p.pointee = UInt8(ascii: "0"); p += 1 }
                p[0] = UInt8(ascii: "."); p[1] = UInt8(ascii: "0"); p += 2
            } else if scale < n {
                store(text, at: p)
                p += n - scale
                p.pointee = UInt8(ascii: ".")
                store(text >> (8 * (n - scale)), at: p + 1)
                p += 1 + scale
            } else {
                p[0] = UInt8(ascii: "0"); p[1] = UInt8(ascii: "."); p += 2
                for _ in 0 ..< scale - n { p.pointee = UInt8(ascii: "0"); p += 1 }
                store(text, at: p)
                p += n
            }
        } else {
            p.pointee = UInt8(truncatingIfNeeded: text)
            p += 1
            if n > 1 {
                p.pointee = UInt8(ascii: ".")
                store(text >> 8, at: p + 1)
                p += n
            }
            let e = n - 1 - scale
            p[0] = UInt8(ascii: "e"); p[1] = e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"); p += 2
            let magnitude = abs(e)
            if magnitude >= 100 { p.pointee = UInt8(truncatingIfNeeded: magnitude / 100) &+ 0x30; p += 1 }
            p[0] = UInt8(truncatingIfNeeded: magnitude / 10 % 10) &+ 0x30
            p[1] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            p += 2
        }
        return p - out
    }

    /// Stores the eight bytes of `word` (lowest first) at `p`, unaligned.
    @inline(__always)
    private static func store(_ word: UInt64, at p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: word.littleEndian, as: UInt64.self)
    }

    /// The eight decimal digits of m < 10^8 (leading zeros included) as byte values 0...9, the
    /// most significant in the lowest byte: 4 + 4 digits, then 2 + 2 per half, then 1 + 1 per
    /// pair, each split by a multiply-and-shift division done in all lanes at once.
    @inline(__always)
    static func eightDigitValues(_ m: UInt64) -> UInt64 {
        // 32-bit lanes: the first four digits (m / 10^4) low, the last four high.
        let halves: UInt64 = (m / 10_000) | ((m % 10_000) << 32)
        // 16-bit lanes: y / 100 (exact for y < 10^4 as y·10486 >> 20), then y % 100 above it.
        let hundreds: UInt64 = ((halves &* 10_486) >> 20) & 0x0000_007F_0000_007F
        let pairs: UInt64 = hundreds | ((halves &- hundreds &* 100) << 16)
        // 8-bit lanes: z / 10 (exact for z < 100 as z·103 >> 10), then z % 10 above it.
        let tens: UInt64 = ((pairs &* 103) >> 10) & 0x000F_000F_000F_000F
        return tens | ((pairs &- tens &* 10) << 8)
    }

    /// `y.rounded()` (halves away from zero) for y ≥ 0: for 0.5 ≤ y < 2^52 as the truncation
    /// of y + 0.5 (one conversion each way instead of a call to `round`; the sum's rounding
    /// never reaches the next integer there, unlike for 0.49999999999999994).
    @inline(__always)
    static func nearestInteger(_ y: Double) -> Double {
        y >= 0.5 && y < 0x1p52 ? Double(UInt64(y + 0.5)) : y.rounded()
    }

    /// ⌊log10 a⌋ for a finite a > 0, give or take one near powers of ten (callers check).
    @inline(__always)
    static func exponent10(_ a: Double) -> Int {
        // log10(2) ≈ 1233 / 4096; then one correction against the table.
        var e = (Int(a.exponent) * 1233) >> 12
        if e >= -22 && e < 22 && a >= tenToThe[e + 23] { e += 1 }
        return e
    }

    /// 10^k for 0 ≤ k ≤ 22 (exact).
    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double { tenToThe[k + 22] }

    /// 10^k for k = -22 ... 22 (exact for k ≥ 0, the nearest double otherwise): index k + 22.
    private static let tenToThe: [Double] =
        (1 ... 22).reversed().map { 1 / DecimalText.powersOfTenDouble[$0] } + DecimalText.powersOfTenDouble
}
