/// A font request: family name resolved through fontconfig, size in points, weight, slant.
public struct Font: Hashable, Sendable, Codable {
    public enum Weight: String, Hashable, Sendable, Codable { case regular, bold }
    public enum Slant: String, Hashable, Sendable, Codable { case upright, italic }

    public var family: String
    /// Em size in points.
    public var size: Double
    public var weight: Weight
    public var slant: Slant

    public init(family: String = Font.defaultFamily, size: Double, weight: Weight = .regular,
                slant: Slant = .upright) {
        self.family = family
        self.size = size
        self.weight = weight
        self.slant = slant
    }

    /// DejaVu Sans: installed with fonts-dejavu-core and covering ≥ ± – μ χ² etc.
    public static let defaultFamily = "DejaVu Sans"

    /// The same face at another size.
    public func withSize(_ size: Double) -> Font {
        Font(family: family, size: size, weight: weight, slant: slant)
    }

    /// The bold variant of this font.
    public var bold: Font { Font(family: family, size: size, weight: .bold, slant: slant) }

    /// The italic variant of this font.
    public var italic: Font { Font(family: family, size: size, weight: weight, slant: .italic) }

    /// The face (family, weight, slant) without the size.
    var faceKey: FaceKey { FaceKey(family: family, weight: weight, slant: slant) }

    struct FaceKey: Hashable, Sendable {
        var family: String
        var weight: Weight
        var slant: Slant
    }
}
