import CHarfBuzz

/// A TrueType (glyf-outline) face reduced to some of its glyphs, for embedding in a PDF:
/// glyph ids are kept (the glyphs not asked for, and not parts of composite glyphs asked
/// for, are left empty, and the font ends at the highest id kept), so a PDF can name glyphs
/// by their ids in the original face (`/CIDToGIDMap /Identity`).
///
/// Written tables: `head` (long `loca` offsets, checksum adjustment recomputed), `hhea`,
/// `maxp`, `hmtx` (one full metric per glyph, zero for empty ones), `loca`, `glyf`, the
/// hinting tables `cvt `, `fpgm`, `prep` and `OS/2` as they are, a `cmap` with no mappings and
/// a version-3 `post` (no glyph names). OpenType layout, kerning and naming tables are left
/// out: a PDF viewer positions glyphs by the content stream and names fonts by the PDF.
enum TrueTypeSubset {
    struct Failure: Error {
        var reason: String
    }

    /// The subset of `face` keeping `glyphs` (glyph 0, .notdef, is always kept).
    static func make(face: OpaquePointer, glyphs: some Sequence<UInt32>) throws -> [UInt8] {
        let head = table(face, "head"), hhea = table(face, "hhea"), maxp = table(face, "maxp")
        // The big tables are read in place.
        let hmtxTable = Table(face, "hmtx"), locaTable = Table(face, "loca"), glyfTable = Table(face, "glyf")
        let hmtx = hmtxTable.bytes, loca = locaTable.bytes, glyf = glyfTable.bytes
        defer { withExtendedLifetime((hmtxTable, locaTable, glyfTable)) {} }
        guard head.count >= 54, hhea.count >= 36, maxp.count >= 6, !loca.isEmpty else {
            throw Failure(reason: "not a TrueType face with glyf outlines")
        }
        let numGlyphs = Int(u16(maxp, 4))
        let longOffsets = u16(head, 50) != 0
        guard loca.count >= (numGlyphs + 1) * (longOffsets ? 4 : 2) else { throw Failure(reason: "truncated loca table") }
        func glyphRange(_ g: Int) -> Range<Int>? {
            let start = longOffsets ? Int(u32(loca, 4 * g)) : 2 * Int(u16(loca, 2 * g))
            let end = longOffsets ? Int(u32(loca, 4 * g + 4)) : 2 * Int(u16(loca, 2 * g + 2))
            guard start <= end, end <= glyf.count else { return nil }
            return start..<end
        }

        // The glyphs kept: those asked for and, through composite glyphs, their components.
        var kept = [Bool](repeating: false, count: max(1, numGlyphs))
        kept[0] = true
        var work = [0]
        var highest = 0
        for g in glyphs where Int(g) < numGlyphs && !kept[Int(g)] {
            kept[Int(g)] = true
            work.append(Int(g))
        }
        while let g = work.popLast() {
            highest = max(highest, g)
            guard let range = glyphRange(g), range.count >= 10, Int16(bitPattern: u16(glyf, range.lowerBound)) < 0 else { continue }
            var p = range.lowerBound + 10
            while p + 4 <= range.upperBound {
                let flags = u16(glyf, p)
                let component = Int(u16(glyf, p + 2))
                if component < numGlyphs, !kept[component] {
                    kept[component] = true
                    work.append(component)
                }
                p += 4 + (flags & 0x1 != 0 ? 4 : 2)
                if flags & 0x8 != 0 { p += 2 } else if flags & 0x40 != 0 { p += 4 } else if flags & 0x80 != 0 { p += 8 }
                if flags & 0x20 == 0 { break }
            }
        }
        let count = highest + 1

        // glyf and loca (long offsets), each glyph padded to 4 bytes.
        var newGlyf: [UInt8] = []
        var newLoca: [UInt8] = []
        newLoca.reserveCapacity(4 * (count + 1))
        for g in 0..<count {
            put32(&newLoca, UInt32(newGlyf.count))
            if kept[g], let range = glyphRange(g) {
                newGlyf.append(contentsOf: UnsafeRawBufferPointer(rebasing: glyf[range]))
                while newGlyf.count % 4 != 0 { newGlyf.append(0) }
            }
        }
        put32(&newLoca, UInt32(newGlyf.count))

        // hmtx: a full metric for every glyph.
        let metrics = max(1, Int(u16(hhea, 34)))
        var newHmtx: [UInt8] = []
        newHmtx.reserveCapacity(4 * count)
        for g in 0..<count {
            guard kept[g] else { put32(&newHmtx, 0); continue }
            let m = min(g, metrics - 1)
            let advance = 4 * m + 2 <= hmtx.count ? u16(hmtx, 4 * m) : 0
            let lsbOffset = g < metrics ? 4 * g + 2 : 4 * metrics + 2 * (g - metrics)
            let lsb = lsbOffset + 2 <= hmtx.count ? u16(hmtx, lsbOffset) : 0
            put16(&newHmtx, advance)
            put16(&newHmtx, lsb)
        }

        var newHead = head
        set32(&newHead, 8, 0)          // checkSumAdjustment, computed below
        set16(&newHead, 50, 1)         // indexToLocFormat: long
        var newHhea = hhea
        set16(&newHhea, 34, UInt16(count))
        var newMaxp = maxp
        set16(&newMaxp, 4, UInt16(count))
        // cmap: one (3, 1) format-4 subtable with only the closing segment.
        var cmap: [UInt8] = []
        for v: UInt16 in [0, 1, 3, 1] { put16(&cmap, v) }
        put32(&cmap, 12)
        for v: UInt16 in [4, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1, 0] { put16(&cmap, v) }
        var post = Array(table(face, "post").prefix(32))
        if post.count < 32 { post = [UInt8](repeating: 0, count: 32) }
        set32(&post, 0, 0x0003_0000)

        var tables: [(String, [UInt8])] = [
            ("cmap", cmap), ("glyf", newGlyf), ("head", newHead), ("hhea", newHhea), ("hmtx", newHmtx),
            ("loca", newLoca), ("maxp", newMaxp), ("post", post),
        ]
        for tag in ["OS/2", "cvt ", "fpgm", "prep"] {
            let data = table(face, tag)
            if !data.isEmpty { tables.append((tag, data)) }
        }
        tables.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        return assemble(tables)
    }

