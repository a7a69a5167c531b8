import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// Random textures with irregular masks (holes, several components, border-touching ROIs),
/// 16-bit and negative values, odd sizes, 2D and 3D, non-default settings, against
/// PyRadiomics 3.1.4 (Tests/Fixtures/radiomics/random/make_random_cases.py).
final class RadiomicsRandomCasesTests: XCTestCase {
    struct Case: Decodable {
        var settings: RadiomicsParameterFile.Options
        var imageTypes: [String]
        var classes: [String]?
        var features: [String: Double]
    }

    func testAllCases() throws {
        let cases = try Fixtures.load([String: Case].self, "radiomics/random/cases.json")
        XCTAssertEqual(cases.count, 8)
        for (name, c) in cases.sorted(by: { $0.key < $1.key }) {
            let stem = String(name.split(separator: "_").prefix(2).joined(separator: "_"))
            let file = stem.hasPrefix("vol3d") ? "vol3d" : (stem.hasPrefix("reseg") ? "reseg" : stem)
            let image = try ImageReader.read(Fixtures.url("radiomics/random/\(file)_image.nrrd"))
            let mask = try ImageReader.read(Fixtures.url("radiomics/random/\(file)_mask.nrrd"))
            let file2 = RadiomicsParameterFile(imageType: Dictionary(uniqueKeysWithValues: c.imageTypes.map { ($0, nil) }),
                                               featureClass: c.classes.map { Dictionary(uniqueKeysWithValues: $0.map { ($0, nil) }) },
                                               setting: c.settings)
            let settings = try file2.settings()
            let actual = Dictionary(try RadiomicsExtractor(settings: settings).extract(image: image, mask: mask)
                .map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(actual.filter { !$0.key.contains("_shape") }.count, c.features.filter { !$0.key.contains("_shape") }.count, name)
            for (feature, e) in c.features.sorted(by: { $0.key < $1.key }) {
                guard let a = actual[feature] else { XCTFail("\(name): missing \(feature)"); continue }
                assertClose(a, e, relative: 1e-6, absolute: 1e-9, "\(name) \(feature)")
            }
        }
    }
}
