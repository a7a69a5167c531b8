import CCairo
import CHarfBuzz

/// One face's font in a PDF written by `PDFWriter`: the glyphs used, their advance widths
/// (`/W`, thousandths of the em) and the text each one shows (`/ToUnicode`), and, when the
/// document is finished, the embedded TrueType subset.
///
/// Glyph ids are the face's own (CIDs with `/CIDToGIDMap /Identity`): `TrueTypeSubset` keeps
/// them (unused glyphs are left empty) and leaves out the layout tables a PDF viewer never
/// reads.
final class PDFFont {
    let face: LoadedFace
    /// Position in the writer's font list (`/F<index + 1>`).
    let index: Int
    /// Advance widths of the glyphs used (by glyph id; NaN: not used), thousandths of the em,
    /// rounded to 3 decimals.
    private var widths: [Double]
    /// The text (UTF-16) each mapped glyph shows (by glyph id), first mapping kept.
    private var unicode: [[UInt16]?]

    init(face: LoadedFace, index: Int) {
        self.face = face
        self.index = index
        let count = max(1, Int(hb_face_get_glyph_count(hb_font_get_face(face.hbFont))))
        widths = [Double](repeating: .nan, count: count)
        unicode = [[UInt16]?](repeating: nil, count: count)
    }

    /// The widths of `glyphs` as written in `/W` (recording them as used), with one access to
    /// the width table for the whole run.
    func widths(of glyphs: [cairo_glyph_t]) -> [Double] {
        var table = widths
        widths = []
        defer { widths = table }
        var result: [Double] = []
        result.reserveCapacity(glyphs.count)
        for g in glyphs {
            let glyph = Int(g.index)
            if glyph < table.count, !table[glyph].isNaN {
                result.append(table[glyph])
                continue
            }
            if glyph >= table.count {
                table += [Double](repeating: .nan, count: glyph + 1 - table.count)
                unicode += [[UInt16]?](repeating: nil, count: glyph + 1 - unicode.count)
            }
            let advance = Double(hb_font_get_glyph_h_advance(face.hbFont, UInt32(glyph)))
            let w = (advance * 1000 / face.unitsPerEm * 1000).rounded() / 1000
            table[glyph] = w
            result.append(w)
        }
        return result
    }

    /// The glyph ids used, ascending.
    private var usedGlyphs: [UInt32] {
        widths.indices.compactMap { widths[$0].isNaN ? nil : UInt32($0) }
    }

    /// Records the glyphs of a run and the text they show. Returns true when the run's text
    /// cannot be recovered from per-glyph mappings (a cluster of several or no glyphs, a glyph
    /// already mapped to other text, or no cluster map): it then needs `/ActualText`.
    func map(_ glyphs: [cairo_glyph_t], text: ArraySlice<UInt8>, clusters: [TextCluster], backward: Bool) -> Bool {
        _ = widths(of: glyphs)
        guard !clusters.isEmpty else { return !text.isEmpty }
        var irregular = false
        var byte = text.startIndex
        var glyphPosition = backward ? glyphs.count : 0
        for c in clusters {
            guard c.byteCount >= 0, byte + c.byteCount <= text.endIndex,
                  backward ? glyphPosition - c.glyphCount >= 0 : glyphPosition + c.glyphCount <= glyphs.count
            else { return true }
            let bytes = text[byte..<(byte + c.byteCount)]
            byte += c.byteCount
            let first: Int
            if backward {
                glyphPosition -= c.glyphCount
                first = glyphPosition
            } else {
                first = glyphPosition
                glyphPosition += c.glyphCount
            }
            guard c.glyphCount == 1, !bytes.isEmpty else {
                irregular = true
                continue
            }
            let glyph = Int(glyphs[first].index)
            if let known = unicode[glyph] {
                if bytes.count == 1 {
                    if known.count != 1 || known[0] != UInt16(bytes[bytes.startIndex]) { irregular = true }
                } else if known != Array(String(decoding: bytes, as: UTF8.self).utf16) {
                    irregular = true
                }
            } else if bytes.count == 1, bytes[bytes.startIndex] < 0x80 {
                unicode[glyph] = [UInt16(bytes[bytes.startIndex])]
            } else {
                unicode[glyph] = Array(String(decoding: bytes, as: UTF8.self).utf16)
            }
        }
        return irregular
    }

    /// The CIDFont's `/W` array: runs of consecutive glyph ids with their widths.
    func widthsArray() -> String {
        var out = "["
        var previous: UInt32?
        for glyph in usedGlyphs {
            if let p = previous, glyph == p + 1 {
                out += " "
            } else {
                if previous != nil { out += "]" }
                out += " \(glyph) ["
            }
            out += PDFText.number(widths[Int(glyph)])
            previous = glyph
        }
        if previous != nil { out += "]" }
        return out + " ]"
    }

