/// The laid-out plot area of an x–y chart: where the data rectangle sits inside a region once
/// the title, axis titles and tick labels have been measured, which ticks fit without their
/// labels colliding, and how to draw all of that.
struct CartesianFrame {
    let region: Rect
    let plot: Rect
    let x: LinearScale
    let y: LinearScale
    let xTicks: [Double]
    let yTicks: [Double]
    let xDecimals: Int
    let yDecimals: Int
    let titleLines: [String]
    let xLabel: String
    let yLabel: String
    let style: ChartStyle
    /// Extra space below the plot (e.g. a histogram strip) before the x tick labels.
    let bottomStrip: Double
    /// Top of the x-axis title (it follows the plot, not the region's bottom).
    let xLabelTop: Double
    /// First free y below the x-axis title (where boxes that do not fit inside the plot go).
    let belowLabels: Double

    /// The right end of the x-axis title (it may be wider than the plot).
    func xLabelRight() throws -> Double {
        xLabel.isEmpty ? plot.maxX : max(plot.maxX, plot.midX + (try TextShaper.width(of: xLabel, font: style.labelFont)) / 2)
    }

    /// Lays out a frame. `square` makes the data rectangle square (ROC, calibration), centred
    /// horizontally and at the top of the room left for it.
    /// `xTicks`/`yTicks` force tick values; otherwise nice ticks are chosen so that the
    /// labels keep at least one label height (y) or 8 pt (x) of free space between them.
    static func make(region: Rect, style: ChartStyle, title: String, xLabel: String, yLabel: String,
                     xDomain: (Double, Double), yDomain: (Double, Double), square: Bool = false,
                     xTicks fixedX: [Double]? = nil, yTicks fixedY: [Double]? = nil,
                     bottomStrip: Double = 0, rightMargin: Double = 0, topBand: Double = 0,
                     bottomBand: Double = 0) throws -> CartesianFrame {
        let pad = style.padding
        let tickLH = try TextShaper.lineHeight(for: style.tickFont)
        let labelLH = try TextShaper.lineHeight(for: style.labelFont)
        let titleLH = try TextShaper.lineHeight(for: style.titleFont)
        let titleLines = title.isEmpty ? [] : try TextShaper.wrap(title, font: style.titleFont, width: region.width - 2 * pad)
        let top = region.minY + pad + Double(titleLines.count) * titleLH + (titleLines.isEmpty ? 0 : 4) + topBand
        let bottom = region.maxY - pad - (xLabel.isEmpty ? 0 : labelLH + 2) - tickLH - style.tickLength - 2 - bottomStrip
            - (bottomBand > 0 ? bottomBand + 4 : 0)
        let plotHeight = max(10, bottom - top)

        func chooseYTicks(length: Double) throws -> [Double] {
            try fixedY.map { try thin($0, lo: yDomain.0, hi: yDomain.1, length: length) { _ in tickLH + 2 } }
                ?? fitTicks(lo: yDomain.0, hi: yDomain.1, length: length) { _ in tickLH + 2 }
        }
        var yTicks = try chooseYTicks(length: plotHeight)
        var yDecimals = decimals(of: yTicks)
        var yLabelWidth = 0.0
        for t in yTicks {
            yLabelWidth = max(yLabelWidth, try TextShaper.width(of: NumberFormat.fixed(t, decimals: yDecimals), font: style.tickFont))
        }
        let left = region.minX + pad + (yLabel.isEmpty ? 0 : labelLH + 3) + yLabelWidth + 3 + style.tickLength
        let right = region.maxX - pad - max(rightMargin, 10)
        var plotWidth = max(10, right - left)
        if square && plotWidth < plotHeight {
            // The square is narrower than the height the y ticks were fitted to: refit (fewer
            // ticks only make the labels narrower, so `left` stays valid).
            yTicks = try chooseYTicks(length: plotWidth)
            yDecimals = decimals(of: yTicks)
        }
        var plotX = left
        let plotTop = top
        var height = plotHeight
        if square {
            let side = min(plotWidth, plotHeight)
            // Centred across, at the top: panels of a grid line up whatever is under them.
            plotX = left + (plotWidth - side) / 2
            plotWidth = side
            height = side
        }
        let plot = Rect(x: plotX, y: plotTop, width: plotWidth, height: height)
        let xLabelTop = plot.maxY + bottomStrip + style.tickLength + 1.5 + tickLH + 1
        let belowLabels = xLabelTop + (xLabel.isEmpty ? 0 : labelLH) + 4
        let xExtent: (String) throws -> Double = { text in try TextShaper.width(of: text, font: style.tickFont) + 8 }
        let xTicks = try fixedX.map { try thin($0, lo: xDomain.0, hi: xDomain.1, length: plotWidth, extent: xExtent) }
            ?? fitTicks(lo: xDomain.0, hi: xDomain.1, length: plotWidth, extent: xExtent)
        return CartesianFrame(
            region: region, plot: plot,
            x: LinearScale(domain: xDomain, range: (plot.minX, plot.maxX)),
            y: LinearScale(domain: yDomain, range: (plot.maxY, plot.minY)),
            xTicks: xTicks, yTicks: yTicks, xDecimals: decimals(of: xTicks), yDecimals: yDecimals,
            titleLines: titleLines, xLabel: xLabel, yLabel: yLabel, style: style, bottomStrip: bottomStrip,
            xLabelTop: xLabelTop, belowLabels: belowLabels)
    }

