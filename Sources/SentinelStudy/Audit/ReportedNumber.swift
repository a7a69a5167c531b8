import Foundation

/// A number as printed in a paper: its digits, its number of decimals, and whether it was an
/// upper bound ("< 0.001").
///
/// The decimals matter: "0.75" claims a value in [0.745, 0.755], "0.750" one in [0.7495, 0.7505].
/// The digits are kept as an integer `mantissa` scaled by 10^decimals so that rounding checks
/// are exact (no floating-point error at .5 ties).
public struct ReportedNumber: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The text as written in the claims file, e.g. "0.779" or "<0.001".
    public var text: String
    /// The digits without the decimal point: 779 for "0.779", 48 for "48".
    public var mantissa: Int
    /// Digits after the decimal point (0 for whole numbers).
    public var decimals: Int
    /// True for "< x" (the paper gives only an upper bound).
    public var isUpperBound: Bool

    /// Parses "0.779", "48.3", "-0.2", "< 0.001", "<0.001". Returns nil for anything else.
    public init?(_ raw: String) {
        var text = raw.trimmingCharacters(in: .whitespaces)
        let bound = text.hasPrefix("<")
        if bound { text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces) }
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        let whole = parts[0].isEmpty ? "0" : String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard whole.count + fraction.count <= 12, fraction.count <= 9, let digits = Int(whole + fraction) else { return nil }
        self.text = raw.trimmingCharacters(in: .whitespaces)
        self.mantissa = negative ? -digits : digits
        self.decimals = fraction.count
        self.isUpperBound = bound
    }

    /// Builds the printed form of `value` rounded to `decimals` places.
    public init(value: Double, decimals: Int) {
        let text = String(format: "%.\(decimals)f", value)
        self = ReportedNumber(text) ?? ReportedNumber(unsafeText: text, value: value, decimals: decimals)
    }

    private init(unsafeText: String, value: Double, decimals: Int) {
        text = unsafeText
        mantissa = Int((value * pow(10, Double(decimals))).rounded())
        self.decimals = decimals
        isUpperBound = false
    }

    /// The printed value as a Double.
    public var value: Double { Double(mantissa) / pow(10, Double(decimals)) }

    /// Half a unit in the last printed place: the rounding allowance (0.0005 for "0.779").
    public var halfUnit: Double { 0.5 / pow(10, Double(decimals)) }

    /// The interval of true values this printed number admits: [v - h, v + h] (ties included),
    /// or [0, v] for an upper bound.
    public var interval: ClosedRange<Double> {
        isUpperBound ? min(0, value)...value : (value - halfUnit)...(value + halfUnit)
    }

    public var description: String { text }

    /// Whether the fraction `k / n` (times `scale`, 100 for percentages) rounds to this number.
    ///
    /// Exact integer test |k·scale·10^d − m·n| ≤ n/2, so a true value exactly at a .5 tie is
    /// accepted whichever way it was rounded (half-up or half-even). `n` must be positive.
    public func isRounding(of k: Int, over n: Int, scale: Int = 1) -> Bool {
        guard n > 0, let difference = difference(k, n, scale) else { return false }
        if isUpperBound { return difference < 0 }
        return 2 * difference.magnitude <= UInt(n)
    }

    /// Whether `k / n` truncated (not rounded) to the printed decimals gives this number.
    public func isTruncation(of k: Int, over n: Int, scale: Int = 1) -> Bool {
        guard n > 0, !isUpperBound, let difference = difference(k, n, scale) else { return false }
        return difference >= 0 && difference < n
    }

    /// Every whole number k in 0...n whose k / n (× scale) rounds to this number, ascending.
    public func reachableNumerators(over n: Int, scale: Int = 1) -> [Int] {
        guard n > 0, n <= 1 << 40 else { return [] }
        let centre = value * Double(n) / Double(scale)
        guard centre.isFinite, abs(centre) < 1e15 else { return [] }
        let low = max(0, Int(centre.rounded(.down)) - 1)
        let high = min(n, Int(centre.rounded(.up)) + 1)
        guard low <= high else { return [] }
        return (low...high).filter { isRounding(of: $0, over: n, scale: scale) }
    }

    /// k·scale·10^d − m·n, or nil on overflow (absurdly large inputs never match).
    private func difference(_ k: Int, _ n: Int, _ scale: Int) -> Int? {
        let (a, o1) = k.multipliedReportingOverflow(by: scale)
        let (b, o2) = a.multipliedReportingOverflow(by: Self.power(decimals))
        let (c, o3) = mantissa.multipliedReportingOverflow(by: n)
        let (d, o4) = b.subtractingReportingOverflow(c)
        return o1 || o2 || o3 || o4 || d == .min ? nil : d
    }

    static func power(_ decimals: Int) -> Int {
        var p = 1
        for _ in 0..<decimals { p *= 10 }
        return p
    }
}

/// Formats `k / n` (× scale) with `decimals` places for reasons, e.g. "18/23 = 0.7826".
func fractionText(_ k: Int, _ n: Int, scale: Int = 1, decimals: Int = 4) -> String {
    let value = Double(k) / Double(n) * Double(scale)
    return "\(k)/\(n) = " + String(format: "%.\(decimals)f", value) + (scale == 100 ? "%" : "")
}
