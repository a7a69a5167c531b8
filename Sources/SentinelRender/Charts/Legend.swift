/// How a legend entry's key is drawn.
enum LegendKey: Hashable {
    case line(Color, dash: [Double])
    case lineAndMarker(Color, dash: [Double])
    case marker(Color)
    case swatch(Color)
}

struct LegendEntry: Hashable {
    var label: String
    var key: LegendKey
}

/// A framed box drawn over or under a plot (legend, statistics).
protocol PanelBox {
    var size: Size { get }
    func draw(at origin: Point, lineWidth: Double, on canvas: Canvas) throws
}

/// A boxed legend: a key (line, marker or swatch) and a label per entry.
struct LegendBox: PanelBox {
    let entries: [LegendEntry]
    /// Each entry's label broken into lines (only when even 6 pt text is too wide).
    let lines: [[String]]
    let font: Font
    let lineHeight: Double
    let size: Size
    static let keyWidth = 14.0
    static let chrome = keyWidth + 4 + 8

    /// Measures the legend; the font shrinks by 0.5 pt steps (down to 6 pt) until the box is
    /// at most `maxWidth` wide. If even 6 pt text is too wide, the style's legend font is kept
    /// and labels wrap, preferably at their ", " clauses ("Pre-fusion Clinical+Rad+DL," /
    /// "AUC 0.892 (0.816–0.968)"), else between words.
    init(_ entries: [LegendEntry], style: ChartStyle, maxWidth: Double) throws {
        var font = style.legendFont
        var textWidth = 0.0
        while true {
            textWidth = try Self.widest(entries.map(\.label), font: font)
            if Self.chrome + textWidth <= maxWidth || font.size <= 6 { break }
            font = font.withSize(font.size - 0.5)
        }
        var lines = entries.map { [$0.label] }
        if Self.chrome + textWidth > maxWidth {
            font = style.legendFont
            let width = max(20, maxWidth - Self.chrome)
            lines = try entries.map { try Self.wrap($0.label, font: font, width: width) }
            textWidth = try Self.widest(Array(lines.joined()), font: font)
        }
        self.entries = entries
        self.lines = lines
        self.font = font
        lineHeight = try TextShaper.lineHeight(for: font) + 1
        size = Size(width: Self.chrome + textWidth, height: Double(lines.joined().count) * lineHeight + 6)
    }

    private static func widest(_ labels: [String], font: Font) throws -> Double {
        var widest = 0.0
        for label in labels { widest = max(widest, try TextShaper.width(of: label, font: font)) }
        return widest
    }

