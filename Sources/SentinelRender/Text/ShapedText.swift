/// One positioned glyph of a shaped run; `x`, `y` in points from the run's baseline origin
/// (y down, as drawn).
public struct ShapedGlyph: Hashable, Sendable {
    public var id: UInt32
    public var x: Double
    public var y: Double
}

/// A single line of text shaped by HarfBuzz: glyphs, their positions, and the metrics
/// needed for layout. Widths are advance widths in points; `ascent`/`descent` are the
/// font's (not the ink's) extents above and below the baseline, so lines stack evenly.
public struct ShapedText: Hashable, Sendable {
    public let text: String
    public let font: Font
    public let glyphs: [ShapedGlyph]
    /// Total advance width in points.
    public let width: Double
    /// Distance from the baseline to the top of the line box, points (positive).
    public let ascent: Double
    /// Distance from the baseline to the bottom of the line box, points (positive).
    public let descent: Double
    /// (UTF-8 bytes, glyphs) pairs mapping text to glyphs, in logical order; empty when
    /// the mapping is not monotonic, in which case the glyphs are drawn without text.
    let clusters: [TextCluster]

    /// `ascent + descent`.
    public var height: Double { ascent + descent }
}

struct TextCluster: Hashable, Sendable {
    var byteCount: Int
    var glyphCount: Int
}
