import Foundation

/// Reads single-frame grayscale DICOM images with uncompressed pixel data in implicit or
/// explicit VR little endian (the usual for digital mammograms, "For Processing" or
/// "For Presentation"). Rescale slope/intercept are applied; MONOCHROME1 images are
/// inverted (value → min + max − value over the stored range) so that brighter means denser
/// as in MONOCHROME2. Spacing from Pixel Spacing, else Imager Pixel Spacing, else 1 mm
/// (DICOM lists row spacing first, i.e. y then x). A compressed transfer syntax (JPEG,
/// JPEG 2000, RLE, ...) is an error naming it.
enum DICOMReader {
    private static let explicitLittle = "1.2.840.10008.1.2.1"
    private static let implicitLittle = "1.2.840.10008.1.2"

    /// What the header says about the pixel data and the geometry, and where the pixel data lie.
    struct Header {
        var rows: Int
        var columns: Int
        var type: ScalarType
        /// Bits stored when fewer than allocated for an unsigned type (values are taken modulo 2^bitsStored).
        var storedModulus: Double?
        var monochrome1: Bool
        var slope: Double
        var intercept: Double
        var spacing: [Double]
        var origin: [Double]
        var direction: [Double]
        /// Byte range of the Pixel Data element's value in the file.
        var pixelData: Range<Int>

        /// The stored value → pixel value steps before MONOCHROME1 inversion (masking to bits stored).
        @inline(__always) func stored(_ v: Double) -> Double {
            // Only unsigned samples (non-negative integers) have a modulus, a power of two: the
            // remainder is the low bits (exactly `v.truncatingRemainder(dividingBy:)`, without fmod).
            if let storedModulus { return Double(UInt64(v) & (UInt64(storedModulus) - 1)) }
            return v
        }

        var rescaled: Bool { slope != 1 || intercept != 0 }

        /// Checks that the pixel data hold rows · columns samples (the message of `ScalarType.decode`).
        func checkLength(path: String) throws {
            let needed = rows * columns * type.byteCount
            guard pixelData.count >= needed else {
                throw ImagingError.malformed(path: path, detail: "pixel data holds \(pixelData.count) bytes, header needs \(needed)")
            }
        }
    }

    static func read(_ url: URL) throws -> ImageVolume {
        let path = url.path
        let data = try ImageReader.load(url)
        let header = try data.withUnsafeBytes { try parseHeader($0, path: path) }
        let (rows, columns, type) = (header.rows, header.columns, header.type)
        var voxels = try type.decode(data, offset: header.pixelData.lowerBound, count: rows * columns,
                                     bigEndian: false, path: path, available: header.pixelData.count)
        if header.storedModulus != nil {
            for i in voxels.indices { voxels[i] = header.stored(voxels[i]) }
        }
        if header.monochrome1 {
            let lo = voxels.min() ?? 0, hi = voxels.max() ?? 0
            for i in voxels.indices { voxels[i] = lo + hi - voxels[i] }
        }
        let (slope, intercept) = (header.slope, header.intercept)
        if header.rescaled {
            for i in voxels.indices { voxels[i] = voxels[i] * slope + intercept }
        }
        var image = try ImageVolume(size: (columns, rows, 1), dimension: 2, spacing: header.spacing, origin: header.origin,
                                    direction: header.direction, voxels: voxels)
        image.integerRange = header.rescaled ? nil : type.integerRange
        return image
    }

