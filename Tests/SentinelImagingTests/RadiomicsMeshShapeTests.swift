import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// The mesh-based 3D shape features (MeshVolume, SurfaceArea, SurfaceVolumeRatio, Sphericity and
/// the deprecated Compactness1, Compactness2, SphericalDisproportion) with the other `shape`
/// features, against PyRadiomics 3.1.4 on random irregular masks (holes, components touching at
/// edges or corners, border-touching ROIs, anisotropic spacing) and on brain1, brain2 and breast1
/// (Tests/Fixtures/radiomics/mesh/make_mesh_cases.py).
final class RadiomicsMeshShapeTests: XCTestCase {
    struct Case: Decodable {
        var name: String
        var size: [Int]
        var spacing: [Double]
        var mask: String
        var features: [String: Double]
    }

    struct File: Decodable {
        var cases: [Case]
        var files: [String: [String: Double]]
    }

    static let names = ["MeshVolume", "VoxelVolume", "SurfaceArea", "SurfaceVolumeRatio", "Sphericity", "Compactness1",
                        "Compactness2", "SphericalDisproportion", "Maximum3DDiameter", "Maximum2DDiameterSlice",
                        "Maximum2DDiameterColumn", "Maximum2DDiameterRow", "MajorAxisLength", "MinorAxisLength",
                        "LeastAxisLength", "Elongation", "Flatness"]

    func shapeSettings(_ list: [String]?) -> RadiomicsSettings {
        var s = RadiomicsSettings()
        s.featureClasses = ["shape": list]
        s.minimumROIDimensions = 1
        return s
    }

    func compare(_ actual: [(name: String, value: Double)], _ expected: [String: Double], _ label: String) {
        let values = Dictionary(actual.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(Set(values.keys), Set(expected.keys), label)
        for (name, e) in expected.sorted(by: { $0.key < $1.key }) {
            guard let a = values[name] else { XCTFail("\(label): missing \(name)"); continue }
            assertClose(a, e, relative: 1e-9, absolute: 1e-12, "\(label) \(name)")
        }
    }

    func testRandomMasks() throws {
        let file = try Fixtures.load(File.self, "radiomics/mesh/cases.json")
        XCTAssertEqual(file.cases.count, 10)
        for c in file.cases {
            let voxels = c.mask.map { $0 == "1" ? 1.0 : 0.0 }
            let mask = try ImageVolume(size: (c.size[0], c.size[1], c.size[2]), dimension: 3, spacing: c.spacing, voxels: voxels)
            let image = try ImageVolume(size: (c.size[0], c.size[1], c.size[2]), dimension: 3, spacing: c.spacing,
                                        voxels: [Double](repeating: 0, count: voxels.count))
            let actual = try RadiomicsExtractor(settings: shapeSettings(Self.names)).extract(image: image, mask: mask)
            compare(actual, c.features, c.name)
        }
    }

    func testPyRadiomicsCases() throws {
        let file = try Fixtures.load(File.self, "radiomics/mesh/cases.json")
        for (name, expected) in file.files.sorted(by: { $0.key < $1.key }) {
            let stem = name == "breast1" ? "radiomics/breast1" : "radiomics/baseline3d/\(name)_crop"
            let image = try ImageReader.read(Fixtures.url("\(stem)_image.nrrd"))
            let mask = try ImageReader.read(Fixtures.url("\(stem)_label.nrrd"))
            let actual = try RadiomicsExtractor(settings: shapeSettings(Self.names)).extract(image: image, mask: mask)
            compare(actual, expected, name)
        }
    }

    /// Without a feature list the deprecated features are left out (PyRadiomics' default).
    func testDeprecatedOnlyWhenNamed() throws {
        let image = try ImageReader.read(Fixtures.url("radiomics/breast1_image.nrrd"))
        let mask = try ImageReader.read(Fixtures.url("radiomics/breast1_label.nrrd"))
        let all = try RadiomicsExtractor(settings: shapeSettings(nil)).extract(image: image, mask: mask).map(\.name)
        XCTAssertEqual(all.count, 14)
        XCTAssertTrue(all.contains("original_shape_Sphericity"))
        XCTAssertFalse(all.contains { $0.contains("Compactness") || $0.contains("SphericalDisproportion") })
        let named = try RadiomicsExtractor(settings: shapeSettings(["Compactness2"])).extract(image: image, mask: mask)
        XCTAssertEqual(named.map(\.name), ["original_shape_Compactness2"])
    }
}
