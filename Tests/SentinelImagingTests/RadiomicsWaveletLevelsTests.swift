import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// Wavelet `level` > 1 (with start_level, force2D and 2D) against PyRadiomics 3.1.4
/// (Tests/Fixtures/radiomics/wavelet_levels/make_wavelet_levels.py): image names
/// wavelet-<band>, wavelet<k>-<band>, wavelet<level>-LL(L), order and values (1e-6).
final class RadiomicsWaveletLevelsTests: XCTestCase {
    struct Case: Decodable {
        var image: String
        var settings: RadiomicsParameterFile.Options
        var classes: [String]
        var features: [String: Double]
    }

    func testLevels() throws {
        let cases = try Fixtures.load([String: Case].self, "radiomics/wavelet_levels/cases.json")
        XCTAssertEqual(cases.count, 3)
        for (name, c) in cases.sorted(by: { $0.key < $1.key }) {
            let image = try ImageReader.read(Fixtures.url("radiomics/random/\(c.image)_image.nrrd"))
            let mask = try ImageReader.read(Fixtures.url("radiomics/random/\(c.image)_mask.nrrd"))
            let file = RadiomicsParameterFile(imageType: ["Wavelet": nil],
                                              featureClass: Dictionary(uniqueKeysWithValues: c.classes.map { ($0, nil) }),
                                              setting: c.settings)
            let actual = try RadiomicsExtractor(settings: try file.settings()).extract(image: image, mask: mask)
            XCTAssertEqual(actual.count, c.features.count, name)
            let values = Dictionary(actual.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            for (feature, e) in c.features.sorted(by: { $0.key < $1.key }) {
                guard let a = values[feature] else { XCTFail("\(name): missing \(feature)"); continue }
                assertClose(a, e, relative: 1e-6, absolute: 1e-9, "\(name) \(feature)")
            }
            // Image types in PyRadiomics' order: details level by level, the approximation last.
            var types: [String] = []
            for n in actual.map({ String($0.name.prefix { $0 != "_" }) }) where types.last != n { types.append(n) }
            XCTAssertTrue(types.last!.hasSuffix("-LL") || types.last!.hasSuffix("-LLL"), name)
            XCTAssertEqual(types.first.map { $0.hasPrefix("wavelet-") }, true, name)
        }
    }
}