    /// The rectangle `rows` × `columns` of the image `read(url)` returns (row-major, as Float),
    /// reading only those rows of the memory-mapped file (and, for MONOCHROME1, scanning all
    /// samples once for the inversion's minimum and maximum). Values equal `read(url)`'s bit
    /// for bit: the same Double steps, then `Float(_:)`.
    /// - Parameter check: called with (columns, rows) of the image before any pixel is read
    ///   (e.g. to compare with the mask's size); `box` is then called with the same to choose
    ///   the rectangle.
    static func readRectangle(_ url: URL, check: (Int, Int) throws -> Void,
                              box: (Int, Int) throws -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)) throws
        -> (pixels: [Float], width: Int, height: Int) {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ImagingError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try data.withUnsafeBytes { raw in
            let header = try parseHeader(raw, path: path)
            try header.checkLength(path: path)
            try check(header.columns, header.rows)
            let (rows, columns) = try box(header.columns, header.rows)
            let type = header.type, size = type.byteCount
            let base = raw.baseAddress! + header.pixelData.lowerBound
            var lo = 0.0, hi = 0.0
            if header.monochrome1 {
                // min/max over every stored value, as `read` (a whole row at a time).
                var line = [Double](repeating: 0, count: header.columns)
                var first = true
                for y in 0..<header.rows {
                    line.withUnsafeMutableBufferPointer { type.decode(base + y * header.columns * size, count: header.columns, into: $0.baseAddress!) }
                    for v in line {
                        let s = header.stored(v)
                        if first { lo = s; hi = s; first = false } else { lo = Swift.min(lo, s); hi = Swift.max(hi, s) }
                    }
                }
            }
            let width = columns.count, height = rows.count
            if type == .uint16 && !header.monochrome1 && !header.rescaled {
                // Mammograms' usual case: the stored bits as they are, straight to Float (exact,
                // as through Double), with no per-sample branches.
                let mask = UInt16(truncatingIfNeeded: header.storedModulus.map { Int($0) - 1 } ?? 0xFFFF)
                let pixels = [Float](unsafeUninitializedCapacity: width * height) { out, initialized in
                    for (k, y) in rows.enumerated() {
                        let src = base + (y * header.columns + columns.lowerBound) * 2
                        let dst = out.baseAddress! + k * width
                        for x in 0..<width {
                            dst[x] = Float(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * x, as: UInt16.self)) & mask)
                        }
                    }
                    initialized = width * height
                }
                return (pixels, width, height)
            }
            var line = [Double](repeating: 0, count: width)
            var pixels = [Float](repeating: 0, count: width * height)
            for (k, y) in rows.enumerated() {
                line.withUnsafeMutableBufferPointer {
                    type.decode(base + (y * header.columns + columns.lowerBound) * size, count: width, into: $0.baseAddress!)
                }
                for x in 0..<width {
                    var v = header.stored(line[x])
                    if header.monochrome1 { v = lo + hi - v }
                    if header.rescaled { v = v * header.slope + header.intercept }
                    pixels[k * width + x] = Float(v)
                }
            }
            return (pixels, width, height)
        }
    }

    /// Walks the elements up to the Pixel Data and interprets the image-pixel module.
    static func parseHeader(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Header {
        var parser = Parser(bytes: bytes, path: path)
        if bytes.count >= 132, bytes[128...131].elementsEqual(Array("DICM".utf8)) {
            parser.position = 132
        }
        // Meta group 0002 is always explicit VR little endian.
        var syntax = implicitLittle
        var explicit = true
        var elements: [UInt32: [UInt8]] = [:]
        var pixelData: Range<Int>?
        while parser.position + 8 <= bytes.count {
            let group = parser.peekGroup()
            if group != 0x0002 && parser.position > 0 && explicit && elements[0x0002_0010] != nil {
                syntax = String(decoding: elements[0x0002_0010]!.filter { $0 != 0 && $0 != 0x20 }, as: UTF8.self)
                guard syntax == explicitLittle || syntax == implicitLittle else {
                    throw ImagingError.unsupportedEncoding(path: path, detail: "DICOM transfer syntax \(syntax) (\(syntaxName(syntax))) is compressed or big endian; decompress it first, e.g. `gdcmconv --raw` or `dcmdjpeg`")
                }
                explicit = syntax == explicitLittle
                elements[0x0002_0010] = nil
                elements[0xFFFF_0010] = Array(syntax.utf8)
            } else if group != 0x0002 && elements[0xFFFF_0010] == nil && elements[0x0002_0010] == nil {
                explicit = parser.looksExplicit()
                elements[0xFFFF_0010] = []
            }
            let element = try parser.next(explicit: explicit || group == 0x0002)
            if element.tag == 0x7FE0_0010 {
                guard element.length != 0xFFFF_FFFF else {
                    throw ImagingError.unsupportedEncoding(path: path, detail: "encapsulated (compressed) pixel data; decompress it first")
                }
                pixelData = element.value
                break
            }
            if let value = element.value { elements[element.tag] = Array(bytes[value]) }
        }
        guard let pixelRange = pixelData else {
            throw ImagingError.malformed(path: path, detail: "no Pixel Data element (7FE0,0010)")
        }
        func uint16(_ tag: UInt32) -> Int? {
            guard let v = elements[tag], v.count >= 2 else { return nil }
            return Int(v[0]) | Int(v[1]) << 8
        }
        func text(_ tag: UInt32) -> String? {
            elements[tag].map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\0"))) }
        }
        func numbers(_ tag: UInt32) -> [Double] {
            (text(tag) ?? "").split(separator: "\\").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        }
        guard let rows = uint16(0x0028_0010), let columns = uint16(0x0028_0011), rows > 0, columns > 0 else {
            throw ImagingError.malformed(path: path, detail: "missing Rows/Columns")
        }
        let frames = Int(text(0x0028_0008) ?? "1") ?? 1
        guard frames == 1 else {
            throw ImagingError.unsupportedEncoding(path: path, detail: "multi-frame DICOM (\(frames) frames)")
        }
        if let samples = uint16(0x0028_0002), samples != 1 {
            throw ImagingError.unsupportedEncoding(path: path, detail: "\(samples) samples per pixel (only grayscale)")
        }
        let bitsAllocated = uint16(0x0028_0100) ?? 16
        let signed = (uint16(0x0028_0103) ?? 0) == 1
        let type: ScalarType
        switch (bitsAllocated, signed) {
        case (8, false): type = .uint8
        case (8, true): type = .int8
        case (16, false): type = .uint16
        case (16, true): type = .int16
        case (32, false): type = .uint32
        case (32, true): type = .int32
        default: throw ImagingError.unsupportedEncoding(path: path, detail: "\(bitsAllocated) bits allocated")
        }
        var storedModulus: Double?
        if let bitsStored = uint16(0x0028_0101), bitsStored < bitsAllocated, !signed {
            storedModulus = Double(1 << bitsStored)
        }
        let monochrome1 = (text(0x0028_0004) ?? "").uppercased() == "MONOCHROME1"
        let slope = numbers(0x0028_1053).first ?? 1, intercept = numbers(0x0028_1052).first ?? 0
        var spacingRC = numbers(0x0028_0030)
        if spacingRC.count < 2 { spacingRC = numbers(0x0018_1164) }
        let spacing = spacingRC.count >= 2 && spacingRC[0] > 0 && spacingRC[1] > 0 ? [spacingRC[1], spacingRC[0], 1] : [1.0, 1, 1]
        var origin = [0.0, 0, 0]
        let position = numbers(0x0020_0032)
        if position.count == 3 { origin = position }
        var direction = [1.0, 0, 0, 0, 1, 0, 0, 0, 1]
        let cosines = numbers(0x0020_0037)
        if cosines.count == 6 {
            let r = Array(cosines[0..<3]), c = Array(cosines[3..<6])
            let n = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]]
            direction = [r[0], c[0], n[0], r[1], c[1], n[1], r[2], c[2], n[2]]
        }
        return Header(rows: rows, columns: columns, type: type, storedModulus: storedModulus, monochrome1: monochrome1,
                      slope: slope, intercept: intercept, spacing: spacing, origin: origin, direction: direction,
                      pixelData: pixelRange)
    }

    private static func syntaxName(_ uid: String) -> String {
        switch uid {
        case "1.2.840.10008.1.2.2": return "Explicit VR Big Endian"
        case "1.2.840.10008.1.2.1.99": return "Deflated Explicit VR Little Endian"
        case "1.2.840.10008.1.2.4.50": return "JPEG Baseline"
        case "1.2.840.10008.1.2.4.51": return "JPEG Extended"
        case "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70": return "JPEG Lossless"
        case "1.2.840.10008.1.2.4.80": return "JPEG-LS Lossless"
        case "1.2.840.10008.1.2.4.81": return "JPEG-LS Near-Lossless"
        case "1.2.840.10008.1.2.4.90": return "JPEG 2000 Lossless"
        case "1.2.840.10008.1.2.4.91": return "JPEG 2000"
        case "1.2.840.10008.1.2.5": return "RLE Lossless"
        default: return "unsupported transfer syntax"
        }
    }

    /// A minimal little-endian DICOM element walker (skips sequences, including undefined-length ones).
    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        let path: String
        var position = 0

        struct Element { var tag: UInt32; var length: UInt32; var value: Range<Int>? }

        func u16(_ o: Int) -> UInt32 { UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> UInt32 { u16(o) | u16(o + 2) << 16 }
        func peekGroup() -> UInt32 { u16(position) }

        /// Whether the element at the cursor has a two-letter VR (explicit VR).
        func looksExplicit() -> Bool {
            guard position + 6 <= bytes.count else { return false }
            let a = bytes[position + 4], b = bytes[position + 5]
            return (65...90).contains(a) && (65...90).contains(b)
        }

        mutating func next(explicit: Bool) throws -> Element {
            guard position + 8 <= bytes.count else { throw truncated() }
            let tag = u16(position) << 16 | u16(position + 2)
            var length: UInt32
            var vr = ""
            if tag == 0xFFFE_E000 || tag == 0xFFFE_E00D || tag == 0xFFFE_E0DD {
                length = u32(position + 4); position += 8
                if tag != 0xFFFE_E000 { return Element(tag: tag, length: 0, value: nil) }
            } else if explicit {
                vr = String(decoding: bytes[(position + 4)..<(position + 6)], as: UTF8.self)
                if ["OB", "OW", "OF", "SQ", "UT", "UN", "UC", "UR", "OD", "OL", "OV", "SV", "UV"].contains(vr) {
                    guard position + 12 <= bytes.count else { throw truncated() }
                    length = u32(position + 8); position += 12
                } else {
                    length = u16(position + 6); position += 8
                }
            } else {
                length = u32(position + 4); position += 8
            }
            if length == 0xFFFF_FFFF {
                if tag == 0x7FE0_0010 { return Element(tag: tag, length: length, value: nil) }
                try skipUndefined(explicit: explicit)
                return Element(tag: tag, length: length, value: nil)
            }
            let end = position + Int(length)
            guard end <= bytes.count else { throw truncated() }
            defer { position = end }
            if vr == "SQ" || tag == 0xFFFE_E000 { return Element(tag: tag, length: length, value: nil) }
            return Element(tag: tag, length: length, value: position..<end)
        }

        /// Skips an undefined-length sequence or item up to its delimiter.
        private mutating func skipUndefined(explicit: Bool) throws {
            while position + 8 <= bytes.count {
                let element = try next(explicit: explicit)
                if element.tag == 0xFFFE_E0DD || element.tag == 0xFFFE_E00D { return }
            }
            throw truncated()
        }

        func truncated() -> ImagingError { .malformed(path: path, detail: "truncated DICOM element at byte \(position)") }
    }
}
