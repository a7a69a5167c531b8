import Foundation
import SentinelImaging
import SentinelNumerics
import SentinelTestSupport
import XCTest

/// Synthetic mammograms (deterministic, lesion mask present, features extractable) and the NRRD
/// writer round trip.
final class SyntheticMammogramTests: XCTestCase {
    let lesion = SyntheticLesion(radius: 6, irregularity: 0.8, contrast: 700, heterogeneity: 0.5)

    func testDeterministicAndExtractable() throws {
        var g1 = SeededGenerator(seed: 11), g2 = SeededGenerator(seed: 11), g3 = SeededGenerator(seed: 12)
        let a = try SyntheticMammogram.generate(view: "CC", lesion: lesion, generator: &g1)
        let b = try SyntheticMammogram.generate(view: "CC", lesion: lesion, generator: &g2)
        let c = try SyntheticMammogram.generate(view: "CC", lesion: lesion, generator: &g3)
        XCTAssertEqual(a.image, b.image)
        XCTAssertNotEqual(a.image, c.image)
        let lesionPixels = a.mask.voxels.filter { $0 == 1 }.count
        XCTAssertGreaterThan(lesionPixels, 500)
        XCTAssertTrue(a.image.voxels.allSatisfy { (0...4095).contains($0) })
        let features = try RadiomicsExtractor().extract(image: a.image, mask: a.mask)
        XCTAssertEqual(features.count, 102)
        XCTAssertTrue(features.allSatisfy { $0.value.isFinite }, "\(features.filter { !$0.value.isFinite })")
        var g4 = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try SyntheticMammogram.generate(width: 8, view: "CC", lesion: lesion, generator: &g4))
    }

    func testNRRDWriterRoundTrip() throws {
        var g = SeededGenerator(seed: 3)
        let (image, mask) = try SyntheticMammogram.generate(view: "MLO", lesion: lesion, generator: &g)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-nrrd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for gzip in [true, false] {
            let url = dir.appendingPathComponent("image\(gzip).nrrd")
            try NRRDWriter.write(image, to: url, pixelType: .uint16, gzip: gzip)
            XCTAssertEqual(try ImageReader.read(url), image)
        }
        let maskURL = dir.appendingPathComponent("mask.seg.nrrd")
        try NRRDWriter.write(mask, to: maskURL, pixelType: .uint8)
        XCTAssertEqual(try ImageReader.read(maskURL), mask)
        // 3D with a direction matrix.
        var volume = try ImageVolume(size: (3, 4, 5), spacing: [0.5, 0.7, 2], origin: [1, -2, 3],
                                     direction: [0, 1, 0, -1, 0, 0, 0, 0, 1], voxels: (0..<60).map { Double($0) - 20 })
        volume.dimension = 3
        let volumeURL = dir.appendingPathComponent("volume.nrrd")
        try NRRDWriter.write(volume, to: volumeURL, pixelType: .int16)
        let back = try ImageReader.read(volumeURL)
        XCTAssertEqual(back.voxels, volume.voxels)
        assertClose(back.direction, volume.direction, absolute: 1e-12)
        assertClose(back.spacing, volume.spacing, relative: 1e-12)
        XCTAssertEqual(back.origin, volume.origin)
    }
}
