import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

final class DeepFeatureExtractorTests: XCTestCase {
    /// Image + mask → crop → resize → normalise → network, against numpy + onnxruntime.
    func testEndToEndFeaturesMatchReference() throws {
        let images = try DeepFixtures.network().images
        for batchSize in [32, 2] {
            let extractor = try DeepFeatureExtractor(weights: DeepFixtures.weightsURL, batchSize: batchSize)
            let features = try extractor.features(images: images.map(\.input))
            XCTAssertEqual(features.count, images.count)
            for (i, (got, c)) in zip(features, images).enumerated() {
                assertClose(got.doubles, c.features, relative: 0, absolute: 1e-4, "image \(i), batch size \(batchSize)")
            }
        }
    }

    func testEmptyRegionNamesTheImage() throws {
        let extractor = DeepFeatureExtractor(network: .randomlyInitialized(seed: 3, baseWidth: 2),
                                             preprocessing: DeepPreprocessing(outputWidth: 32, outputHeight: 32))
        let good = DeepInput(pixels: [1, 2, 3, 4], width: 2, height: 2, mask: [1, 1, 0, 0])
        let empty = DeepInput(pixels: [1, 2, 3, 4], width: 2, height: 2, mask: [0, 0, 0, 0])
        XCTAssertThrowsError(try extractor.features(images: [good, good, empty, empty])) { error in
            XCTAssertEqual(error as? DeepError, .emptyRegionOfInterest(label: 1, index: 2))
            XCTAssertTrue("\(error)".contains("image 2"))
        }
        XCTAssertEqual(try extractor.features(images: []), [])
        XCTAssertEqual(try extractor.features(images: [good]).map(\.count), [16])
    }

    /// A NaN inside the crop of a NRRD image was reported as "malformed image ''" (no file name).
    func testNonFiniteCropNamesTheImageFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deep-nan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var pixels = (0 ..< 64).map { Double($0) }
        pixels[27] = .nan
        let mask = (0 ..< 64).map { [2, 3, 4, 5].contains($0 / 8) && [2, 3, 4, 5].contains($0 % 8) ? 1.0 : 0 }
        let image = folder.appendingPathComponent("scan.nrrd"), roi = folder.appendingPathComponent("roi.nrrd")
        try NRRDWriter.write(ImageVolume(size: (8, 8, 1), dimension: 2, voxels: pixels), to: image, pixelType: .float64)
        try NRRDWriter.write(ImageVolume(size: (8, 8, 1), dimension: 2, voxels: mask), to: roi, pixelType: .uint8)
        XCTAssertThrowsError(try DeepFeatureExtractor.readCrop(image: image, mask: roi, label: 1)) { error in
            XCTAssertTrue("\(error)".contains("scan.nrrd") && "\(error)".contains("non-finite"), "\(error)")
        }
    }

    func testColumnNames() {
        let names = DeepFeatureExtractor.columnNames(view: "CC")
        XCTAssertEqual(names.count, 512)
        XCTAssertEqual(names.first, "CC_dl_0")
        XCTAssertEqual(names.last, "CC_dl_511")
        XCTAssertEqual(DeepFeatureExtractor.columnNames(view: "MLO", count: 2), ["MLO_dl_0", "MLO_dl_1"])
    }
}
