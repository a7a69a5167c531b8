import SentinelStudy
import XCTest

final class PipelineDesignTests: XCTestCase {
    func testThreeModalitiesGiveThePapersNineModels() {
        let design = PipelineDesign(modalityNames: ["Clinical", "Rad", "DL"])
        XCTAssertEqual(design.models.map(\.name), [
            "Clinical", "Rad", "DL",
            "Pre-fusion Clinical+Rad", "Pre-fusion Clinical+DL", "Pre-fusion Clinical+Rad+DL",
            "Post-fusion Clinical+Rad", "Post-fusion Clinical+DL", "Post-fusion Clinical+Rad+DL",
        ])
        XCTAssertEqual(design.featureSets.map(\.name), ["Clinical", "Rad", "DL", "Clinical+Rad", "Clinical+DL", "Clinical+Rad+DL"])
        XCTAssertEqual(design.models[8].parts, [0, 1, 2])
        XCTAssertEqual(design.headlineComparisons.map { "\($0.0)|\($0.1)" }, [
            "Clinical|Pre-fusion Clinical+Rad+DL", "Clinical|Post-fusion Clinical+Rad+DL",
            "Pre-fusion Clinical+Rad+DL|Post-fusion Clinical+Rad+DL",
        ])
    }

    func testTwoModalitiesHaveNoAllTogetherDuplicate() {
        let design = PipelineDesign(modalityNames: ["A", "B"])
        XCTAssertEqual(design.models.map(\.name), ["A", "B", "Pre-fusion A+B", "Post-fusion A+B"])
    }

    func testOneModalityIsJustItself() {
        let design = PipelineDesign(modalityNames: ["Only"])
        XCTAssertEqual(design.models.map(\.name), ["Only"])
        XCTAssertTrue(design.headlineComparisons.isEmpty)
    }

    func testFourModalities() {
        let design = PipelineDesign(modalityNames: ["C", "R", "D", "G"])
        XCTAssertEqual(design.models.filter { $0.kind == .preFusion }.map(\.name),
                       ["Pre-fusion C+R", "Pre-fusion C+D", "Pre-fusion C+G", "Pre-fusion C+R+D+G"])
        XCTAssertEqual(design.models.count, 4 + 4 + 4)
    }
}
