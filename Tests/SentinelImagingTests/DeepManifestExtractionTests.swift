import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// `DeepFeatureExtractor.extract(manifest:)`: files → plane → crop → network, against the
/// onnxruntime reference vectors of resnet18_w8.json (make_deep_fixtures.py).
final class DeepManifestExtractionTests: XCTestCase {
    /// Writes fixture image `c` as 2D NRRDs (or as the middle slice of a 3-slice volume whose
    /// other slices hold a smaller ROI and none).
    private func write(_ c: DeepFixtures.ImageCase, name: String, in dir: URL, volume: Bool = false) throws {
        let input = c.input
        var pixels = input.pixels.map(Double.init), mask = input.mask.map(Double.init)
        var depth = 1
        if volume {
            var smaller = [Double](repeating: 0, count: mask.count)
            if let first = mask.firstIndex(of: Double(c.label)) { smaller[first] = Double(c.label) }
            pixels = pixels.map { $0 + 7 } + pixels + pixels.map { $0 * 2 }
            mask = smaller + mask + [Double](repeating: 0, count: mask.count)
            depth = 3
        }
        let image = try ImageVolume(size: (c.width, c.height, depth), voxels: pixels)
        let maskImage = try ImageVolume(size: (c.width, c.height, depth), voxels: mask)
        try NRRDWriter.write(image, to: dir.appendingPathComponent("\(name).nrrd"), pixelType: .float64, gzip: false)
        try NRRDWriter.write(maskImage, to: dir.appendingPathComponent("\(name)_mask.nrrd"), pixelType: .int16)
    }

    func testManifestFeaturesMatchReferenceIn2DAnd3D() throws {
        let cases = try DeepFixtures.network().images
        let dir = try makeTemporaryFolder(prefix: "sentinel-deep")
        var lines = ["id,view,image,mask,label"]
        for (i, c) in cases.enumerated() {
            try write(c, name: "img\(i)", in: dir, volume: i % 2 == 1)
            lines.append("P\(i / 2),\(i % 2 == 0 ? "CC" : "MLO"),img\(i).nrrd,img\(i)_mask.nrrd,\(c.label)")
        }
        lines.append("P9,CC,missing.nrrd,img0_mask.nrrd,1")
        lines.append("P9,MLO,../escape.nrrd,img0_mask.nrrd,1")
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let manifest = try RadiomicsManifest.load(dir.appendingPathComponent("m.csv"))
        let extractor = try DeepFeatureExtractor(weights: DeepFixtures.weightsURL, batchSize: 2)
        let result = extractor.extract(manifest: manifest, jobs: 2)
        XCTAssertEqual(result.columns.count, 2 * 64)
        XCTAssertEqual(result.columns.first, "CC_dl_0")
        XCTAssertEqual(result.columns[64], "MLO_dl_0")
        XCTAssertEqual(result.ids, (0...(cases.count - 1) / 2).map { "P\($0)" })
        for (i, c) in cases.enumerated() {
            let row = result.values[i / 2]
            let got = Array(row[(i % 2 * 64)..<(i % 2 * 64 + 64)])
            assertClose(got, c.features, relative: 0, absolute: 1e-4, "image \(i)")
        }
        XCTAssertEqual(result.failures.map(\.id), ["P9", "P9"])
        XCTAssertTrue(result.failures[1].reason.contains("leaves the manifest's folder"))
        // Identical output whatever the number of reading workers; another batch size only
        // moves the last Float bits (SGEMM blocking).
        let again = try DeepFeatureExtractor(weights: DeepFixtures.weightsURL, batchSize: 2).extract(manifest: manifest, jobs: 1)
        XCTAssertEqual(again, result)
        let batched = try DeepFeatureExtractor(weights: DeepFixtures.weightsURL, batchSize: 32).extract(manifest: manifest, jobs: 2)
        XCTAssertEqual(batched.ids, result.ids)
        for (a, b) in zip(batched.values, result.values) {
            assertClose(a.filter { !$0.isNaN }, b.filter { !$0.isNaN }, relative: 1e-5, absolute: 1e-5)
        }
    }

    func testPlaneChoosesTheSliceWithTheLargestROI() throws {
        let image = try ImageVolume(size: (2, 2, 3), voxels: (0..<12).map(Double.init))
        let mask = try ImageVolume(size: (2, 2, 3), voxels: [1, 0, 0, 0, 1, 1, 0, 2, 1, 1, 0, 0])
        let plane = try DeepFeatureExtractor.plane(image: image, mask: mask, label: 1)
        XCTAssertEqual(plane.pixels, [4, 5, 6, 7])
        XCTAssertEqual(plane.mask, [1, 1, 0, 0])
        XCTAssertEqual(try DeepFeatureExtractor.plane(image: image, mask: mask, label: 2).pixels, [4, 5, 6, 7])
        XCTAssertThrowsError(try DeepFeatureExtractor.plane(image: image, mask: mask, label: 3)) {
            XCTAssertEqual($0 as? ImagingError, .labelAbsent(label: 3, present: [1, 2]))
        }
        let small = try ImageVolume(size: (2, 1, 1), voxels: [1, 1])
        XCTAssertThrowsError(try DeepFeatureExtractor.plane(image: image, mask: small, label: 1))
    }

    func testJoinedKeepsIdsAndColumns() throws {
        let a = ExtractionResult(columns: ["x"], ids: ["1", "2"], values: [[1], [2]], failures: [])
        let b = ExtractionResult(columns: ["y", "z"], ids: ["2", "3"], values: [[5, 6], [7, 8]], failures: [])
        let j = a.joined(with: b)
        XCTAssertEqual(j.columns, ["x", "y", "z"])
        XCTAssertEqual(j.ids, ["1", "2", "3"])
        XCTAssertEqual(j.csv(), "id,x,y,z\n1,1.0,,\n2,2.0,5.0,6.0\n3,,7.0,8.0\n")
    }
}
