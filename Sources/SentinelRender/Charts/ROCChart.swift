/// One ROC curve: the (false-positive rate, true-positive rate) points in drawing order
/// (a staircase from (0, 0) to (1, 1) as produced by an empirical ROC), with optional AUC
/// and its confidence interval for the legend.
public struct ROCSeries: Hashable, Sendable, Codable {
    public var name: String
    /// Palette index; the same index gives the same colour in every figure.
    public var colorIndex: Int
    public var falsePositiveRate: [Double]
    public var truePositiveRate: [Double]
    public var auc: Double?
    public var aucLower: Double?
    public var aucUpper: Double?

    public init(name: String, colorIndex: Int, falsePositiveRate: [Double], truePositiveRate: [Double],
                auc: Double? = nil, aucLower: Double? = nil, aucUpper: Double? = nil) {
        self.name = name
        self.colorIndex = colorIndex
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
        self.auc = auc
        self.aucLower = aucLower
        self.aucUpper = aucUpper
    }

    /// "Model A, AUC 0.845 (0.769–0.921)", or just the name without an AUC.
    public var legendLabel: String {
        guard let auc else { return name }
        return "\(name), AUC " + NumberFormat.estimate(auc, lower: aucLower, upper: aucUpper)
    }
}

/// ROC curves of several models on one square panel, with the chance diagonal and a legend
/// giving each model's AUC (95% CI) in the lower right.
public struct ROCChart: Chart, Hashable, Codable {
    public var title: String
    public var series: [ROCSeries]
    public var xLabel: String
    public var yLabel: String
    public var showsChanceLine: Bool
    /// Where the legend goes inside the plot if it fits there; nil keeps it outside (under
    /// or right of the plot), so that panels of a grid line up.
    public var legendCorner: Corner?

    public init(title: String, series: [ROCSeries], xLabel: String = "1 − Specificity",
                yLabel: String = "Sensitivity", showsChanceLine: Bool = true, legendCorner: Corner? = .bottomRight) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.showsChanceLine = showsChanceLine
        self.legendCorner = legendCorner
    }

    /// A single journal column (`Size.singleColumnWidth`), as high as wide: the plot is square.
    public var preferredSize: Size { Size(width: Size.singleColumnWidth, height: Size.singleColumnWidth) }

    public var altText: String {
        let described = series.map { s -> String in
            var text = "\(s.name) (\(Palette.colorName(forSeries: s.colorIndex))"
            if let auc = s.auc {
                text += ", AUC " + NumberFormat.fixed(auc, decimals: 3)
                if let lo = s.aucLower, let hi = s.aucUpper {
                    text += ", 95% CI " + NumberFormat.fixed(lo, decimals: 3) + " to " + NumberFormat.fixed(hi, decimals: 3)
                }
            }
            return text + ")"
        }
        var text = (title.isEmpty ? "" : title + ". ")
            + "ROC curves plotting sensitivity against 1 − specificity for \(series.count) model\(series.count == 1 ? "" : "s"): "
            + ChartData.list(described) + "."
        if showsChanceLine { text += " A dashed diagonal marks chance performance (AUC 0.5)." }
        return text
    }

    public func validate() throws {
        try ChartData.requireNonEmpty(series.count, "ROCChart", "series")
        for s in series {
            try ChartData.requireSameLength(s.falsePositiveRate.count, s.truePositiveRate.count, "ROCChart", "\(s.name): FPR and TPR")
            try ChartData.requireNonEmpty(s.falsePositiveRate.count, "ROCChart", "\(s.name): points")
            try ChartData.requireFinite(s.falsePositiveRate + s.truePositiveRate, "ROCChart", "\(s.name): rates")
        }
    }

    /// One entry per series in its colour and dash (as its curve is drawn), then the chance line.
    var legendEntries: [LegendEntry] {
        var entries = series.map {
            LegendEntry(label: $0.legendLabel, key: .line(Palette.color(forSeries: $0.colorIndex), dash: Palette.dash(forSeries: $0.colorIndex)))
        }
        if showsChanceLine { entries.append(LegendEntry(label: "Chance", key: .line(.gray, dash: [3, 2]))) }
        return entries
    }

    public func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
        try validate()
        let unit = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        let entries = legendEntries
        let (frame, boxes) = try Legend.arrange([({ try LegendBox(entries, style: style, maxWidth: $0) }, legendCorner ?? .bottomRight)],
                                                region: region, style: style, inside: legendCorner != nil) { band, right in
            try CartesianFrame.make(region: region, style: style, title: title, xLabel: xLabel, yLabel: yLabel,
                                    xDomain: (0, 1), yDomain: (0, 1), square: true, xTicks: unit, yTicks: unit, rightMargin: right, bottomBand: band)
        }
        frame.drawGrid(on: canvas)
        try canvas.withState {
            canvas.clip(to: frame.plot.inset(by: EdgeInsets(all: -2)))
            if showsChanceLine {
                canvas.strokeLine(from: frame.point(0, 0), to: frame.point(1, 1),
                                  style: StrokeStyle(color: .gray, width: 0.75, dash: [3, 2]))
            }
            for s in series {
                let points = zip(s.falsePositiveRate, s.truePositiveRate).map { frame.point($0, $1) }
                canvas.strokePolyline(points, style: StrokeStyle(color: Palette.color(forSeries: s.colorIndex), width: style.lineWidth,
                                                                 dash: Palette.dash(forSeries: s.colorIndex), join: .round))
            }
            try canvas.checkStatus("ROCChart")
        }
        try frame.drawAxes(on: canvas)
        for (box, origin) in boxes { try box.draw(at: origin, lineWidth: style.lineWidth, on: canvas) }
    }
}
