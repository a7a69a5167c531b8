import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// Every reader against the values and geometry SimpleITK reads from the same files
/// (Tests/Fixtures/radiomics/readers/make_readers.py).
final class ImageReaderTests: XCTestCase {
    struct Expected: Decodable {
        var size: [Int]; var spacing: [Double]; var origin: [Double]; var direction: [Double]; var values: [Double]
    }

    func testAllFormatsMatchSimpleITK() throws {
        let expected = try Fixtures.load([String: Expected].self, "radiomics/readers/readers.json")
        XCTAssertEqual(expected.count, 8)
        for (name, e) in expected.sorted(by: { $0.key < $1.key }) {
            let image = try ImageReader.read(Fixtures.url("radiomics/readers/\(name)"))
            XCTAssertEqual(image.sizeXYZ, e.size, name)
            assertClose(image.spacing, e.spacing, relative: 1e-6, name)
            assertClose(image.origin, e.origin, relative: 1e-6, absolute: 1e-6, name)
            assertClose(image.direction, e.direction, relative: 1e-6, absolute: 1e-6, name)
            assertClose(image.voxels, e.values, relative: 1e-7, name)
        }
    }

    func testCompressedDICOMIsNamed() {
        XCTAssertThrowsError(try ImageReader.read(Fixtures.url("radiomics/readers/jpeg2000.dcm"))) { error in
            XCTAssertTrue("\(error)".contains("JPEG 2000 Lossless"), "\(error)")
        }
    }

    func testMissingAndUnknownFiles() {
        XCTAssertThrowsError(try ImageReader.read(URL(fileURLWithPath: "/nonexistent/x.nrrd")))
        XCTAssertThrowsError(try ImageReader.read(Fixtures.url("radiomics/readers/make_readers.py")))
    }

    func testBreastNRRDGeometry() throws {
        let image = try ImageReader.read(Fixtures.url("radiomics/breast1_image.nrrd"))
        XCTAssertEqual(image.sizeXYZ, [45, 120, 21])
        assertClose(image.spacing, [0.664062, 0.664062, 2.1], relative: 1e-5)
    }
}