    /// The `/ToUnicode` CMap: each mapped glyph id to its text.
    func toUnicodeCMap() -> String {
        var out = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """
        let mapped = unicode.indices.compactMap { unicode[$0] == nil ? nil : UInt32($0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(mapped.count * 16 + 32 * (mapped.count / 100 + 1))
        var start = 0
        while start < mapped.count {
            let block = mapped[start..<min(mapped.count, start + 100)]
            bytes.append(contentsOf: "\(block.count) beginbfchar\n".utf8)
            for glyph in block {
                bytes.append(UInt8(ascii: "<"))
                PDFText.appendHex4(&bytes, glyph)
                bytes.append(contentsOf: "> <".utf8)
                for unit in unicode[Int(glyph)]! { PDFText.appendHex4(&bytes, UInt32(unit)) }
                bytes.append(contentsOf: ">\n".utf8)
            }
            bytes.append(contentsOf: "endbfchar\n".utf8)
            start += 100
        }
        out += String(decoding: bytes, as: UTF8.self)
        out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return out
    }

    /// Metrics for the font descriptor, thousandths of the em.
    struct Metrics {
        var bbox: [Double]
        var ascent: Double
        var descent: Double
        var capHeight: Double
    }

    struct Embedding {
        /// The TrueType subset.
        var file: [UInt8]
        /// `ABCDEF+PostScriptName`, the tag derived from the name and the glyphs.
        var subsetName: String
        var metrics: Metrics
    }

    /// The subset of the glyphs used (and .notdef), its name and metrics.
    func embedding() throws -> Embedding {
        guard let hbFace = hb_font_get_face(face.hbFont) else {
            throw RenderError.fontUnavailable(family: face.path, detail: "HarfBuzz has no face for the font")
        }
        let used = usedGlyphs
        let file: [UInt8]
        do {
            file = try TrueTypeSubset.make(face: hbFace, glyphs: used)
        } catch let failure as TrueTypeSubset.Failure {
            throw RenderError.fontUnavailable(family: face.path, detail: "cannot embed a subset in the PDF: \(failure.reason)")
        }
        let name = postScriptName(hbFace)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for byte in name.utf8 { mix(byte) }
        for glyph in used { for k in 0..<4 { mix(UInt8(truncatingIfNeeded: glyph >> (8 * k))) } }
        var tag = ""
        for _ in 0..<6 {
            tag.append(Character(Unicode.Scalar(UInt8(65 + hash % 26))))
            hash /= 26
        }
        return Embedding(file: file, subsetName: "\(tag)+\(name)", metrics: metrics(hbFace))
    }

    private func postScriptName(_ hbFace: OpaquePointer) -> String {
        var size: UInt32 = 128
        var buffer = [CChar](repeating: 0, count: 129)
        _ = hb_ot_name_get_utf8(hbFace, hb_ot_name_id_t(HB_OT_NAME_ID_POSTSCRIPT_NAME), nil, &size, &buffer)
        let raw = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let clean = String(raw.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        return clean.isEmpty ? "Font\(index + 1)" : clean
    }

    private func metrics(_ hbFace: OpaquePointer) -> Metrics {
        let scale = 1000 / face.unitsPerEm
        var bbox = [0.0, -face.descent * 1000, 1000, face.ascent * 1000]
        if let head = hb_face_reference_table(hbFace, Self.tag("head")) {
            defer { hb_blob_destroy(head) }
            var length: UInt32 = 0
            if let bytes = hb_blob_get_data(head, &length), length >= 44 {
                let raw = UnsafeRawPointer(bytes)
                func int16(_ offset: Int) -> Double {
                    Double(Int16(bitPattern: UInt16(raw.load(fromByteOffset: offset, as: UInt8.self)) << 8
                                  | UInt16(raw.load(fromByteOffset: offset + 1, as: UInt8.self))))
                }
                bbox = [int16(36) * scale, int16(38) * scale, int16(40) * scale, int16(42) * scale]
            }
        }
        // OS/2 sCapHeight (version 2 and later), else the ascender.
        let os2 = TrueTypeSubset.table(hbFace, "OS/2")
        let capHeight = os2.count >= 90 && TrueTypeSubset.u16(os2, 0) >= 2 ? Int16(bitPattern: TrueTypeSubset.u16(os2, 88)) : 0
        let cap = capHeight > 0 ? Double(capHeight) * scale : face.ascent * 1000
        return Metrics(bbox: bbox.map { $0.rounded() }, ascent: (face.ascent * 1000).rounded(),
                       descent: (-face.descent * 1000).rounded(), capHeight: cap.rounded())
    }

    static func tag(_ s: String) -> UInt32 {
        s.utf8.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
