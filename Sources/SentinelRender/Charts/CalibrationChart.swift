/// One bin of a calibration plot: mean predicted risk, observed event proportion with its
/// confidence interval, and the number of cases in the bin.
public struct CalibrationBin: Hashable, Sendable, Codable {
    public var meanPredicted: Double
    public var observed: Double
    public var lower: Double
    public var upper: Double
    public var count: Int

    public init(meanPredicted: Double, observed: Double, lower: Double, upper: Double, count: Int) {
        self.meanPredicted = meanPredicted
        self.observed = observed
        self.lower = lower
        self.upper = upper
        self.count = count
    }
}

/// One model's calibration: binned points, an optional smoothed curve (x ascending), the
/// predicted risks for the histogram strip, and statistics lines printed in the panel
/// (e.g. "Intercept −0.08 (−0.52 to 0.36)", "Slope 0.91", "Brier 0.172", "ICI 0.031").
public struct CalibrationSeries: Hashable, Sendable, Codable {
    public var name: String
    public var colorIndex: Int
    public var bins: [CalibrationBin]
    public var smoothedPredicted: [Double]
    public var smoothedObserved: [Double]
    public var predictedRisks: [Double]
    public var statistics: [String]

    public init(name: String, colorIndex: Int, bins: [CalibrationBin], smoothedPredicted: [Double] = [],
                smoothedObserved: [Double] = [], predictedRisks: [Double] = [], statistics: [String] = []) {
        self.name = name
        self.colorIndex = colorIndex
        self.bins = bins
        self.smoothedPredicted = smoothedPredicted
        self.smoothedObserved = smoothedObserved
        self.predictedRisks = predictedRisks
        self.statistics = statistics
    }
}

/// Calibration plot on [0, 1]²: the ideal diagonal, each model's binned observed proportions
/// with CI whiskers and its smoothed curve, a histogram strip of predicted risks under the
/// plot (bars of the models side by side in each bin), and a legend: when series carry
/// statistics, one box at `statisticsCorner` naming each series over its statistics lines,
/// else a plain legend at `legendCorner`.
public struct CalibrationChart: Chart, Hashable, Codable {
    public var title: String
    public var series: [CalibrationSeries]
    public var xLabel: String
    public var yLabel: String
    /// Number of equal-width histogram bins on [0, 1].
    public var histogramBins: Int
    /// Where the legend goes inside the plot if it fits there (`statisticsCorner` for the
    /// box with statistics); nil keeps it outside (under or right of the plot), so that
    /// panels of a grid line up.
    public var statisticsCorner: Corner?
    public var legendCorner: Corner?

