import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// `DeepFeatureExtractor.readCrop` on PNG files (mask first, image decoded only to the crop's
/// last row) against the full-image path: `ImageReader` then `plane` then `cropBox`.
/// Fixtures from Tests/Fixtures/png/make_png_fixtures.py.
final class DeepPNGCropTests: XCTestCase {
    private func png(_ name: String) -> URL { Fixtures.url("png/\(name)") }

    private func fullPath(image: String, mask: String, label: Int) throws -> DeepInput {
        try DeepCropReference.crop(image: png(image), mask: png(mask), label: label)
    }

    func testStreamedCropEqualsTheFullImagePath() throws {
        for image in ["roi16.png", "roi16_interlaced.png"] {
            for label in [1, 2] {
                let streamed = try DeepFeatureExtractor.readCrop(image: png(image), mask: png("roi_mask.png"), label: label)
                let full = try fullPath(image: image, mask: "roi_mask.png", label: label)
                XCTAssertEqual(streamed, full, "\(image) label \(label)")
                // The network input is the same as from the whole plane.
                let plane = try DeepFeatureExtractor.plane(image: ImageReader.read(png(image)),
                                                           mask: ImageReader.read(png("roi_mask.png")), label: label)
                XCTAssertEqual(try DeepPreprocessing().tensor(streamed), try DeepPreprocessing().tensor(plane))
            }
        }
        // Label 1 spans rows 30-49: the crop (2-row margins) ends at row 51.
        XCTAssertEqual(try DeepFeatureExtractor.readCrop(image: png("roi16.png"), mask: png("roi_mask.png"), label: 1).height, 24)
    }

    func testStreamedCropErrorsMatchTheFullImagePath() throws {
        XCTAssertThrowsError(try DeepFeatureExtractor.readCrop(image: png("roi16.png"), mask: png("roi_mask.png"), label: 3)) {
            XCTAssertEqual($0 as? ImagingError, .labelAbsent(label: 3, present: [1, 2]))
        }
        XCTAssertThrowsError(try DeepFeatureExtractor.readCrop(image: png("roi16.png"), mask: png("roi_mask_small.png"), label: 1)) {
            XCTAssertEqual($0 as? ImagingError, .geometryMismatch("image size [97, 83, 1] vs mask size [97, 80, 1]"))
        }
        XCTAssertThrowsError(try DeepFeatureExtractor.readCrop(image: png("absent.png"), mask: png("roi_mask.png"), label: 1)) {
            guard case .unreadable(let path, let reason)? = $0 as? ImagingError else { return XCTFail("\($0)") }
            XCTAssertTrue(path.hasSuffix("absent.png"))
            XCTAssertEqual(reason, "no such readable file")
        }
        XCTAssertThrowsError(try DeepFeatureExtractor.readCrop(image: png("gray8_truncated.png"), mask: png("gray8.png"), label: 1)) {
            guard case .unreadable(let path, _)? = $0 as? ImagingError else { return XCTFail("\($0)") }
            XCTAssertTrue(path.hasSuffix("gray8_truncated.png"))
        }
    }

    func testManifestOfPNGsMatchesTheSameImagesAsNRRD() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-deep-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for name in ["roi16.png", "roi16_interlaced.png", "roi_mask.png"] {
            try FileManager.default.copyItem(at: png(name), to: dir.appendingPathComponent(name))
            let stem = String(name.dropLast(4))
            try NRRDWriter.write(ImageReader.read(png(name)), to: dir.appendingPathComponent("\(stem).nrrd"),
                                 pixelType: .float64, gzip: false)
        }
        let rows = [("P0", "CC", "roi16", 1), ("P0", "MLO", "roi16_interlaced", 2), ("P1", "CC", "roi16", 2)]
        for ext in ["png", "nrrd"] {
            let lines = ["id,view,image,mask,label"] + rows.map { "\($0.0),\($0.1),\($0.2).\(ext),roi_mask.\(ext),\($0.3)" }
            try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("\(ext).csv"), atomically: true, encoding: .utf8)
        }
        let pngResult = try DeepFeatureExtractor.extract(
            manifest: RadiomicsManifest.load(dir.appendingPathComponent("png.csv")), weights: DeepFixtures.weightsURL,
            batchSize: 2, jobs: 2)
        let nrrdResult = try DeepFeatureExtractor(weights: DeepFixtures.weightsURL, batchSize: 2)
            .extract(manifest: RadiomicsManifest.load(dir.appendingPathComponent("nrrd.csv")), jobs: 1)
        XCTAssertTrue(pngResult.failures.isEmpty, "\(pngResult.failures)")
        XCTAssertEqual(pngResult.ids, ["P0", "P1"])
        XCTAssertEqual(pngResult, nrrdResult)
    }
}
