import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// The manifest engine: column naming, per-ROI failures, path refusal, determinism over jobs,
/// shards + merge, and parameter files.
final class RadiomicsManifestTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        for name in ["breast1_slice09_image.nrrd", "breast1_slice09_label.nrrd", "breast1_label.nrrd"] {
            try FileManager.default.copyItem(at: Fixtures.url("radiomics/\(name)"), to: folder.appendingPathComponent("img/\(name)"))
        }
        let manifest = """
        id,view,image,mask,label
        p1,CC,img/breast1_slice09_image.nrrd,img/breast1_slice09_label.nrrd,1
        p1,MLO,img/breast1_slice09_image.nrrd,img/breast1_slice09_label.nrrd,
        p2,CC,img/breast1_slice09_image.nrrd,img/breast1_slice09_label.nrrd,2
        p2,MLO,img/missing.nrrd,img/breast1_slice09_label.nrrd,1
        p3,CC,../outside.nrrd,img/breast1_slice09_label.nrrd,1
        p3,MLO,img/breast1_slice09_image.nrrd,img/breast1_label.nrrd,1
        p4,CC,img/breast1_slice09_image.nrrd,img/breast1_slice09_label.nrrd,1
        """
        try manifest.write(to: folder.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testColumnsFailuresAndValues() throws {
        let manifest = try RadiomicsManifest.load(folder.appendingPathComponent("manifest.csv"))
        XCTAssertEqual(manifest.rows.count, 7)
        let result = RadiomicsExtractor().extract(manifest: manifest, jobs: 2)
        XCTAssertEqual(result.ids, ["p1", "p4"])
        XCTAssertEqual(result.columns.count, 2 * 102)
        XCTAssertEqual(result.columns.first, "CC_original_shape2D_Elongation")
        XCTAssertTrue(result.columns.contains("MLO_original_glcm_Contrast"))
        XCTAssertEqual(result.failures.map(\.id), ["p2", "p2", "p3", "p3"])
        XCTAssertTrue(result.failures[0].reason.contains("label 2 is absent"), result.failures[0].reason)
        XCTAssertTrue(result.failures[1].reason.contains("missing.nrrd"), result.failures[1].reason)
        XCTAssertTrue(result.failures[2].reason.contains("leaves the manifest's folder"), result.failures[2].reason)
        XCTAssertTrue(result.failures[3].reason.contains("geometry"), result.failures[3].reason)
        // p4 only has CC: its MLO cells are empty.
        let mloContrast = result.columns.firstIndex(of: "MLO_original_glcm_Contrast")!
        XCTAssertTrue(result.values[1][mloContrast].isNaN)
        let ccContrast = result.columns.firstIndex(of: "CC_original_glcm_Contrast")!
        assertClose(result.values[0][ccContrast], 0.4962915143195249, relative: 1e-9)
        // CSV round trip.
        let parsed = try ExtractionResult.parse(result.csv())
        XCTAssertEqual(parsed.columns, result.columns)
        XCTAssertEqual(parsed.ids, result.ids)
        XCTAssertEqual(parsed.values[0], result.values[0])
    }

    func testDeterministicAcrossJobsAndShards() throws {
        let manifest = try RadiomicsManifest.load(folder.appendingPathComponent("manifest.csv"))
        let one = RadiomicsExtractor().extract(manifest: manifest, jobs: 1)
        let two = RadiomicsExtractor().extract(manifest: manifest, jobs: 2)
        XCTAssertEqual(one, two)
        let parts = try (1...3).map { RadiomicsExtractor().extract(manifest: manifest, shard: try Shard(index: $0, count: 3)) }
        let merged = try ExtractionResult.merge(parts)
        XCTAssertEqual(merged.ids, one.ids)
        XCTAssertEqual(Set(merged.columns), Set(one.columns))
        XCTAssertThrowsError(try Shard(parsing: "4/3"))
        XCTAssertThrowsError(try ExtractionResult.merge([one, one]))
    }

    func testManifestErrors() {
        XCTAssertThrowsError(try RadiomicsManifest.parse("id,view,image\np1,CC,a.nrrd\n", folder: folder)) { e in
            XCTAssertTrue("\(e)".contains("missing column 'mask'"))
        }
        XCTAssertThrowsError(try RadiomicsManifest.parse("id,view,image,mask,label\np1,CC,a,b,x\n", folder: folder))
        // Labels that parse as a Double but are no Int: an error, not a trap; "2.0" is label 2.
        for label in ["1e300", "inf", "nan", "-1e19", "2.5"] {
            XCTAssertThrowsError(try RadiomicsManifest.parse("id,view,image,mask,label\np1,CC,a,b,\(label)\n", folder: folder)) { e in
                XCTAssertTrue("\(e)".contains("label '\(label)' is not an integer"), "\(e)")
            }
        }
        XCTAssertEqual(try RadiomicsManifest.parse("id,view,image,mask,label\np1,CC,a,b,2.0\n", folder: folder).rows.first?.label, 2)
        // Label 0 (the background) or below: refused, not extracted as the region outside the lesion.
        for label in ["0", "0.0", "-1"] {
            XCTAssertThrowsError(try RadiomicsManifest.parse("id,view,image,mask,label\np1,CC,a,b,1\np2,CC,a,b,\(label)\n", folder: folder)) { e in
                XCTAssertTrue("\(e)".contains("row 3: label \(Int(Double(label)!)) is not a region (0 is the background)"), "\(e)")
            }
        }
        XCTAssertThrowsError(try RadiomicsManifest.parse("", folder: folder))
        // The same patient and view twice: the second ROI's features silently replaced the first's.
        XCTAssertThrowsError(try RadiomicsManifest.parse("id,view,image,mask\np1,CC,a,b\np1,MLO,a,b\np1,CC,a,c\n", folder: folder)) { e in
            XCTAssertTrue("\(e)".contains("rows 2 and 4 are both patient 'p1', view 'CC'"), "\(e)")
        }
    }

    func testParameterFile() throws {
        let json = """
        {"imageType": {"Original": {}, "Wavelet": {"start_level": 0}},
         "featureClass": {"shape2D": null, "glcm": ["Contrast"], "firstorder": []},
         "setting": {"binWidth": 10, "label": 2, "force2D": true, "resegmentRange": [0, 500]}}
        """
        let file = try JSONDecoder().decode(RadiomicsParameterFile.self, from: Data(json.utf8))
        let s = try file.settings()
        XCTAssertEqual(s.imageTypes, ["Original", "Wavelet"])
        XCTAssertEqual(s.binWidth, 10); XCTAssertEqual(s.label, 2); XCTAssertTrue(s.force2D)
        XCTAssertEqual(s.resegmentRange, [0, 500])
        XCTAssertEqual(s.featureClasses.count, 3)
        XCTAssertEqual(s.featureClasses["glcm"], .some(["Contrast"]))
        XCTAssertEqual(s.featureClasses["firstorder"], .some(nil))
        let bad = try JSONDecoder().decode(RadiomicsParameterFile.self, from: Data(#"{"imageType": {"Fourier": {}}}"#.utf8))
        XCTAssertThrowsError(try bad.settings())
    }

    /// PyRadiomics accepts the interpolator as SimpleITK's name or enumeration value.
    func testInterpolatorByNameOrSimpleITKNumber() throws {
        func interpolator(_ value: String) throws -> String {
            let json = #"{"setting": {"resampledPixelSpacing": [2, 2, 2], "interpolator": "# + value + "}}"
            return try JSONDecoder().decode(RadiomicsParameterFile.self, from: Data(json.utf8)).settings().interpolator
        }
        XCTAssertEqual(try interpolator("1"), "sitkNearestNeighbor")
        XCTAssertEqual(try interpolator("2"), "sitkLinear")
        XCTAssertEqual(try interpolator("3"), "sitkBSpline")
        XCTAssertEqual(try interpolator(#""sitkLinear""#), "sitkLinear")
        XCTAssertEqual(try interpolator("4"), "sitkGaussian")
        XCTAssertEqual(try interpolator("42"), "interpolator 42")
        let defaults = try JSONDecoder().decode(RadiomicsParameterFile.self, from: Data(#"{"setting": {}}"#.utf8))
        XCTAssertEqual(try defaults.settings().interpolator, "sitkBSpline")
    }
}
