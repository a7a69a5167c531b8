import Foundation
@testable import SentinelImaging
import SentinelTestSupport
import XCTest

/// Every reader against the values and geometry SimpleITK reads from the same files
/// (Tests/Fixtures/radiomics/readers/make_readers.py).
final class ImageReaderTests: XCTestCase {
    struct Expected: Decodable {
        var size: [Int]; var spacing: [Double]; var origin: [Double]; var direction: [Double]; var values: [Double]
    }

    /// Reads every file of the fixture `json` (in radiomics/readers/) and compares it with what
    /// SimpleITK read; `voxels` checks the values.
    private func assertReadersMatch(_ json: String, count: Int,
                                    voxels: (_ read: [Double], _ expected: [Double], _ name: String) -> Void) throws {
        let expected = try Fixtures.load([String: Expected].self, "radiomics/readers/\(json)")
        XCTAssertEqual(expected.count, count)
        for (name, e) in expected.sorted(by: { $0.key < $1.key }) {
            let image = try ImageReader.read(Fixtures.url("radiomics/readers/\(name)"))
            XCTAssertEqual(image.sizeXYZ, e.size, name)
            assertClose(image.spacing, e.spacing, relative: 1e-6, name)
            assertClose(image.origin, e.origin, relative: 1e-6, absolute: 1e-6, name)
            assertClose(image.direction, e.direction, relative: 1e-6, absolute: 1e-6, name)
            voxels(image.voxels, e.values, name)
        }
    }

    func testAllFormatsMatchSimpleITK() throws {
        try assertReadersMatch("readers.json", count: 8) { assertClose($0, $1, relative: 1e-7, $2) }
    }

    /// Detached NRRD headers (.nhdr with one raw or gzip data file beside it) as SimpleITK
    /// writes and reads them (make_detached.py); multi-file and escaping data files are refused.
    func testDetachedNRRDMatchesSimpleITK() throws {
        try assertReadersMatch("detached.json", count: 2) { XCTAssertEqual($0, $1, $2) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-nhdr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = try String(contentsOf: Fixtures.url("radiomics/readers/detached_raw.nhdr"), encoding: .utf8)
        for (dataFile, message) in [("../detached_raw.raw", "leaves the header's folder"), ("/etc/hostname", "leaves the header's folder"),
                                    ("LIST", "several files"), ("part%03d.raw 0 2 1", "several files"), ("missing.raw", "missing.raw")] {
            let url = dir.appendingPathComponent("x.nhdr")
            try header.replacingOccurrences(of: "data file: detached_raw.raw", with: "data file: \(dataFile)").write(to: url, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try ImageReader.read(url), dataFile) { XCTAssertTrue("\($0)".contains(message), "\($0)") }
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

    /// Damaged headers are `ImagingError.malformed`, never a trap: NRRD sizes whose product
    /// overflows Int, a gzip NRRD whose sizes ask for 10 GB from 5 kB (the capacity hint passed
    /// zlib's 32-bit counter), a NIfTI vox_offset that is NaN or 1e30 (Double → Int).
    func testDamagedHeadersAreErrorsNotTraps() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pixels = Data((0 ..< 80 * 64).map { UInt8($0 % 200) })
        func nrrd(_ sizes: String, gzip: Bool = false) throws -> URL {
            let url = folder.appendingPathComponent("i\(UUID().uuidString).nrrd")
            let header = "NRRD0004\ntype: uint8\ndimension: \(sizes.split(separator: " ").count)\nsizes: \(sizes)\nencoding: \(gzip ? "gzip" : "raw")\n\n"
            try (Data(header.utf8) + (gzip ? Gzip.deflate(pixels, path: "") : pixels)).write(to: url)
            return url
        }
        func nifti(voxOffset: Float) throws -> URL {
            var header = [UInt8](repeating: 0, count: 352)
            func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
                withUnsafeBytes(of: value.littleEndian) { for (k, b) in $0.enumerated() { header[offset + k] = b } }
            }
            put(Int32(348), at: 0)
            for (k, d) in [2, 80, 64, 1, 1, 1, 1, 1].enumerated() { put(Int16(d), at: 40 + 2 * k) }
            put(Int16(2), at: 70); put(Int16(8), at: 72)
            for k in 0 ..< 8 { put(Float(1).bitPattern, at: 76 + 4 * k) }
            put(voxOffset.bitPattern, at: 108)
            for (k, b) in "n+1".utf8.enumerated() { header[344 + k] = b }
            let url = folder.appendingPathComponent("i\(UUID().uuidString).nii")
            try (Data(header) + pixels).write(to: url)
            return url
        }
        func assertMalformed(_ url: URL, _ detail: String, line: UInt = #line) {
            XCTAssertThrowsError(try ImageReader.read(url), line: line) { error in
                guard case .malformed(_, let text)? = error as? ImagingError else { return XCTFail("\(error)", line: line) }
                XCTAssertTrue(text.contains(detail), text, line: line)
            }
        }
        XCTAssertEqual(try ImageReader.read(nrrd("80 64")).sizeXYZ, [80, 64, 1])
        XCTAssertEqual(try ImageReader.read(nrrd("80 64", gzip: true)).voxels, pixels.map(Double.init))
        assertMalformed(try nrrd("4294967296 4294967296 4"), "is too large")
        assertMalformed(try nrrd("100000 100000", gzip: true), "header needs 10000000000")
        XCTAssertEqual(try ImageReader.read(nifti(voxOffset: 352)).voxels, pixels.map(Double.init))
        assertMalformed(try nifti(voxOffset: .nan), "vox_offset = nan")
        assertMalformed(try nifti(voxOffset: 1e30), "vox_offset")
        assertMalformed(try nifti(voxOffset: -4), "vox_offset")
    }

    func testBreastNRRDGeometry() throws {
        let image = try ImageReader.read(Fixtures.url("radiomics/breast1_image.nrrd"))
        XCTAssertEqual(image.sizeXYZ, [45, 120, 21])
        assertClose(image.spacing, [0.664062, 0.664062, 2.1], relative: 1e-5)
    }
}
