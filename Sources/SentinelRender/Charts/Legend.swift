/// How a legend entry's key is drawn.
enum LegendKey: Hashable {
    case line(Color, dash: [Double])
    case lineAndMarker(Color)
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
    static let keyWidth = 18.0
    static let chrome = keyWidth + 5 + 12

    /// Measures the legend; the font shrinks by 0.5 pt steps (down to 6 pt) until the box is
    /// at most `maxWidth` wide, and labels then wrap if it is still too wide.
    init(_ entries: [LegendEntry], style: ChartStyle, maxWidth: Double) throws {
        var font = style.legendFont
        var textWidth = 0.0
        while true {
            textWidth = 0
            for e in entries { textWidth = max(textWidth, try TextShaper.width(of: e.label, font: font)) }
            if Self.chrome + textWidth <= maxWidth || font.size <= 6 { break }
            font = font.withSize(font.size - 0.5)
        }
        var lines = entries.map { [$0.label] }
        if Self.chrome + textWidth > maxWidth {
            let width = max(20, maxWidth - Self.chrome)
            lines = try entries.map { try TextShaper.wrap($0.label, font: font, width: width) }
            textWidth = 0
            for l in lines.joined() { textWidth = max(textWidth, try TextShaper.width(of: l, font: font)) }
        }
        self.entries = entries
        self.lines = lines
        self.font = font
        lineHeight = try TextShaper.lineHeight(for: font) + 1
        size = Size(width: Self.chrome + textWidth, height: Double(lines.joined().count) * lineHeight + 8)
    }

    func draw(at origin: Point, lineWidth: Double, on canvas: Canvas) throws {
        let frame = Rect(origin: origin, size: size)
        drawFrame(frame, on: canvas)
        var row = 0
        for (entry, labelLines) in zip(entries, lines) {
            let keyX = frame.minX + 6
            let firstMid = frame.minY + 4 + (Double(row) + 0.5) * lineHeight
            Legend.drawKey(entry.key, from: keyX, to: keyX + Self.keyWidth, y: firstMid, lineWidth: lineWidth, on: canvas)
            for line in labelLines {
                let midY = frame.minY + 4 + (Double(row) + 0.5) * lineHeight
                try canvas.drawText(line, at: Point(x: keyX + Self.keyWidth + 5, y: midY), font: font, vertical: .middle)
                row += 1
            }
        }
    }
}

func drawFrame(_ frame: Rect, on canvas: Canvas) {
    canvas.fillRect(frame, color: Color.white.withAlpha(0.9))
    canvas.strokeRect(frame, style: StrokeStyle(color: Color(hex: 0xBFBFBF), width: 0.5))
}

/// Places boxes inside the plot at their corners when they fit (at most the plot width less
/// 12 pt and `maxHeightFraction` of its height, not overlapping each other); otherwise the
/// frame is laid out again with a band under the x-axis title and the boxes go there, side
/// by side when the region is wide enough, else stacked.
enum Legend {
    static let inset = 6.0

    static func arrange(_ boxes: [(make: (Double) throws -> any PanelBox, corner: Corner)], region: Rect, style: ChartStyle,
                        maxHeightFraction: Double = 0.55,
                        frame makeFrame: (Double) throws -> CartesianFrame) throws -> (CartesianFrame, [(any PanelBox, Point)]) {
        let frame = try makeFrame(0)
        var placed: [(any PanelBox, Point)] = []
        var fitsInside = true
        var used: [Rect] = []
        for (make, corner) in boxes {
            let box = try make(frame.plot.width - 12)
            let origin = cornerOrigin(corner, size: box.size, plot: frame.plot)
            let rect = Rect(origin: origin, size: box.size)
            if box.size.width > frame.plot.width - 12 || box.size.height > frame.plot.height * maxHeightFraction
                || used.contains(where: { $0.intersects(rect) }) {
                fitsInside = false
                break
            }
            used.append(rect)
            placed.append((box, origin))
        }
        if fitsInside { return (frame, placed) }
        let available = region.width - 2 * style.padding
        let outside = try boxes.map { try $0.make(available) }
        let rowWidth = outside.reduce(0) { $0 + $1.size.width } + Double(max(0, outside.count - 1)) * 8
        let sideBySide = rowWidth <= available
        let band = sideBySide ? (outside.map(\.size.height).max() ?? 0)
            : outside.reduce(0) { $0 + $1.size.height } + Double(max(0, outside.count - 1)) * 4
        let banded = try makeFrame(band)
        placed = []
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
        case let .lineAndMarker(color):
            canvas.strokeLine(from: Point(x: x0, y: y), to: Point(x: x1, y: y), style: StrokeStyle(color: color, width: lineWidth))
            canvas.drawCircle(center: Point(x: (x0 + x1) / 2, y: y), radius: 2.6, fill: color, stroke: StrokeStyle(color: .white, width: 0.6))
        case let .marker(color):
            canvas.drawCircle(center: Point(x: (x0 + x1) / 2, y: y), radius: 2.6, fill: color, stroke: StrokeStyle(color: .white, width: 0.6))
        case let .swatch(color):
            canvas.fillRect(Rect(x: x0 + 3, y: y - 4, width: x1 - x0 - 6, height: 8), color: color)
        }
    }
}
