import Foundation
import SentinelRender

/// Number formatting for report tables: fixed decimals, en-dash intervals, p-values in the
/// journal convention. All formatting is locale-independent ("." decimal separator).
public enum ReportFormat {
    /// `value` with `digits` decimals; "–" (not available) for nil or non-finite.
    public static func fixed(_ value: Double?, _ digits: Int = 3) -> String {
        guard let v = value, v.isFinite else { return "NA" }
        let s = NumberFormat.printf(v, decimals: digits)
        let zero = NumberFormat.printf(0, decimals: digits)
        return s == "-" + zero ? zero : s
    }

    /// "0.845 (0.769–0.921)".
    public static func withInterval(_ value: Double?, _ ci: [Double]?, _ digits: Int = 3) -> String {
        guard let ci, ci.count == 2 else { return fixed(value, digits) }
        return "\(fixed(value, digits)) (\(interval(ci, digits)))"
    }

    /// `value` with `digits` significant digits, without exponent for 1e-4 ≤ |value| < 1e6
    /// ("0.02154", "12.49"); "NA" for non-finite.
    public static func significant(_ value: Double, _ digits: Int = 4) -> String {
        guard value.isFinite else { return "NA" }
        let magnitude = value == 0 ? 0 : Int(floor(log10(abs(value))))
        guard magnitude >= -4 && magnitude < 6 else { return String(format: "%.\(max(digits - 1, 0))e", value) }
        return fixed(value, max(0, digits - 1 - magnitude))
    }

    /// "0.769–0.921"; "-0.119 to -0.001" when a bound is negative.
    public static func interval(_ ci: [Double]?, _ digits: Int = 3) -> String {
        guard let ci, ci.count == 2 else { return "NA" }
        // An en dash next to a minus sign reads as a double minus: "-0.119 to -0.001".
        let separator = ci.contains { $0 < 0 && fixed($0, digits).hasPrefix("-") } ? " to " : "–"
        return "\(fixed(ci[0], digits))\(separator)\(fixed(ci[1], digits))"
    }

    /// p-values: "<0.001" below 0.001, else three decimals.
    public static func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "NA" }
        if p < 0.001 { return "<0.001" }
        return NumberFormat.printf(p, decimals: 3)
    }

    /// A percentage with one decimal: "27.6%".
    public static func percent(_ fraction: Double) -> String {
        NumberFormat.printf(fraction * 100, decimals: 1) + "%"
    }
}
