/// A non-premultiplied sRGB colour with components in [0, 1].
public struct Color: Hashable, Sendable, Codable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255,
                  alpha: alpha)
    }

    /// The same colour with another opacity.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// `#rrggbb` (opacity dropped), for HTML and CSS.
    public var hexString: String {
        func byte(_ v: Double) -> String {
            let b = Int((min(max(v, 0), 1) * 255).rounded())
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)
    /// Axis lines and text.
    public static let ink = Color(hex: 0x1A1A1A)
    /// Reference lines (chance diagonal, ideal calibration, treat-none).
    public static let gray = Color(hex: 0x808080)
    /// Grid lines and table rules.
    public static let lightGray = Color(hex: 0xD9D9D9)
}

/// The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design").
///
/// Series index `i` always gets `colors[i % 8]`, so a caller that gives each model a fixed
/// index keeps that model's colour in every figure. The low-contrast yellow and the black
/// (reserved-looking next to reference lines) come last. Indices 8–15 reuse the colours with
/// a dashed line (`dash(forSeries:)`), so up to 16 series stay distinguishable.
public enum Palette {
    /// Orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow, black.
    public static let okabeIto: [Color] = [
        Color(hex: 0xE69F00), Color(hex: 0x56B4E9), Color(hex: 0x009E73), Color(hex: 0x0072B2),
        Color(hex: 0xD55E00), Color(hex: 0xCC79A7), Color(hex: 0xF0E442), Color(hex: 0x000000),
    ]

    /// English names of `okabeIto`, used in alt text.
    public static let okabeItoNames: [String] = [
        "orange", "sky blue", "bluish green", "blue", "vermillion", "reddish purple", "yellow", "black",
    ]

    /// The line dash of series `index`: solid for 0–7, dashed for 8–15, dotted beyond.
    public static func dash(forSeries index: Int) -> [Double] {
        switch abs(index) / okabeIto.count {
        case 0: return []
        case 1: return [6, 3]
        default: return [1.5, 2.5]
        }
    }

    /// The stable colour of series `index` (negative indices wrap too).
    public static func color(forSeries index: Int) -> Color {
        okabeIto[wrapped(index)]
    }

    /// The English name of the colour of series `index`.
    public static func colorName(forSeries index: Int) -> String {
        let name = okabeItoNames[wrapped(index)]
        if dash(forSeries: index).isEmpty { return name }
        return name + (abs(index) < 2 * okabeIto.count ? " dashed" : " dotted")
    }

    private static func wrapped(_ index: Int) -> Int {
        let n = okabeIto.count
        return ((index % n) + n) % n
    }
}
