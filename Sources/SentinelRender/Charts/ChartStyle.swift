/// Typography and strokes shared by every chart. Sizes are in points and chosen for a
/// 6.25 × 4.69 inch figure (`Size.figure`) read at 100%.
public struct ChartStyle: Hashable, Sendable {
    /// Tick labels and table-like text inside panels.
    public var tickFont: Font
    /// Axis titles.
    public var labelFont: Font
    /// Panel title.
    public var titleFont: Font
    /// Legend and in-panel annotations.
    public var legendFont: Font
    /// Width of data lines.
    public var lineWidth: Double
    /// Width of axis lines and ticks.
    public var axisWidth: Double
    /// Outward tick length.
    public var tickLength: Double
    /// Draw light grid lines at the major ticks.
    public var showsGrid: Bool
    /// Space kept free around the whole chart.
    public var padding: Double

    public init(tickFont: Font = Font(size: 8.5), labelFont: Font = Font(size: 9.5),
                titleFont: Font = Font(size: 10.5, weight: .bold), legendFont: Font = Font(size: 8),
                lineWidth: Double = 1.6, axisWidth: Double = 0.8, tickLength: Double = 3.5,
                showsGrid: Bool = true, padding: Double = 8) {
        self.tickFont = tickFont
        self.labelFont = labelFont
        self.titleFont = titleFont
        self.legendFont = legendFont
        self.lineWidth = lineWidth
        self.axisWidth = axisWidth
        self.tickLength = tickLength
        self.showsGrid = showsGrid
        self.padding = padding
    }

    public static let standard = ChartStyle()
}
