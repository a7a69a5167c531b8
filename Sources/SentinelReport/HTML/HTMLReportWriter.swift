import Foundation
import SentinelNumerics
import Mustache
import SentinelStudy

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

    /// The HTML text of `document` (the same bytes `write(_:to:)` writes).
    public func render(_ document: ReportDocument) throws -> String {
        var html = ""
        try render(document) { html += String(decoding: $0, as: UTF8.self) }
        return html
    }

    /// Writes the HTML of `document` to `url`, streaming each figure's base64 SVG into the
    /// file: the page is never held whole, which for a report of many figures saves several
    /// megabytes and the copying of them through the template's sections. `svg` gives a
    /// figure's SVG bytes (by default its `svg`; the report writer reads the figure's file,
    /// so the SVGs are not held in memory until the page is written).
    public func write(_ document: ReportDocument, to url: URL,
                      svg: (ReportFigure) throws -> [UInt8] = { $0.svg }) throws {
        let handle: FileHandle
        do { handle = try FileOutput.create(url) } catch {
            throw OutputError.cannotCreate(path: url.path, reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        do {
            try render(document, svg: svg) { try handle.write(contentsOf: $0) }
        } catch let error as ReportError {
            throw error
        } catch {
            throw OutputError.cannotCreate(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Renders the page with a marker in place of each figure's base64 SVG, then hands
    /// `emit` the page's bytes with each marker replaced by the figure's base64 text, in
    /// order. A marker starts with "<" (which the templates escape in every text value) and
    /// holds a fresh UUID (which no template or stylesheet contains), so it cannot be forged.
    func render(_ document: ReportDocument, svg svgBytes: (ReportFigure) throws -> [UInt8] = { $0.svg },
                emit: (UnsafeRawBufferPointer) throws -> Void) throws {
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
        let marker = "<\(UUID().uuidString):"
        var figures: [ReportFigure] = []
        var context = Self.context(document) { figure in
            figures.append(figure)
            return "\(marker)\(figures.count - 1)>"
        }
        context["css"] = css
        guard let page = library.render(TemplateObject(context), withTemplate: "report") else {
            throw ReportError.templateInvalid(name: "report", reason: "rendering produced no output")
        }
        let bytes = Array(page.utf8)
        let markerBytes = Array(marker.utf8)
        var copied = 0
        var i = 0
        while i + markerBytes.count <= bytes.count {
            guard bytes[i] == markerBytes[0], bytes[i..<(i + markerBytes.count)].elementsEqual(markerBytes),
                  let close = bytes[(i + markerBytes.count)...].firstIndex(of: UInt8(ascii: ">")),
                  let index = Int(String(decoding: bytes[(i + markerBytes.count)..<close], as: UTF8.self)),
                  figures.indices.contains(index) else {
                i += 1
                continue
            }
            try bytes[copied..<i].withUnsafeBytes(emit)
            try Data(try svgBytes(figures[index])).base64EncodedData().withUnsafeBytes(emit)
            i = close + 1
            copied = i
        }
        try bytes[copied...].withUnsafeBytes(emit)
    }

    /// The template context of `d`; `svg` gives the text standing for a figure's base64 SVG.
    static func context(_ d: ReportDocument, svg: (ReportFigure) -> String) -> [String: Any] {
        [
            "title": d.title,
            "subtitle": d.subtitle,
            "notices": d.notices,
            "generator": d.generator,
            "footer": "Report date \(d.date).",
            "sections": d.sections.map { TemplateObject(context($0, svg: svg)) },
        ]
    }

    static func context(_ s: ReportSection, svg: (ReportFigure) -> String) -> [String: Any] {
        var c: [String: Any] = [
            "id": s.id,
            "title": s.title,
            "paragraphs": s.paragraphs,
            "blocks": s.blocks.map { TemplateObject(context($0, svg: svg)) },
        ]
        if let p = s.parameters { c["parameters"] = p }
        if !s.keyValues.isEmpty {
            c["hasKeyValues"] = true
            c["keyValues"] = s.keyValues.map { TemplateObject(["key": $0.key, "value": $0.value]) }
        }
        return c
    }

    static func context(_ b: ReportBlock, svg: (ReportFigure) -> String) -> [String: Any] {
        var c: [String: Any] = ["paragraphs": b.paragraphs]
        if let h = b.heading { c["heading"] = h; c["anchor"] = b.anchor ?? "" }
        if let t = b.table { c["table"] = TemplateObject(context(t)) }
        if let f = b.figure { c["figure"] = TemplateObject(context(f, svg: svg)) }
        return c
    }

    static func context(_ t: ReportTable) -> [String: Any] {
        [
            "id": t.id,
            "caption": t.caption,
            "headers": t.headers.map(TemplateCell.init),
            "rows": t.rows.map { TemplateRow(cells: $0.map(TemplateCell.init)) },
            "footnotes": t.footnotes,
        ]
    }

    /// Figures are sized for print (points at their physical size); on screen they are shown
    /// at 125% of that size (1 pt = 5/3 CSS px), so 7 pt text reads as about 12 px and a
    /// double-column figure (510 pt) fills the text column. The stylesheet caps the width at
    /// the column's.
    static let screenPixelsPerPoint = 5.0 / 3.0

    static func context(_ f: ReportFigure, svg: (ReportFigure) -> String) -> [String: Any] {
        [
            "id": f.id,
            "caption": f.caption,
            "alt": f.alt,
            "svgBase64": svg(f),
            "width": String(Int((f.width * screenPixelsPerPoint).rounded())),
            "height": String(Int((f.height * screenPixelsPerPoint).rounded())),
        ]
    }
}

/// A template context object: Mustache looks its values up through `MustacheParent` directly,
/// a cheaper check than `Dictionary`'s conditional conformance (the report has thousands of
/// table cells). Renders exactly as the dictionary would.
final class TemplateObject: MustacheParent {
    let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        values[name]
    }
}

/// A table row's template context (`cells`): the report's tables have thousands of cells, so
/// rows and cells are small objects whose values are found by name without hashing; they
/// render exactly as dictionaries of the same values would.
final class TemplateRow: MustacheParent {
    let cells: [TemplateCell]

    init(cells: [TemplateCell]) {
        self.cells = cells
    }

    func child(named name: String) -> Any? {
        name == "cells" ? cells : nil
    }
}

/// A table cell's template context: `text`, `numeric`, `header` and `sub`. A row header whose
/// text starts with spaces (a Table 1 level or "mean (SD)" line) is a sub-row: drawn indented
/// and not bold, its leading spaces dropped.
final class TemplateCell: MustacheParent {
    let text: TemplateText
    let numeric: Bool
    let header: Bool
    let sub: Bool

    init(_ cell: ReportCell) {
        sub = cell.header && cell.text.hasPrefix(" ")
        text = TemplateText(sub ? String(cell.text.drop { $0 == " " }) : cell.text)
        numeric = cell.numeric
        header = cell.header
    }

    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "numeric": numeric
        case "header": header
        case "sub": sub
        default: nil
        }
    }
}

/// Text for a `{{name}}` tag: Mustache renders it as it renders the `String` (HTML-escaped),
/// taking it from `renderText` instead of converting an `Any` with `String(describing:)`.
struct TemplateText: MustacheCustomRenderable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var renderText: String { text }
    var isNull: Bool { false }
}
