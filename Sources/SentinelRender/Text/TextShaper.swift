import CHarfBuzz
import Foundation

/// Shapes text with HarfBuzz on fonts resolved through fontconfig, measures it, and wraps it.
///
/// Shaping uses the font's OpenType tables at its design resolution (no hinting), so widths
/// are identical on every output surface; Cairo then draws exactly those glyph positions.
/// Control characters (tabs, newlines) are shaped as spaces; use `wrap` for line breaks.
public enum TextShaper {
    /// Shapes one line of `text` in `font`. Results for strings up to 128 UTF-8 bytes are
    /// cached (labels, table cells and words repeat a lot in a report).
    public static func shape(_ text: String, font: Font) throws -> ShapedText {
        let cacheable = text.utf8.count <= 128
        if cacheable, let hit = ShapeCache.shared.get(text, font) { return hit }
        let shaped = try shapeUncached(text, font: font)
        if cacheable { ShapeCache.shared.set(text, font, shaped) }
        return shaped
    }

    static func shapeUncached(_ text: String, font: Font) throws -> ShapedText {
        let face = try FontRegistry.shared.face(for: font)
        // Printable ASCII (most labels and cells) has no control character to replace.
        let clean = text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? text
            : String(String.UnicodeScalarView(text.unicodeScalars.map {
                $0.properties.generalCategory == .control ? " " : $0
            }))
        let utf8 = Array(clean.utf8)
        guard let buffer = hb_buffer_create() else {
            throw RenderError.fontUnavailable(family: font.family, detail: "HarfBuzz could not allocate a buffer")
        }
        defer { hb_buffer_destroy(buffer) }
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                hb_buffer_add_utf8(buffer, chars.baseAddress, Int32(chars.count), 0, Int32(chars.count))
            }
        }
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(face.hbFont, buffer, nil, 0)
        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(buffer, &count)
        let positions = hb_buffer_get_glyph_positions(buffer, &count)
        let scale = font.size / face.unitsPerEm
        var glyphs: [ShapedGlyph] = []
        glyphs.reserveCapacity(Int(count))
        var clusterValues: [Int] = []
        clusterValues.reserveCapacity(Int(count))
        var penX = 0.0
        var penY = 0.0
        if let infos, let positions {
            for i in 0..<Int(count) {
                let pos = positions[i]
                glyphs.append(ShapedGlyph(id: infos[i].codepoint,
                                          x: penX + Double(pos.x_offset) * scale,
                                          y: penY - Double(pos.y_offset) * scale))
                penX += Double(pos.x_advance) * scale
                penY -= Double(pos.y_advance) * scale
                clusterValues.append(Int(infos[i].cluster))
            }
        }
        return ShapedText(text: clean, font: font, glyphs: glyphs, width: penX,
                          ascent: face.ascent * font.size, descent: face.descent * font.size,
                          clusters: clusters(from: clusterValues, byteCount: utf8.count))
    }

    /// The advance width of `text` in points.
    public static func width(of text: String, font: Font) throws -> Double {
        try shape(text, font: font).width
    }

    /// Recommended baseline-to-baseline distance for `font`, points (ascent + descent + gap).
    public static func lineHeight(for font: Font) throws -> Double {
        let face = try FontRegistry.shared.face(for: font)
        return (face.ascent + face.descent + face.lineGap) * font.size
    }

    /// Ascent and descent of `font`'s line box, points (both positive).
    public static func verticalMetrics(for font: Font) throws -> (ascent: Double, descent: Double) {
        let face = try FontRegistry.shared.face(for: font)
        return (face.ascent * font.size, face.descent * font.size)
    }

    /// Breaks `text` into lines no wider than `width` points, greedily at spaces; `\n`
    /// forces a break. A word wider than `width` on its own is split between characters.
    /// Empty text gives one empty line. Results are cached (the PDF report lays every table
    /// out twice, once to find its pages).
    public static func wrap(_ text: String, font: Font, width: Double) throws -> [String] {
        if let hit = WrapCache.shared.get(text, font, width) { return hit }
        let lines = try wrapUncached(text, font: font, width: width)
        WrapCache.shared.set(text, font, width, lines)
        return lines
    }

    static func wrapUncached(_ text: String, font: Font, width: Double) throws -> [String] {
        var lines: [String] = []
        let spaceWidth = try self.width(of: " ", font: font)
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var currentWidth = 0.0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let wordWidth = try self.width(of: String(word), font: font)
                if current.isEmpty {
                    if wordWidth <= width {
                        current = String(word)
                        currentWidth = wordWidth
                    } else {
                        var pieces = try splitLongWord(String(word), font: font, width: width)
                        current = pieces.removeLast()
                        currentWidth = try self.width(of: current, font: font)
                        lines.append(contentsOf: pieces)
                    }
                } else if currentWidth + spaceWidth + wordWidth <= width {
                    current += " " + word
                    currentWidth += spaceWidth + wordWidth
                } else {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                    if wordWidth <= width {
                        current = String(word)
                        currentWidth = wordWidth
                    } else {
                        var pieces = try splitLongWord(String(word), font: font, width: width)
                        current = pieces.removeLast()
                        currentWidth = try self.width(of: current, font: font)
                        lines.append(contentsOf: pieces)
                    }
                }
            }
            lines.append(current)
        }
        return lines
    }

    /// Splits a word into pieces that each fit `width` (at least one character per piece).
    private static func splitLongWord(_ word: String, font: Font, width: Double) throws -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in word {
            let candidate = current + String(character)
            if !current.isEmpty, try self.width(of: candidate, font: font) > width {
                pieces.append(current)
                current = String(character)
            } else {
                current = candidate
            }
        }
        pieces.append(current)
        return pieces
    }

    /// Groups glyphs by HarfBuzz cluster (byte offsets, ascending for left-to-right text).
    /// Returns an empty array when the clusters are not monotonic (e.g. right-to-left runs).
    static func clusters(from values: [Int], byteCount: Int) -> [TextCluster] {
        guard !values.isEmpty else { return [] }
        var result: [TextCluster] = []
        var start = 0
        while start < values.count {
            var end = start
            while end < values.count && values[end] == values[start] { end += 1 }
            let nextOffset = end < values.count ? values[end] : byteCount
            let firstOffset = result.isEmpty ? 0 : values[start]
            guard nextOffset > firstOffset || (end == values.count && nextOffset >= firstOffset) else { return [] }
            result.append(TextCluster(byteCount: nextOffset - firstOffset, glyphCount: end - start))
            start = end
        }
        let totalBytes = result.reduce(0) { $0 + $1.byteCount }
        return totalBytes == byteCount ? result : []
    }
}

/// A bounded, thread-safe cache of shaped runs (cleared wholesale when full).
final class ShapeCache: @unchecked Sendable {
    static let shared = ShapeCache()
    static let capacity = 20_000

    private struct Key: Hashable {
        var text: String
        var font: Font
    }

    private let lock = NSLock()
    private var entries: [Key: ShapedText] = [:]

    func get(_ text: String, _ font: Font) -> ShapedText? {
        lock.lock()
        defer { lock.unlock() }
        return entries[Key(text: text, font: font)]
    }

    func set(_ text: String, _ font: Font, _ shaped: ShapedText) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[Key(text: text, font: font)] = shaped
    }
}

/// Lines of `TextShaper.wrap` by text, font and width; cleared when full.
final class WrapCache: @unchecked Sendable {
    static let shared = WrapCache()
    static let capacity = 20_000

    private struct Key: Hashable {
        var text: String
        var font: Font
        var width: Double
    }

    private let lock = NSLock()
    private var entries: [Key: [String]] = [:]

    func get(_ text: String, _ font: Font, _ width: Double) -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[Key(text: text, font: font, width: width)]
    }

    func set(_ text: String, _ font: Font, _ width: Double, _ lines: [String]) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[Key(text: text, font: font, width: width)] = lines
    }
}