    public init(title: String, series: [CalibrationSeries], xLabel: String = "Predicted probability",
                yLabel: String = "Observed proportion", histogramBins: Int = 25,
                statisticsCorner: Corner? = .topLeft, legendCorner: Corner? = .bottomRight) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.histogramBins = histogramBins
        self.statisticsCorner = statisticsCorner
        self.legendCorner = legendCorner
    }

    /// A single journal column (`Size.singleColumnWidth`), high enough for the square plot, the
    /// histogram strip and a legend with statistics under them.
    public var preferredSize: Size { Size(width: Size.singleColumnWidth, height: 1.3 * Size.singleColumnWidth) }

    public var altText: String {
        let described = series.map { s -> String in
            var text = "\(s.name) (\(Palette.colorName(forSeries: s.colorIndex)), \(s.bins.count) bins"
            if !s.statistics.isEmpty { text += "; " + s.statistics.joined(separator: ", ") }
            return text + ")"
        }
        return (title.isEmpty ? "" : title + ". ")
            + "Calibration plot of observed proportion against predicted probability for \(series.count) model\(series.count == 1 ? "" : "s"): "
            + ChartData.list(described)
            + ". Points are binned observed proportions with 95% CI whiskers, lines are smoothed calibration curves, "
            + "the dashed diagonal is perfect calibration, and the strip below shows the distribution of predicted risks."
    }

    public func validate() throws {
        try ChartData.requireNonEmpty(series.count, "CalibrationChart", "series")
        guard histogramBins >= 1 else {
            throw RenderError.invalidData(chart: "CalibrationChart", detail: "histogramBins is \(histogramBins); use at least 1")
        }
        for s in series {
            try ChartData.requireSameLength(s.smoothedPredicted.count, s.smoothedObserved.count, "CalibrationChart", "\(s.name): smoothed x and y")
            try ChartData.requireFinite(s.bins.flatMap { [$0.meanPredicted, $0.observed, $0.lower, $0.upper] }, "CalibrationChart", "\(s.name): bins")
            try ChartData.requireFinite(s.smoothedPredicted + s.smoothedObserved, "CalibrationChart", "\(s.name): smoothed curve")
            try ChartData.requireFinite(s.predictedRisks, "CalibrationChart", "\(s.name): predicted risks")
        }
    }

    /// One entry per series in its colour and dash (as its smoothed curve is drawn, with the
    /// bin marker), then the ideal line.
    var legendEntries: [LegendEntry] {
        var entries = series.map {
            LegendEntry(label: $0.name, key: .lineAndMarker(Palette.color(forSeries: $0.colorIndex), dash: Palette.dash(forSeries: $0.colorIndex)))
        }
        entries.append(LegendEntry(label: "Ideal", key: .line(.gray, dash: [3, 2])))
        return entries
    }

    public func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
        try validate()
        let unit = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        let stripHeight = max(12, min(region.width, region.height) * 0.1)
        let entries = legendEntries
        var boxes: [(make: (Double) throws -> any PanelBox, corner: Corner)] = []
        let withStatistics = series.contains { !$0.statistics.isEmpty }
        if withStatistics {
            // The statistics box names and keys every series: it is the legend.
            let ideal = entries.last
            let makeStatistics: (Double) throws -> any PanelBox = { try StatisticsBox(series: series, style: style, ideal: ideal, maxWidth: $0) }
            boxes.append((make: makeStatistics, corner: statisticsCorner ?? .topLeft))
        } else {
            boxes.append(({ try LegendBox(entries, style: style, maxWidth: $0) }, legendCorner ?? .bottomRight))
        }
        let (frame, placed) = try Legend.arrange(boxes, region: region, style: style, maxHeightFraction: 0.45,
                                                 inside: (withStatistics ? statisticsCorner : legendCorner) != nil) { band, right in
            try CartesianFrame.make(region: region, style: style, title: title, xLabel: xLabel, yLabel: yLabel,
                                    xDomain: (0, 1), yDomain: (0, 1), square: true, xTicks: unit, yTicks: unit,
                                    bottomStrip: stripHeight + 4, rightMargin: right, bottomBand: band)
        }
        frame.drawGrid(on: canvas)
        let strip = Rect(x: frame.plot.minX, y: frame.plot.maxY + 4, width: frame.plot.width, height: stripHeight)
        drawHistogram(in: strip, frame: frame, on: canvas)
        try canvas.withState {
            canvas.clip(to: frame.plot.inset(by: EdgeInsets(all: -3)))
            canvas.strokeLine(from: frame.point(0, 0), to: frame.point(1, 1), style: StrokeStyle(color: .gray, width: 0.75, dash: [3, 2]))
            for s in series {
                let color = Palette.color(forSeries: s.colorIndex)
                if s.smoothedPredicted.count > 1 {
                    let points = zip(s.smoothedPredicted, s.smoothedObserved).map { frame.point($0, min(max($1, -0.01), 1.01)) }
                    canvas.strokePolyline(points, style: StrokeStyle(color: color, width: style.lineWidth,
                                                                     dash: Palette.dash(forSeries: s.colorIndex), join: .round))
                }
                let whisker = StrokeStyle(color: color, width: 0.6)
                for b in s.bins {
                    let px = frame.x(b.meanPredicted)
                    canvas.strokeLine(from: Point(x: px, y: frame.y(b.lower)), to: Point(x: px, y: frame.y(b.upper)), style: whisker)
                    for v in [b.lower, b.upper] {
                        canvas.strokeLine(from: Point(x: px - 1.6, y: frame.y(v)), to: Point(x: px + 1.6, y: frame.y(v)), style: whisker)
                    }
                    canvas.drawCircle(center: frame.point(b.meanPredicted, b.observed), radius: 1.9, fill: color,
                                      stroke: StrokeStyle(color: .white, width: 0.4))
                }
            }
            try canvas.checkStatus("CalibrationChart")
        }
        try frame.drawAxes(on: canvas)
        for (box, origin) in placed { try box.draw(at: origin, lineWidth: style.lineWidth, on: canvas) }
    }

    private func drawHistogram(in strip: Rect, frame: CartesianFrame, on canvas: Canvas) {
        let withRisks = series.filter { !$0.predictedRisks.isEmpty }
        guard !withRisks.isEmpty else { return }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: histogramBins), count: withRisks.count)
        for (k, s) in withRisks.enumerated() {
            for r in s.predictedRisks {
                let bin = min(histogramBins - 1, max(0, Int((r * Double(histogramBins)).rounded(.down))))
                counts[k][bin] += 1
            }
        }
        let maxCount = counts.flatMap { $0 }.max() ?? 0
        guard maxCount > 0 else { return }
        let binWidth = strip.width / Double(histogramBins)
        let barWidth = binWidth / Double(withRisks.count)
        for (k, s) in withRisks.enumerated() {
            let color = Palette.color(forSeries: s.colorIndex)
            for (bin, count) in counts[k].enumerated() where count > 0 {
                let h = strip.height * Double(count) / Double(maxCount)
                canvas.fillRect(Rect(x: strip.minX + Double(bin) * binWidth + Double(k) * barWidth, y: strip.maxY - h,
                                     width: barWidth, height: h), color: color.withAlpha(0.85))
            }
        }
        canvas.strokeLine(from: Point(x: strip.minX, y: strip.maxY), to: Point(x: strip.maxX, y: strip.maxY),
                          style: StrokeStyle(color: .gray, width: 0.5))
    }
}

