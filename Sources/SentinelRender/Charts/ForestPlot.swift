/// One row of a forest plot: a label, a point estimate and its interval. Rows with the same
/// `group` sit under one bold group heading (a new heading whenever `group` changes).
public struct ForestRow: Hashable, Sendable, Codable {
    public var label: String
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// Palette index of the marker; nil draws it in ink.
    public var colorIndex: Int?
    public var group: String?

    public init(label: String, estimate: Double, lower: Double, upper: Double, colorIndex: Int? = nil, group: String? = nil) {
        self.label = label
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.colorIndex = colorIndex
        self.group = group
    }
}

/// A forest plot: labels on the left, estimate squares with interval lines in the middle on a
/// shared axis, a dashed vertical reference line (e.g. AUC 0.5), and the estimates printed
/// as "0.845 (0.769–0.921)" in a right-hand column. With a fixed `xDomain`, intervals are
/// cut at the axis ends and estimates beyond them are shown as triangles at the edge.
public struct ForestPlot: Chart, Hashable, Codable {
    public var title: String
    public var rows: [ForestRow]
    public var xLabel: String
    public var valueHeader: String
    public var reference: Double?
    /// Decimals of the printed estimates.
    public var decimals: Int
    /// Fixed axis interval; nil fits the intervals and the reference.
    public var xDomain: ClosedRange<Double>?

    public init(title: String, rows: [ForestRow], xLabel: String = "AUC", valueHeader: String = "AUC (95% CI)",
                reference: Double? = 0.5, decimals: Int = 3, xDomain: ClosedRange<Double>? = nil) {
        self.title = title
        self.rows = rows
        self.xLabel = xLabel
        self.valueHeader = valueHeader
        self.reference = reference
        self.decimals = decimals
        self.xDomain = xDomain
    }

    /// Double-column width (`Size.doubleColumnWidth`, 180 mm); tall enough for the header and
    /// every row at about 11.8 pt each.
    public var preferredSize: Size {
        let lines = Double(layoutRows.count + 1)
        let titleHeight = title.isEmpty ? 0.0 : 14.0
        return Size(width: Size.doubleColumnWidth, height: max(120, 10 + titleHeight + lines * 11.8 + 24))
    }

    public var altText: String {
        let described = rows.map { r in
            (r.group.map { "\($0), " } ?? "") + "\(r.label) " + NumberFormat.fixed(r.estimate, decimals: decimals)
                + " (" + NumberFormat.fixed(r.lower, decimals: decimals) + " to " + NumberFormat.fixed(r.upper, decimals: decimals) + ")"
        }
        var text = (title.isEmpty ? "" : title + ". ") + "Forest plot of \(xLabel) with 95% confidence intervals for \(rows.count) row\(rows.count == 1 ? "" : "s"): "
            + described.joined(separator: "; ") + "."
        if let reference { text += " A dashed vertical line marks \(NumberFormat.fixed(reference, decimals: 2))." }
        return text
    }

    /// Rows interleaved with group headings.
    var layoutRows: [(heading: String?, row: ForestRow?)] {
        var out: [(String?, ForestRow?)] = []
        var currentGroup: String?? = .none
        for r in rows {
            if let g = r.group, currentGroup != .some(r.group) { out.append((g, nil)) }
            currentGroup = .some(r.group)
            out.append((nil, r))
        }
        return out
    }

    public func validate() throws {
        try ChartData.requireNonEmpty(rows.count, "ForestPlot", "rows")
        try ChartData.requireFinite(rows.flatMap { [$0.estimate, $0.lower, $0.upper] }, "ForestPlot", "estimates and bounds")
        if let bad = rows.first(where: { $0.lower > $0.upper }) {
            throw RenderError.invalidData(chart: "ForestPlot", detail: "row \(bad.label) has lower \(bad.lower) above upper \(bad.upper)")
        }
    }

    public func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
        try validate()
        let pad = style.padding
        let font = style.tickFont
        let lineHeight = try TextShaper.lineHeight(for: font)
        let titleLH = try TextShaper.lineHeight(for: style.titleFont)
        let layout = layoutRows
        var labelWidth = 0.0
        var valueWidth = try TextShaper.width(of: valueHeader, font: font.bold)
        for item in layout {
            if let h = item.heading { labelWidth = max(labelWidth, try TextShaper.width(of: h, font: font.bold)) }
            if let r = item.row {
                labelWidth = max(labelWidth, try TextShaper.width(of: r.label, font: font) + 8)
                valueWidth = max(valueWidth, try TextShaper.width(of: valueText(r), font: font))
            }
        }
        let top = region.minY + pad + (title.isEmpty ? 0 : titleLH + 4)
        let axisHeight = style.tickLength + 2 + lineHeight + 2 + (try TextShaper.lineHeight(for: style.labelFont))
        let available = region.maxY - pad - axisHeight - top
        let rowHeight = min(lineHeight * 1.45, available / Double(layout.count + 1))
        let plotLeft = region.minX + pad + labelWidth + 10
        let plotRight = region.maxX - pad - valueWidth - 12
        guard plotRight - plotLeft > 20 else {
            throw RenderError.invalidData(chart: "ForestPlot", detail: "labels leave no room for the plot in a \(region.width) pt wide region; use a wider figure or shorter labels")
        }
        let rowsTop = top + rowHeight
        let plot = Rect(x: plotLeft, y: rowsTop, width: plotRight - plotLeft, height: rowHeight * Double(layout.count))
        let domain = self.domain()
        let ticks = try CartesianFrame.fitTicks(lo: domain.lo, hi: domain.hi, length: plot.width) {
            try TextShaper.width(of: $0, font: style.tickFont) + 8
        }
        let x = LinearScale(domain: domain, range: (plot.minX, plot.maxX))

