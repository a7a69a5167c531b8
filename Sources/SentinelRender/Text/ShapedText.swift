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
    /// The runs of glyphs shaped with one face in one direction, in drawing (visual) order;
    /// together they hold every glyph once, in `glyphs` order.
    let runs: [GlyphRun]

    /// `ascent + descent`.
    public var height: Double { ascent + descent }

    /// (UTF-8 bytes, glyphs) pairs mapping text to glyphs in logical order when the text is
    /// one left-to-right run; empty otherwise.
    var clusters: [TextCluster] {
        runs.count == 1 && !runs[0].backward ? runs[0].clusters : []
    }
}

/// Consecutive glyphs of a `ShapedText` drawn with one face: the face (`FaceID`), the glyphs
/// (`glyphs`, a range of the text's glyph array) and the UTF-8 bytes of the text they show
/// (`bytes`), mapped by `clusters` (empty when the mapping is not monotonic; the glyphs are
/// then drawn without text). A right-to-left run's glyphs are in visual order, so its
/// clusters map the text's first bytes to the last glyphs (`backward`).
struct GlyphRun: Hashable, Sendable {
    var face: FaceID
    var glyphs: Range<Int>
    var bytes: Range<Int>
    var clusters: [TextCluster]
    var backward: Bool
}

struct TextCluster: Hashable, Sendable {
    var byteCount: Int
    var glyphCount: Int
}
