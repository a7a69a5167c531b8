/// The LASSO cross-validation curve (as glmnet's `plot.cv.glmnet`): mean CV error ± 1 SE
/// against log(λ), with dashed vertical lines at λ_min and, optionally, λ_1SE.
public struct LassoPathChart: Chart, Hashable, Codable {
    public var title: String
    /// Natural log of each λ, one per point.
    public var logLambda: [Double]
    public var meanError: [Double]
    public var standardError: [Double]
    public var logLambdaMin: Double
    public var logLambda1SE: Double?
    /// Number of non-zero coefficients per λ, printed along the top when given.
    public var nonzeroCounts: [Int]?
    public var xLabel: String
    public var yLabel: String
    public var colorIndex: Int

    public init(title: String, logLambda: [Double], meanError: [Double], standardError: [Double],
                logLambdaMin: Double, logLambda1SE: Double? = nil, nonzeroCounts: [Int]? = nil,
                xLabel: String = "log(λ)", yLabel: String = "Binomial deviance", colorIndex: Int = 4) {
        self.title = title
        self.logLambda = logLambda
        self.meanError = meanError
        self.standardError = standardError
        self.logLambdaMin = logLambdaMin
        self.logLambda1SE = logLambda1SE
        self.nonzeroCounts = nonzeroCounts
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.colorIndex = colorIndex
    }

    public var altText: String {
        var text = (title.isEmpty ? "" : title + ". ")
            + "Cross-validated \(yLabel.lowercased()) (mean ± 1 standard error) against log(λ) for \(logLambda.count) values of λ"
        if let lo = logLambda.min(), let hi = logLambda.max() {
            text += " from " + NumberFormat.fixed(lo, decimals: 2) + " to " + NumberFormat.fixed(hi, decimals: 2)
        }
        text += ". A dashed line marks λ_min at log(λ) = " + NumberFormat.fixed(logLambdaMin, decimals: 3)
        if let i = nearestIndex(to: logLambdaMin) {
            text += " (error " + NumberFormat.fixed(meanError[i], decimals: 3)
            if let counts = nonzeroCounts, i < counts.count { text += ", \(counts[i]) non-zero coefficients" }
            text += ")"
        }
        if let se = logLambda1SE { text += "; a dotted line marks λ_1SE at log(λ) = " + NumberFormat.fixed(se, decimals: 3) }
        return text + "."
    }

    public func validate() throws {
        try ChartData.requireNonEmpty(logLambda.count, "LassoPathChart", "logLambda")
        try ChartData.requireSameLength(meanError.count, logLambda.count, "LassoPathChart", "meanError and logLambda")
        try ChartData.requireSameLength(standardError.count, logLambda.count, "LassoPathChart", "standardError and logLambda")
        if let counts = nonzeroCounts {
            try ChartData.requireSameLength(counts.count, logLambda.count, "LassoPathChart", "nonzeroCounts and logLambda")
        }
        try ChartData.requireFinite(logLambda + meanError + standardError + [logLambdaMin] + (logLambda1SE.map { [$0] } ?? []),
                                    "LassoPathChart", "the curve")
    }

