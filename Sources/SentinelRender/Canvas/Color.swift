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

/// The series palette: the Okabe–Ito colour-blind-safe colours (Okabe & Ito 2008, "Color
/// Universal Design") for the first eight series, then two more sets of eight, each with its
/// own line dash so that colour and dash both tell series apart.
///
/// Series index `i` always gets the same colour and dash, so a caller that gives each model a
/// fixed index keeps that model's look in every figure. Indices 0–7: Okabe–Ito, solid (the
/// low-contrast yellow and the black come last); 8–15: Paul Tol's "muted" colours, dashed;
/// 16–23: darker ColorBrewer BrBG/PiYG/PRGn/RdBu ends and Dark2 slate purple and bronze, dotted. Up to 24 series get
/// 24 different colours (a figure with more than eight models used to repeat colours, told
/// apart only by the dash); beyond 24 the cycle repeats.
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

    /// Every series colour, in index order: `okabeIto`, then Tol's muted wine, indigo, teal,
    /// olive, rose, green, purple and sand, then brown, slate purple, dark teal, magenta, leaf green,
    /// dark red, bronze and violet.
    public static let colors: [Color] = okabeIto + [
        Color(hex: 0x882255), Color(hex: 0x332288), Color(hex: 0x44AA99), Color(hex: 0x999933),
        Color(hex: 0xCC6677), Color(hex: 0x117733), Color(hex: 0xAA4499), Color(hex: 0xDDCC77),
        Color(hex: 0x8C510A), Color(hex: 0x7570B3), Color(hex: 0x01665E), Color(hex: 0xC51B7D),
        Color(hex: 0x4D9221), Color(hex: 0xB2182B), Color(hex: 0xA6761D), Color(hex: 0x762A83),
    ]

    /// English names of `colors`, used in alt text.
    public static let colorNames: [String] = okabeItoNames + [
        "wine", "indigo", "teal", "olive", "rose", "green", "purple", "sand",
        "brown", "slate purple", "dark teal", "magenta", "leaf green", "dark red", "bronze", "violet",
    ]

    /// The line dash of series `index`: solid for 0–7, dashed for 8–15, dotted for 16–23
    /// (repeating every 24).
    public static func dash(forSeries index: Int) -> [Double] {
        switch wrapped(index) / okabeIto.count {
        case 0: return []
        case 1: return [6, 3]
        default: return [1.5, 2.5]
        }
    }

    /// The stable colour of series `index` (negative indices wrap too).
    public static func color(forSeries index: Int) -> Color {
        colors[wrapped(index)]
    }

    /// The English name of the colour of series `index`, with its dash ("wine dashed").
    public static func colorName(forSeries index: Int) -> String {
        let name = colorNames[wrapped(index)]
        switch wrapped(index) / okabeIto.count {
        case 0: return name
        case 1: return name + " dashed"
        default: return name + " dotted"
        }
    }

    private static func wrapped(_ index: Int) -> Int {
        let n = colors.count
        return ((index % n) + n) % n
    }
}
