import Foundation
import Mustache

/// Renders a `ReportDocument` to one self-contained HTML file through the Mustache
/// templates (`report.mustache` with the partials `section`, `table`, `figure`, and
/// `report.css` inlined). Mustache HTML-escapes every `{{value}}`, so text from input
/// files is escaped; only the CSS is inserted raw, and figures travel as base64 data URIs.
public struct HTMLReportWriter: Sendable {
    public let templates: TemplateFiles

    public init(templates: TemplateFiles) {
        self.templates = templates
    }

    /// Templates read from `templatesDirectory`.
    public init(templatesDirectory: URL) {
        self.init(templates: TemplateFiles(directory: templatesDirectory))
    }

    /// The HTML text of `document`.
    public func render(_ document: ReportDocument) throws -> String {
        var library = MustacheLibrary()
        for name in ["report", "section", "table", "figure"] {
            let text = try templates.text("\(name).mustache")
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportError.templateInvalid(name: name, reason: "\(error)")
            }
        }
        let css = (try? templates.text("report.css")) ?? ""
        var context = Self.context(document)
        context["css"] = css
        guard let html = library.render(context, withTemplate: "report") else {
            throw ReportError.templateInvalid(name: "report", reason: "rendering produced no output")
        }
        return html
    }

    static func context(_ d: ReportDocument) -> [String: Any] {
        [
            "title": d.title,
            "subtitle": d.subtitle,
            "notices": d.notices,
            "generator": d.generator,
            "footer": "Report date \(d.date).",
            "sections": d.sections.map(context),
        ]
    }

    static func context(_ s: ReportSection) -> [String: Any] {
        var c: [String: Any] = [
            "id": s.id,
            "title": s.title,
            "paragraphs": s.paragraphs,
            "blocks": s.blocks.map(context),
        ]
        if let p = s.parameters { c["parameters"] = p }
        if !s.keyValues.isEmpty {
            c["hasKeyValues"] = true
            c["keyValues"] = s.keyValues.map { ["key": $0.key, "value": $0.value] }
        }
        return c
    }

    static func context(_ b: ReportBlock) -> [String: Any] {
        var c: [String: Any] = ["paragraphs": b.paragraphs]
        if let h = b.heading { c["heading"] = h; c["anchor"] = b.anchor ?? "" }
        if let t = b.table { c["table"] = context(t) }
        if let f = b.figure { c["figure"] = context(f) }
        return c
    }

    static func context(_ t: ReportTable) -> [String: Any] {
        [
            "id": t.id,
            "caption": t.caption,
            "headers": t.headers.map(context),
            "rows": t.rows.map { ["cells": $0.map(context)] },
            "footnotes": t.footnotes,
        ]
    }

    /// A row header whose text starts with spaces (a Table 1 level or "mean (SD)" line) is a
    /// sub-row: drawn indented and not bold, its leading spaces dropped.
    static func context(_ cell: ReportCell) -> [String: Any] {
        let sub = cell.header && cell.text.hasPrefix(" ")
        let text = sub ? String(cell.text.drop { $0 == " " }) : cell.text
        return ["text": text, "numeric": cell.numeric, "header": cell.header, "sub": sub]
    }

    /// Figures are sized for print (points at their physical size); on screen they are shown
    /// at 125% of that size (1 pt = 5/3 CSS px), so 7 pt text reads as about 12 px and a
    /// double-column figure (510 pt) fills the text column. The stylesheet caps the width at
    /// the column's.
    static let screenPixelsPerPoint = 5.0 / 3.0

    static func context(_ f: ReportFigure) -> [String: Any] {
        [
            "id": f.id,
            "caption": f.caption,
            "alt": f.alt,
            "svgBase64": Base64Text(bytes: f.svg),
            "width": String(Int((f.width * screenPixelsPerPoint).rounded())),
            "height": String(Int((f.height * screenPixelsPerPoint).rounded())),
        ]
    }
}