    public func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
        try validate()
        var xLo = min(logLambda.min() ?? 0, logLambdaMin)
        var xHi = max(logLambda.max() ?? 1, logLambdaMin)
        if xHi <= xLo { xLo -= 0.5; xHi += 0.5 }
        let margin = (xHi - xLo) * 0.03
        var yLo = zip(meanError, standardError).map { $0 - $1 }.min() ?? 0
        var yHi = zip(meanError, standardError).map { $0 + $1 }.max() ?? 1
        if yHi <= yLo { yLo -= 0.5; yHi += 0.5 }
        let yMargin = (yHi - yLo) * 0.06
        let countsBand = nonzeroCounts == nil ? 0.0 : try TextShaper.lineHeight(for: style.legendFont) + 2
        let frame = try CartesianFrame.make(region: region, style: style, title: title, xLabel: xLabel, yLabel: yLabel,
                                            xDomain: (xLo - margin, xHi + margin), yDomain: (yLo - yMargin, yHi + yMargin), topBand: countsBand)
        frame.drawGrid(on: canvas)
        let color = Palette.color(forSeries: colorIndex)
        try canvas.withState {
            canvas.clip(to: frame.plot)
            // All error bars as one path stroked once, and all points as one path filled once:
            // one rasterisation each instead of 300 strokes and 100 fills (same colours; only
            // anti-aliased edges where bars or points overlap differ from drawing them one by one).
            canvas.withState {
                canvas.setStroke(StrokeStyle(color: Color(hex: 0x9A9A9A), width: 0.6))
                canvas.newPath()
                for i in logLambda.indices {
                    let px = frame.x(logLambda[i])
                    let lo = frame.y(meanError[i] - standardError[i]), hi = frame.y(meanError[i] + standardError[i])
                    for (a, b) in [(Point(x: px, y: lo), Point(x: px, y: hi)), (Point(x: px - 1.2, y: lo), Point(x: px + 1.2, y: lo)),
                                   (Point(x: px - 1.2, y: hi), Point(x: px + 1.2, y: hi))] {
                        canvas.move(to: a)
                        canvas.line(to: b)
                    }
                }
                canvas.stroke()
            }
            canvas.withState {
                canvas.setColor(color)
                canvas.newPath()
                for i in logLambda.indices { canvas.addCircle(center: frame.point(logLambda[i], meanError[i]), radius: 1.6) }
                canvas.fill()
            }
            let marker = StrokeStyle(color: .ink, width: 0.75, dash: [3, 2])
            canvas.strokeLine(from: Point(x: frame.x(logLambdaMin), y: frame.plot.minY),
                              to: Point(x: frame.x(logLambdaMin), y: frame.plot.maxY), style: marker)
            if let se = logLambda1SE {
                canvas.strokeLine(from: Point(x: frame.x(se), y: frame.plot.minY), to: Point(x: frame.x(se), y: frame.plot.maxY),
                                  style: StrokeStyle(color: .ink, width: 0.75, dash: [1, 2]))
            }
            try canvas.checkStatus("LassoPathChart")
        }
        try frame.drawAxes(on: canvas)
        try canvas.drawText("λ_min", at: Point(x: frame.x(logLambdaMin) + 3, y: frame.plot.minY + 3), font: style.legendFont, vertical: .top)
        if let se = logLambda1SE {
            try canvas.drawText("λ_1SE", at: Point(x: frame.x(se) + 3, y: frame.plot.minY + 3 + (try TextShaper.lineHeight(for: style.legendFont))),
                                font: style.legendFont, vertical: .top)
        }
        if let counts = nonzeroCounts { try drawCounts(counts, frame: frame, style: style, on: canvas) }
    }

    /// Non-zero counts above the plot, thinned so neighbouring labels keep 6 pt apart.
    private func drawCounts(_ counts: [Int], frame: CartesianFrame, style: ChartStyle, on canvas: Canvas) throws {
        let order = logLambda.indices.sorted { logLambda[$0] < logLambda[$1] }
        var lastRight = -Double.infinity
        for i in order {
            let text = String(counts[i])
            let w = try TextShaper.width(of: text, font: style.legendFont)
            let px = frame.x(logLambda[i])
            guard px - w / 2 >= lastRight + 6 else { continue }
            try canvas.drawText(text, at: Point(x: px, y: frame.plot.minY - 3), font: style.legendFont, color: .gray,
                                horizontal: .center, vertical: .bottom)
            lastRight = px + w / 2
        }
    }

    private func nearestIndex(to value: Double) -> Int? {
        logLambda.indices.min { abs(logLambda[$0] - value) < abs(logLambda[$1] - value) }
    }
}
