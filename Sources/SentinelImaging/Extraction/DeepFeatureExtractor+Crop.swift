import Foundation
import SentinelPNG

extension DeepFeatureExtractor {
    /// The network's view of one ROI read from files: exactly
    /// `croppedPlane(image: ImageReader.read(image), mask: ImageReader.read(mask), label:)`.
    ///
    /// When both files are PNG the full-size images are never built: the mask is decoded first
    /// (in its own 8/16-bit samples) to find the ROI's crop rectangle, then the image is decoded
    /// only as far as the rectangle's last row (`PNGGrayDecoder` stops inflating there), and only
    /// the rectangle's samples are kept. Other formats go through `ImageReader`.
    /// - Throws: `ImagingError` (unreadable file, size mismatch, label absent, non-finite crop).
    public func readCrop(image: URL, mask: URL, label: Int) throws -> DeepInput {
        guard image.pathExtension.lowercased() == "png", mask.pathExtension.lowercased() == "png" else {
            return try croppedPlane(image: ImageReader.read(image), mask: ImageReader.read(mask), label: label)
        }
        try preprocessing.validate()
        let imageDecoder = try Self.openPNG(image)
        let maskDecoder = try Self.openPNG(mask)
        guard imageDecoder.width == maskDecoder.width, imageDecoder.height == maskDecoder.height else {
            throw ImagingError.geometryMismatch(
                "image size \([imageDecoder.width, imageDecoder.height, 1]) vs mask size \([maskDecoder.width, maskDecoder.height, 1])")
        }
        return maskDecoder.bitDepth == 16
            ? try crop(imageDecoder, image: image.path, mask: Self.labelledMask(maskDecoder, UInt16.self, path: mask.path, label: label))
            : try crop(imageDecoder, image: image.path, mask: Self.labelledMask(maskDecoder, UInt8.self, path: mask.path, label: label))
    }

    /// A decoded mask and the bounding box of its `label` samples.
    private struct LabelledMask<T: PNGSample> {
        var samples: [T]
        var label: T
        var box: DeepPreprocessing.Box
    }

    /// Opens a PNG after the readability check `ImageReader.read` makes.
    private static func openPNG(_ url: URL) throws -> PNGGrayDecoder {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ImagingError.unreadable(path: url.path, reason: "no such readable file")
        }
        return try PNGReader.open(url)
    }

    /// Decodes the whole mask and finds the bounding box of the samples equal to `label`.
    private static func labelledMask<T: PNGSample>(_ decoder: PNGGrayDecoder, _: T.Type, path: String,
                                                   label: Int) throws -> LabelledMask<T> {
        let width = decoder.width
        var samples = [T]()
        samples.reserveCapacity(width * decoder.height)
        do {
            try decoder.readRows(through: decoder.height - 1) { (_, row: UnsafeBufferPointer<T>) in
                samples.append(contentsOf: row)
            }
        } catch let error as PNGError {
            throw ImagingError.unreadable(path: path, reason: "\(error)")
        }
        guard let target = T(exactly: label) else {
            throw ImagingError.labelAbsent(label: label, present: presentLabels(samples))
        }
        var firstRow = Int.max, lastRow = -1, firstColumn = Int.max, lastColumn = -1
        samples.withUnsafeBufferPointer { m in
            for row in 0..<decoder.height {
                let line = UnsafeBufferPointer(rebasing: m[(row * width)..<((row + 1) * width)])
                guard let first = line.firstIndex(of: target) else { continue }
                let last = line.lastIndex(of: target)!
                if firstRow == Int.max { firstRow = row }
                lastRow = row
                firstColumn = min(firstColumn, first)
                lastColumn = max(lastColumn, last)
            }
        }
        guard lastRow >= 0 else { throw ImagingError.labelAbsent(label: label, present: presentLabels(samples)) }
        return LabelledMask(samples: samples, label: target,
                            box: .init(firstRow: firstRow, lastRow: lastRow, firstColumn: firstColumn, lastColumn: lastColumn))
    }

    /// `ImageVolume.presentLabels` of integer samples.
    private static func presentLabels<T: PNGSample>(_ samples: [T]) -> [Int] {
        var seen = [Bool](repeating: false, count: Int(T.max) + 1)
        for s in samples { seen[Int(s)] = true }
        return seen.indices.filter { $0 != 0 && seen[$0] }
    }

    /// The widened crop of the image rows and its mask, decoding the image no further than the
    /// crop's last row.
    private func crop<M: PNGSample>(_ decoder: PNGGrayDecoder, image path: String, mask: LabelledMask<M>) throws -> DeepInput {
        let box = preprocessing.widened(mask.box, width: decoder.width, height: decoder.height)
        let width = decoder.width
        var pixels = [Float](repeating: 0, count: box.width * box.height)
        var labels = [Int32](repeating: 0, count: box.width * box.height)
        mask.samples.withUnsafeBufferPointer { m in
            for row in 0..<box.height {
                let source = (box.firstRow + row) * width + box.firstColumn
                for column in 0..<box.width where m[source + column] == mask.label { labels[row * box.width + column] = 1 }
            }
        }
        func copy<T: PNGSample>(_: T.Type) throws {
            try pixels.withUnsafeMutableBufferPointer { out in
                try decoder.readRows(through: box.lastRow) { (row, samples: UnsafeBufferPointer<T>) in
                    guard row >= box.firstRow else { return }
                    let base = (row - box.firstRow) * box.width
                    for column in 0..<box.width { out[base + column] = Float(samples[box.firstColumn + column]) }
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
}
