import CCairo
import Foundation

/// A multi-page PDF laid out natively: a title page, headings that become PDF bookmarks and
/// named destinations, wrapped paragraphs, tables that break across pages with repeated
/// header rows (rows never split), vector figures drawn straight onto the page, page numbers
/// in the footer, and document metadata. The pages are written by `PDFWriter` (`.native`, the
/// default) or on Cairo's PDF surface (`.cairo`). Text is shaped by HarfBuzz and written with
/// its text (ToUnicode maps, or `cairo_show_text_glyphs`), so it is selectable and
/// extractable (e.g. by `pdftotext`).
///
/// Content flows top-down; call `finish()` once to get the bytes. The output depends only on
/// the content and `metadata` (dates are never read from the clock), so it is byte-identical
/// across runs. Not thread-safe.
public final class PDFDocument {
    public let layout: PageLayout
    public let metadata: DocumentMetadata
    /// Text at the left of every footer (after the title page), cut with "…" when wider than
    /// three quarters of the text width; the page number is on the right.
    public let footerText: String

    private let sink = ByteSink()
    private let surface: OpaquePointer
    /// The writer of a `.native` document.
    private let writer: PDFWriter?
    private let canvas: Canvas
    private var cursorY: Double
    private var pageOpen = false
    private var isTitlePage = false
    private var finished = false
    private var outlineParents: [Int32] = []
    /// Headings and short paragraphs waiting to be placed together with the start of the
    /// next block (see `reserve`), in document order.
    private var pending: [PendingBlock] = []
    /// Every heading placed so far with its level and 1-based page, in document order; pass
    /// these to `addTableOfContents` in a second, otherwise identical build.
    public private(set) var headings: [TableOfContentsEntry] = []
    /// Pages emitted so far (including the one being drawn).
    public private(set) var pageCount = 0

    /// True for a layout pass: pages, positions and `headings` are exactly those of a real
    /// build, but nothing is encoded (text is measured, not drawn; other drawing goes to a
    /// 1×1 pixel surface, so Cairo culls it)
    /// and `finish()` returns no bytes.
    public let layoutOnly: Bool

    /// What writes the PDF.
    public enum Engine: Sendable {
        /// Sentinel's `PDFWriter`: TrueType font subsets (glyph outlines), fast.
        case native
        /// Cairo's PDF surface: any font Cairo embeds (also CFF outlines and bitmap glyphs).
        case cairo
    }

    /// True when a `.native` document has drawn text in a face `PDFWriter` cannot embed (CFF
    /// outlines, as in Noto CJK, or bitmap glyphs): that text is missing and `finish()` throws; build the
    /// document again with `.cairo`.
    public var needsCairo: Bool { writer?.unsupportedFace ?? false }

    /// A document writing PDF, or with `layoutOnly` one that only paginates (for finding the
    /// pages of headings before the real build; see `addTableOfContents`).
    public init(metadata: DocumentMetadata, layout: PageLayout = .a4, footerText: String? = nil,
                layoutOnly: Bool = false, engine: Engine = .native) throws {
        try Renderer.validate(layout.pageSize)
        self.layout = layout
        self.metadata = metadata
        self.footerText = footerText ?? metadata.title
        self.layoutOnly = layoutOnly
        let cairoPDF = !layoutOnly && engine == .cairo
        // The layout pass and the native writer keep Cairo's state on a 1×1 surface.
        let created = cairoPDF
            ? cairo_pdf_surface_create_for_stream(ByteSink.write, sink.closure, layout.pageSize.width, layout.pageSize.height)
            : cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
        guard let surface = created
        else { throw RenderError.cairo(operation: "cairo_pdf_surface_create_for_stream", status: "no surface") }
        self.surface = surface
        try Renderer.checkSurface(surface, "cairo_pdf_surface_create_for_stream")
        if cairoPDF { Renderer.applyMetadata(metadata, to: surface) }
        writer = !layoutOnly && engine == .native ? PDFWriter(pageSize: layout.pageSize, metadata: metadata) : nil
        canvas = Canvas(surface: surface, size: layout.pageSize, pdf: writer)
        // The layout pass measures text without drawing it (Cairo would cull it anyway, after
        // looking up every glyph).
        canvas.measuresTextOnly = layoutOnly
        cursorY = layout.contentRect.minY
    }

