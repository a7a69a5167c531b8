/// A cell's decimal syntax, checked and read in one pass:
/// `[+-]? digits* ('.' digits*)? ([eE] [+-]? digits+)?` with at least one mantissa digit.
///
/// Digits are read eight at a time where eight follow (one 64-bit load, a SWAR validity test
/// and three multiplications), so a full-precision cell (`-0.44349839106452993`, 17 digits)
/// costs three such steps rather than seventeen byte steps. When 8 bytes past the text may be
/// read (`init(_:count:readable:)`, a cell inside its file), the common shapes, a plain
/// integer or decimal of at most 19 digits, skip even the byte steps (`readPlain`).
struct DecimalText {
    var negative = false
    /// The first 19 significant digits as an integer.
    var significand: UInt64 = 0
    /// Whether more than 19 significant digits were given (then `significand` is truncated).
    var truncated = false
    /// Value = significand × 10^exponent (when not truncated).
    var exponent = 0

    /// The decimal in the `count` bytes at `base` exactly as `init(_:count:)` reads it, where
    /// the bytes up to `readable` may be read: with at least 8 of them past the text, the
    /// shapes `readPlain` takes are read without byte steps.
    @inline(__always)
    init?(_ base: UnsafePointer<UInt8>, count: Int, readable: UnsafePointer<UInt8>) {
        if count > 0, readable - (base + count) >= 8, let plain = DecimalText.readPlain(base, count: count) {
            self = plain
            return
        }
        self.init(base, count: count)
    }

