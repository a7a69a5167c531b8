import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// `DeepFeatureExtractor.readCrop` on uncompressed DICOM images (memory-mapped, only the crop's
/// rows read) against the full-image path: `ImageReader` then `plane` then `cropBox`; and the
/// full reader against numpy's values for the same files. Fixtures from
/// Tests/Fixtures/dicom-crop/make_dicom_crop_fixtures.py (the texture of png/roi16.png).
final class DeepDICOMCropTests: XCTestCase {
    private struct Expected: Decodable { var width: Int; var height: Int; var values: [Double] }
    private let files = ["roi_u16_bits12.dcm", "roi_u16_mono1_rescale.dcm", "roi_s16_rescale.dcm", "roi_u8_mono1.dcm"]

    private func dicom(_ name: String) -> URL { Fixtures.url("dicom-crop/\(name)") }
    private var mask: URL { Fixtures.url("png/roi_mask.png") }

    private func fullPath(image: URL, mask: URL, label: Int) throws -> DeepInput {
        try DeepCropReference.crop(image: image, mask: mask, label: label)
    }

    func testFullReaderMatchesNumpy() throws {
        let expected = try Fixtures.load([String: Expected].self, "dicom-crop/dicom_crop.json")
        for name in files {
            let image = try ImageReader.read(dicom(name))
            let reference = try XCTUnwrap(expected[name])
            XCTAssertEqual(image.size.0, reference.width, name)
            XCTAssertEqual(image.size.1, reference.height, name)
            XCTAssertEqual(image.voxels, reference.values, name)
        }
    }

    func testMappedCropEqualsTheFullImagePath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-deep-dicom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        // The same mask as NRRD: the non-PNG mask branch.
        let nrrdMask = dir.appendingPathComponent("roi_mask.nrrd")
        try NRRDWriter.write(ImageReader.read(mask), to: nrrdMask, pixelType: .uint8, gzip: false)
        for name in files {
            for maskURL in [mask, nrrdMask] {
                for label in [1, 2] {
                    let mapped = try DeepFeatureExtractor.readCrop(image: dicom(name), mask: maskURL, label: label)
                    let full = try fullPath(image: dicom(name), mask: maskURL, label: label)
                    XCTAssertEqual(mapped, full, "\(name) \(maskURL.lastPathComponent) label \(label)")
                    XCTAssertEqual(mapped.pixels.map(\.bitPattern), full.pixels.map(\.bitPattern), name)
                }
            }
        }
        // Label 2 spans rows 60-69: the crop (1-row margins) is rows 59-70, not the whole image.
        let crop = try DeepFeatureExtractor.readCrop(image: dicom("roi_u16_mono1_rescale.dcm"), mask: mask, label: 2)
        XCTAssertEqual(crop.height, 12)
        XCTAssertLessThan(crop.width, 97)
    }

    func testMappedCropErrorsMatchTheFullImagePath() throws {
        func error(_ body: () throws -> DeepInput) -> ImagingError? {
            do { _ = try body(); return nil } catch { return error as? ImagingError }
        }
        let cases: [(String, String, Int)] = [
            ("roi_u16_bits12.dcm", "png/roi_mask.png", 3),         // label absent
            ("roi_u16_bits12.dcm", "png/roi_mask_small.png", 1),   // size mismatch
            ("roi_truncated.dcm", "png/roi_mask.png", 1),          // pixel data cut short
            ("absent.dcm", "png/roi_mask.png", 1),                 // no such file
        ]
        for (image, maskName, label) in cases {
            let mapped = error { try DeepFeatureExtractor.readCrop(image: dicom(image), mask: Fixtures.url(maskName), label: label) }
            let full = error { try fullPath(image: dicom(image), mask: Fixtures.url(maskName), label: label) }
            XCTAssertNotNil(mapped, image)
            XCTAssertEqual(mapped, full, "\(image) \(maskName) \(label)")
        }
        XCTAssertEqual(error { try DeepFeatureExtractor.readCrop(image: dicom("roi_u16_bits12.dcm"), mask: mask, label: 3) },
                       .labelAbsent(label: 3, present: [1, 2]))
    }
}
