import SentinelRender

/// Several charts side by side in one figure (e.g. single-modal, pre-fusion and
/// post-fusion ROC panels of one cohort), each drawn into an equal-width column.
public struct PanelFigure: Chart {
    public var title: String
    public var panels: [any Chart]
    public var panelSize: Size

    public init(title: String, panels: [any Chart], panelSize: Size) {
        self.title = title
        self.panels = panels
        self.panelSize = panelSize
    }

    public var altText: String {
        (title.isEmpty ? "" : title + ". ") + "\(panels.count) panel\(panels.count == 1 ? "" : "s"): "
            + panels.enumerated().map { "panel \($0.offset + 1): \($0.element.altText)" }.joined(separator: " ")
    }

    public var preferredSize: Size {
        Size(width: panelSize.width * Double(panels.count), height: panelSize.height)
    }

    public func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
        guard !panels.isEmpty else { return }
        let width = region.width / Double(panels.count)
        for (i, panel) in panels.enumerated() {
            let cell = Rect(x: region.x + Double(i) * width, y: region.y, width: width, height: region.height)
            try canvas.withState {
                canvas.clip(to: cell)
                try panel.draw(in: canvas, region: cell, style: style)
            }
        }
    }
}
