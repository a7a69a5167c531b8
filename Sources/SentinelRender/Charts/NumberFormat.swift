import Foundation

/// Number formatting for figures and tables: fixed decimals, a true minus sign (U+2212),
/// no negative zero, locale-independent.
public enum NumberFormat {
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "∞" : "−∞") }
        let d = max(0, min(decimals, 12))
        var text = String(format: "%.\(d)f", value)
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
}