    private init(negative: Bool, significand: UInt64, exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// Reads `count` bytes at `base` (already trimmed of spaces); `nil` unless the whole text
    /// is a decimal number.
    init?(_ base: UnsafePointer<UInt8>, count: Int) {
        var p = base
        let end = base + count
        if p < end, p.pointee == UInt8(ascii: "+") || p.pointee == UInt8(ascii: "-") {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        let mantissa = p
        // Every mantissa digit goes into `value` (wrapping; leading zeros add nothing); more
        // than 19 digits are re-read below with the exact truncation rules.
        var value: UInt64 = 0
        DecimalText.digits(&p, end, &value)
        var digits = p - mantissa
        var fraction = 0
        if p < end, p.pointee == UInt8(ascii: ".") {
            p += 1
            let first = p
            DecimalText.digits(&p, end, &value)
            fraction = p - first
            digits += fraction
        }
        guard digits > 0 else { return nil }
        let mantissaEnd = p
        var exponent = 0
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            p += 1
            var exponentNegative = false
            if p < end, p.pointee == UInt8(ascii: "+") || p.pointee == UInt8(ascii: "-") {
                exponentNegative = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            var magnitude = 0, exponentDigits = 0
            while p < end, p.pointee &- 0x30 < 10 {
                if magnitude < 100_000 { magnitude = magnitude * 10 + Int(p.pointee &- 0x30) }
                exponentDigits += 1
                p += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent = exponentNegative ? -magnitude : magnitude
        }
        guard p == end else { return nil }
        // Leading zeros (`0.000123`) add nothing to `value`: it is exact for up to 19 others.
        if digits <= 19 || digits - DecimalText.leadingZeros(mantissa, mantissaEnd) <= 19 {
            significand = value
            self.exponent = exponent - fraction
        } else {
            readLongMantissa(mantissa, mantissaEnd, exponent: exponent)
        }
    }

    /// Over 19 mantissa digits (leading zeros included): the first 19 significant digits and
    /// the exponent that goes with them, read byte by byte.
    private mutating func readLongMantissa(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, exponent: Int) {
        var significant = 0, afterPoint = false
        var shift = 0
        var p = start
        significand = 0
        while p < end {
            let byte = p.pointee
            p += 1
            if byte == UInt8(ascii: ".") { afterPoint = true; continue }
            let d = UInt64(byte &- 0x30)
            if significant > 0 || d != 0 {
                if significant < 19 {
                    significand = significand * 10 + d
                    significant += 1
                    if afterPoint { shift -= 1 }
                } else {
                    truncated = true
                    if !afterPoint { shift += 1 }
                }
            } else if afterPoint {
                shift -= 1
            }
        }
        self.exponent = exponent + shift
    }

    /// The number of `0` digits before the first other digit (a `.` skipped).
    private static func leadingZeros(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        var p = start, zeros = 0
        while p < end, p.pointee == UInt8(ascii: "0") || p.pointee == UInt8(ascii: ".") {
            if p.pointee == UInt8(ascii: "0") { zeros += 1 }
            p += 1
        }
        return zeros
    }

    /// Appends the decimal digits at `p` (up to `end`) to `value`, advancing `p` past them.
    @inline(__always)
    private static func digits(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ value: inout UInt64) {
        while end - p >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            guard isEightDigits(word) else { break }
            value = value &* 100_000_000 &+ eightDigits(word)
            p += 8
        }
        while p < end, p.pointee &- 0x30 < 10 {
            value = value &* 10 &+ UInt64(p.pointee &- 0x30)
            p += 1
        }
    }

    /// The text of `count` (≥ 1) bytes at `base` when it is `[+-]? digits` or
    /// `[+-]? digits? '.' digits?` with 1 to 19 digits (so the significand is exact), the point
    /// (if any) among the first nine bytes after the sign;
    /// `nil` for any other text, valid or not (`init(_:count:)` decides). Reads up to 8 bytes
    /// past the text.
    ///
    /// The digits are read as one string of at most three words with the point taken out: the
    /// first word is the bytes before the point joined to the bytes after it (one extra load,
    /// shifted by one), the next words are loaded right after the point; the last word's r
    /// (1-8) digits are moved to the top of the word, below them 8 - r '0' bytes, so the
    /// eight-digit step reads it as is. A full-precision cell (`-0.44349839106452993`) takes
    /// three such steps, with no loop and one branch on the word count.
    @inline(__always)
    static func readPlain(_ base: UnsafePointer<UInt8>, count: Int) -> DecimalText? {
        let end = base + count
        var s = base
        let negative = s.pointee == UInt8(ascii: "-")
        if negative || s.pointee == UInt8(ascii: "+") { s += 1 }
        let length = end - s
        let first = load(s)
        // Digits before the first other byte, 8 when the whole word is digits.
        let leading = nonDigits(first).trailingZeroBitCount >> 3
        // The point's offset (8 when there is none: the first word is then taken whole).
        let digits: Int, point: Int, hasPoint: Bool
        if leading >= length {
            (digits, point, hasPoint) = (length, 8, false)
        } else if s[leading] == UInt8(ascii: ".") {
            (digits, point, hasPoint) = (length - 1, leading, true)
        } else {
            return nil
        }
        guard digits >= 1, digits <= 19 else { return nil }
        // Bytes 0 ..< point from before the point, the others from the bytes after it.
        let below: UInt64 = point < 8 ? (1 &<< (8 &* point)) &- 1 : .max
        let word = (first & below) | (load(s + 1) & ~below)
        let next = s + (hasPoint ? 9 : 8)
        // By word count, straight-line: the leading words whole (one digit test for both), the
        // last one (1-8 digits) as `lastWord` moves it.
        let value: UInt64
        if digits <= 8 {
            guard isDigits(word, count: digits) else { return nil }
            value = eightDigits(lastWord(word, count: digits))
        } else if digits <= 16 {
            let second = load(next)
            guard nonDigits(word) == 0, isDigits(second, count: digits &- 8) else { return nil }
            value = eightDigits(word) &* powersOfTenInteger[digits &- 8] &+ eightDigits(lastWord(second, count: digits &- 8))
        } else {
            let second = load(next), third = load(next + 8)
            guard nonDigits(word) | nonDigits(second) == 0, isDigits(third, count: digits &- 16) else { return nil }
            value = (eightDigits(word) &* 100_000_000 &+ eightDigits(second)) &* powersOfTenInteger[digits &- 16]
                &+ eightDigits(lastWord(third, count: digits &- 16))
        }
        return DecimalText(negative: negative, significand: value, exponent: hasPoint ? point + 1 - length : 0)
    }

    /// Whether the first `count` (1-8) bytes of `word` are ASCII digits.
    @inline(__always)
    private static func isDigits(_ word: UInt64, count: Int) -> Bool {
        nonDigits(word).trailingZeroBitCount >= 8 &* count
    }

    /// The first `count` (1-8) bytes of `word` moved to its top, under 8 - `count` '0' bytes:
    /// the eight digits whose value is that of the `count` digits.
    @inline(__always)
    private static func lastWord(_ word: UInt64, count: Int) -> UInt64 {
        // Two shifts for the zeros, so that 8 digits shift them out entirely.
        (word &<< (64 &- 8 &* count)) | ((0x3030_3030_3030_3030 &>> (8 &* count &- 1)) &>> 1)
    }

    /// The 8 bytes at `p`, first byte lowest.
    @inline(__always)
    private static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// 0x80 in the first byte of `word` (lowest first) that is not an ASCII digit, and perhaps in
    /// later bytes; 0 in the bytes before it (all when every byte is a digit). A digit byte
    /// neither carries from `+ 0x46` (at most 0x7F) nor borrows from `- 0x30`, so the bytes up
    /// to the first other one are exact; that one has bit 7 set by the addition (0x3A ... 0x7F),
    /// the subtraction (below 0x30) or itself (0x80 and above).
    @inline(__always)
    static func nonDigits(_ word: UInt64) -> UInt64 {
        ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030) | word) & 0x8080_8080_8080_8080
    }

