import Foundation
import XCTest
@testable import SentinelRender
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG written by `SVGWriter` draws what Cairo draws: each sample chart's SVG, read back
/// by a small interpreter of the SVG subset the writer uses and drawn through Cairo, gives the
/// pixels of the chart drawn directly (up to antialiasing at 6-decimal coordinates); the
/// document is well-formed with every reference defined; numbers have at most 6 decimals.
final class SVGWriterTests: XCTestCase {
    func testNumbers() {
        func text(_ v: Double) -> String {
            var out: [UInt8] = []
            SVGNumber.append(&out, v)
            return String(decoding: out, as: UTF8.self)
        }
        XCTAssertEqual(text(0), "0")
        XCTAssertEqual(text(-0.0), "0")
        XCTAssertEqual(text(-4e-7), "0")
        XCTAssertEqual(text(1.5), "1.5")
        XCTAssertEqual(text(-2.25), "-2.25")
        XCTAssertEqual(text(510), "510")
        XCTAssertEqual(text(1.0 / 3), "0.333333")
        XCTAssertEqual(text(-2.0 / 3), "-0.666667")
        XCTAssertEqual(text(0.000001), "0.000001")
        XCTAssertEqual(text(123456.0000004), "123456")
        XCTAssertEqual(text(10_000_000.125), "10000000.125")
        XCTAssertEqual(text(.nan), "0")
    }

    func testChartsDrawTheSamePixelsFromTheirSVG() throws {
        for (name, chart) in SampleCharts.all {
            let size = chart.preferredSize
            let svg = try chart.render(format: .svg, svgIDPrefix: "\(name)-")
            // Text as filled outlines in both, as an SVG viewer draws it (Cairo snaps text drawn
            // as text to the pixel grid).
            let direct = try RasterImage(png: Renderer.render(format: .png, size: size, dpi: 144) { canvas in
                canvas.fillsGlyphOutlines = true
                try chart.draw(in: canvas, region: canvas.bounds, style: .standard)
            })
            let replayed = try RasterImage(png: Renderer.render(format: .png, size: size, dpi: 144) { canvas in
                try SVGReplay(svg: svg).draw(on: canvas)
            })
            XCTAssertEqual(direct.width, replayed.width)
            XCTAssertEqual(direct.height, replayed.height)
            var differing = 0, largest = 0
            for (a, b) in zip(direct.rgba, replayed.rgba) {
                let d = abs(Int(a) - Int(b))
                largest = max(largest, d)
                if d > 8 { differing += 1 }
            }
            // Coordinates rounded to 1e-6 pt (and glyphs placed by a transform) shade a few edge pixels
            // slightly differently; a missing or misplaced element would differ by far more.
            XCTAssertLessThan(Double(differing) / Double(direct.rgba.count), 1e-3, "\(name): \(differing) channels differ by more than 8")
            XCTAssertLessThan(largest, 32, "\(name): largest difference")
        }
    }

