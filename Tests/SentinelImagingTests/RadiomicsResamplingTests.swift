import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// `resampledPixelSpacing` against PyRadiomics 3.1.4 / SimpleITK (nearest-neighbour, linear and
/// cubic B-spline interpolation, 0 keeps an axis, padDistance, crop-only when the spacing is unchanged, integer
/// images truncated, 2D, filtered images after resampling;
/// Tests/Fixtures/radiomics/resampling/make_resampling_cases.py).
final class RadiomicsResamplingTests: XCTestCase {
    struct Case: Decodable {
        var image: String
        var settings: RadiomicsParameterFile.Options
        var imageTypes: [String]
        var classes: [String]
        var features: [String: Double]
    }

    func load(_ stem: String) throws -> (ImageVolume, ImageVolume) {
        (try ImageReader.read(Fixtures.url("radiomics/resampling/\(stem)_image.nrrd")),
         try ImageReader.read(Fixtures.url("radiomics/resampling/\(stem)_mask.nrrd")))
    }

    func testAgainstPyRadiomics() throws {
        let cases = try Fixtures.load([String: Case].self, "radiomics/resampling/cases.json")
        XCTAssertEqual(cases.count, 12)
        for (name, c) in cases.sorted(by: { $0.key < $1.key }) {
            let (image, mask) = try load(c.image)
            let file = RadiomicsParameterFile(imageType: Dictionary(uniqueKeysWithValues: c.imageTypes.map { ($0, nil) }),
                                              featureClass: Dictionary(uniqueKeysWithValues: c.classes.map { ($0, nil) }),
                                              setting: c.settings)
            let actual = try RadiomicsExtractor(settings: try file.settings()).extract(image: image, mask: mask)
            XCTAssertEqual(actual.count, c.features.count, name)
            let values = Dictionary(actual.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            for (feature, e) in c.features.sorted(by: { $0.key < $1.key }) {
                guard let a = values[feature] else { XCTFail("\(name): missing \(feature)"); continue }
                // LoG images are float32 in SimpleITK: values near 50 carry ulps of 4e-6, which a
                // median near 0 shows as a relative error above 1e-6.
                assertClose(a, e, relative: 1e-6, absolute: feature.hasPrefix("log-") ? 1e-5 : 1e-9, "\(name) \(feature)")
            }
        }
    }

    /// Unknown interpolators and spacings of the wrong length are refused with a message naming the fix.
    func testBadSettingsRefused() throws {
        let (image, mask) = try load("float3d")
        var s = RadiomicsSettings()
        s.resampledPixelSpacing = [1, 1, 1]
        s.interpolator = "cubic"
        XCTAssertThrowsError(try RadiomicsExtractor(settings: s).extract(image: image, mask: mask)) { error in
            XCTAssertTrue("\(error)".contains("'cubic'") && "\(error)".contains("sitkBSpline"), "\(error)")
        }
        s.interpolator = "sitkLinear"; s.resampledPixelSpacing = [1, 1]
        XCTAssertThrowsError(try RadiomicsExtractor(settings: s).extract(image: image, mask: mask)) { error in
            XCTAssertTrue("\(error)".contains("needs 3"), "\(error)")
        }
    }
}
