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
            let m = (s >= 0 ? a * powerOfTen(s) : a / powerOfTen(-s)).rounded()
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
    /// (at most 24), else nil and writes nothing.
    @inline(__always)
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        let a = abs(value)
        guard a >= 1e-15, a < 1e15 else { return nil }
        let s = maximumDigits - 1 - exponent10(a)
        guard s >= -22, s <= 22 else { return nil }
        let p = powerOfTen(abs(s))
        let m = (s >= 0 ? a * p : a / p).rounded()
        guard (s >= 0 ? m / p : m * p) == a, m < 1e8 else { return nil }
        return digits(UInt64(m), scale: s, negative: value < 0, decimal: a >= 1e-4, to: out)
    }

    /// Writes ±m × 10^−scale in `description`'s layout: plain decimal (`0.00123`, `12.5`,
    /// `1200.0`) when `decimal`, else `d.ddde-XX`.
    @inline(__always)
    private static func digits(_ m: UInt64, scale: Int, negative: Bool, decimal: Bool, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var m = m, scale = scale
        while m % 10 == 0 { m /= 10; scale -= 1 }
        var n = 1
        while n < 20 && m >= integerPowers[n] { n += 1 }
        var p = out
        if negative { p.pointee = UInt8(ascii: "-"); p += 1 }
        if decimal {
            if scale <= 0 {
                put(m, n, &p)
                for _ in 0 ..< -scale { p.pointee = UInt8(ascii: "0"); p += 1 }
                p[0] = UInt8(ascii: "."); p[1] = UInt8(ascii: "0"); p += 2
            } else if scale < n {
                let unit = integerPowers[scale]
                put(m / unit, n - scale, &p)
                p.pointee = UInt8(ascii: "."); p += 1
                put(m % unit, scale, &p)
            } else {
                p[0] = UInt8(ascii: "0"); p[1] = UInt8(ascii: "."); p += 2
                for _ in 0 ..< scale - n { p.pointee = UInt8(ascii: "0"); p += 1 }
                put(m, n, &p)
            }
        } else {
            let unit = integerPowers[n - 1]
            put(m / unit, 1, &p)
            if n > 1 {
                p.pointee = UInt8(ascii: "."); p += 1
                put(m % unit, n - 1, &p)
            }
            let e = n - 1 - scale
            p[0] = UInt8(ascii: "e"); p[1] = e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"); p += 2
            let magnitude = UInt64(abs(e))
            put(magnitude, magnitude >= 100 ? 3 : 2, &p)
        }
        return p - out
    }

    /// Writes the `count` lowest decimal digits of `value` (leading zeros included) at `p`.
    @inline(__always)
    private static func put(_ value: UInt64, _ count: Int, _ p: inout UnsafeMutablePointer<UInt8>) {
        var value = value
        for i in stride(from: count - 1, through: 0, by: -1) {
            p[i] = UInt8(truncatingIfNeeded: value % 10) &+ 0x30
            value /= 10
        }
        p += count
    }

    /// 10^0 ... 10^19.
    private static let integerPowers: [UInt64] = (0 ..< 20).map { k in (0 ..< k).reduce(1) { value, _ in value * 10 } }

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

    /// 10^k for k = -22 ... 22 (exact for k ≥ 0, nearest double below): index k + 22.
    private static let tenToThe: [Double] = (-22 ... 22).map { k in
        k >= 0 ? (0 ..< k).reduce(1.0) { value, _ in value * 10 } : 1 / (0 ..< -k).reduce(1.0) { value, _ in value * 10 }
    }
}
