import Foundation

/// Reads NRRD files (NRRD0001-0005) with attached data, or a detached header (`.nhdr`) with
/// one data file beside it: raw or gzip encoding, any
/// endianness, 2D or 3D, including 3D Slicer `.seg.nrrd` label maps (a leading `list` axis
/// of one layer is dropped). Geometry: `space directions` give spacing (vector norms) and
/// direction cosines, `space origin` the origin; RAS spaces are converted to LPS as ITK does.
enum NRRDReader {
    static func read(_ url: URL) throws -> ImageVolume {
        let path = url.path
        let data = try ImageReader.load(url)
        guard data.starts(with: Array("NRRD".utf8)) else {
            throw ImagingError.malformed(path: path, detail: "missing the NRRD magic line")
        }
        // A detached header (.nhdr) may end at the end of the file.
        let detachedName = url.lastPathComponent.lowercased().hasSuffix(".nhdr")
        guard let headerEnd = findBlankLine(data) ?? (detachedName ? (data.count, data.count) : nil) else {
            throw ImagingError.malformed(path: path, detail: "no blank line ends the header")
        }
        let header = String(decoding: data[0..<headerEnd.start], as: UTF8.self)
        var fields: [String: String] = [:]
        for line in header.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).dropFirst() {
            if line.hasPrefix("#") { continue }
            guard let colon = line.range(of: ":=") ?? line.range(of: ": ") else { continue }
            let key = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
            fields[key] = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        let dataFile = try (fields["data file"] ?? fields["datafile"]).map { try detachedDataFile($0, header: url) }
        guard let typeName = fields["type"], let type = scalarType(typeName) else {
            throw ImagingError.unsupportedEncoding(path: path, detail: "NRRD type '\(fields["type"] ?? "missing")'")
        }
        guard let dimText = fields["dimension"], let dimension = Int(dimText) else {
            throw ImagingError.malformed(path: path, detail: "missing 'dimension'")
        }
        var sizes = (fields["sizes"] ?? "").split(separator: " ").compactMap { Int($0) }
        guard sizes.count == dimension, sizes.allSatisfy({ $0 > 0 }) else {
            throw ImagingError.malformed(path: path, detail: "'sizes' does not list \(dimension) positive sizes")
        }
        var vectors = parseVectors(fields["space directions"] ?? "")
        let kinds = (fields["kinds"] ?? "").split(separator: " ").map { $0.lowercased() }
        // A leading non-spatial axis (Slicer segmentation layers): accept a single layer.
        if dimension == 4 || (vectors.count == dimension && vectors.first == nil && dimension > 2) {
            guard sizes[0] == 1 else {
                throw ImagingError.unsupportedEncoding(path: path, detail: "\(sizes[0]) overlapping segmentation layers; export a label map instead")
            }
            sizes.removeFirst()
            if vectors.count == dimension { vectors.removeFirst() }
        } else if kinds.first == "list" || kinds.first == "vector" {
            throw ImagingError.unsupportedEncoding(path: path, detail: "vector-valued NRRD; a scalar image is needed")
        }
        let spatialDim = sizes.count
        guard spatialDim == 2 || spatialDim == 3 else {
            throw ImagingError.unsupportedEncoding(path: path, detail: "\(spatialDim)-dimensional images (only 2D and 3D)")
        }
        var spacing = [1.0, 1.0, 1.0]
        var direction = [1.0, 0, 0, 0, 1, 0, 0, 0, 1]
        if vectors.count == spatialDim {
            for (axis, vector) in vectors.enumerated() {
                guard let v = vector else { continue }
                let norm = (v.reduce(0) { $0 + $1 * $1 }).squareRoot()
                guard norm > 0 else { continue }
                spacing[axis] = norm
                for row in 0..<3 { direction[row * 3 + axis] = row < v.count ? v[row] / norm : (row == axis ? 1 : 0) }
            }
        } else if let spacings = fields["spacings"] {
            for (axis, s) in spacings.split(separator: " ").compactMap({ Double($0) }).prefix(3).enumerated() where s > 0 && s.isFinite {
                spacing[axis] = s
            }
        }
        var origin = [0.0, 0.0, 0.0]
        if let o = parseVectors(fields["space origin"] ?? "").first, let o {
            for i in 0..<min(3, o.count) { origin[i] = o[i] }
        }
        let space = (fields["space"] ?? "").lowercased()
        if space.hasPrefix("right-anterior") || space == "ras" || space == "scanner-xyz" {
            for axis in 0..<3 { direction[axis] = -direction[axis]; direction[3 + axis] = -direction[3 + axis] }
            origin[0] = -origin[0]; origin[1] = -origin[1]
        }
        // Checked products: sizes from a damaged header must not overflow (a trap) or ask for
        // more voxels than the payload could hold.
        var count = 1
        for size in sizes + [type.byteCount] {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= 1 << 48 else {
                throw ImagingError.malformed(path: path, detail: "'sizes' \(sizes.map(String.init).joined(separator: " ")) is too large")
            }
            count = product
        }
        count /= type.byteCount
        var payload = try dataFile.map { try ImageReader.load($0)[...] } ?? data[headerEnd.end...]
        let encoding = (fields["encoding"] ?? "raw").lowercased()
        switch encoding {
        case "raw": break
        case "gzip", "gz":
            payload = try Gzip.inflate(Data(payload), expectedSize: count * type.byteCount, path: path)[...]
        default:
            throw ImagingError.unsupportedEncoding(path: path, detail: "NRRD encoding '\(encoding)' (use raw or gzip)")
        }
        let bytes = Data(payload)
        let skip = Int(fields["byte skip"] ?? "0") ?? 0
        let offset = skip == -1 ? bytes.count - count * type.byteCount : skip
        let bigEndian = (fields["endian"] ?? "little").lowercased() == "big"
        let voxels = try type.decode(bytes, offset: offset, count: count, bigEndian: bigEndian, path: path)
        let size = (x: sizes[0], y: sizes[1], z: spatialDim == 3 ? sizes[2] : 1)
        var image = try ImageVolume(size: size, dimension: spatialDim, spacing: spacing, origin: origin,
                                    direction: direction, voxels: voxels)
        image.integerRange = type.integerRange
        return image
    }