    /// Lines of at most `width` points: whole ", "-separated clauses where they fit (the comma
    /// stays at the end of its line), a clause too wide on its own wrapped between words.
    static func wrap(_ label: String, font: Font, width: Double) throws -> [String] {
        // Most labels fit whole (the clause loop below would give the same single line).
        if try TextShaper.width(of: label, font: font) <= width { return [label] }
        let clauses = label.components(separatedBy: ", ")
        var lines: [String] = []
        var current = ""
        for (i, clause) in clauses.enumerated() {
            let piece = clause + (i < clauses.count - 1 ? "," : "")
            let joined = current.isEmpty ? piece : current + " " + piece
            if try TextShaper.width(of: joined, font: font) <= width {
                current = joined
                continue
            }
            if !current.isEmpty { lines.append(current) }
            if try TextShaper.width(of: piece, font: font) <= width {
                current = piece
            } else {
                var wrapped = try TextShaper.wrap(piece, font: font, width: width)
                current = wrapped.removeLast()
                lines.append(contentsOf: wrapped)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func draw(at origin: Point, lineWidth: Double, on canvas: Canvas) throws {
        let frame = Rect(origin: origin, size: size)
        drawFrame(frame, on: canvas)
        var row = 0
        for (entry, labelLines) in zip(entries, lines) {
            let keyX = frame.minX + 4
            let firstMid = frame.minY + 3 + (Double(row) + 0.5) * lineHeight
            Legend.drawKey(entry.key, from: keyX, to: keyX + Self.keyWidth, y: firstMid, lineWidth: lineWidth, on: canvas)
            for line in labelLines {
                let midY = frame.minY + 3 + (Double(row) + 0.5) * lineHeight
                try canvas.drawText(line, at: Point(x: keyX + Self.keyWidth + 4, y: midY), font: font, vertical: .middle)
                row += 1
            }
        }
    }
}

func drawFrame(_ frame: Rect, on canvas: Canvas) {
    canvas.fillRect(frame, color: Color.white.withAlpha(0.9))
    canvas.strokeRect(frame, style: StrokeStyle(color: Color(hex: 0xBFBFBF), width: 0.5))
}

/// Places boxes inside the plot at their corners when they fit: each at most the plot width
/// less 12 pt, `maxHeightFraction` of its height and 30% of its area, not overlapping each
/// other. Otherwise the frame is laid out again with the boxes either in a column right of
/// the plot or in a band under the x-axis title (side by side when wide enough, else
/// stacked), whichever leaves the larger plot.
enum Legend {
    static let inset = 6.0

    /// `makeFrame(bottomBand, rightMargin)` lays out the chart's frame with that much room kept.
    /// With `inside` false the boxes always go outside the plot.
    static func arrange(_ boxes: [(make: (Double) throws -> any PanelBox, corner: Corner)], region: Rect, style: ChartStyle,
                        maxHeightFraction: Double = 0.55, inside allowInside: Bool = true,
                        frame makeFrame: (Double, Double) throws -> CartesianFrame) throws -> (CartesianFrame, [(any PanelBox, Point)]) {
        let frame = try makeFrame(0, 0)
        if allowInside, let placed = try inside(boxes, frame: frame, maxHeightFraction: maxHeightFraction) { return (frame, placed) }
        let below = try placeBelow(boxes, region: region, style: style, makeFrame: makeFrame)
        guard let right = try placeRight(boxes, region: region, style: style, makeFrame: makeFrame) else { return below }
        let area = { (f: CartesianFrame) in f.plot.width * f.plot.height }
        return area(right.0) >= area(below.0) ? right : below
    }

    private static func inside(_ boxes: [(make: (Double) throws -> any PanelBox, corner: Corner)], frame: CartesianFrame,
                               maxHeightFraction: Double) throws -> [(any PanelBox, Point)]? {
        var placed: [(any PanelBox, Point)] = []
        var used: [Rect] = []
        let plot = frame.plot
        for (make, corner) in boxes {
            let box = try make(plot.width - 12)
            let rect = Rect(origin: cornerOrigin(corner, size: box.size, plot: plot), size: box.size)
            if box.size.width > plot.width - 12 || box.size.height > plot.height * maxHeightFraction
                || box.size.width * box.size.height > 0.3 * plot.width * plot.height
                || used.contains(where: { $0.intersects(rect) }) {
                return nil
            }
            used.append(rect)
            placed.append((box, rect.origin))
        }
        return placed
    }

    private static func placeBelow(_ boxes: [(make: (Double) throws -> any PanelBox, corner: Corner)], region: Rect, style: ChartStyle,
                                   makeFrame: (Double, Double) throws -> CartesianFrame) throws -> (CartesianFrame, [(any PanelBox, Point)]) {
        let available = region.width - 2 * style.padding
        let outside = try boxes.map { try $0.make(available) }
        let rowWidth = outside.reduce(0) { $0 + $1.size.width } + Double(max(0, outside.count - 1)) * 8
        let sideBySide = rowWidth <= available
        let band = sideBySide ? (outside.map(\.size.height).max() ?? 0)
            : outside.reduce(0) { $0 + $1.size.height } + Double(max(0, outside.count - 1)) * 4
        let banded = try makeFrame(band, 0)
        var placed: [(any PanelBox, Point)] = []
        var y = banded.belowLabels
        var x = min(max(region.minX + style.padding, banded.plot.midX - rowWidth / 2), region.maxX - style.padding - rowWidth)
        for box in outside {
            if sideBySide {
                placed.append((box, Point(x: x, y: y)))
                x += box.size.width + 8
            } else {
                let bx = min(max(region.minX + style.padding, banded.plot.midX - box.size.width / 2), region.maxX - style.padding - box.size.width)
                placed.append((box, Point(x: bx, y: y)))
                y += box.size.height + 4
            }
        }
        return (banded, placed)
    }

    /// A column right of the plot, at most 45% of the region wide; nil when it is too tall.
    private static func placeRight(_ boxes: [(make: (Double) throws -> any PanelBox, corner: Corner)], region: Rect, style: ChartStyle,
                                   makeFrame: (Double, Double) throws -> CartesianFrame) throws -> (CartesianFrame, [(any PanelBox, Point)])? {
        let outside = try boxes.map { try $0.make(region.width * 0.45) }
        let width = outside.map(\.size.width).max() ?? 0
        let height = outside.reduce(0) { $0 + $1.size.height } + Double(max(0, outside.count - 1)) * 4
        guard height <= region.height - 2 * style.padding else { return nil }
        let frame = try makeFrame(0, width + 10)
        var y = max(region.minY + style.padding, min(frame.plot.minY, region.maxY - style.padding - height))
        // Keep clear of an x-axis title wider than the plot.
        if try frame.xLabelRight() + 4 > frame.plot.maxX + 10, y + height > frame.xLabelTop - 2 {
            y = frame.xLabelTop - 2 - height
            guard y >= region.minY + style.padding else { return nil }
        }
        var placed: [(any PanelBox, Point)] = []
        for box in outside {
            placed.append((box, Point(x: frame.plot.maxX + 10, y: y)))
            y += box.size.height + 4
        }
        return (frame, placed)
    }

    static func cornerOrigin(_ corner: Corner, size: Size, plot: Rect) -> Point {
        let left = corner == .topLeft || corner == .bottomLeft
        let top = corner == .topLeft || corner == .topRight
        return Point(x: left ? plot.minX + inset : plot.maxX - inset - size.width,
                     y: top ? plot.minY + inset : plot.maxY - inset - size.height)
    }

    static func drawKey(_ key: LegendKey, from x0: Double, to x1: Double, y: Double, lineWidth: Double, on canvas: Canvas) {
        switch key {
        case let .line(color, dash):
            canvas.strokeLine(from: Point(x: x0, y: y), to: Point(x: x1, y: y), style: StrokeStyle(color: color, width: lineWidth, dash: dash))
        case let .lineAndMarker(color, dash):
            canvas.strokeLine(from: Point(x: x0, y: y), to: Point(x: x1, y: y), style: StrokeStyle(color: color, width: lineWidth, dash: dash))
            canvas.drawCircle(center: Point(x: (x0 + x1) / 2, y: y), radius: 1.9, fill: color, stroke: StrokeStyle(color: .white, width: 0.4))
        case let .marker(color):
            canvas.drawCircle(center: Point(x: (x0 + x1) / 2, y: y), radius: 1.9, fill: color, stroke: StrokeStyle(color: .white, width: 0.4))
        case let .swatch(color):
            canvas.fillRect(Rect(x: x0 + 3, y: y - 3, width: x1 - x0 - 6, height: 6), color: color)
        }
    }
}
