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

/// Where an in-panel box is anchored.
public enum Corner: String, Sendable, Codable {
    case topLeft, topRight, bottomLeft, bottomRight
}

/// A boxed legend drawn inside the plot area in one corner; the font shrinks (down to 6 pt)
/// until the box fits inside the plot width.
enum Legend {
    static func draw(_ entries: [LegendEntry], in plot: Rect, corner: Corner, style: ChartStyle,
                     lineWidth: Double, on canvas: Canvas) throws {
        guard !entries.isEmpty else { return }
        var font = style.legendFont
        let keyWidth = 18.0
        var textWidth = 0.0
        while true {
            textWidth = 0
            for e in entries { textWidth = max(textWidth, try TextShaper.width(of: e.label, font: font)) }
            if keyWidth + 5 + textWidth + 12 <= plot.width - 8 || font.size <= 6 { break }
            font = font.withSize(font.size - 0.5)
        }
        let lineHeight = try TextShaper.lineHeight(for: font) + 1
        let box = Size(width: keyWidth + 5 + textWidth + 12, height: Double(entries.count) * lineHeight + 8)
        let inset = 6.0
        let originX = (corner == .topLeft || corner == .bottomLeft) ? plot.minX + inset : plot.maxX - inset - box.width
        let originY = (corner == .topLeft || corner == .topRight) ? plot.minY + inset : plot.maxY - inset - box.height
        let frame = Rect(x: originX, y: originY, width: box.width, height: box.height)
        canvas.fillRect(frame, color: Color.white.withAlpha(0.9))
        canvas.strokeRect(frame, style: StrokeStyle(color: Color(hex: 0xBFBFBF), width: 0.5))
        for (i, entry) in entries.enumerated() {
            let midY = frame.minY + 4 + (Double(i) + 0.5) * lineHeight
            let keyX = frame.minX + 6
            drawKey(entry.key, from: keyX, to: keyX + keyWidth, y: midY, lineWidth: lineWidth, on: canvas)
            try canvas.drawText(entry.label, at: Point(x: keyX + keyWidth + 5, y: midY), font: font, vertical: .middle)
        }
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