    deinit {
        // Finish while `sink` is alive: the canvas's context also holds the surface and would
        // otherwise finish it (writing through the callback) after `sink` is released.
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
    }

    private var content: Rect { layout.contentRect }
    private var remaining: Double { content.maxY - cursorY }

    // MARK: Pages

    /// Ends the current page (if it has content) so the next block starts on a fresh page.
    public func startNewPage() throws {
        try ensureOpen()
        try flushPending()
        if pageOpen { try endPage() }
    }

    private func beginPageIfNeeded() {
        guard !pageOpen else { return }
        pageOpen = true
        pageCount += 1
        cursorY = content.minY
    }

    private func endPage() throws {
        guard pageOpen else { return }
        if !isTitlePage { try drawFooter() }
        isTitlePage = false
        if let writer { writer.endPage() } else { cairo_show_page(canvas.context) }
        try canvas.checkStatus("ending page \(pageCount)")
        pageOpen = false
    }

    /// Starts a new page unless `height` points (plus the pending headings and paragraphs)
    /// still fit on the current one, then draws the pending blocks.
    private func reserve(_ height: Double) throws {
        beginPageIfNeeded()
        let needed = height + pending.reduce(0) { $0 + $1.height }
        if needed > remaining && cursorY > content.minY + 0.5 {
            try endPage()
            beginPageIfNeeded()
        }
        let waiting = pending
        pending = []
        for block in waiting {
            switch block {
            case .heading(let heading): try drawHeading(heading)
            case .paragraph(let paragraph): try drawParagraph(paragraph)
            }
        }
    }

    private func drawFooter() throws {
        let font = layout.footerFont
        let y = layout.pageSize.height - layout.margins.bottom / 2
        canvas.strokeLine(from: Point(x: content.minX, y: y - font.size - 3), to: Point(x: content.maxX, y: y - font.size - 3),
                          style: StrokeStyle(color: .lightGray, width: 0.5))
        if !footerText.isEmpty {
            let text = try TextShaper.truncate(footerText, font: font, width: content.width * 0.75)
            try canvas.drawText(text, at: Point(x: content.minX, y: y), font: font, color: .gray)
        }
        try canvas.drawText("Page \(pageCount)", at: Point(x: content.maxX, y: y), font: font, color: .gray, horizontal: .right)
    }

    private func ensureOpen() throws {
        if finished { throw RenderError.documentFinished }
    }

    // MARK: Blocks

    /// A title page: the title large and bold, an optional subtitle, then detail lines (e.g.
    /// version, date, study), and an optional note at the bottom (e.g. "Data are simulated").
    /// It has no footer; the next content starts on page 2.
    public func addTitlePage(title: String, subtitle: String? = nil, lines: [String] = [], note: String? = nil) throws {
        try ensureOpen()
        try flushPending()
        if pageOpen { try endPage() }
        beginPageIfNeeded()
        isTitlePage = true
        cursorY = content.minY + content.height * 0.22
        let titleFont = Font(size: 24, weight: .bold)
        try writeLines(try TextShaper.wrap(title, font: titleFont, width: content.width), font: titleFont, color: .ink)
        if let subtitle {
            cursorY += 6
            let font = Font(size: 14)
            try writeLines(try TextShaper.wrap(subtitle, font: font, width: content.width), font: font, color: Color(hex: 0x404040))
        }
        cursorY += 10
        canvas.strokeLine(from: Point(x: content.minX, y: cursorY), to: Point(x: content.minX + 120, y: cursorY),
                          style: StrokeStyle(color: Palette.color(forSeries: 4), width: 2))
        cursorY += 14
        for line in lines {
            try writeLines(try TextShaper.wrap(line, font: layout.bodyFont, width: content.width), font: layout.bodyFont, color: .ink)
        }
        if let note {
            let font = layout.bodyFont.bold
            let wrapped = try TextShaper.wrap(note, font: font, width: content.width - 16)
            let height = Double(wrapped.count) * layout.lineHeight(for: font) + 12
            let box = Rect(x: content.minX, y: content.maxY - height, width: content.width, height: height)
            canvas.fillRect(box, color: Color(hex: 0xFFF4D6))
            canvas.strokeRect(box, style: StrokeStyle(color: Palette.color(forSeries: 0), width: 0.8))
            cursorY = box.minY + 6
            for line in wrapped {
                try canvas.drawText(line, at: Point(x: box.minX + 8, y: cursorY + font.size), font: font)
                cursorY += layout.lineHeight(for: font)
            }
        }
        try endPage()
    }

