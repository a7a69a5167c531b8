import Foundation
import SentinelImaging

/// The full-image path the streamed and memory-mapped crops are tested against: whole files
/// through `ImageReader`, the network's plane, cut to its crop box.
enum DeepCropReference {
    static func crop(image: URL, mask: URL, label: Int) throws -> DeepInput {
        let plane = try DeepFeatureExtractor.plane(image: ImageReader.read(image), mask: ImageReader.read(mask), label: label)
        let box = try DeepPreprocessing().cropBox(plane)
        var pixels: [Float] = [], labels: [Int32] = []
        for row in box.firstRow...box.lastRow {
            for column in box.firstColumn...box.lastColumn {
                pixels.append(plane.pixels[row * plane.width + column])
                labels.append(plane.mask[row * plane.width + column])
            }
        }
        return DeepInput(pixels: pixels, width: box.width, height: box.height, mask: labels, label: 1)
    }
}
