import Foundation

/// Writes images as NRRD0004 files (single file, little endian, gzip or raw) with their
/// geometry in LPS space, readable by `ImageReader`, SimpleITK/PyRadiomics and 3D Slicer.
public enum NRRDWriter {
    /// Pixel types for writing; values are rounded and clamped for integer types.
    public enum PixelType: String, Sendable { case uint8 = "uchar", int16 = "short", uint16 = "ushort", float64 = "double" }

    /// Writes `image` to `url`.
    public static func write(_ image: ImageVolume, to url: URL, pixelType: PixelType = .int16, gzip: Bool = true) throws {
        let dims = image.dimension == 3 ? 3 : 2
        let sizes = image.sizeXYZ.prefix(dims).map(String.init).joined(separator: " ")
        let directions = (0..<dims).map { axis in
            "(" + (0..<dims).map { row in "\(image.direction[row * 3 + axis] * image.spacing[axis])" }.joined(separator: ",") + ")"
        }.joined(separator: " ")
        let origin = "(" + image.origin.prefix(dims).map { "\($0)" }.joined(separator: ",") + ")"
        var header = "NRRD0004\n# Written by Sentinel\ntype: \(pixelType.rawValue)\ndimension: \(dims)\n"
        header += dims == 3 ? "space: left-posterior-superior\n" : "space dimension: 2\n"
        header += "sizes: \(sizes)\nspace directions: \(directions)\nkinds: \(Array(repeating: "domain", count: dims).joined(separator: " "))\n"
        header += "endian: little\nencoding: \(gzip ? "gzip" : "raw")\nspace origin: \(origin)\n\n"
        // Non-finite values become 0; others are rounded and clamped by the integer types.
        func integer(_ v: Double) -> Int { v.isFinite ? Int(max(min(v.rounded(), 1e15), -1e15)) : 0 }
        var payload = Data()
        switch pixelType {
        case .uint8: payload = Data(image.voxels.map { UInt8(clamping: integer($0)) })
        case .int16: payload = image.voxels.map { Int16(clamping: integer($0)).littleEndian }.withUnsafeBytes { Data($0) }
        case .uint16: payload = image.voxels.map { UInt16(clamping: integer($0)).littleEndian }.withUnsafeBytes { Data($0) }
        case .float64: payload = image.voxels.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
        }
        if gzip { payload = try Gzip.deflate(payload, path: url.path) }
        do { try (Data(header.utf8) + payload).write(to: url) } catch {
            throw ImagingError.unreadable(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
