import Foundation
import SentinelTestSupport
import XCTest

/// `sentinel extract` with radiomics and deep features on a tiny generated manifest.
final class ExtractCommandTests: CLITestCase {
    /// Writes a raw little-endian float64 NRRD (2D) readable by `ImageReader`.
    private func writeNRRD(_ values: [Double], width: Int, height: Int, to url: URL) throws {
        let header = "NRRD0004\ntype: double\ndimension: 2\nsizes: \(width) \(height)\nspace dimension: 2\n"
            + "space directions: (0.5,0) (0,0.5)\nkinds: domain domain\nendian: little\nencoding: raw\nspace origin: (0,0)\n\n"
        let payload = values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
        try (Data(header.utf8) + payload).write(to: url)
    }

    /// Image `k`: a textured 40 x 36 image; its mask an ellipse of label 1 (or 2 when `label` is 2).
    private func writeCase(_ k: Int, in dir: URL, label: Int = 1) throws {
        let w = 40, h = 36
        var pixels = [Double](), mask = [Double]()
        for y in 0..<h {
            for x in 0..<w {
                pixels.append(Double((x * x * (k + 3) + y * 7 * (k + 1) + x * y) % 97) + 10 * Double(k))
                let dx = Double(x - 18 - k) / Double(9 + k), dy = Double(y - 17) / 8
                mask.append(dx * dx + dy * dy <= 1 ? Double(label) : 0)
            }
        }
        try writeNRRD(pixels, width: w, height: h, to: dir.appendingPathComponent("img\(k).nrrd"))
        try writeNRRD(mask, width: w, height: h, to: dir.appendingPathComponent("img\(k)_mask.nrrd"))
    }

    private func makeManifest(extra: [String] = []) throws -> URL {
        let dir = try temporaryDirectory()
        for k in 0..<3 { try writeCase(k, in: dir) }
        try writeCase(3, in: dir, label: 2)
        let lines = ["id,view,image,mask", "P1,CC,img0.nrrd,img0_mask.nrrd", "P1,MLO,img1.nrrd,img1_mask.nrrd",
                     "P2,CC,img2.nrrd,img2_mask.nrrd"] + extra
        let url = dir.appendingPathComponent("manifest.csv")
        try write(lines.joined(separator: "\n") + "\n", to: url)
        return url
    }

    private var weights: String { Fixtures.url("deep/resnet18_w8.safetensors").path }