    /// The one data file a detached header names (`data file: name.raw` or `name.raw.gz`), in
    /// the header's folder or below it. The multi-file forms (`LIST`, a printf pattern) and
    /// paths that leave the header's folder are refused.
    private static func detachedDataFile(_ value: String, header: URL) throws -> URL {
        let parts = value.split(separator: "/").map(String.init)
        guard !value.hasPrefix("LIST"), !value.contains("%"), value.split(separator: " ").count == 1 else {
            throw ImagingError.unsupportedEncoding(path: header.path, detail: "NRRD 'data file: \(value)' spreads the data over several files; "
                                                   + "save the image as a single .nrrd")
        }
        guard !value.hasPrefix("/"), !parts.contains(".."), !value.isEmpty else {
            throw ImagingError.unsupportedEncoding(path: header.path, detail: "NRRD 'data file: \(value)' leaves the header's folder; "
                                                   + "keep the data file beside the .nhdr")
        }
        return header.deletingLastPathComponent().appendingPathComponent(value)
    }

    private static func findBlankLine(_ data: Data) -> (start: Int, end: Int)? {
        let bytes = [UInt8](data.prefix(1 << 20))
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 10 && bytes[i + 1] == 10 { return (i, i + 2) }
            if i + 3 < bytes.count, bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 {
                return (i, i + 4)
            }
            i += 1
        }
        return nil
    }

    /// Parses "(a,b,c) none (d,e,f)" into vectors (nil for `none`).
    private static func parseVectors(_ text: String) -> [[Double]?] {
        var result: [[Double]?] = []
        var rest = Substring(text)
        while let first = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[first...]
            if rest.hasPrefix("none") {
                result.append(nil); rest = rest.dropFirst(4); continue
            }
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else { break }
            let inner = rest[rest.index(after: rest.startIndex)..<close]
            result.append(inner.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) })
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    private static func scalarType(_ name: String) -> ScalarType? {
        switch name.lowercased() {
        case "signed char", "int8", "int8_t": return .int8
        case "uchar", "unsigned char", "uint8", "uint8_t": return .uint8
        case "short", "short int", "signed short", "signed short int", "int16", "int16_t": return .int16
        case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t": return .uint16
        case "int", "signed int", "int32", "int32_t": return .int32
        case "uint", "unsigned int", "uint32", "uint32_t": return .uint32
        case "longlong", "long long", "long long int", "signed long long", "signed long long int", "int64", "int64_t": return .int64
        case "ulonglong", "unsigned long long", "unsigned long long int", "uint64", "uint64_t": return .uint64
        case "float": return .float32
        case "double": return .float64
        default: return nil
        }
    }
}
