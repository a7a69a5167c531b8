/// Line end shapes, as in Cairo.
public enum LineCap: Sendable { case butt, round, square }

/// Line corner shapes, as in Cairo.
public enum LineJoin: Sendable { case miter, round, bevel }

/// A stroke description: colour, width in points, dash pattern (on/off lengths in points;
/// empty means solid), cap and join.
public struct StrokeStyle: Hashable, Sendable {
    public var color: Color
    public var width: Double
    public var dash: [Double]
    public var cap: LineCap
    public var join: LineJoin

    public init(color: Color = .ink, width: Double = 1, dash: [Double] = [],
                cap: LineCap = .butt, join: LineJoin = .miter) {
        self.color = color
        self.width = width
        self.dash = dash
        self.cap = cap
        self.join = join
    }
}
