import Foundation
import SentinelPNG

extension DeepFeatureExtractor {
    /// The network's view of one ROI read from files: exactly the `plane(image:mask:label:)` of
    /// `ImageReader.read(image)` and `ImageReader.read(mask)` cut down to its
    /// `preprocessing.cropBox` (so the network input is unchanged).
    ///
    /// When both files are PNG the full-size images are never built: the mask is decoded first
    /// (in its own 8/16-bit samples; an 8-bit mask in one pass that unfilters and finds the
    /// label's box, into a buffer reused from mask to mask, `PNGGrayDecoder.scanLabel`) to find
    /// the ROI's crop rectangle, then the image is
    /// inflated only down to the rectangle's last row, its rows unfiltered only up to the
    /// rectangle's last column and, above the rectangle, only from the last row whose filter
    /// does not read the row above (`PNGGrayDecoder.skipRows(to:)`, `readRows(through:columns:)`),
    /// and only the rectangle's samples are kept.
    ///
    /// When the image is an uncompressed DICOM file (`.dcm`, `.dicom`), it is memory-mapped and
    /// only the rectangle's rows of its pixel data are read (with the full reader's bits-stored
    /// masking, MONOCHROME1 inversion over the whole image's range, rescale slope/intercept);
    /// the mask is a PNG decoded as above or any 2D mask `ImageReader` reads. Other formats go
    /// through `ImageReader`.
    /// - Throws: `ImagingError` (unreadable file, size mismatch, label absent, non-finite crop).
    public static func readCrop(image: URL, mask: URL, label: Int,
                                preprocessing: DeepPreprocessing = DeepPreprocessing()) throws -> DeepInput {
        let imageName = image.lastPathComponent.lowercased()
        if imageName.hasSuffix(".dcm") || imageName.hasSuffix(".dicom") {
            return try dicomCrop(image: image, mask: mask, label: label, preprocessing: preprocessing)
        }
        guard image.pathExtension.lowercased() == "png", mask.pathExtension.lowercased() == "png" else {
            return try croppedPlane(image: ImageReader.read(image), mask: ImageReader.read(mask), label: label, path: image.path,
                                    preprocessing: preprocessing)
        }
        try preprocessing.validate()
        let imageDecoder = try openPNG(image)
        let maskDecoder = try openPNG(mask)
        guard imageDecoder.width == maskDecoder.width, imageDecoder.height == maskDecoder.height else {
            throw ImagingError.geometryMismatch(
                "image size \([imageDecoder.width, imageDecoder.height, 1]) vs mask size \([maskDecoder.width, maskDecoder.height, 1])")
        }
        return maskDecoder.bitDepth == 16
            ? try crop(imageDecoder, image: image.path, mask: labelledMask(maskDecoder, UInt16.self, path: mask.path, label: label),
                       preprocessing: preprocessing)
            : try crop(imageDecoder, image: image.path, mask: labelledMask(maskDecoder, UInt8.self, path: mask.path, label: label),
                       preprocessing: preprocessing)
    }

    /// The rows of a decoded mask that hold `label` (the whole 8-bit mask scanned in one pass,
    /// `scan`; else the rows that hold it, keyed by row) and the bounding box of its `label`
    /// samples.
    private struct LabelledMask<T: PNGSample> {
        var rows: [Int: [T]] = [:]
        var scan: PNGLabelScan?
        var label: T
        var box: DeepPreprocessing.Box

        /// Sets `labels[row · crop.width + column]` to 1 where the mask holds `label` in `crop`.
        func fill(_ crop: DeepPreprocessing.Box, into labels: inout [Int32]) {
            for row in 0..<crop.height {
                let y = crop.firstRow + row
                if let scan {
                    // The scan is of UInt8 samples (`T` is UInt8).
                    let line = scan.row(y), target = scan.value
                    guard memchr(line.baseAddress! + crop.firstColumn, Int32(target), crop.width) != nil else { continue }
                    for column in 0..<crop.width where line[crop.firstColumn + column] == target {
                        labels[row * crop.width + column] = 1
                    }
                } else if let line = rows[y] {
                    for column in 0..<crop.width where line[crop.firstColumn + column] == label {
                        labels[row * crop.width + column] = 1
                    }
                }
            }
        }
    }

