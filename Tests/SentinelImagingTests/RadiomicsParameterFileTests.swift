import Foundation
@testable import SentinelImaging
import XCTest

/// Parameter-file keys are checked as PyRadiomics' schema (paramSchema.yaml of
/// pyradiomics-bhklab) checks them: it refuses `setting: {binWidht: 25}`, `imageType:
/// {Original: {binWidht: 3}}` and a top-level `settings:`, each with "Key ... was not defined".
final class RadiomicsParameterFileTests: XCTestCase {
    private func decode(_ json: String) throws -> RadiomicsParameterFile {
        try JSONDecoder().decode(RadiomicsParameterFile.self, from: Data(json.utf8))
    }

    private func assertRefused(_ json: String, mentioning parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decode(json), json, file: file, line: line) { error in
            let text = "\(error)"
            for part in parts { XCTAssertTrue(text.contains(part), "\(text) lacks \(part)", file: file, line: line) }
        }
    }

    func testTyposAreRefusedWithTheNearestKey() {
        assertRefused(#"{"setting": {"binWidht": 25}}"#, mentioning: ["binWidht", "'setting'", "did you mean 'binWidth'"])
        assertRefused(#"{"imageType": {"Original": {"binWidht": 3}}}"#, mentioning: ["binWidht", "imageType.Original", "binWidth"])
        assertRefused(#"{"settings": {"binWidth": 3}}"#, mentioning: ["'settings'", "top level", "did you mean 'setting'"])
        assertRefused(#"{"setting": {"colour": 1}}"#, mentioning: ["'colour'", "the known keys are"])
    }

    func testKeysThatWouldChangeValuesSentinelDoesNotComputeAreRefused() {
        assertRefused(#"{"setting": {"removeOutliers": 3}}"#, mentioning: ["removeOutliers", "does not implement"])
        assertRefused(#"{"imageType": {"Gradient": {"gradientUseSpacing": false}}}"#, mentioning: ["gradientUseSpacing"])
    }

    func testEveryKnownKeyAndNoEffectKeysAreAccepted() throws {
        let file = try decode("""
        {"setting": {"binWidth": 5, "label": 2, "force2D": true, "force2Ddimension": 0, "interpolator": "sitkBSpline",
                     "resampledPixelSpacing": [1, 1, 0], "padDistance": 5, "normalize": true, "normalizeScale": 100,
                     "voxelArrayShift": 300, "resegmentRange": [-3, 3], "resegmentMode": "sigma", "distances": [1, 2],
                     "weightingNorm": "euclidean", "symmetricalGLCM": true, "gldm_a": 0, "minimumROIDimensions": 2,
                     "minimumROISize": 10, "additionalInfo": true, "correctMask": false, "geometryTolerance": 1e-3,
                     "preCrop": true, "label_channel": 0},
         "imageType": {"Original": {}, "Wavelet": {"wavelet": "coif1", "start_level": 0, "level": 1}, "LoG": {"sigma": [1, 2]}},
         "featureClass": {"glcm": null, "firstorder": ["Mean"]},
         "voxelSetting": {"kernelRadius": 2}}
        """)
        let settings = try file.settings()
        XCTAssertEqual(settings.binWidth, 5)
        XCTAssertEqual(settings.label, 2)
        XCTAssertEqual(settings.distances, [1, 2])
        XCTAssertEqual(settings.sigma, [1, 2])
        XCTAssertEqual(settings.imageTypes, ["Original", "Wavelet", "LoG"])
    }

    func testEditDistance() {
        XCTAssertEqual(ParameterKeys.distance("", ""), 0)
        XCTAssertEqual(ParameterKeys.distance("", "abc"), 3)
        XCTAssertEqual(ParameterKeys.distance("abc", ""), 3)
        XCTAssertEqual(ParameterKeys.distance("binWidht", "binWidth"), 2)
        XCTAssertEqual(ParameterKeys.distance("kitten", "sitting"), 3)
    }
}
