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

    static func read(_ url: URL) throws -> ImageVolume {
        let path = url.path
        let bytes = [UInt8](try ImageReader.load(url))
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
        var voxels = try type.decode(Data(bytes[pixelRange]), offset: 0, count: rows * columns, bigEndian: false, path: path)
        if let bitsStored = uint16(0x0028_0101), bitsStored < bitsAllocated, !signed {
            let mask = Double(1 << bitsStored)
            for i in voxels.indices { voxels[i] = voxels[i].truncatingRemainder(dividingBy: mask) }
        }
        if (text(0x0028_0004) ?? "").uppercased() == "MONOCHROME1" {
            let lo = voxels.min() ?? 0, hi = voxels.max() ?? 0
            for i in voxels.indices { voxels[i] = lo + hi - voxels[i] }
        }
        let slope = numbers(0x0028_1053).first ?? 1, intercept = numbers(0x0028_1052).first ?? 0
        if slope != 1 || intercept != 0 {
            for i in voxels.indices { voxels[i] = voxels[i] * slope + intercept }
        }
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
        var image = try ImageVolume(size: (columns, rows, 1), dimension: 2, spacing: spacing, origin: origin,
                                    direction: direction, voxels: voxels)
        image.integerRange = slope != 1 || intercept != 0 ? nil : type.integerRange
        return image
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
        let bytes: [UInt8]
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