    func testRadiomicsAndDeepInOnePass() throws {
        let manifest = try makeManifest()
        let out = manifest.deletingLastPathComponent().appendingPathComponent("features.csv")
        let run = try sentinel(["extract", manifest.path, "--out", out.path, "--deep", weights])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOf: out, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        XCTAssertEqual(header.first, "id")
        XCTAssertTrue(header.contains("CC_original_firstorder_Mean"))
        XCTAssertTrue(header.contains("MLO_original_glcm_Contrast"))
        let deep = header.filter { $0.contains("_dl_") }
        XCTAssertEqual(deep, (0..<64).map { "CC_dl_\($0)" } + (0..<64).map { "MLO_dl_\($0)" })
        XCTAssertLessThan(header.firstIndex(of: "MLO_original_firstorder_Mean")!, header.firstIndex(of: "CC_dl_0")!)
        XCTAssertEqual(lines.dropFirst().map { $0[0] }, ["P1", "P2"])
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.count == header.count })
        // P2 has no MLO image: its MLO cells are empty, its CC deep cells are numbers.
        let p2 = lines[2]
        XCTAssertEqual(p2[header.firstIndex(of: "MLO_dl_5")!], "")
        XCTAssertNotNil(Double(p2[header.firstIndex(of: "CC_dl_5")!]))
        // Deterministic, whatever the number of workers.
        let again = manifest.deletingLastPathComponent().appendingPathComponent("again.csv")
        let rerun = try sentinel(["extract", manifest.path, "--out", again.path, "--deep", weights,
                                  "--jobs", "1"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try String(contentsOf: again, encoding: .utf8), text)
    }

    func testDeepAloneMatchesTheJointRun() throws {
        let manifest = try makeManifest()
        let dir = manifest.deletingLastPathComponent()
        let both = dir.appendingPathComponent("both.csv"), deep = dir.appendingPathComponent("deep.csv")
        XCTAssertEqual(try sentinel(["extract", manifest.path, "--out", both.path, "--deep", weights]).status, 0)
        let run = try sentinel(["extract", manifest.path, "--out", deep.path, "--deep", weights, "--no-radiomics"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let table = try String(contentsOf: deep, encoding: .utf8).split(separator: "\n")
        let header = table[0].split(separator: ",").map(String.init)
        XCTAssertEqual(header.count, 1 + 128)
        XCTAssertFalse(header.contains { $0.contains("original") })
        // The same numbers as in the joint table.
        let joint = try String(contentsOf: both, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let k = joint[0].firstIndex(of: "CC_dl_7")!
        let cells = table[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(cells[header.firstIndex(of: "CC_dl_7")!], joint[1][k])
        // At least 7 significant digits unless the value is exactly shorter.
        let value = cells[header.firstIndex(of: "CC_dl_7")!]
        XCTAssertNotNil(Float(value))
        XCTAssertEqual(Float(value).map { "\($0)" }, Float(value).map { "\(Float("\($0)")!)" })
        // The progress bar goes to stderr, unless --quiet; the table is the same either way.
        XCTAssertTrue(run.stderr.contains("ROIs"), run.stderr)
        let quietOut = dir.appendingPathComponent("quiet.csv")
        let quiet = try sentinel(["extract", manifest.path, "--out", quietOut.path, "--deep", weights, "--no-radiomics", "--quiet"])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stderr, "")
        XCTAssertEqual(try Data(contentsOf: quietOut), try Data(contentsOf: deep))
    }

    func testFailingROIIsListedAndExitIs65() throws {
        let manifest = try makeManifest(extra: ["P3,CC,img3.nrrd,img3_mask.nrrd", "P4,CC,../outside.nrrd,img0_mask.nrrd"])
        let dir = manifest.deletingLastPathComponent()
        let out = dir.appendingPathComponent("features.csv")
        let run = try sentinel(["extract", manifest.path, "--out", out.path, "--deep", weights])
        XCTAssertEqual(run.status, 65)
        XCTAssertTrue(run.stderr.contains("failed: P3 CC"), run.stderr)
        XCTAssertTrue(run.stderr.contains("label 1 is absent"), run.stderr)
        XCTAssertTrue(run.stderr.contains("leaves the manifest's folder"), run.stderr)
        let failures = try String(contentsOf: dir.appendingPathComponent("features.failures.csv"), encoding: .utf8)
        XCTAssertTrue(failures.hasPrefix("id,view,image,reason\n"))
        XCTAssertTrue(failures.contains("P3,CC,img3.nrrd,"))
        XCTAssertTrue(failures.contains("P4,CC,../outside.nrrd,"))
        // The good ROIs are still written.
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.prefix(3) }
        XCTAssertEqual(rows, ["P1,", "P2,"])
        // Once the manifest is mended, a rerun leaves no stale failures table beside the output.
        try write("id,view,image,mask\nP1,CC,img0.nrrd,img0_mask.nrrd\n", to: manifest)
        let mended = try sentinel(["extract", manifest.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(mended.status, 0, mended.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("features.failures.csv").path))
    }

    /// A typo in the parameter file is exit 65 naming the file, the key and the nearest known key
    /// (PyRadiomics' schema refuses it too), with nothing written.
    func testParameterFileTypoIsNamed() throws {
        let manifest = try makeManifest()
        let dir = manifest.deletingLastPathComponent()
        let params = dir.appendingPathComponent("params.yaml")
        try write("setting:\n  binWidht: 25\n", to: params)
        let out = dir.appendingPathComponent("f.csv")
        let run = try sentinel(["extract", manifest.path, "--out", out.path, "--params", params.path])
        XCTAssertEqual(run.status, 65, run.stderr)
        for part in ["params.yaml", "unknown key 'binWidht' in 'setting'", "did you mean 'binWidth'"] {
            XCTAssertTrue(run.stderr.contains(part), run.stderr)
        }
        XCTAssertFalse(run.stderr.contains("not valid YAML"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// A value of the wrong type, or a setting no ROI can use (binWidth 0), is one exit-65 error
    /// naming the file and the key before any ROI, not a Swift decoding dump or a failure per ROI.
    func testParameterFileValuesAreCheckedOnceAndNamed() throws {
        let manifest = try makeManifest()
        let dir = manifest.deletingLastPathComponent()
        let params = dir.appendingPathComponent("params.yaml")
        let out = dir.appendingPathComponent("f.csv")
        for (text, expected) in [("setting:\n  binWidth: abc\n", "key 'setting.binWidth' must be a number"),
                                 ("setting:\n  binWidth: 0\n", "binWidth must be positive"),
                                 ("setting:\n  label: 0\n", "label 0 is not a region (0 is the background)")] {
            try write(text, to: params)
            let run = try sentinel(["extract", manifest.path, "--out", out.path, "--params", params.path])
            XCTAssertEqual(run.status, 65, run.stderr)
            XCTAssertTrue(run.stderr.contains("parameter file \(params.path): ") && run.stderr.contains(expected), run.stderr)
            XCTAssertFalse(run.stderr.contains("DecodingError") || run.stderr.contains("failed: "), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        }
    }

    func testMissingInputsExit66() throws {
        let dir = try temporaryDirectory()
        let missing = try sentinel(["extract", dir.appendingPathComponent("none.csv").path, "--out",
                                    dir.appendingPathComponent("f.csv").path, "--deep", weights])
        XCTAssertEqual(missing.status, 66)
        XCTAssertTrue(missing.stderr.contains("none.csv"))
        let manifest = try makeManifest()
        let noWeights = try sentinel(["extract", manifest.path, "--out", dir.appendingPathComponent("f.csv").path,
                                      "--deep", dir.appendingPathComponent("w.safetensors").path])
        XCTAssertEqual(noWeights.status, 66)
        XCTAssertTrue(noWeights.stderr.contains("w.safetensors"))
        // A malformed --shard is a usage error (was 65, "bad data").
        for shard in ["3/2", "0/0", "1/x"] {
            let bad = try sentinel(["extract", manifest.path, "--out", dir.appendingPathComponent("f.csv").path, "--shard", shard])
            XCTAssertEqual(bad.status, 64, bad.stderr)
            XCTAssertTrue(bad.stderr.contains("invalid shard '\(shard)'"), bad.stderr)
        }
        // A folder given as the manifest: 66 saying so (was 65 with a Foundation error number).
        let folder = try sentinel(["extract", dir.path, "--out", dir.appendingPathComponent("f.csv").path])
        XCTAssertEqual(folder.status, 66, folder.stderr)
        XCTAssertTrue(folder.stderr.contains("is a folder"), folder.stderr)
    }

    /// `--out` naming the manifest, an image or mask it lists, the weights or a shard table was
    /// written over (the manifest replaced by the features); now a usage error (64) and every
    /// input is left as it was. An output that cannot be created is 73 with the reason (was exit 1
    /// with a Foundation error), a missing --params 66.
    func testOutputNeverReplacesAnInputAndUnwritableOutputIs73() throws {
        let manifest = try makeManifest()
        let dir = manifest.deletingLastPathComponent()
        let inputs = [manifest, dir.appendingPathComponent("img0.nrrd"), dir.appendingPathComponent("img1_mask.nrrd")]
        let before = try inputs.map { try Data(contentsOf: $0) }
        for target in inputs.map(\.path) + [dir.path + "/./manifest.csv"] {
            let run = try sentinel(["extract", manifest.path, "--out", target])
            XCTAssertEqual(run.status, 64, "\(target): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("is one of the inputs"), run.stderr)
        }
        // The failures table beside FEATURES.csv counts as an output too.
        let failuresTarget = try sentinel(["extract", manifest.path, "--out", dir.appendingPathComponent("img0_mask").path + ".csv",
                                           "--params", dir.appendingPathComponent("img0_mask.failures.csv").path])
        XCTAssertEqual(failuresTarget.status, 64, failuresTarget.stderr)
        XCTAssertEqual(try sentinel(["extract", manifest.path, "--out", weights, "--deep", weights]).status, 64)
        XCTAssertEqual(try inputs.map { try Data(contentsOf: $0) }, before)

        let folder = try sentinel(["extract", manifest.path, "--out", dir.path])
        XCTAssertEqual(folder.status, 73, folder.stderr)
        XCTAssertTrue(folder.stderr.contains("it is a folder"), folder.stderr)
        let noFolder = try sentinel(["extract", manifest.path, "--out", dir.appendingPathComponent("no/f.csv").path])
        XCTAssertEqual(noFolder.status, 73, noFolder.stderr)
        XCTAssertTrue(noFolder.stderr.contains("does not exist"), noFolder.stderr)
        // Both refused before any ROI is extracted (no progress bar), not after the whole run.
        XCTAssertFalse(folder.stderr.contains("ROIs") || noFolder.stderr.contains("ROIs"), folder.stderr + noFolder.stderr)
        let mergeNoFolder = try sentinel(["extract", "merge", manifest.path, "--out", dir.appendingPathComponent("no/m.csv").path])
        XCTAssertEqual(mergeNoFolder.status, 73, mergeNoFolder.stderr)
        let noParams = try sentinel(["extract", manifest.path, "--out", dir.appendingPathComponent("f.csv").path,
                                     "--params", dir.appendingPathComponent("p.yaml").path])
        XCTAssertEqual(noParams.status, 66, noParams.stderr)

        let a = dir.appendingPathComponent("a.csv"), b = dir.appendingPathComponent("b.csv")
        XCTAssertEqual(try sentinel(["extract", manifest.path, "--out", a.path, "--shard", "1/2"]).status, 0)
        XCTAssertEqual(try sentinel(["extract", manifest.path, "--out", b.path, "--shard", "2/2"]).status, 0)
        let shardA = try Data(contentsOf: a)
        XCTAssertEqual(try sentinel(["extract", "merge", a.path, b.path, "--out", a.path]).status, 64)
        XCTAssertEqual(try Data(contentsOf: a), shardA)
        XCTAssertEqual(try sentinel(["extract", "merge", a.path, dir.appendingPathComponent("c.csv").path,
                                     "--out", dir.appendingPathComponent("ab.csv").path]).status, 66)
        XCTAssertEqual(try sentinel(["extract", "merge", a.path, b.path, "--out", dir.path]).status, 73)
        XCTAssertEqual(try sentinel(["extract", "merge", a.path, b.path, "--out", dir.appendingPathComponent("ab.csv").path]).status, 0)
    }

    func testDescribeStatesThePreprocessing() throws {
        let run = try sentinel(["extract", "--describe"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("align_corners=False"))
        XCTAssertTrue(run.stdout.contains("the axial (z) slice with the most ROI voxels"))
        XCTAssertTrue(run.stdout.contains("[0.485, 0.456, 0.406]"))
    }
}
