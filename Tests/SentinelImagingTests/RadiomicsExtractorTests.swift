import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// The single-ROI extractor against PyRadiomics 3.1.4 on breast1 slice 9 (2D, derived2d) for the
/// wavelet and other filtered image types.
final class RadiomicsExtractorTests: XCTestCase {
    func extract(_ settings: RadiomicsSettings) throws -> [String: Double] {
        let image = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_image.nrrd"))
        let mask = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_label.nrrd"))
        let features = try RadiomicsExtractor(settings: settings).extract(image: image, mask: mask)
        return Dictionary(features.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    func compare(_ actual: [String: Double], column: String, prefixes: [String], relative: Double,
                 file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let table = try ReferenceTable("radiomics/breast1_slice09_pyradiomics3.1.4_features.csv")
        let expected = table.values(column).filter { e in prefixes.contains { e.key.hasPrefix($0) } }
        for (name, e) in expected.sorted(by: { $0.key < $1.key }) {
            guard let a = actual[name] else { XCTFail("missing \(name)", file: file, line: line); continue }
            assertClose(a, e, relative: relative, absolute: 1e-9, name, file: file, line: line)
        }
        return expected.count
    }

    func testWaveletMatchesPyRadiomics() throws {
        var s = RadiomicsSettings(); s.imageTypes = ["Original", "Wavelet"]
        let actual = try extract(s)
        XCTAssertEqual(actual.count, 474)
        let n = try compare(actual, column: "orig_wavelet_shape2D_default", prefixes: ["original_", "wavelet-"], relative: 1e-6)
        XCTAssertEqual(n, 474)
    }

    func testPointwiseFiltersAndGradient() throws {
        var s = RadiomicsSettings(); s.imageTypes = ["Square", "SquareRoot", "Logarithm", "Exponential", "Gradient"]
        let actual = try extract(s)
        let n1 = try compare(actual, column: "orig_wavelet_log_sq_sqrt_log_exp_grad_shape2D",
                             prefixes: ["square_", "squareroot_", "logarithm_", "exponential_"], relative: 1e-6)
        XCTAssertEqual(n1, 4 * 93)
        let n2 = try compare(actual, column: "orig_wavelet_log_sq_sqrt_log_exp_grad_shape2D", prefixes: ["gradient_"], relative: 1e-4)
        XCTAssertEqual(n2, 93)
    }

    func testLaplacianOfGaussian() throws {
        var s = RadiomicsSettings(); s.imageTypes = ["LoG"]; s.sigma = [1, 2, 3]
        let actual = try extract(s)
        XCTAssertEqual(actual.count, 3 * 93)
        let n = try compare(actual, column: "orig_wavelet_log_sq_sqrt_log_exp_grad_shape2D", prefixes: ["log-sigma"], relative: 1e-6)
        XCTAssertEqual(n, 3 * 93)
    }

    /// A mask saved on a cropped extent (3D Slicer) gives the same features as the full mask.
    func testCroppedMaskIsEmbedded() throws {
        let image = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_image.nrrd"))
        let mask = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_label.nrrd"))
        let (x0, y0, w, h) = (15, 60, 20, 25)
        var voxels: [Double] = []
        for y in y0..<(y0 + h) { for x in x0..<(x0 + w) { voxels.append(mask[x, y, 0]) } }
        let origin = [mask.origin[0] + Double(x0) * mask.spacing[0], mask.origin[1] + Double(y0) * mask.spacing[1], 0]
        let cropped = try ImageVolume(size: (w, h, 1), spacing: mask.spacing, origin: origin, voxels: voxels)
        let full = try RadiomicsExtractor().extract(image: image, mask: mask)
        let fromCrop = try RadiomicsExtractor().extract(image: image, mask: cropped)
        XCTAssertEqual(full.map(\.name), fromCrop.map(\.name))
        XCTAssertEqual(full.map(\.value), fromCrop.map(\.value))
        var shifted = cropped
        shifted.origin[0] += mask.spacing[0] / 2
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: shifted))
    }