/// The legend of a calibration chart with statistics: per series a name line keyed as its
/// curve is drawn (colour, dash and bin marker) with its statistics lines under it, then the
/// ideal line's key. One box instead of a legend and a statistics box, so a narrow panel
/// keeps its plot. A name or statistic wider than the box may be (`maxWidth`) wraps (names
/// at their ", " clauses first, like legend labels); the key stays on a name's first line.
struct StatisticsBox: PanelBox {
    struct Line {
        var text: String
        /// The series' key (colour, dash), drawn before a name's first line.
        var key: (color: Color, dash: [Double])?
        var bold: Bool
    }

    let lines: [Line]
    /// The reference line's entry, drawn last.
    let ideal: LegendEntry?
    let font: Font
    let lineHeight: Double
    let size: Size
    static let keyWidth = LegendBox.keyWidth
    /// Left edge of the text: the key and the gaps around it.
    static let textInset = 4 + keyWidth + 4

    init(series: [CalibrationSeries], style: ChartStyle, ideal: LegendEntry? = nil, maxWidth: Double = .infinity) throws {
        font = style.legendFont
        lineHeight = try TextShaper.lineHeight(for: font)
        let textWidth = max(20, maxWidth - Self.textInset - 4)
        var lines: [Line] = []
        for s in series {
            let name = try LegendBox.wrap(s.name, font: font.bold, width: textWidth)
            for (i, text) in name.enumerated() {
                lines.append(Line(text: text, key: i == 0 ? (Palette.color(forSeries: s.colorIndex), Palette.dash(forSeries: s.colorIndex)) : nil,
                                  bold: true))
            }
            for statistic in s.statistics {
                lines += try LegendBox.wrap(statistic, font: font, width: textWidth).map { Line(text: $0, key: nil, bold: false) }
            }
        }
        var width = 0.0
        for line in lines {
            width = max(width, try TextShaper.width(of: line.text, font: line.bold ? font.bold : font))
        }
        if let ideal { width = max(width, try TextShaper.width(of: ideal.label, font: font)) }
        self.lines = lines
        self.ideal = ideal
        size = Size(width: Self.textInset + width + 4, height: Double(lines.count + (ideal == nil ? 0 : 1)) * lineHeight + 5)
    }

    func draw(at origin: Point, lineWidth: Double, on canvas: Canvas) throws {
        let box = Rect(origin: origin, size: size)
        drawFrame(box, on: canvas)
        var y = box.minY + 2.5
        let keyX = box.minX + 4
        for line in lines {
            if let key = line.key {
                Legend.drawKey(.lineAndMarker(key.color, dash: key.dash), from: keyX, to: keyX + Self.keyWidth, y: y + lineHeight / 2,
                               lineWidth: lineWidth, on: canvas)
            }
            try canvas.drawText(line.text, at: Point(x: box.minX + Self.textInset, y: y), font: line.bold ? font.bold : font, vertical: .top)
            y += lineHeight
        }
        if let ideal {
            Legend.drawKey(ideal.key, from: keyX, to: keyX + Self.keyWidth, y: y + lineHeight / 2, lineWidth: lineWidth, on: canvas)
            try canvas.drawText(ideal.label, at: Point(x: box.minX + Self.textInset, y: y), font: font, vertical: .top)
        }
    }
}
