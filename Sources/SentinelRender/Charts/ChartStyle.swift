/// Typography and strokes shared by every chart. Sizes are in points and are the printed
/// sizes of a figure placed at its physical size on a journal page (`Size.figure` single
/// column, `Size.doubleColumnWidth` for multi-panel figures): text 6.5–8.5 pt (never below
/// 6 pt, the journals' minimum), data lines 1 pt, axes 0.6 pt.
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

    public init(tickFont: Font = Font(size: 7), labelFont: Font = Font(size: 7.5),
                titleFont: Font = Font(size: 8.5, weight: .bold), legendFont: Font = Font(size: 6.5),
                lineWidth: Double = 1, axisWidth: Double = 0.6, tickLength: Double = 2.5,
                showsGrid: Bool = true, padding: Double = 4) {
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