    /// The sfnt file of `tables` (sorted by tag): offset table, table records, padded tables,
    /// and `head`'s checksum adjustment.
    static func assemble(_ tables: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        let n = tables.count
        out.reserveCapacity(12 + 16 * n + tables.reduce(0) { $0 + ($1.1.count + 3) & ~3 })
        var power = 1, log = 0
        while power * 2 <= n { power *= 2; log += 1 }
        put32(&out, 0x0001_0000)
        put16(&out, UInt16(n))
        put16(&out, UInt16(power * 16))
        put16(&out, UInt16(log))
        put16(&out, UInt16(n * 16 - power * 16))
        var offset = 12 + 16 * n
        var headOffset: Int?
        for (tag, data) in tables {
            out.append(contentsOf: tag.utf8)
            put32(&out, checksum(data))
            put32(&out, UInt32(offset))
            put32(&out, UInt32(data.count))
            if tag == "head" { headOffset = offset }
            offset += (data.count + 3) & ~3
        }
        for (_, data) in tables {
            out.append(contentsOf: data)
            while out.count % 4 != 0 { out.append(0) }
        }
        if let headOffset {
            set32(&out, headOffset + 8, 0xB1B0_AFBA &- checksum(out))
        }
        return out
    }

    /// The sum of the big-endian 32-bit words of `data` (zero-padded), a word at a time.
    static func checksum(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBytes { raw in
            var sum: UInt32 = 0
            let words = raw.count / 4
            for k in 0..<words {
                sum &+= UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self))
            }
            let i = 4 * words
            if i < raw.count {
                var last: UInt32 = 0
                for k in 0..<4 { last = last << 8 | UInt32(i + k < raw.count ? raw[i + k] : 0) }
                sum &+= last
            }
            return sum
        }
    }

    /// The bytes of table `tag` of `face` (empty when absent).
    static func table(_ face: OpaquePointer, _ tag: String) -> [UInt8] {
        let table = Table(face, tag)
        return withExtendedLifetime(table) { [UInt8](table.bytes) }
    }

    /// A table of a face, read in place (valid while this object lives).
    final class Table {
        private let blob: OpaquePointer?
        let bytes: UnsafeRawBufferPointer

        init(_ face: OpaquePointer, _ tag: String) {
            blob = hb_face_reference_table(face, PDFFont.tag(tag))
            var length: UInt32 = 0
            if let blob, let data = hb_blob_get_data(blob, &length), length > 0 {
                bytes = UnsafeRawBufferPointer(start: data, count: Int(length))
            } else {
                bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            }
        }

        deinit {
            if let blob { hb_blob_destroy(blob) }
        }
    }

    @inline(__always) static func u16(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
    @inline(__always) static func u32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    @inline(__always) static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
    @inline(__always) static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
    static func put16(_ b: inout [UInt8], _ v: UInt16) { b.append(UInt8(v >> 8)); b.append(UInt8(v & 0xFF)) }
    static func put32(_ b: inout [UInt8], _ v: UInt32) { put16(&b, UInt16(v >> 16)); put16(&b, UInt16(v & 0xFFFF)) }
    static func set16(_ b: inout [UInt8], _ i: Int, _ v: UInt16) { b[i] = UInt8(v >> 8); b[i + 1] = UInt8(v & 0xFF) }
    static func set32(_ b: inout [UInt8], _ i: Int, _ v: UInt32) { set16(&b, i, UInt16(v >> 16)); set16(&b, i + 2, UInt16(v & 0xFFFF)) }
}
