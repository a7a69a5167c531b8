import Foundation

/// Reads single-file NIfTI-1 images (`.nii`, `.nii.gz`), 2D or 3D scalar.
///
/// Geometry as ITK reads it: the qform when `qform_code > 0`, else the sform when
/// `sform_code > 0`, else the pixdim diagonal; RAS is converted to LPS (x and y negated).
/// Values are scaled by `scl_slope`/`scl_inter` when the slope is nonzero.
enum NIfTIReader {
    static func read(_ url: URL) throws -> ImageVolume {
        let path = url.path
        var data = try ImageReader.load(url)
        if data.count >= 2, data[data.startIndex] == 0x1f, data[data.startIndex + 1] == 0x8b {
            data = try Gzip.inflate(data, path: path)
        }
        guard data.count >= 348 else { throw ImagingError.malformed(path: path, detail: "shorter than a NIfTI-1 header") }
        let bytes = [UInt8](data.prefix(352))
        let little = readInt32(bytes, 0, bigEndian: false) == 348
        guard little || readInt32(bytes, 0, bigEndian: true) == 348 else {
            throw ImagingError.malformed(path: path, detail: "sizeof_hdr is not 348 (NIfTI-2 is not supported)")
        }
        let big = !little
        func i16(_ o: Int) -> Int { Int(readInt16(bytes, o, bigEndian: big)) }
        func f32(_ o: Int) -> Double {
            Double(Float(bitPattern: UInt32(bitPattern: readInt32(bytes, o, bigEndian: big))))
        }
        let ndim = i16(40)
        guard (2...7).contains(ndim) else { throw ImagingError.malformed(path: path, detail: "dim[0] = \(ndim)") }
        let dims = (1...7).map { i16(40 + 2 * $0) }
        guard ndim <= 3 || dims[3..<ndim].allSatisfy({ $0 <= 1 }) else {
            throw ImagingError.unsupportedEncoding(path: path, detail: "4D or vector NIfTI images (only 2D and 3D scalar)")
        }
        let sizes = [max(dims[0], 1), max(dims[1], 1), ndim >= 3 ? max(dims[2], 1) : 1]
        let type: ScalarType
        switch i16(70) {
        case 2: type = .uint8
        case 4: type = .int16
        case 8: type = .int32
        case 16: type = .float32
        case 64: type = .float64
        case 256: type = .int8
        case 512: type = .uint16
        case 768: type = .uint32
        case 1024: type = .int64
        case 1280: type = .uint64
        case let code: throw ImagingError.unsupportedEncoding(path: path, detail: "NIfTI datatype \(code)")
        }
        let pixdim = (0...7).map { f32(76 + 4 * $0) }
        var spacing = (1...3).map { abs(pixdim[$0]) > 0 ? abs(pixdim[$0]) : 1.0 }
        if ndim == 2 { spacing[2] = 1 }
        let voxOffsetField = f32(108)
        guard voxOffsetField.isFinite, voxOffsetField >= 0, voxOffsetField <= Double(data.count) else {
            throw ImagingError.malformed(path: path, detail: "vox_offset = \(voxOffsetField) is not a byte offset inside the \(data.count)-byte file")
        }
        let voxOffset = Int(voxOffsetField)
        let slope = f32(112), inter = f32(116)
        let qformCode = i16(252), sformCode = i16(254)
        var direction = [1.0, 0, 0, 0, 1, 0, 0, 0, 1]
        var origin = [0.0, 0.0, 0.0]
        if qformCode > 0 {
            let b = f32(256), c = f32(260), d = f32(264)
            let a = max(0, 1 - (b * b + c * c + d * d)).squareRoot()
            let qfac = pixdim[0] < 0 ? -1.0 : 1.0
            direction = [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) * qfac,
                         2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b) * qfac,
                         2 * (b * d - a * c), 2 * (c * d + a * b), (a * a + d * d - c * c - b * b) * qfac]
            origin = [f32(268), f32(272), f32(276)]
        } else if sformCode > 0 {
            for row in 0..<3 {
                for col in 0..<3 { direction[row * 3 + col] = f32(280 + 16 * row + 4 * col) / spacing[col] }
                origin[row] = f32(280 + 16 * row + 12)
            }
        }
        for col in 0..<3 { direction[col] = -direction[col]; direction[3 + col] = -direction[3 + col] }
        origin[0] = -origin[0]; origin[1] = -origin[1]
        let count = sizes.reduce(1, *)
        var voxels = try type.decode(data, offset: max(voxOffset, 348), count: count, bigEndian: big, path: path)
        let scaled = slope != 0 && slope.isFinite && !(slope == 1 && inter == 0)
        if scaled {
            for i in voxels.indices { voxels[i] = voxels[i] * slope + inter }
        }
        var image = try ImageVolume(size: (sizes[0], sizes[1], sizes[2]), dimension: ndim == 2 ? 2 : 3,
                                    spacing: spacing, origin: origin, direction: direction, voxels: voxels)
        image.integerRange = scaled ? nil : type.integerRange
        return image
    }

    private static func readInt32(_ b: [UInt8], _ o: Int, bigEndian: Bool) -> Int32 {
        let v = UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
        return Int32(bitPattern: bigEndian ? v.byteSwapped : v)
    }

    private static func readInt16(_ b: [UInt8], _ o: Int, bigEndian: Bool) -> Int16 {
        let v = UInt16(b[o]) | UInt16(b[o + 1]) << 8
        return Int16(bitPattern: bigEndian ? v.byteSwapped : v)
    }
}
