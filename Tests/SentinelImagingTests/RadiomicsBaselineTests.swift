import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// PyRadiomics' own 3D baselines (brain1, brain2, breast1; Tests/Fixtures/radiomics/baseline3d/)
/// for every intensity/texture column we support: default (binWidth 25), _2d (force2D), _FBN
/// (binCount 64), _combined (weightingNorm no_weighting), _flatRegion (binWidth 5000,
/// resegmentRange [0]), _resegmentation (sigma, [-3, 3]) and, for the uncropped breast1,
/// _normalization (scale 100, binWidth 5) and _resampling (2 mm, cubic B-spline). Tolerance 1e-4 relative (upstream accepts 3 %), 1e-3
/// for brain1's mesh features (see below).
final class RadiomicsBaselineTests: XCTestCase {
    func load(_ c: String) throws -> (ImageVolume, ImageVolume) {
        let dir = c == "breast1" ? "radiomics/breast1" : "radiomics/baseline3d/\(c)_crop"
        return (try ImageReader.read(Fixtures.url("\(dir)_image.nrrd")), try ImageReader.read(Fixtures.url("\(dir)_label.nrrd")))
    }

    func settings(_ config: String) -> RadiomicsSettings {
        var s = RadiomicsSettings()
        s.featureClasses["shape2D"] = nil
        s.minimumROIDimensions = 1
        switch config {
        case "": s.voxelArrayShift = 2000
        case "_2d": s.force2D = true
        case "_FBN": s.binCount = 64
        case "_combined": s.weightingNorm = "no_weighting"
        case "_flatRegion": s.binWidth = 5000; s.resegmentRange = [0]
        case "_resegmentation": s.resegmentMode = "sigma"; s.resegmentRange = [-3, 3]
        case "_normalization": s.normalize = true; s.normalizeScale = 100; s.binWidth = 5
        case "_resampling": s.resampledPixelSpacing = [2, 2, 2]  // sitkBSpline, padDistance 5
        default: break
        }
        return s
    }

    func check(_ c: String) throws {
        let table = try ReferenceTable("radiomics/baseline3d/baseline3d.csv")
        let (image, mask) = try load(c)
        var configs = ["", "_2d", "_FBN", "_combined", "_flatRegion", "_resegmentation"]
        // The uncropped breast1 only: cropping moves the resampling grid.
        if c == "breast1" { configs += ["_normalization", "_resampling"] }
        var compared = 0
        for config in configs {
            let actual = try RadiomicsExtractor(settings: settings(config)).extract(image: image, mask: mask)
            let values = Dictionary(actual.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            for (row, e) in table.values(c + config).sorted(by: { $0.key < $1.key }) {
                let name = String(row.drop { $0 != "_" }.dropFirst())
                guard let a = values[name] else { XCTFail("\(c)\(config): missing \(name)"); continue }
                // brain1's mesh features in upstream's baseline come from an older PyRadiomics whose
                // triangle table differs; PyRadiomics 3.1.4 itself is 8e-4 off them (and matches us
                // to 1e-9, see RadiomicsMeshShapeTests).
                let mesh = ["MeshVolume", "SurfaceArea", "SurfaceVolumeRatio", "Sphericity"].contains { name == "original_shape_\($0)" }
                assertClose(a, e, relative: c == "brain1" && mesh ? 1e-3 : 1e-4, absolute: 1e-10, "\(c)\(config) \(name)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 400)
    }

    func testBrain1() throws { try check("brain1") }
    func testBrain2() throws { try check("brain2") }
    func testBreast1() throws { try check("breast1") }
}