    /// Whether the eight bytes of `word` (little-endian) are all ASCII digits.
    @inline(__always)
    static func isEightDigits(_ word: UInt64) -> Bool {
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, six: UInt64 = 0x0606_0606_0606_0606
        let pattern: UInt64 = (word & high) | (((word &+ six) & high) >> 4)
        return pattern == 0x3333_3333_3333_3333
    }

    /// The value of eight ASCII digits (first digit in the lowest byte).
    @inline(__always)
    static func eightDigits(_ word: UInt64) -> UInt64 {
        let zeros: UInt64 = 0x3030_3030_3030_3030, mask: UInt64 = 0x0000_00FF_0000_00FF
        let hundreds: UInt64 = 100 + (1_000_000 << 32), units: UInt64 = 1 + (10_000 << 32)
        var value: UInt64 = word &- zeros
        value = value &* 10 &+ (value >> 8)
        let even: UInt64 = (value & mask) &* hundreds
        let odd: UInt64 = ((value >> 16) & mask) &* units
        return ((even &+ odd) >> 32) & 0xFFFF_FFFF
    }

    /// The correctly rounded double when it can be had cheaply, else `nil` (use `strtod`).
    ///
    /// Clinger's fast path first: a significand below 2^53 and 10^|e| with |e| ≤ 22 are exact
    /// doubles, so one multiplication or division rounds once, correctly. Otherwise, on
    /// x86-64, significand and 10^|e| (|e| ≤ 27) are exact in `Float80`, so one
    /// multiplication or division rounds once to 64 bits; rounding that to a double is correct
    /// unless the 64-bit result sits exactly on a double rounding midpoint (low 11 bits
    /// 0x400), which falls back. Results outside the normal double range also fall back.
    @inline(__always)
    var fastValue: Double? {
        if significand == 0 && !truncated { return negative ? -0.0 : 0.0 }
        guard !truncated, exponent >= -27, exponent <= 27 else { return nil }
        if significand <= 1 << 53, exponent >= -22, exponent <= 22 {
            let power = DecimalText.powersOfTenDouble[abs(exponent)]
            let value = exponent >= 0 ? Double(significand) * power : Double(significand) / power
            return negative ? -value : value
        }
        #if arch(x86_64) && !os(Windows)
        let power = DecimalText.powersOfTen[abs(exponent)]
        let exact = Float80(significand)
        let rounded = exponent >= 0 ? exact * power : exact / power
        guard rounded.significandBitPattern & 0x7FF != 0x400 else { return nil }
        let value = Double(rounded)
        guard value.isNormal else { return nil }
        return negative ? -value : value
        #else
        return nil
        #endif
    }

    // The tables are literals, so they are laid out at compile time (no lazy initialisation
    // or reference counting on each read); the tests check every entry against 10^k.

    #if arch(x86_64) && !os(Windows)
    /// 10^0 ... 10^27, exact in `Float80`.
    static let powersOfTen: [Float80] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27,
    ]
    #endif

    /// 10^0 ... 10^22, exact in `Double` (Clinger's fast path).
    static let powersOfTenDouble: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// 10^0 ... 10^8 (the scale of a last word of fewer than eight digits).
    static let powersOfTenInteger: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000]
}