    func testDocumentIsWellFormedAndEveryReferenceIsDefined() throws {
        let svg = try Renderer.render(format: .svg, size: Size(width: 120, height: 80), svgIDPrefix: "p-") { canvas in
            canvas.withState {
                canvas.clip(to: Rect(x: 10, y: 10, width: 50, height: 50))
                canvas.withState {
                    canvas.clip(to: Rect(x: 20, y: 20, width: 50, height: 50))
                    canvas.fillRect(Rect(x: 0, y: 0, width: 120, height: 80), color: .black)
                }
                canvas.strokeLine(from: Point(x: 0, y: 0), to: Point(x: 100, y: 60),
                                  style: StrokeStyle(color: .ink, width: 1, dash: [3, 2]))
            }
            try canvas.drawText("Sensitivity", at: Point(x: 8, y: 40), font: Font(size: 9),
                                horizontal: .center, vertical: .middle, rotation: -Double.pi / 2)
            try canvas.drawText("Sensitivity", at: Point(x: 60, y: 70), font: Font(size: 9))
        }
        let text = String(decoding: svg, as: UTF8.self)
        let parser = XMLParser(data: svg)
        let collector = IDCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))\n\(text)")
        XCTAssertEqual(Set(collector.ids).count, collector.ids.count, "duplicate ids")
        XCTAssertTrue(collector.ids.allSatisfy { $0.hasPrefix("p-") })
        XCTAssertFalse(collector.references.isEmpty)
        for reference in collector.references { XCTAssertTrue(collector.ids.contains(reference), reference) }
        XCTAssertEqual(collector.ids.filter { $0.hasPrefix("p-clip") }, ["p-clip1", "p-clip2"])
        // Each glyph is defined once: "Sensitivity" has 8 distinct letters.
        XCTAssertEqual(collector.ids.filter { $0.hasPrefix("p-glyph") }.count, 8)
        XCTAssertTrue(text.contains("stroke-dasharray:3,2;"))
        XCTAssertTrue(text.contains("transform=\"matrix(0,-1,1,0,"), "the rotated label keeps its transform")
    }
}

private final class IDCollector: NSObject, XMLParserDelegate {
    var ids: [String] = []
    var references: [String] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        if let id = attributes["id"] { ids.append(id) }
        if let href = attributes["xlink:href"], href.hasPrefix("#") { references.append(String(href.dropFirst())) }
        if let clip = attributes["clip-path"], clip.hasPrefix("url(#") { references.append(String(clip.dropFirst(5).dropLast())) }
    }
}

/// Draws the SVG subset `SVGWriter` writes (paths of M/L/C/Z, rectangle clips, glyph symbols
/// placed with `<use>`, style properties, similarity transforms) onto a canvas.
private final class SVGReplay: NSObject, XMLParserDelegate {
    let data: Data
    private var symbols: [String: String] = [:]
    private var clips: [String: (d: String, transform: String?)] = [:]
    private var inDefs = false
    private var currentSymbol: String?
    private var currentClip: String?
    private var canvas: Canvas?
    /// Fill of the enclosing text groups.
    private var fills: [Color?] = []
    private var failure: Error?

    init(svg: Data) { data = svg }