    /// A PNG stores no origin: a smaller PNG mask (here the image's top 80 of 83 rows) is a
    /// size mismatch, not a sub-grid to place at the top-left corner (PyRadiomics refuses it too).
    func testSmallerPNGMaskIsRefused() throws {
        let image = try ImageReader.read(Fixtures.url("png/roi16.png"))
        let small = try ImageReader.read(Fixtures.url("png/roi_mask_small.png"))
        XCTAssertFalse(image.geometryStored)
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: small)) { error in
            XCTAssertEqual(error as? ImagingError,
                           .geometryMismatch("image is 97x83x1, mask is 97x80x1 (a PNG stores no origin, so its mask must have the image's size)"))
        }
        let full = try ImageReader.read(Fixtures.url("png/roi_mask.png"))
        XCTAssertNoThrow(try RadiomicsExtractor().extract(image: image, mask: full))
    }

    /// A PNG mask of a DICOM image's size takes the image's geometry (0.07 mm spacing here): the
    /// features are those of the same mask stored with that geometry, not a spacing mismatch.
    func testSameSizePNGMaskTakesTheImageGeometry() throws {
        let image = try ImageReader.read(Fixtures.url("dicom-crop/roi_u16_bits12.dcm"))
        let png = try ImageReader.read(Fixtures.url("png/roi_mask.png"))
        XCTAssertEqual(image.spacing, [0.07, 0.07, 1])
        var stored = try ImageVolume(size: png.size, spacing: image.spacing, origin: image.origin,
                                     direction: image.direction, voxels: png.voxels)
        stored.integerRange = png.integerRange
        let expected = try RadiomicsExtractor().extract(image: image, mask: stored)
        let actual = try RadiomicsExtractor().extract(image: image, mask: png)
        XCTAssertEqual(actual.map(\.name), expected.map(\.name))
        XCTAssertEqual(actual.map(\.value), expected.map(\.value))
        // A mask that states another spacing is still a mismatch.
        var nrrdLike = stored
        nrrdLike.spacing = [1, 1, 1]
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: nrrdLike))
    }

    func testErrorsNameTheProblem() throws {
        let image = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_image.nrrd"))
        let mask = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_label.nrrd"))
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: mask, label: 7)) { error in
            XCTAssertEqual(error as? ImagingError, .labelAbsent(label: 7, present: [1]))
            XCTAssertTrue("\(error)".contains("set the manifest's label column"), "\(error)")
        }
        // An all-zero mask has no label to point the manifest at: the message says the mask is empty.
        var empty = mask
        for i in empty.voxels.indices { empty.voxels[i] = 0 }
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: empty)) { error in
            XCTAssertEqual(error as? ImagingError, .labelAbsent(label: 1, present: []))
            XCTAssertEqual("\(error)", "label 1 is absent: the mask is empty (every voxel 0); check that the mask file holds the segmentation")
        }
        var s = RadiomicsSettings(); s.imageTypes = ["Fourier"]
        XCTAssertThrowsError(try RadiomicsExtractor(settings: s).extract(image: image, mask: mask))
        // A one-pixel-wide ROI has one dimension: refused (minimumROIDimensions 2).
        var line = mask
        for i in line.voxels.indices { line.voxels[i] = 0 }
        for x in 10..<20 { line[x, 50, 0] = 1 }
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: line)) { error in
            XCTAssertTrue("\(error)".contains("ROI too small"), "\(error)")
        }
        var single = line
        for x in 11..<20 { single[x, 50, 0] = 0 }
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: single))
        // A finite but huge value (3e38 in a float image) needs 1.2e37 bins of width 25: an
        // error naming binWidth, not a Double → Int trap; a binCount works on the same image.
        var hugeImage = image
        hugeImage[25, 70, 0] = 3e38
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: hugeImage, mask: mask)) { error in
            XCTAssertTrue("\(error)".contains("binWidth 25.0") && "\(error)".contains("at most 1000000"), "\(error)")
        }
        var counted = RadiomicsSettings(); counted.binCount = 32
        XCTAssertNoThrow(try RadiomicsExtractor(settings: counted).extract(image: hugeImage, mask: mask))
        counted.binCount = 2_000_000_000
        XCTAssertThrowsError(try RadiomicsExtractor(settings: counted).extract(image: image, mask: mask)) { error in
            XCTAssertTrue("\(error)".contains("binCount 2000000000"), "\(error)")
        }
        var nanImage = image
        nanImage[25, 70, 0] = .nan
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: nanImage, mask: mask)) { error in
            XCTAssertTrue("\(error)".contains("non-finite"), "\(error)")
        }
        // A constant ROI gives finite features (a single gray level).
        var flat = image
        for i in flat.voxels.indices { flat.voxels[i] = 100 }
        let flatFeatures = try RadiomicsExtractor().extract(image: flat, mask: mask)
        XCTAssertEqual(flatFeatures.count, 102)
        let other = try ImageReader.read(Fixtures.url("radiomics/breast1_label.nrrd"))
        XCTAssertThrowsError(try RadiomicsExtractor().extract(image: image, mask: other))
    }
}
