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

    func testColumnNames() {
        let names = DeepFeatureExtractor.columnNames(view: "CC")
        XCTAssertEqual(names.count, 512)
        XCTAssertEqual(names.first, "CC_dl_0")
        XCTAssertEqual(names.last, "CC_dl_511")
        XCTAssertEqual(DeepFeatureExtractor.columnNames(view: "MLO", count: 2), ["MLO_dl_0", "MLO_dl_1"])
    }
}