        // Header row and zebra shading.
        try canvas.drawText(valueHeader, at: Point(x: region.maxX - pad, y: top + rowHeight / 2), font: font.bold,
                            horizontal: .right, vertical: .middle)
        for (i, _) in layout.enumerated() where i % 2 == 1 {
            canvas.fillRect(Rect(x: region.minX + pad, y: rowsTop + Double(i) * rowHeight, width: region.width - 2 * pad, height: rowHeight),
                            color: Color(hex: 0xF4F4F4))
        }
        if let reference, reference >= domain.lo, reference <= domain.hi {
            canvas.strokeLine(from: Point(x: x(reference), y: plot.minY), to: Point(x: x(reference), y: plot.maxY),
                              style: StrokeStyle(color: .gray, width: 0.75, dash: [3, 2]))
        }
        for (i, item) in layout.enumerated() {
            let midY = rowsTop + (Double(i) + 0.5) * rowHeight
            if let heading = item.heading {
                try canvas.drawText(heading, at: Point(x: region.minX + pad, y: midY), font: font.bold, vertical: .middle)
            }
            guard let r = item.row else { continue }
            let indent = layout.contains { $0.heading != nil } ? 8.0 : 0
            try canvas.drawText(r.label, at: Point(x: region.minX + pad + indent, y: midY), font: font, vertical: .middle)
            try canvas.drawText(valueText(r), at: Point(x: region.maxX - pad, y: midY), font: font, horizontal: .right, vertical: .middle)
            let color = r.colorIndex.map(Palette.color(forSeries:)) ?? .ink
            let lo = min(max(r.lower, domain.lo), domain.hi)
            let hi = min(max(r.upper, domain.lo), domain.hi)
            // The interval takes the series' dash too, so a ninth model (colour of the first,
            // dashed) stays distinct from the first here as in the curve figures.
            let dash = r.colorIndex.map(Palette.dash(forSeries:)) ?? []
            canvas.strokeLine(from: Point(x: x(lo), y: midY), to: Point(x: x(hi), y: midY),
                              style: StrokeStyle(color: color, width: style.lineWidth, dash: dash))
            let side = min(5, rowHeight * 0.55)
            if r.estimate >= domain.lo && r.estimate <= domain.hi {
                canvas.fillRect(Rect(x: x(r.estimate) - side / 2, y: midY - side / 2, width: side, height: side), color: color)
            } else {
                // Off-axis estimate: a triangle at the axis end pointing towards it.
                let edge = r.estimate < domain.lo ? plot.minX : plot.maxX
                let dir = r.estimate < domain.lo ? -1.0 : 1.0
                canvas.fillPolygon([Point(x: edge + dir * side, y: midY), Point(x: edge, y: midY - side / 2),
                                    Point(x: edge, y: midY + side / 2)], color: color)
            }
        }
        // Axis.
        let axisY = plot.maxY + 2
        let axis = StrokeStyle(color: .ink, width: style.axisWidth)
        canvas.strokeLine(from: Point(x: plot.minX, y: axisY), to: Point(x: plot.maxX, y: axisY), style: axis)
        let digits = CartesianFrame.decimals(of: ticks)
        for t in ticks {
            canvas.strokeLine(from: Point(x: x(t), y: axisY), to: Point(x: x(t), y: axisY + style.tickLength), style: axis)
            try canvas.drawText(NumberFormat.fixed(t, decimals: digits), at: Point(x: x(t), y: axisY + style.tickLength + 1.5),
                                font: style.tickFont, horizontal: .center, vertical: .top)
        }
        try canvas.drawText(xLabel, at: Point(x: plot.midX, y: axisY + style.tickLength + 3 + lineHeight), font: style.labelFont,
                            horizontal: .center, vertical: .top)
        if !title.isEmpty {
            try canvas.drawText(title, at: Point(x: region.midX, y: region.minY + pad), font: style.titleFont, horizontal: .center, vertical: .top)
        }
        try canvas.checkStatus("ForestPlot")
    }

    private func valueText(_ r: ForestRow) -> String {
        NumberFormat.estimate(r.estimate, lower: r.lower, upper: r.upper, decimals: decimals)
    }

    /// The axis interval: `xDomain`, or the nice interval around all bounds and the reference.
    func domain() -> (lo: Double, hi: Double) {
        if let xDomain, xDomain.upperBound > xDomain.lowerBound { return (xDomain.lowerBound, xDomain.upperBound) }
        var lo = rows.map(\.lower).min() ?? 0
        var hi = rows.map(\.upper).max() ?? 1
        if let reference { lo = min(lo, reference); hi = max(hi, reference) }
        if hi <= lo { lo -= 0.5; hi += 0.5 }
        return NiceTicks.niceDomain(lo: lo, hi: hi, maxCount: 6)
    }
}