    /// Opens a PNG after the readability check `ImageReader.read` makes.
    private static func openPNG(_ url: URL) throws -> PNGGrayDecoder {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ImagingError.unreadable(path: url.path, reason: "no such readable file")
        }
        return try PNGReader.open(url)
    }

    /// Decodes the whole mask, keeping only its rows that hold `label`, and finds their
    /// bounding box.
    private static func labelledMask<T: PNGSample>(_ decoder: PNGGrayDecoder, _: T.Type, path: String,
                                                   label: Int) throws -> LabelledMask<T> {
        let target = T(exactly: label)
        if T.self == UInt8.self, let target, let scan = decoder.scanLabel(UInt8(target)) {
            guard let box = scan.box else {
                let present = (try? ImageReader.read(URL(fileURLWithPath: path)).presentLabels) ?? []
                throw ImagingError.labelAbsent(label: label, present: present)
            }
            return LabelledMask(scan: scan, label: target,
                                box: .init(firstRow: box.rows.lowerBound, lastRow: box.rows.upperBound,
                                           firstColumn: box.columns.lowerBound, lastColumn: box.columns.upperBound))
        }
        var rows: [Int: [T]] = [:]
        var firstRow = Int.max, lastRow = -1, firstColumn = Int.max, lastColumn = -1
        do {
            try decoder.readRows(through: decoder.height - 1) { (row, line: UnsafeBufferPointer<T>) in
                guard let target, let first = firstIndex(of: target, in: line) else { return }
                let last = line.lastIndex(of: target)!
                if firstRow == Int.max { firstRow = row }
                lastRow = row
                firstColumn = min(firstColumn, first)
                lastColumn = max(lastColumn, last)
                rows[row] = Array(line)
            }
        } catch let error as PNGError {
            throw ImagingError.unreadable(path: path, reason: "\(error)")
        }
        guard let target, lastRow >= 0 else {
            // Rare: read the mask again for the labels it does hold.
            let present = (try? ImageReader.read(URL(fileURLWithPath: path)).presentLabels) ?? []
            throw ImagingError.labelAbsent(label: label, present: present)
        }
        return LabelledMask(rows: rows, label: target,
                            box: .init(firstRow: firstRow, lastRow: lastRow, firstColumn: firstColumn, lastColumn: lastColumn))
    }

    /// `line.firstIndex(of: value)`, with `memchr` for bytes (mask rows are mostly background).
    private static func firstIndex<T: PNGSample>(of value: T, in line: UnsafeBufferPointer<T>) -> Int? {
        guard T.self == UInt8.self, let base = line.baseAddress else { return line.firstIndex(of: value) }
        guard let hit = memchr(base, Int32(value), line.count) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    /// The widened crop of the image rows and its mask, decoding the image no further than the
    /// crop's last row.
    private static func crop<M: PNGSample>(_ decoder: PNGGrayDecoder, image path: String, mask: LabelledMask<M>,
                                           preprocessing: DeepPreprocessing) throws -> DeepInput {
        let box = preprocessing.widened(mask.box, width: decoder.width, height: decoder.height)
        var pixels = [Float](repeating: 0, count: box.width * box.height)
        var labels = [Int32](repeating: 0, count: box.width * box.height)
        mask.fill(box, into: &labels)
        func copy<T: PNGSample>(_: T.Type) throws {
            decoder.skipRows(to: box.firstRow)
            try pixels.withUnsafeMutableBufferPointer { out in
                try decoder.readRows(through: box.lastRow, columns: box.firstColumn..<(box.lastColumn + 1)) {
                    (row, samples: UnsafeBufferPointer<T>) in
                    let base = (row - box.firstRow) * box.width
                    for column in 0..<box.width { out[base + column] = Float(samples[column]) }
                }
            }
        }
        do {
            if decoder.bitDepth == 16 { try copy(UInt16.self) } else { try copy(UInt8.self) }
        } catch let error as PNGError {
            throw ImagingError.unreadable(path: path, reason: "\(error)")
        }
        return DeepInput(pixels: pixels, width: box.width, height: box.height, mask: labels, label: 1)
    }

    /// The DICOM image path of `readCrop`: the mask's ROI box first, then only the crop's rows
    /// of the memory-mapped pixel data.
    private static func dicomCrop(image: URL, mask: URL, label: Int, preprocessing: DeepPreprocessing) throws -> DeepInput {
        try preprocessing.validate()
        guard FileManager.default.isReadableFile(atPath: image.path) else {
            throw ImagingError.unreadable(path: image.path, reason: "no such readable file")
        }
        // The mask's label box and a function filling the crop's labels, from a PNG mask
        // (streamed) or any other 2D mask `ImageReader` reads; a 3D mask goes the full way.
        let maskSize: (width: Int, height: Int)
        let maskBox: () throws -> DeepPreprocessing.Box
        let fillLabels: (DeepPreprocessing.Box, inout [Int32]) -> Void
        if mask.pathExtension.lowercased() == "png" {
            let decoder = try openPNG(mask)
            maskSize = (decoder.width, decoder.height)
            func streamed<T: PNGSample>(_: T.Type) -> (() throws -> DeepPreprocessing.Box, (DeepPreprocessing.Box, inout [Int32]) -> Void) {
                var labelled: LabelledMask<T>?
                return ({
                    let m = try labelledMask(decoder, T.self, path: mask.path, label: label)
                    labelled = m
                    return m.box
                }, { box, labels in labelled?.fill(box, into: &labels) })
            }
            (maskBox, fillLabels) = decoder.bitDepth == 16 ? streamed(UInt16.self) : streamed(UInt8.self)
        } else {
            let volume = try ImageReader.read(mask)
            guard volume.size.2 == 1 else {
                return try croppedPlane(image: ImageReader.read(image), mask: volume, label: label, path: image.path,
                                        preprocessing: preprocessing)
            }
            maskSize = (volume.size.0, volume.size.1)
            let target = Double(label), w = volume.size.0
            maskBox = {
                var r0 = Int.max, r1 = -1, c0 = Int.max, c1 = -1
                for row in 0..<volume.size.1 {
                    for column in 0..<w where volume.voxels[row * w + column] == target {
                        r0 = min(r0, row); r1 = row
                        c0 = min(c0, column); c1 = max(c1, column)
                    }
                }
                guard r1 >= 0 else { throw ImagingError.labelAbsent(label: label, present: volume.presentLabels) }
                return .init(firstRow: r0, lastRow: r1, firstColumn: c0, lastColumn: c1)
            }
            fillLabels = { box, labels in
                for row in 0..<box.height {
                    for column in 0..<box.width
                    where volume.voxels[(box.firstRow + row) * w + box.firstColumn + column] == target {
                        labels[row * box.width + column] = 1
                    }
                }
            }
        }
        var box: DeepPreprocessing.Box?
        let crop = try DICOMReader.readRectangle(image, check: { width, height in
            guard width == maskSize.width, height == maskSize.height else {
                throw ImagingError.geometryMismatch(
                    "image size \([width, height, 1]) vs mask size \([maskSize.width, maskSize.height, 1])")
            }
        }, box: { width, height in
            let widened = preprocessing.widened(try maskBox(), width: width, height: height)
            box = widened
            return (widened.firstRow...widened.lastRow, widened.firstColumn...widened.lastColumn)
        })
        guard crop.pixels.allSatisfy(\.isFinite) else {
            throw ImagingError.malformed(path: image.path, detail: "the ROI crop holds non-finite intensities (NaN or infinity)")
        }
        var labels = [Int32](repeating: 0, count: crop.width * crop.height)
        fillLabels(box!, &labels)
        return DeepInput(pixels: crop.pixels, width: crop.width, height: crop.height, mask: labels, label: 1)
    }
}
