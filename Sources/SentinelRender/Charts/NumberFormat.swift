import Foundation

/// Number formatting for figures and tables: fixed decimals, a true minus sign (U+2212),
/// no negative zero, locale-independent.
public enum NumberFormat {
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "∞" : "−∞") }
        let d = max(0, min(decimals, 12))
        var text = printf(value, decimals: d)
        if text.hasPrefix("-") {
            let magnitude = String(text.dropFirst())
            text = magnitude.allSatisfy({ $0 == "0" || $0 == "." }) ? magnitude : "−" + magnitude
        }
        return text
    }

    /// "0.845 (0.769–0.921)": an estimate with its interval, en dash between the bounds.
    public static func estimate(_ value: Double, lower: Double?, upper: Double?, decimals: Int = 3) -> String {
        var text = fixed(value, decimals: decimals)
        if let lower, let upper {
            text += " (" + fixed(lower, decimals: decimals) + "–" + fixed(upper, decimals: decimals) + ")"
        }
        return text
    }

    /// The text C's `printf("%.<decimals>f", value)` writes (what `String(format:)` gives):
    /// the exact binary value rounded half to even, "-" kept on values that round to zero.
    /// Computed in integers for finite values up to 2^64 / 10^decimals and decimals up to 18,
    /// several times faster than formatting through Foundation; otherwise by `String(format:)`.
    public static func printf(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, decimals >= 0, decimals <= 18, abs(value) < 1e15 else {
            return String(format: "%.\(max(0, decimals))f", value)
        }
        let scale = UInt64(pow10[decimals])
        // value = significand × 2^exponent with an integer significand.
        let significand = UInt64(value.significandBitPattern) | (value.isNormal ? 1 << 52 : 0)
        let exponent = value.isNormal ? Int(value.exponent) - 52 : -1074
        var units: UInt64
        if significand == 0 {
            units = 0
        } else if exponent >= 0 {
            let (product, overflow) = (significand << exponent).multipliedReportingOverflow(by: scale)
            guard exponent < 11, !overflow else { return String(format: "%.\(decimals)f", value) }
            units = product
        } else if -exponent >= 127 {
            units = 0  // below 2^-74 × 10^18: rounds to zero
        } else {
            let n = UInt128(significand) * UInt128(scale)
            let shift = -exponent
            let quotient = n >> shift
            let remainder = n - (quotient << shift)
            let half = UInt128(1) << (shift - 1)
            var q = quotient
            if remainder > half || (remainder == half && q & 1 == 1) { q += 1 }
            guard q <= UInt128(UInt64.max) else { return String(format: "%.\(decimals)f", value) }
            units = UInt64(q)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var k = 48
            for _ in 0..<decimals {
                k -= 1
                buffer[k] = UInt8(truncatingIfNeeded: 48 + units % 10)
                units /= 10
            }
            if decimals > 0 { k -= 1; buffer[k] = UInt8(ascii: ".") }
            repeat {
                k -= 1
                buffer[k] = UInt8(truncatingIfNeeded: 48 + units % 10)
                units /= 10
            } while units > 0
            if value.sign == .minus { k -= 1; buffer[k] = UInt8(ascii: "-") }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[k..<48]), as: UTF8.self)
        }
    }

    private static let pow10: [UInt64] = (0...18).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 10 } }
}
