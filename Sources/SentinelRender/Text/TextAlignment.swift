/// Horizontal placement of text relative to its anchor point.
public enum HorizontalAlignment: String, Sendable, Codable {
    case left, center, right
}

/// Vertical placement of text relative to its anchor point: the anchor is on the baseline,
/// at the top or bottom of the line box, or halfway between.
public enum VerticalAlignment: String, Sendable, Codable {
    case baseline, top, middle, bottom
}
