import Foundation
import SentinelImaging
import SentinelNumerics
import XCTest

final class SyntheticImageCohortTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-synth-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private let patients = [
        SyntheticImageCohort.Patient(id: "A 1", outcome: 0, diameter: 12),
        SyntheticImageCohort.Patient(id: "B2", outcome: 1, diameter: 40),
        SyntheticImageCohort.Patient(id: "C3", outcome: 1, diameter: nil),
    ]

    func testWritesImagesMasksAndAManifestDeterministically() throws {
        var cohort = SyntheticImageCohort(patients: patients, seed: 11)
        cohort.width = 96; cohort.height = 120
        let a = try folder(), b = try folder()
        let manifestURL = try cohort.write(to: a, jobs: 2)
        try cohort.write(to: b, jobs: 1)
        let manifest = try RadiomicsManifest.load(manifestURL)
        XCTAssertEqual(manifest.rows.map(\.id), ["A 1", "A 1", "B2", "B2", "C3", "C3"])
        XCTAssertEqual(manifest.rows.map(\.view), ["CC", "MLO", "CC", "MLO", "CC", "MLO"])
        XCTAssertEqual(manifest.rows[0].image, "A_1_CC.nrrd")
        for row in manifest.rows {
            let image = try ImageReader.read(try manifest.resolve(row.image))
            let mask = try ImageReader.read(try manifest.resolve(row.mask))
            XCTAssertEqual(image.sizeXYZ, [96, 120, 1])
            XCTAssertTrue(image.hasSameGeometry(as: mask))
            XCTAssertGreaterThan(mask.voxels.filter { $0 == 1 }.count, 20, row.id)
            let other = try ImageReader.read(b.appendingPathComponent(row.image))
            XCTAssertEqual(other.voxels, image.voxels, "same seed, other worker count")
        }
    }

    func testLesionFollowsDiameterAndOutcome() {
        var generator = SeededGenerator(seed: 5)
        var negative: [SyntheticLesion] = [], positive: [SyntheticLesion] = []
        for _ in 0..<400 {
            negative.append(SyntheticImageCohort.lesion(for: patients[0], generator: &generator))
            positive.append(SyntheticImageCohort.lesion(for: .init(id: "x", outcome: 1, diameter: 12), generator: &generator))
        }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        XCTAssertEqual(mean(negative.map(\.radius)), 6, accuracy: 0.2)
        XCTAssertGreaterThan(mean(positive.map(\.irregularity)), mean(negative.map(\.irregularity)) + 0.1)
        XCTAssertGreaterThan(mean(positive.map(\.heterogeneity)), mean(negative.map(\.heterogeneity)) + 0.1)
        XCTAssertGreaterThan(mean(positive.map(\.contrast)), mean(negative.map(\.contrast)) + 70)
        let big = SyntheticImageCohort.lesion(for: .init(id: "y", outcome: 0, diameter: 100), generator: &generator)
        XCTAssertEqual(big.radius, 15)
        for l in negative + positive {
            XCTAssertTrue((0...1).contains(l.irregularity) && (0...1).contains(l.heterogeneity))
            XCTAssertTrue((2.5...15).contains(l.radius) && (150...1600).contains(l.contrast))
        }
    }
}
