import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// Original-image features of breast1 slice 9 (2D) against PyRadiomics 3.1.4
/// (Tests/Fixtures/radiomics/breast1_slice09_pyradiomics3.1.4_features.csv).
final class RadiomicsFeaturesTests: XCTestCase {
    func original(settings: RadiomicsSettings) throws -> [String: Double] {
        let image = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_image.nrrd"))
        let mask = try ImageReader.read(Fixtures.url("radiomics/breast1_slice09_label.nrrd"))
        let roi = try RegionOfInterest(image: image, mask: mask, label: 1)
        var out = try RadiomicsFeatures.intensityFeatures(roi, settings: settings)
        for (k, v) in try RadiomicsFeatures.shape2DFeatures(roi) { out[k] = v }
        return out
    }

    func check(_ column: String, _ settings: RadiomicsSettings, file: StaticString = #filePath, line: UInt = #line) throws {
        let table = try ReferenceTable("radiomics/breast1_slice09_pyradiomics3.1.4_features.csv")
        let expected = table.values(column).filter { $0.key.hasPrefix("original_") }
        XCTAssertEqual(expected.count, 102)
        let actual = try original(settings: settings)
        XCTAssertEqual(actual.count, 102)
        for (name, e) in expected.sorted(by: { $0.key < $1.key }) {
            let key = String(name.dropFirst("original_".count))
            guard let a = actual[key] else { XCTFail("missing \(key)", file: file, line: line); continue }
            assertClose(a, e, relative: 1e-6, absolute: 1e-12, key, file: file, line: line)
        }
    }

    func testDefaultBinWidth() throws { try check("orig_shape2D_default", RadiomicsSettings()) }

    func testBinCount32() throws {
        var s = RadiomicsSettings(); s.binCount = 32
        try check("orig_shape2D_binCount32", s)
    }
}