    /// A heading of `level` (1 = section, 2 = subsection, 3 = minor), added to the PDF outline
    /// (bookmarks) under the previous heading of the level above. It is placed together with
    /// the start of the next block (a figure, a table's header and first row, or a paragraph's
    /// first lines), so a heading never ends a page on its own; consecutive headings and the
    /// short introductions between them (a section, its introduction, its first subsection)
    /// all wait for that block together.
    public func addHeading(_ text: String, level: Int = 1) throws {
        try ensureOpen()
        let font = layout.headingFont(level: level)
        let lines = try TextShaper.wrap(text, font: font, width: content.width)
        let before = level == 1 ? 14.0 : 10.0
        let height = Double(lines.count) * layout.lineHeight(for: font) + 4 + before
        pending.append(.heading(PendingHeading(text: text, level: level, lines: lines, font: font, spaceBefore: before, height: height)))
    }

    private struct PendingHeading {
        var text: String
        var level: Int
        var lines: [String]
        var font: Font
        var spaceBefore: Double
        var height: Double
    }

    private struct PendingParagraph {
        var lines: [String]
        var font: Font
        var color: Color
        var height: Double
    }

    private enum PendingBlock {
        case heading(PendingHeading)
        case paragraph(PendingParagraph)

        var height: Double {
            switch self {
            case .heading(let heading): heading.height
            case .paragraph(let paragraph): paragraph.height
            }
        }
    }

    /// Places the pending blocks with two body lines' worth of room after them.
    private func flushPending() throws {
        guard !pending.isEmpty else { return }
        try reserve(layout.lineHeight(for: layout.bodyFont) * 2)
    }

