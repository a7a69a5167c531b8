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
        let ascii = text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        let clean = ascii ? text
            : String(String.UnicodeScalarView(text.unicodeScalars.map {
                $0.properties.generalCategory == .control ? " " : $0
            }))
        let utf8 = Array(clean.utf8)
        // One left-to-right run of the requested face unless a character needs a fallback face
        // or is right-to-left (checked without Unicode property look-ups: most non-ASCII labels
        // are "–", "≥", "χ²" and the like, which DejaVu Sans has).
        let simple = ascii || clean.unicodeScalars.allSatisfy { !isRightToLeftBlock($0.value) && face.covers($0) }
        let pieces = simple ? [Segment(face: face, rightToLeft: false, bytes: 0..<utf8.count)]
            : try segments(of: clean, font: font, primary: face)
        var glyphs: [ShapedGlyph] = []
        glyphs.reserveCapacity(utf8.count)
        var runs: [GlyphRun] = []
        var penX = 0.0
        var uncovered: [Unicode.Scalar] = []
        for piece in visualOrder(pieces) {
            let first = glyphs.count
            var clusterValues: [Int] = []
            let runFace: LoadedFace
            if let shapingFace = piece.face {
                runFace = shapingFace
                // One piece covering the whole text lets HarfBuzz guess its direction as before.
                let whole = pieces.count == 1
                try shape(utf8, piece: piece, guessDirection: whole, face: shapingFace, font: font,
                          into: &glyphs, clusters: &clusterValues, penX: &penX)
            } else {
                // No installed font has these characters: the primary face's replacement
                // character (or "?") per character, keeping the text for copy and search.
                runFace = face
                let scale = font.size / face.unitsPerEm
                let stand = face.nominalGlyph("\u{FFFD}") ?? face.nominalGlyph("?") ?? (0, face.unitsPerEm / 2)
                var offset = piece.bytes.lowerBound
                for scalar in String(decoding: utf8[piece.bytes], as: UTF8.self).unicodeScalars {
                    uncovered.append(scalar)
                    glyphs.append(ShapedGlyph(id: stand.id, x: penX, y: 0))
                    penX += stand.advance * scale
                    clusterValues.append(offset)
                    offset += String(scalar).utf8.count
                }
            }
            let relative = clusterValues.map { $0 - piece.bytes.lowerBound }
            runs.append(GlyphRun(face: FaceID(path: runFace.path, index: runFace.index), glyphs: first..<glyphs.count,
                                 bytes: piece.bytes,
                                 clusters: clusters(from: piece.rightToLeft ? relative.reversed() : relative, byteCount: piece.bytes.count),
                                 backward: piece.rightToLeft))
        }
        if let missing = uncovered.first, FontRegistry.shared.claimUncoveredWarning() {
            let code = String(missing.value, radix: 16, uppercase: true)
            let message = "warning: no installed font has a glyph for U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)"
                + " (in \"\(clean.prefix(60))\"); such characters are drawn as \u{FFFD} in figures and the PDF"
                + " (the text itself is kept). Install a font that covers them (e.g. fonts-noto-core, fonts-noto-cjk,"
                + " fonts-noto-color-emoji) and run again.\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
        return ShapedText(text: clean, font: font, glyphs: glyphs, width: penX,
                          ascent: face.ascent * font.size, descent: face.descent * font.size, runs: runs)
    }

    /// Shapes `piece` of `utf8` (with the whole text as context) and appends its glyphs,
    /// advancing `penX`, and their clusters (byte offsets into `utf8`).
    private static func shape(_ utf8: [UInt8], piece: Segment, guessDirection: Bool, face: LoadedFace, font: Font,
                              into glyphs: inout [ShapedGlyph], clusters clusterValues: inout [Int], penX: inout Double) throws {
        guard let buffer = hb_buffer_create() else {
            throw RenderError.fontUnavailable(family: font.family, detail: "HarfBuzz could not allocate a buffer")
        }
        defer { hb_buffer_destroy(buffer) }
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                hb_buffer_add_utf8(buffer, chars.baseAddress, Int32(chars.count),
                                   UInt32(piece.bytes.lowerBound), Int32(piece.bytes.count))
            }
        }
        if !guessDirection { hb_buffer_set_direction(buffer, piece.rightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR) }
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(face.hbFont, buffer, nil, 0)
        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(buffer, &count)
        let positions = hb_buffer_get_glyph_positions(buffer, &count)
        let scale = font.size / face.unitsPerEm
        var penY = 0.0
        guard let infos, let positions else { return }
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

    /// A stretch of text (UTF-8 byte range) shaped with one face in one direction; a nil
    /// face means no installed font covers its characters.
    struct Segment {
        var face: LoadedFace?
        var rightToLeft: Bool
        var bytes: Range<Int>
    }

    /// Splits `text` into runs of one face and one direction, in logical order.
    ///
    /// Face: the requested font's face where it has the character, else fontconfig's best
    /// installed face that has it (`FontRegistry.fallback`); combining marks, joiners and
    /// variation selectors stay with the character before them, and spaces stay in the run
    /// they are in when its face has them. Direction (a left-to-right paragraph, as labels and
    /// cells are): Hebrew, Arabic and the other right-to-left scripts' letters are
    /// right-to-left; spaces and punctuation between two right-to-left letters join them;
    /// everything else (Latin, CJK, digits) is left-to-right.
    static func segments(of text: String, font: Font, primary: LoadedFace) throws -> [Segment] {
        enum Direction { case ltr, rtl, neutral }
        var faces: [LoadedFace?] = []
        var directions: [Direction] = []
        var ranges: [Range<Int>] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            let length = String(scalar).utf8.count
            ranges.append(offset..<offset + length)
            offset += length
            let previousFace: LoadedFace?? = faces.last
            let properties = scalar.properties
            let inherits = [.nonspacingMark, .enclosingMark, .spacingMark].contains(properties.generalCategory)
                || (0x200C...0x200D).contains(scalar.value) || (0xFE00...0xFE0F).contains(scalar.value)
                || (0xE0100...0xE01EF).contains(scalar.value)
            if inherits, let previousFace {
                faces.append(previousFace)
                directions.append(directions.last ?? .ltr)
                continue
            }
            if properties.isWhitespace, let previousFace, let face = previousFace, face.covers(scalar) {
                faces.append(face)
            } else if primary.covers(scalar) {
                faces.append(primary)
            } else {
                faces.append(try FontRegistry.shared.fallback(for: scalar, font: font))
            }
            if isRightToLeft(scalar) {
                directions.append(.rtl)
            } else if properties.isWhitespace || isPunctuation(properties.generalCategory) {
                directions.append(.neutral)
            } else {
                directions.append(.ltr)
            }
        }
        // A neutral is right-to-left only between two right-to-left characters.
        var resolved = directions
        for i in resolved.indices where resolved[i] == .neutral {
            let before = directions[..<i].last(where: { $0 != .neutral })
            let after = directions[(i + 1)...].first(where: { $0 != .neutral })
            resolved[i] = before == .rtl && after == .rtl ? .rtl : .ltr
        }
        var result: [Segment] = []
        for i in ranges.indices {
            let rtl = resolved[i] == .rtl
            if let last = result.last, last.rightToLeft == rtl, last.face === faces[i] {
                result[result.count - 1].bytes = last.bytes.lowerBound..<ranges[i].upperBound
            } else {
                result.append(Segment(face: faces[i], rightToLeft: rtl, bytes: ranges[i]))
            }
        }
        return result
    }

    /// `segments` in drawing order: each maximal sequence of right-to-left segments reversed.
    static func visualOrder(_ segments: [Segment]) -> [Segment] {
        var ordered: [Segment] = []
        var i = 0
        while i < segments.count {
            var j = i
            while j < segments.count && segments[j].rightToLeft { j += 1 }
            if j > i {
                ordered.append(contentsOf: segments[i..<j].reversed())
                i = j
            } else {
                ordered.append(segments[i])
                i += 1
            }
        }
        return ordered
    }

    /// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
    /// Mandaic and their presentation forms and historic scripts).
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        guard !scalar.properties.isWhitespace, !isPunctuation(scalar.properties.generalCategory) else { return false }
        return isRightToLeftBlock(v)
    }

    /// Whether `v` is in a block of a right-to-left script (letters, digits or punctuation).
    static func isRightToLeftBlock(_ v: UInt32) -> Bool {
        (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
            || (0x10800...0x10FFF).contains(v) || (0x1E800...0x1EFFF).contains(v)
    }

    private static func isPunctuation(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
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

    /// `text` if it is at most `width` points wide, else its longest prefix (whole
    /// characters, trailing spaces and separators dropped) followed by `ellipsis` that fits.
    public static func truncate(_ text: String, font: Font, width: Double, ellipsis: String = "…") throws -> String {
        guard try self.width(of: text, font: font) > width else { return text }
        let characters = Array(text)
        func candidate(_ count: Int) -> String {
            var prefix = String(characters[..<count])
            while let last = prefix.last, last.isWhitespace || ",;:-–—(/+（，、：；".contains(last) { prefix.removeLast() }
            return prefix + ellipsis
        }
        // Widths grow with the prefix (up to trimmed separators): binary search the longest fit.
        var low = 0, high = characters.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if try self.width(of: candidate(mid), font: font) <= width { low = mid } else { high = mid - 1 }
        }
        return candidate(low)
    }

    /// Characters a long word may break after ("Clinical+Radiomics+" / "DL", "a/" / "b").
    static let breakAfter: Set<Character> = ["+", "/", "-", "_", ")", "]", ",", ";", "|", "&", "–", "—"]

    /// Splits a word into pieces that each fit `width` (at least one character per piece),
    /// preferably after a `breakAfter` character in the second half of the piece, else
    /// between any two characters.
    static func splitLongWord(_ word: String, font: Font, width: Double) throws -> [String] {
        var pieces: [String] = []
        var current: [Character] = []
        for character in word {
            let candidate = String(current) + String(character)
            if !current.isEmpty, try self.width(of: candidate, font: font) > width {
                if let cut = current.lastIndex(where: { breakAfter.contains($0) }), cut + 1 < current.count,
                   2 * (cut + 1) >= current.count {
                    pieces.append(String(current[...cut]))
                    current = Array(current[(cut + 1)...]) + [character]
                    // The carried part plus this character may still be too wide (one character per piece at worst).
                    while current.count > 1, try self.width(of: String(current), font: font) > width {
                        pieces.append(String(current.dropLast()))
                        current = [current.last!]
                    }
                } else {
                    pieces.append(String(current))
                    current = [character]
                }
            } else {
                current.append(character)
            }
        }
        pieces.append(String(current))
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
