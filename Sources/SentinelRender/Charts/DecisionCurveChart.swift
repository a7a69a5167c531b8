/// One model's net benefit at each threshold of the chart's `thresholds`.
public struct DecisionCurveSeries: Hashable, Sendable, Codable {
    public var name: String
    public var colorIndex: Int
    public var netBenefit: [Double]

    public init(name: String, colorIndex: Int, netBenefit: [Double]) {
        self.name = name
        self.colorIndex = colorIndex
        self.netBenefit = netBenefit
    }
}

/// Decision curves (Vickers & Elkin 2006): net benefit of each model against the threshold
/// probability, with the treat-all curve and the treat-none line at zero. The y axis runs
/// from `yMinimum` (default −0.05) to the largest net benefit plus 10% (at least 0.05), so
/// the steep fall of treat-all does not flatten the curves of interest; lines are clipped.
public struct DecisionCurveChart: Chart, Hashable, Codable {
    public var title: String
    public var thresholds: [Double]
    public var models: [DecisionCurveSeries]
    public var treatAll: [Double]
    public var xLabel: String
    public var yLabel: String
    public var yMinimum: Double
    /// Where the legend goes inside the plot if it fits there; nil keeps it outside (under
    /// or right of the plot), so that panels of a grid line up.
    public var legendCorner: Corner?

    public init(title: String, thresholds: [Double], models: [DecisionCurveSeries], treatAll: [Double],
                xLabel: String = "Threshold probability", yLabel: String = "Net benefit",
                yMinimum: Double = -0.05, legendCorner: Corner? = .topRight) {
        self.title = title
        self.thresholds = thresholds
        self.models = models
        self.treatAll = treatAll
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yMinimum = yMinimum
        self.legendCorner = legendCorner
    }

    /// The y-axis interval drawn: [yMinimum, max net benefit × 1.1] with at least 0.05 above 0.
    public var yDomain: (lo: Double, hi: Double) {
        let all = (models.flatMap(\.netBenefit) + treatAll).filter(\.isFinite)
        let top = all.max() ?? 0
        return (yMinimum, max(top + 0.1 * abs(top), 0.05, yMinimum + 0.05))
    }

    public var altText: String {
        let described = models.map { m -> String in
            let best = zip(thresholds, m.netBenefit).filter { $0.1.isFinite }.max { $0.1 < $1.1 }
            var text = "\(m.name) (\(Palette.colorName(forSeries: m.colorIndex))"
            if let best {
                text += ", highest net benefit " + NumberFormat.fixed(best.1, decimals: 3) + " at threshold " + NumberFormat.fixed(best.0, decimals: 2)
            }
            return text + ")"
        }
        let range = (thresholds.min(), thresholds.max())
        var text = (title.isEmpty ? "" : title + ". ")
            + "Decision curves of net benefit against threshold probability"
        if let lo = range.0, let hi = range.1 {
            text += " from " + NumberFormat.fixed(lo, decimals: 2) + " to " + NumberFormat.fixed(hi, decimals: 2)
        }
        text += " for \(models.count) model\(models.count == 1 ? "" : "s"): " + ChartData.list(described)
        text += ". A grey line shows treating all patients and a black line at zero shows treating none."
        return text
    }

    public func validate() throws {
        try ChartData.requireNonEmpty(thresholds.count, "DecisionCurveChart", "thresholds")
        try ChartData.requireFinite(thresholds, "DecisionCurveChart", "thresholds")
        try ChartData.requireSameLength(treatAll.count, thresholds.count, "DecisionCurveChart", "treatAll and thresholds")
        for m in models {
            try ChartData.requireSameLength(m.netBenefit.count, thresholds.count, "DecisionCurveChart", "\(m.name): net benefit and thresholds")
        }
        guard yMinimum.isFinite, yMinimum < 0.05 else {
            throw RenderError.invalidData(chart: "DecisionCurveChart", detail: "yMinimum \(yMinimum) must be finite and below 0.05")
        }
    }

    /// Treat-none (net benefit 0) is a dotted gray line: solid black belongs to the eighth
    /// Okabe-Ito series, so a black reference line could be read as a model.
    static let treatNoneDash: [Double] = [1.5, 1.5]

    /// One entry per model in its colour and dash (as its curve is drawn), then the references.
    var legendEntries: [LegendEntry] {
        var entries = models.map {
            LegendEntry(label: $0.name, key: .line(Palette.color(forSeries: $0.colorIndex), dash: Palette.dash(forSeries: $0.colorIndex)))
        }
        entries.append(LegendEntry(label: "Treat all", key: .line(.gray, dash: [])))
        entries.append(LegendEntry(label: "Treat none", key: .line(.gray, dash: Self.treatNoneDash)))
        return entries
    }

    public func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
        try validate()
        let lo = thresholds.min() ?? 0
        let hi = thresholds.max() ?? 1
        // Widen to nice bounds (0.01–0.99 → 0–1) so the axis starts and ends on a labelled tick.
        let xDomain = hi > lo ? NiceTicks.niceDomain(lo: lo, hi: hi, maxCount: 6) : (lo - 0.05, hi + 0.05)
        let entries = legendEntries
        let (frame, boxes) = try Legend.arrange([({ try LegendBox(entries, style: style, maxWidth: $0) }, legendCorner ?? .topRight)],
                                                region: region, style: style, maxHeightFraction: 0.6, inside: legendCorner != nil) { band, right in
            try CartesianFrame.make(region: region, style: style, title: title, xLabel: xLabel, yLabel: yLabel,
                                    xDomain: xDomain, yDomain: yDomain, rightMargin: right, bottomBand: band)
        }
        frame.drawGrid(on: canvas)
        try canvas.withState {
            canvas.clip(to: frame.plot)
            canvas.strokeLine(from: frame.point(xDomain.0, 0), to: frame.point(xDomain.1, 0), style: StrokeStyle(color: .gray, width: 0.9, dash: Self.treatNoneDash))
            strokeSegments(thresholds, treatAll, frame: frame, style: StrokeStyle(color: .gray, width: 0.9), on: canvas)
            for m in models {
                strokeSegments(thresholds, m.netBenefit, frame: frame,
                               style: StrokeStyle(color: Palette.color(forSeries: m.colorIndex), width: style.lineWidth,
                                                  dash: Palette.dash(forSeries: m.colorIndex), join: .round),
                               on: canvas)
            }
            try canvas.checkStatus("DecisionCurveChart")
        }
        try frame.drawAxes(on: canvas)
        for (box, origin) in boxes { try box.draw(at: origin, lineWidth: style.lineWidth, on: canvas) }
    }

    /// Strokes the curve, breaking it at non-finite values.
    private func strokeSegments(_ xs: [Double], _ ys: [Double], frame: CartesianFrame, style: StrokeStyle, on canvas: Canvas) {
        var run: [Point] = []
        for (x, y) in zip(xs, ys) {
            if y.isFinite {
                run.append(frame.point(x, y))
            } else {
                canvas.strokePolyline(run, style: style)
                run = []
            }
        }
        canvas.strokePolyline(run, style: style)
    }
}