    /// The most ticks (up to 11) whose labels, each needing `extent(label)` points along the
    /// axis, fit in `length` points without overlapping; never fewer than two.
    static func fitTicks(lo: Double, hi: Double, length: Double, extent: (String) throws -> Double) throws -> [Double] {
        var maxCount = 11
        while maxCount > 2 {
            let ticks = NiceTicks.ticks(lo: lo, hi: hi, maxCount: maxCount)
            if ticks.count >= 2 {
                let step = ticks[1] - ticks[0]
                let spacing = length * step / (hi - lo)
                let digits = decimals(of: ticks)
                var needed = 0.0
                for t in ticks { needed = max(needed, try extent(NumberFormat.fixed(t, decimals: digits))) }
                if spacing >= needed { return ticks }
            }
            maxCount -= 1
        }
        return NiceTicks.ticks(lo: lo, hi: hi, maxCount: 2)
    }

    /// Evenly spaced fixed ticks thinned (every 2nd, 3rd, … kept, the first always) until
    /// their labels fit in `length` points without overlapping.
    static func thin(_ ticks: [Double], lo: Double, hi: Double, length: Double, extent: (String) throws -> Double) throws -> [Double] {
        guard ticks.count > 2, hi > lo else { return ticks }
        let digits = decimals(of: ticks)
        var needed = 0.0
        for t in ticks { needed = max(needed, try extent(NumberFormat.fixed(t, decimals: digits))) }
        let spacing = length * abs(ticks[1] - ticks[0]) / (hi - lo)
        guard spacing > 0 else { return ticks }
        let every = max(1, Int((needed / spacing).rounded(.up)))
        return stride(from: 0, to: ticks.count, by: every).map { ticks[$0] }
    }

    static func decimals(of ticks: [Double]) -> Int {
        guard ticks.count >= 2 else { return ticks.first.map { $0 == $0.rounded() ? 0 : 2 } ?? 0 }
        return NiceTicks.decimals(forStep: ticks[1] - ticks[0])
    }

    func point(_ px: Double, _ py: Double) -> Point { Point(x: x(px), y: y(py)) }

    /// Grid (behind the data): call before drawing series.
    func drawGrid(on canvas: Canvas) {
        guard style.showsGrid else { return }
        let grid = StrokeStyle(color: Color(hex: 0xEBEBEB), width: 0.5)
        for t in xTicks { canvas.strokeLine(from: Point(x: x(t), y: plot.minY), to: Point(x: x(t), y: plot.maxY), style: grid) }
        for t in yTicks { canvas.strokeLine(from: Point(x: plot.minX, y: y(t)), to: Point(x: plot.maxX, y: y(t)), style: grid) }
    }

    /// Axis lines, ticks, tick labels, axis titles and the panel title: call after the series.
    func drawAxes(on canvas: Canvas) throws {
        let axis = StrokeStyle(color: .ink, width: style.axisWidth, cap: .square)
        let bottomY = plot.maxY + bottomStrip
        canvas.strokeLine(from: Point(x: plot.minX, y: plot.minY), to: Point(x: plot.minX, y: bottomY), style: axis)
        canvas.strokeLine(from: Point(x: plot.minX, y: bottomY), to: Point(x: plot.maxX, y: bottomY), style: axis)
        let tick = StrokeStyle(color: .ink, width: style.axisWidth)
        for t in xTicks {
            let px = x(t)
            canvas.strokeLine(from: Point(x: px, y: bottomY), to: Point(x: px, y: bottomY + style.tickLength), style: tick)
            try canvas.drawText(NumberFormat.fixed(t, decimals: xDecimals), at: Point(x: px, y: bottomY + style.tickLength + 1.5),
                                font: style.tickFont, horizontal: .center, vertical: .top)
        }
        var widest = 0.0
        for t in yTicks {
            let py = y(t)
            canvas.strokeLine(from: Point(x: plot.minX - style.tickLength, y: py), to: Point(x: plot.minX, y: py), style: tick)
            let box = try canvas.drawText(NumberFormat.fixed(t, decimals: yDecimals), at: Point(x: plot.minX - style.tickLength - 2.5, y: py),
                                          font: style.tickFont, horizontal: .right, vertical: .middle)
            widest = max(widest, box.width)
        }
        if !xLabel.isEmpty {
            try canvas.drawText(xLabel, at: Point(x: plot.midX, y: xLabelTop), font: style.labelFont,
                                horizontal: .center, vertical: .top)
        }
        if !yLabel.isEmpty {
            let (ascent, _) = try TextShaper.verticalMetrics(for: style.labelFont)
            let labelX = plot.minX - style.tickLength - 2.5 - widest - 4 - (try TextShaper.lineHeight(for: style.labelFont)) + ascent
            try canvas.drawText(yLabel, at: Point(x: labelX, y: (plot.minY + bottomY) / 2), font: style.labelFont,
                                horizontal: .center, vertical: .baseline, rotation: -Double.pi / 2)
        }
        if !titleLines.isEmpty {
            try canvas.drawLines(titleLines, at: Point(x: region.midX, y: region.minY + style.padding),
                                 font: style.titleFont, horizontal: .center)
        }
    }
}