    func draw(on canvas: Canvas) throws {
        self.canvas = canvas
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw RenderError.invalidData(chart: "svg", detail: "\(String(describing: parser.parserError))") }
        if let failure { throw failure }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes a: [String: String] = [:]) {
        guard let canvas else { return }
        switch name {
        case "defs": inDefs = true
        case "symbol": currentSymbol = a["id"]
        case "clipPath": currentClip = a["id"]
        case "path" where inDefs:
            if let id = currentSymbol { symbols[id] = a["d"] ?? "" }
            if let id = currentClip { clips[id] = (a["d"] ?? "", a["transform"]) }
        case "g":
            canvas.save()
            if let clip = a["clip-path"], let def = clips[String(clip.dropFirst(5).dropLast())] {
                let points = Self.points(def.d)
                let m = Self.matrix(def.transform)
                let xs = points.map { m.a * $0.x + m.c * $0.y + m.e }, ys = points.map { m.b * $0.x + m.d * $0.y + m.f }
                canvas.clip(to: Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!))
            }
            apply(a["transform"], canvas)
            fills.append(Self.style(a["style"])["fill"].map(Self.color) ?? nil)
        case "rect":
            let s = Self.style(a["style"])
            var color = Self.color(s["fill"] ?? "")!
            color.alpha = Double(s["fill-opacity"] ?? "1")!
            canvas.fillRect(Rect(x: Double(a["x"]!)!, y: Double(a["y"]!)!, width: Double(a["width"]!)!, height: Double(a["height"]!)!), color: color)
        case "path":
            let s = Self.style(a["style"])
            canvas.withState {
                apply(a["transform"], canvas)
                canvas.newPath()
                addPath(a["d"] ?? "", canvas)
                if s["fill"] == "none" {
                    var color = Self.color(s["stroke"]!)!
                    color.alpha = Double(s["stroke-opacity"] ?? "1")!
                    let dash = s["stroke-dasharray"].map { $0.split(separator: ",").map { Double($0)! } } ?? []
                    canvas.setStroke(StrokeStyle(color: color, width: Double(s["stroke-width"]!)!, dash: dash,
                                                 cap: Self.cap(s["stroke-linecap"]), join: Self.join(s["stroke-linejoin"])))
                    canvas.stroke()
                } else {
                    var color = Self.color(s["fill"]!)!
                    color.alpha = Double(s["fill-opacity"] ?? "1")!
                    canvas.setColor(color)
                    canvas.fill()
                }
            }
        case "use":
            guard let href = a["xlink:href"], let d = symbols[String(href.dropFirst())],
                  let fill = fills.last ?? nil else {
                failure = RenderError.invalidData(chart: "svg", detail: "unresolved <use>")
                return
            }
            canvas.withState {
                canvas.translate(x: Double(a["x"]!)!, y: Double(a["y"]!)!)
                canvas.newPath()
                addPath(d, canvas)
                canvas.setColor(fill)
                canvas.fill()
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch name {
        case "defs": inDefs = false
        case "symbol": currentSymbol = nil
        case "clipPath": currentClip = nil
        case "g":
            canvas?.restore()
            fills.removeLast()
        default: break
        }
    }

    private func apply(_ transform: String?, _ canvas: Canvas) {
        guard transform != nil else { return }
        let m = Self.matrix(transform)
        // The writer's transforms are translations and rotations (with uniform scale).
        canvas.translate(x: m.e, y: m.f)
        canvas.rotate(radians: atan2(m.b, m.a))
        let scale = hypot(m.a, m.b)
        canvas.scale(x: scale, y: scale)
    }

    private func addPath(_ d: String, _ canvas: Canvas) {
        let tokens = d.split(separator: " ")
        var i = 0
        func number() -> Double { i += 1; return Double(tokens[i - 1])! }
        func point() -> Point { let x = number(); return Point(x: x, y: number()) }
        while i < tokens.count {
            let op = tokens[i]
            i += 1
            switch op {
            case "M": canvas.move(to: point())
            case "L": canvas.line(to: point())
            case "C":
                let c1 = point(), c2 = point()
                canvas.curve(to: point(), control1: c1, control2: c2)
            case "Z": canvas.closePath()
            default: failure = RenderError.invalidData(chart: "svg", detail: "path operator \(op)")
            }
        }
    }

    static func cap(_ text: String?) -> LineCap {
        switch text { case "round": return .round; case "square": return .square; default: return .butt }
    }

    static func join(_ text: String?) -> LineJoin {
        switch text { case "round": return .round; case "bevel": return .bevel; default: return .miter }
    }

    static func points(_ d: String) -> [Point] {
        let numbers = d.split(separator: " ").compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { Point(x: numbers[$0], y: numbers[$0 + 1]) }
    }

    static func matrix(_ text: String?) -> (a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        guard let text, text.hasPrefix("matrix(") else { return (1, 0, 0, 1, 0, 0) }
        let v = text.dropFirst(7).dropLast().split(separator: ",").map { Double($0)! }
        return (v[0], v[1], v[2], v[3], v[4], v[5])
    }

    static func style(_ text: String?) -> [String: String] {
        var out: [String: String] = [:]
        for part in (text ?? "").split(separator: ";") {
            let kv = part.split(separator: ":", maxSplits: 1)
            if kv.count == 2 { out[String(kv[0])] = String(kv[1]) }
        }
        return out
    }

    static func color(_ text: String) -> Color? {
        guard text.hasPrefix("rgb(") else { return nil }
        let v = text.dropFirst(4).dropLast().split(separator: ",").map { Double($0.dropLast())! / 100 }
        return Color(red: v[0], green: v[1], blue: v[2])
    }
}