    private func drawHeading(_ heading: PendingHeading) throws {
        if cursorY > content.minY + 0.5 { cursorY += heading.spaceBefore }
        let depth = min(max(heading.level, 1), 6)
        if outlineParents.count >= depth { outlineParents.removeSubrange((depth - 1)...) }
        let parent = outlineParents.last ?? 0
        let destination = "page=\(pageCount) pos=[\(format(content.minX)) \(format(cursorY))]"
        let id: Int32
        if layoutOnly {
            id = Int32(headings.count + 1)
        } else if let writer {
            id = Int32(writer.addOutline(heading.text, parent: Int(parent), at: Point(x: content.minX, y: cursorY),
                                         open: heading.level == 1))
        } else {
            id = cairo_pdf_surface_add_outline(surface, parent, heading.text, destination,
                                               heading.level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0))
        }
        while outlineParents.count < depth - 1 { outlineParents.append(parent) }
        outlineParents.append(id)
        // A named destination at the heading: links to it resolve even from earlier pages.
        let name = "heading-\(headings.count + 1)"
        if let writer {
            writer.addDestination(name, at: Point(x: content.minX, y: cursorY))
        } else {
            cairo_tag_begin(canvas.context, CAIRO_TAG_DEST, "name='\(name)'")
        }
        headings.append(TableOfContentsEntry(title: heading.text, level: heading.level, page: pageCount,
                                             position: Point(x: content.minX, y: cursorY), destination: name))
        try writeLines(heading.lines, font: heading.font, color: .ink)
        if writer == nil { cairo_tag_end(canvas.context, CAIRO_TAG_DEST) }
        cursorY += 4
    }

    /// A table of contents: a "Contents" heading (not itself listed) and one line per entry,
    /// indented by level, with dot leaders and the page number, each line a link to its page.
    ///
    /// Page numbers are only known after layout, so build the document twice: first with
    /// entries that have the right titles and levels (any pages), then with the first build's
    /// `headings`. Both builds paginate identically because the TOC has the same lines.
    /// A `.native` document can do it in one build: see `addResolvedTableOfContents`.
    public func addTableOfContents(_ entries: [TableOfContentsEntry], title: String = "Contents") throws {
        try ensureOpen()
        try flushPending()
        try drawTableOfContents(entries, title: title)
    }

    /// True when `addResolvedTableOfContents` fills in the pages itself (a `.native` document
    /// that is not `layoutOnly`); otherwise it draws its entries as given, and the document
    /// is built twice as `addTableOfContents` describes.
    public var resolvesTableOfContents: Bool { writer != nil }

    /// A table of contents of the headings still to come, in one build: the entries of
    /// `planned` (titles and levels, any pages) are drawn now, on pages of their own, to
    /// paginate the document; `finish()` draws those pages again with the headings placed by
    /// then at `planned`'s levels, with their pages and links (when there are as many as
    /// `planned`; else `planned` as given). The result is the same PDF as `addTableOfContents`
    /// with the located headings in a second build: the table has one line per entry either
    /// way, so it fills the same pages. Without `resolvesTableOfContents` the entries are drawn
    /// as given.
    public func addResolvedTableOfContents(_ planned: [TableOfContentsEntry], title: String = "Contents") throws {
        try ensureOpen()
        try flushPending()
        guard let writer else {
            try drawTableOfContents(planned, title: title)
            return
        }
        if pageOpen { try endPage() }
        let first = pageCount + 1
        let alphaCount = writer.alphaCount
        // The page numbers are left out (only measured): the pages drawn now are replaced, so
        // nothing of them but their fonts and glyphs, in order of first use, reaches the file.
        try drawTableOfContents(planned, title: title, drawingPageNumbers: false)
        if pageOpen { try endPage() }
        deferredContents = DeferredContents(planned: planned, title: title, firstPage: first, pageCount: pageCount - first + 1,
                                            firstStoredPage: writer.pageCount - (pageCount - first + 1), alphaCount: alphaCount)
    }

    /// A table of contents drawn with planned entries, to be drawn again by `finish()`.
    private struct DeferredContents {
        var planned: [TableOfContentsEntry]
        var title: String
        /// Its first page (1-based) and number of pages.
        var firstPage: Int
        var pageCount: Int
        /// Index of its first page among the writer's pages.
        var firstStoredPage: Int
        /// The writer's `alphaCount` when it was drawn.
        var alphaCount: Int
    }

    private var deferredContents: DeferredContents?

    /// Draws the deferred table of contents again over its pages, with the located headings.
    private func resolveTableOfContents(_ toc: DeferredContents, writer: PDFWriter) throws {
        let levels = Set(toc.planned.map(\.level))
        let located = headings.filter { levels.contains($0.level) }
        let entries = located.count == toc.planned.count ? located : toc.planned
        let (savedPageCount, savedCursor) = (pageCount, cursorY)
        pageCount = toc.firstPage - 1
        writer.beginReplacingPages(at: toc.firstStoredPage, alphaCount: toc.alphaCount)
        try drawTableOfContents(entries, title: toc.title)
        if pageOpen { try endPage() }
        let replaced = writer.endReplacingPages()
        guard replaced == toc.pageCount, pageCount == toc.firstPage + toc.pageCount - 1 else {
            throw RenderError.invalidData(chart: "PDFDocument",
                                          detail: "the table of contents took \(replaced) pages when drawn with its page numbers, not \(toc.pageCount)")
        }
        (pageCount, cursorY) = (savedPageCount, savedCursor)
    }

    /// Draws a table of contents; without `drawingPageNumbers` the page numbers are only
    /// measured (the lines are laid out the same) and no links are made.
    private func drawTableOfContents(_ entries: [TableOfContentsEntry], title: String, drawingPageNumbers: Bool = true) throws {
        let headingFont = layout.headingFont(level: 1)
        try reserve(layout.lineHeight(for: headingFont) * 2)
        try writeLines([title], font: headingFont, color: .ink)
        cursorY += 6
        let font = layout.bodyFont
        let step = layout.lineHeight(for: font)
        let dotWidth = try TextShaper.width(of: " .", font: font)
        for entry in entries {
            try reserve(step)
            let indent = Double(max(0, entry.level - 1)) * 14
            let entryFont = entry.level == 1 ? font.bold : font
            let pageText = String(entry.page)
            let pageWidth = try TextShaper.width(of: pageText, font: font)
            let available = content.width - indent - pageWidth - 24
            let text = try TextShaper.wrap(entry.title, font: entryFont, width: available).first ?? ""
            let baseline = cursorY + (step - font.size * 1.17) / 2 + (try TextShaper.verticalMetrics(for: font)).ascent
            let destination = "dest='\(entry.destination ?? "")'"
            let linked = entry.destination != nil && drawingPageNumbers
            if linked, writer == nil { cairo_tag_begin(canvas.context, CAIRO_TAG_LINK, destination) }
            let box = try canvas.drawText(text, at: Point(x: content.minX + indent, y: baseline), font: entryFont)
            let leaderStart = box.maxX + 4
            let leaderEnd = content.maxX - pageWidth - 4
            if leaderEnd > leaderStart + dotWidth {
                let dots = String(repeating: " .", count: Int((leaderEnd - leaderStart) / dotWidth))
                try canvas.drawText(dots, at: Point(x: leaderEnd, y: baseline), font: font, color: .gray, horizontal: .right)
            }
            let pageBox = drawingPageNumbers
                ? try canvas.drawText(pageText, at: Point(x: content.maxX, y: baseline), font: font, horizontal: .right)
                : Rect(x: content.maxX - pageWidth, y: baseline, width: pageWidth, height: 0)
            if linked {
                if let writer, let target = entry.destination {
                    // The link covers the line: the entry's text through its page number.
                    let top = min(box.minY, pageBox.minY), bottom = max(box.maxY, pageBox.maxY)
                    writer.addLink(Rect(x: box.minX, y: top, width: pageBox.maxX - box.minX, height: bottom - top), to: target)
                } else if writer == nil {
                    cairo_tag_end(canvas.context, CAIRO_TAG_LINK)
                }
            }
            try canvas.checkStatus("table of contents")
            cursorY += step
        }
        cursorY += layout.blockSpacing
    }

    /// The longest paragraph (in lines) that `keepWithNext` holds back; longer ones may break.
    public static let keepWithNextMaximumLines = 6

    /// A paragraph wrapped to the text width; it may continue on the next page between lines.
    /// With `keepWithNext`, a paragraph of at most `keepWithNextMaximumLines` lines is placed
    /// together with the start of the next block (like a heading), so an introduction never
    /// ends a page apart from the table or figure it introduces.
    public func addParagraph(_ text: String, font: Font? = nil, color: Color = .ink, keepWithNext: Bool = false) throws {
        try ensureOpen()
        let font = font ?? layout.bodyFont
        let lines = try TextShaper.wrap(text, font: font, width: content.width)
        let step = layout.lineHeight(for: font)
        let paragraph = PendingParagraph(lines: lines, font: font, color: color,
                                         height: Double(lines.count) * step + layout.blockSpacing * 0.6)
        if keepWithNext && lines.count <= Self.keepWithNextMaximumLines {
            pending.append(.paragraph(paragraph))
            return
        }
        try reserve(Double(min(lines.count, 2)) * step)
        try drawParagraph(paragraph)
    }

    private func drawParagraph(_ paragraph: PendingParagraph) throws {
        try writeLines(paragraph.lines, font: paragraph.font, color: paragraph.color)
        cursorY += layout.blockSpacing * 0.6
    }

    /// A bulleted list, one wrapped paragraph per item.
    public func addBulletList(_ items: [String], font: Font? = nil) throws {
        try ensureOpen()
        let font = font ?? layout.bodyFont
        let indent = 12.0
        try reserve(2 * layout.lineHeight(for: font))
        for item in items {
            let lines = try TextShaper.wrap(item, font: font, width: content.width - indent)
            for (i, line) in lines.enumerated() {
                let step = layout.lineHeight(for: font)
                try reserve(step)
                if i == 0 { try canvas.drawText("•", at: Point(x: content.minX + 2, y: cursorY + font.size), font: font) }
                try canvas.drawText(line, at: Point(x: content.minX + indent, y: cursorY + font.size), font: font)
                cursorY += step
            }
        }
        cursorY += layout.blockSpacing * 0.6
    }

    /// Vertical space in points (ignored at the top of a page).
    public func addSpace(_ points: Double) throws {
        try ensureOpen()
        try flushPending()
        beginPageIfNeeded()
        if cursorY > content.minY + 0.5 { cursorY = min(content.maxY, cursorY + points) }
    }

    /// How a figure wider than the text column is fitted.
    public enum FigureFit: Sendable {
        /// Scale the whole drawing down (text shrinks with it).
        case scale
        /// Redraw the chart in a region as wide as the text column and as high as the chart's
        /// own height; text keeps its size and the plot areas shrink (for wide multi-panel
        /// figures; tick labels are thinned so they still do not collide).
        case reflow
    }

    /// A chart drawn as vector graphics at `size` (default: its preferred size), fitted to the
    /// text width with `fit` if wider, centred, with an optional caption below. Starts a new
    /// page when the figure and caption do not fit on the current one.
    public func addFigure(_ chart: any Chart, size: Size? = nil, caption: String? = nil, style: ChartStyle = .standard,
                          fit: FigureFit = .scale) throws {
        try ensureOpen()
        let natural = size ?? chart.preferredSize
        try Renderer.validate(natural)
        let captionFont = layout.footnoteFont.withSize(8.5)
        let captionLines = try caption.map { try TextShaper.wrap($0, font: captionFont, width: content.width) } ?? []
        let captionHeight = Double(captionLines.count) * layout.lineHeight(for: captionFont)
        let maxHeight = content.height - captionHeight - 4
        let factor = min(1, content.width / natural.width, maxHeight / natural.height)
        let drawn = fit == .scale
            ? Size(width: natural.width * factor, height: natural.height * factor)
            : Size(width: min(natural.width, content.width), height: min(natural.height, maxHeight))
        let scale = fit == .scale ? factor : 1
        let region = Rect(size: fit == .scale ? natural : drawn)
        try reserve(drawn.height + captionHeight + 4)
        let origin = Point(x: content.minX + (content.width - drawn.width) / 2, y: cursorY)
        try canvas.withState {
            canvas.translate(x: origin.x, y: origin.y)
            canvas.scale(x: scale, y: scale)
            canvas.clip(to: region)
            try chart.draw(in: canvas, region: region, style: style)
        }
        try canvas.checkStatus("drawing a figure")
        cursorY += drawn.height + 4
        try writeLines(captionLines, font: captionFont, color: Color(hex: 0x333333))
        cursorY += layout.blockSpacing
    }

    /// A table: caption, header rows (repeated after every page break, with "(continued)"
    /// added to the caption), rows kept whole, booktabs-style rules, footnotes. `font`
    /// overrides `layout.tableFont` (e.g. a smaller size for a wide Table 1).
    public func addTable(_ table: PDFTable, font: Font? = nil) throws {
        try ensureOpen()
        let columns = table.columnCount
        guard columns > 0 else {
            throw RenderError.invalidData(chart: "PDFTable", detail: "the table has no columns; give it a header or rows")
        }
        let font = font ?? layout.tableFont
        let bold = font.bold
        let padX = 4.0, padY = 2.5
        let lineHeight = layout.lineHeight(for: font) * 0.95
        // Natural widths: widest cell per column (headers count at most as wide as 12 characters'
        // worth so that long headers wrap instead of stealing width from the data).
        var natural = [Double](repeating: 0, count: columns)
        // Each column's longest header word: with column weights too, no header breaks inside
        // a word when the table has room (at most a third of the text width per column).
        var longestWords = [Double](repeating: 0, count: columns)
        for row in table.rows where !row.isGroupHeading {
            for (c, text) in row.cells.enumerated() { natural[c] = max(natural[c], try TextShaper.width(of: text, font: font) + 2 * padX) }
        }
        for row in table.header {
            for (c, text) in row.enumerated() {
                let longestWord = try text.split(separator: " ").map { try TextShaper.width(of: String($0), font: bold) }.max() ?? 0
                natural[c] = max(natural[c], longestWord + 2 * padX)
                longestWords[c] = max(longestWords[c], min(longestWord + 2 * padX, content.width / 3))
            }
        }
        let widths = ColumnWidths.allocate(natural: natural, available: content.width, weights: table.columnWeights,
                                           minimums: longestWords)
        let headerRows = try table.header.map { try layoutRow($0, widths: widths, font: bold, padX: padX) }
        let headerHeight = headerRows.reduce(0) { $0 + Double($1.lineCount) * lineHeight + 2 * padY }
        let captionFont = layout.captionFont
        let captionLines = try table.caption.map { try TextShaper.wrap($0, font: captionFont, width: content.width) } ?? []
        let captionHeight = Double(captionLines.count) * layout.lineHeight(for: captionFont) + (captionLines.isEmpty ? 0 : 3)

        func drawHeader(continued: Bool) throws {
            var lines = captionLines
            if continued, let first = table.caption { lines = try TextShaper.wrap(first + " (continued)", font: captionFont, width: content.width) }
            try writeLines(lines, font: captionFont, color: .ink)
            if !lines.isEmpty { cursorY += 3 }
            rule(width: 0.9)
            guard !headerRows.isEmpty else { return }
            for row in headerRows {
                try drawRow(row, widths: widths, table: table, font: bold, lineHeight: lineHeight, padX: padX, padY: padY)
            }
            rule(width: 0.5)
        }

        let laidRows = try table.rows.map {
            try layoutRow($0.cells, widths: widths, font: $0.isGroupHeading ? bold : font, padX: padX, spanFirst: $0.isGroupHeading)
        }
        let heights = laidRows.map { Double($0.lineCount) * lineHeight + 2 * padY }
        let noteFont = layout.footnoteFont
        let noteLines = try table.footnotes.map { try TextShaper.wrap($0, font: noteFont, width: content.width) }
        let notesHeight = Double(noteLines.reduce(0) { $0 + $1.count }) * layout.lineHeight(for: noteFont)
        // What must share a page with each row: the last row keeps the footnotes (unless they
        // would fill a third of a page), the row before it keeps the last row (no row alone at
        // the top of a page), a group heading keeps the row it introduces, and a row that
        // `keepsWithNext` keeps the next row and what that one keeps (a chain of at most half
        // a page; a longer one keeps just the next row).
        let keptWithLastRow = notesHeight + 4 < content.height / 3 ? notesHeight + 4 : 0
        let count = table.rows.count
        var kept = [Double](repeating: 0, count: count)
        for index in table.rows.indices.reversed() {
            let row = table.rows[index]
            if index == count - 1 {
                kept[index] = keptWithLastRow
            } else if index == count - 2 || row.keepsWithNext {
                let chained = heights[index + 1] + (index + 1 == count - 1 || table.rows[index + 1].keepsWithNext ? kept[index + 1] : 0)
                kept[index] = chained <= content.height / 2 ? chained : heights[index + 1]
            } else if row.isGroupHeading {
                kept[index] = heights[index + 1]
            }
        }
        // + the two header rules (1.4 pt) and the 1-pt slack of the row test below. A table
        // without rows keeps its footnotes with its header.
        try reserve(captionHeight + headerHeight + (heights.first ?? 0) + (kept.first ?? keptWithLastRow) + 2.5)
        try drawHeader(continued: false)
        for (index, row) in table.rows.enumerated() {
            let laid = laidRows[index]
            let height = heights[index]
            if height + kept[index] > remaining - 1 && index > 0 {
                rule(width: 0.9)
                try endPage()
                beginPageIfNeeded()
                try drawHeader(continued: true)
            }
            if row.isGroupHeading {
                canvas.fillRect(Rect(x: content.minX, y: cursorY, width: content.width, height: height), color: Color(hex: 0xF0F0F0))
            }
            try drawRow(laid, widths: widths, table: table, font: row.isGroupHeading ? bold : font, lineHeight: lineHeight,
                        padX: padX, padY: padY)
        }
        rule(width: 0.9)
        cursorY += 3
        for lines in noteLines {
            try writeLines(lines, font: noteFont, color: Color(hex: 0x333333))
        }
        cursorY += layout.blockSpacing
    }

    /// Ends the last page and the document and returns the PDF bytes (none for `layoutOnly`).
    /// Further calls throw.
    public func finish() throws -> Data {
        try ensureOpen()
        try flushPending()
        if pageOpen { try endPage() }
        if pageCount == 0 {
            beginPageIfNeeded()
            try endPage()
        }
        if let toc = deferredContents, let writer {
            deferredContents = nil
            try resolveTableOfContents(toc, writer: writer)
        }
        finished = true
        if let writer {
            if writer.unsupportedFace {
                throw RenderError.fontUnavailable(family: "a face without TrueType outlines (CFF or bitmap)",
                                                  detail: "the native PDF writer embeds TrueType outlines only; build the document with engine .cairo")
            }
            return Data(try writer.finish())
        }
        cairo_surface_finish(surface)
        try Renderer.checkSurface(surface, "finishing the PDF document")
        return layoutOnly ? Data() : Data(sink.bytes)
    }

    /// Finishes the document and writes it to `url`.
    public func write(to url: URL) throws {
        let data = try finish()
        do {
            try data.write(to: url)
        } catch {
            throw RenderError.writeFailed(path: url.path, detail: "\(error)")
        }
    }

    // MARK: Helpers

    private struct LaidOutRow {
        var cells: [[String]]
        var lineCount: Int
        var spanFirst: Bool
    }

    private func layoutRow(_ cells: [String], widths: [Double], font: Font, padX: Double, spanFirst: Bool = false) throws -> LaidOutRow {
        if spanFirst {
            let text = cells.first ?? ""
            let lines = try TextShaper.wrap(text, font: font, width: widths.reduce(0, +) - 2 * padX)
            return LaidOutRow(cells: [lines] + Array(repeating: [], count: max(0, widths.count - 1)), lineCount: lines.count, spanFirst: true)
        }
        var wrapped: [[String]] = []
        for c in widths.indices {
            let text = c < cells.count ? cells[c] : ""
            wrapped.append(try TextShaper.wrap(text, font: font, width: max(4, widths[c] - 2 * padX)))
        }
        return LaidOutRow(cells: wrapped, lineCount: wrapped.map(\.count).max() ?? 1, spanFirst: false)
    }

    private func drawRow(_ row: LaidOutRow, widths: [Double], table: PDFTable, font: Font, lineHeight: Double,
                         padX: Double, padY: Double) throws {
        var x = content.minX
        let (ascent, _) = try TextShaper.verticalMetrics(for: font)
        let top = cursorY + padY + (lineHeight - font.size * 1.17) / 2 + ascent
        for (c, lines) in row.cells.enumerated() {
            let width = row.spanFirst && c == 0 ? widths.reduce(0, +) : widths[c]
            let alignment = row.spanFirst ? .left : table.alignment(ofColumn: c)
            let anchorX: Double
            switch alignment {
            case .left: anchorX = x + padX
            case .center: anchorX = x + width / 2
            case .right: anchorX = x + width - padX
            }
            for (i, line) in lines.enumerated() where !line.isEmpty {
                try canvas.drawText(line, at: Point(x: anchorX, y: top + Double(i) * lineHeight), font: font, horizontal: alignment)
            }
            x += widths[c]
        }
        cursorY += Double(row.lineCount) * lineHeight + 2 * padY
    }

    private func rule(width: Double) {
        canvas.strokeLine(from: Point(x: content.minX, y: cursorY), to: Point(x: content.maxX, y: cursorY),
                          style: StrokeStyle(color: .ink, width: width))
        cursorY += width
    }

    /// Writes lines top-down at the left margin, breaking pages between lines as needed.
    private func writeLines(_ lines: [String], font: Font, color: Color) throws {
        let step = layout.lineHeight(for: font)
        let (ascent, _) = try TextShaper.verticalMetrics(for: font)
        for line in lines {
            try reserve(step)
            try canvas.drawText(line, at: Point(x: content.minX, y: cursorY + (step - font.size * 1.17) / 2 + ascent), font: font, color: color)
            cursorY += step
        }
    }

    private func format(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 2) }
}
