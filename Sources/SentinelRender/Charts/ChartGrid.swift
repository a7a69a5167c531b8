/// Several charts side by side (row-major, `columns` per row) in one figure with an optional
/// overall title, e.g. the ROC curves of one cohort with one panel each for single-modal,
/// pre-fusion and post-fusion models. Panels keep their own titles, legends and colours.
public struct ChartGrid: Chart {
    public var title: String
    public var panels: [any Chart]
    public var columns: Int
    /// Size of each panel in points.
    public var panelSize: Size

    public init(title: String, panels: [any Chart], columns: Int? = nil, panelSize: Size = Size(width: 330, height: 300)) {
        self.title = title
        self.panels = panels
        self.columns = max(1, columns ?? panels.count)
        self.panelSize = panelSize
    }

    private var rows: Int { max(1, (panels.count + columns - 1) / columns) }
    private var titleHeight: Double { title.isEmpty ? 0 : 16 }

    /// `columns × panelSize.width` wide, `rows × panelSize.height` (plus the title) high.
    public var preferredSize: Size {
        Size(width: Double(min(columns, max(1, panels.count))) * panelSize.width,
             height: Double(rows) * panelSize.height + titleHeight)
    }

    public var altText: String {
        (title.isEmpty ? "" : title + ". ") + "\(panels.count) panel\(panels.count == 1 ? "" : "s"). "
            + panels.enumerated().map { "Panel \($0.offset + 1): \($0.element.altText)" }.joined(separator: " ")
    }

    public func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
        try ChartData.requireNonEmpty(panels.count, "ChartGrid", "panels")
        if !title.isEmpty {
            try canvas.drawText(title, at: Point(x: region.midX, y: region.minY + style.padding), font: style.titleFont.withSize(style.titleFont.size + 0.5),
                                horizontal: .center, vertical: .top)
        }
        let usedColumns = min(columns, panels.count)
        let cellWidth = region.width / Double(usedColumns)
        let cellHeight = (region.height - titleHeight) / Double(rows)
        for (i, panel) in panels.enumerated() {
            let cell = Rect(x: region.minX + Double(i % columns) * cellWidth,
                            y: region.minY + titleHeight + Double(i / columns) * cellHeight,
                            width: cellWidth, height: cellHeight)
            try canvas.withState {
                canvas.clip(to: cell)
                try panel.draw(in: canvas, region: cell, style: style)
            }
        }
    }
}
