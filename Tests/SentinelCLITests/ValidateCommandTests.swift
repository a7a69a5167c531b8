import Foundation
import SentinelReport
import SentinelStats
import SentinelStudy
import XCTest

/// `sentinel validate` and `sentinel site` end to end: a small two-modality study is run, then
/// its own validation rows are validated as a "site" (which must reproduce the development
/// numbers exactly), and the packets are published as a site.
final class ValidateCommandTests: CLITestCase {
    /// A seeded synthetic study: 160 patients (100 train, 60 validation), a Clinical modality
    /// (age, size, shape) and a Rad modality (6 features), split over two files.
    struct Study {
        var directory: URL
        var clinicalHeader = "patient_id,cohort,sln,age,size,shape"
        var radHeader = "patient_id,rad_1,rad_2,rad_3,rad_4,rad_5,rad_6"
        var clinical: [String] = []
        var rad: [String] = []
        var cohorts: [String] = []

        init(directory: URL) {
            self.directory = directory
            var state: UInt64 = 987654321
            func uniform() -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double(state >> 11) / Double(1 << 53)
            }
            func gaussian() -> Double { (-2 * log(max(uniform(), 1e-12))).squareRoot() * cos(2 * .pi * uniform()) }
            let shapes = ["irregular", "oval", "round"]
            for i in 0 ..< 160 {
                let label = uniform() < 0.35 ? 1 : 0
                let cohort = i < 100 ? "train" : "validation"
                let y = Double(label)
                let age = 50 + 9 * gaussian() + 4 * y + uniform() * 1e-4
                let size = 18 + 6 * gaussian() + 5 * y + uniform() * 1e-4
                let shape = shapes[min(2, Int(uniform() * 3 + 0.4 * y))]
                clinical.append("PT-\(String(format: "%05d", 73000 + i)),\(cohort),\(label),\(age),\(size),\(shape)")
                let rads = (1 ... 6).map { k in 1.5 * gaussian() + (k <= 3 ? 0.9 * y : 0) + uniform() * 1e-4 }
                rad.append("PT-\(String(format: "%05d", 73000 + i)),\(rads.map(\.description).joined(separator: ","))")
                cohorts.append(cohort)
            }
        }

        func write(rows: (Int) -> Bool, clinical clinicalName: String, rad radName: String) throws {
            let c = [clinicalHeader] + clinical.indices.filter(rows).map { clinical[$0] }
            let r = [radHeader] + rad.indices.filter(rows).map { rad[$0] }
            try (c.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent(clinicalName), atomically: true, encoding: .utf8)
            try (r.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent(radName), atomically: true, encoding: .utf8)
        }

        var yaml: String {
            """
            title: Synthetic validation study
            data: [clinical.csv, rad.csv]
            id: patient_id
            outcome: sln
            cohort: {column: cohort, training: train}
            modalities:
              - name: Clinical
                continuous: [age, size]
                categorical: [shape]
              - name: Rad
                columns: "rad_*"
            selection: {p: 0.2, correlation: 0.9, lasso_folds: 3}
            seed: 7
            bootstrap: 20
            """
        }
    }

    /// Runs the study and validates its validation rows; returns (dev dir, packet dir, study).
    func runStudyAndValidate(extra: [String] = []) throws -> (URL, URL, Study) {
        let dir = try temporaryDirectory()
        let study = Study(directory: dir)
        try study.write(rows: { _ in true }, clinical: "clinical.csv", rad: "rad.csv")
        try study.write(rows: { study.cohorts[$0] == "validation" }, clinical: "site_clinical.csv", rad: "site_rad.csv")
        try write(study.yaml, to: dir.appendingPathComponent("study.yaml"))
        let run = try sentinel(["run", dir.appendingPathComponent("study.yaml").path, "--out", dir.appendingPathComponent("dev").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let packet = dir.appendingPathComponent("packet")
        let validate = try sentinel(["validate", dir.appendingPathComponent("dev/model.json").path,
                                     dir.appendingPathComponent("site_clinical.csv").path, dir.appendingPathComponent("site_rad.csv").path,
                                     "--site", "Validation rows", "--out", packet.path, "--bootstrap", "0"] + extra)
        XCTAssertEqual(validate.status, 0, validate.stderr)
        return (dir.appendingPathComponent("dev"), packet, study)
    }

    func testPacketReproducesDevelopmentValidationCohortExactly() throws {
        let (dev, packetDir, _) = try runStudyAndValidate()
        let results = try JSONDecoder().decode(StudyResults.self, from: Data(contentsOf: dev.appendingPathComponent("results.json")))
        let packet = try ValidationPacket.load(contentsOf: packetDir.appendingPathComponent("packet.json"))
        let expected = try XCTUnwrap(results.cohorts.first { $0.name == "validation" })
        let actual = try XCTUnwrap(packet.results.cohorts.first)
        XCTAssertEqual(packet.patientsRead, 60)
        XCTAssertEqual(packet.patientsScored, 60)
        XCTAssertEqual(actual.n, expected.n)
        XCTAssertEqual(actual.positives, expected.positives)
        XCTAssertEqual(actual.models.count, expected.models.count)
        XCTAssertEqual(actual.comparisons, expected.comparisons)
        for (a, e) in zip(actual.models, expected.models) {
            XCTAssertEqual(a.name, e.name)
            XCTAssertEqual(a.auc, e.auc, a.name)
            XCTAssertEqual(a.aucCI, e.aucCI, a.name)
            XCTAssertEqual(a.aucSE, e.aucSE, a.name)
            XCTAssertEqual(a.threshold, e.threshold, a.name)
            XCTAssertEqual([a.tp, a.fp, a.tn, a.fn], [e.tp, e.fp, e.tn, e.fn], a.name)
            XCTAssertEqual(a.sensitivityCI, e.sensitivityCI, a.name)
            XCTAssertEqual(a.specificityCI, e.specificityCI, a.name)
            XCTAssertEqual(a.accuracyCI, e.accuracyCI, a.name)
            XCTAssertEqual(a.calibrationIntercept, e.calibrationIntercept, a.name)
            XCTAssertEqual(a.calibrationInterceptCI, e.calibrationInterceptCI, a.name)
            XCTAssertEqual(a.calibrationSlope, e.calibrationSlope, a.name)
            XCTAssertEqual(a.calibrationSlopeCI, e.calibrationSlopeCI, a.name)
            XCTAssertEqual(a.brier, e.brier, a.name)
            XCTAssertEqual(a.ici, e.ici, a.name)
            XCTAssertEqual(a.curves?.rocFPR, e.curves?.rocFPR, a.name)
            XCTAssertEqual(a.curves?.rocTPR, e.curves?.rocTPR, a.name)
            XCTAssertEqual(a.curves?.binObserved, e.curves?.binObserved, a.name)
            XCTAssertEqual(a.curves?.netBenefit, e.curves?.netBenefit, a.name)
        }
        let transport = try XCTUnwrap(packet.transportability.first)
        XCTAssertEqual(transport.calibrationSlope, expected.models[0].calibrationSlope)
        XCTAssertTrue(FileManager.default.fileExists(atPath: packetDir.appendingPathComponent("report.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: packetDir.appendingPathComponent("report.pdf").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: packetDir.appendingPathComponent("predictions.csv").path))
        let dir = dev.deletingLastPathComponent()
        let again = try sentinel(["validate", dev.appendingPathComponent("model.json").path, dir.appendingPathComponent("site_clinical.csv").path,
                                  dir.appendingPathComponent("site_rad.csv").path, "--site", "Validation rows", "--out",
                                  dir.appendingPathComponent("again").path, "--bootstrap", "0"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("again/packet.json")),
                       try Data(contentsOf: packetDir.appendingPathComponent("packet.json")), "deterministic packet")
        let modelBytes = try Data(contentsOf: dev.appendingPathComponent("model.json"))
        XCTAssertEqual(packet.modelSHA256, SHA256.hash(modelBytes).hex)
    }

    func testDefaultPacketHoldsNoPatientIdAndNoRowLevelValue() throws {
        let (_, packetDir, study) = try runStudyAndValidate(extra: ["--include-predictions"])
        let text = try String(contentsOf: packetDir.appendingPathComponent("packet.json"), encoding: .utf8)
        let predictions = try String(contentsOf: packetDir.appendingPathComponent("predictions.csv"), encoding: .utf8)
        // Every number in the packet.
        var numbers = Set<Double>()
        let scanner = text.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+") })
        for token in scanner { if let v = Double(token) { numbers.insert(v) } }
        var rowValues: [Double] = []
        for (i, line) in study.clinical.enumerated() where study.cohorts[i] == "validation" {
            let cells = line.split(separator: ",").map(String.init)
            XCTAssertFalse(text.contains(cells[0]), "patient id \(cells[0]) in packet")
            rowValues += [cells[3], cells[4]].compactMap(Double.init)
            rowValues += study.rad[i].split(separator: ",").dropFirst().compactMap { Double($0) }
        }
        for line in predictions.split(separator: "\n").dropFirst() {
            rowValues += line.split(separator: ",").dropFirst(3).compactMap { Double($0) }
        }
        XCTAssertGreaterThan(rowValues.count, 60 * 8)
        let leaked = rowValues.filter { numbers.contains($0) && $0 != 0 && $0 != 1 }
        XCTAssertEqual(leaked, [], "row-level values found in packet.json")
        XCTAssertTrue(predictions.contains("PT-"), "--include-predictions writes the ids")
        XCTAssertEqual(try String(contentsOf: packetDir.appendingPathComponent("excluded.csv"), encoding: .utf8), "patient_id,reason,column\n")
    }

    func testScreeningExcludesAndCountsPerReasonAndColumn() throws {
        let dir = try temporaryDirectory()
        let study = Study(directory: dir)
        try study.write(rows: { _ in true }, clinical: "clinical.csv", rad: "rad.csv")
        try write(study.yaml, to: dir.appendingPathComponent("study.yaml"))
        XCTAssertEqual(try sentinel(["run", dir.appendingPathComponent("study.yaml").path, "--out", dir.appendingPathComponent("dev").path]).status, 0)
        var site = [study.clinicalHeader] + study.clinical.indices.filter { study.cohorts[$0] == "validation" }.map { study.clinical[$0] }
        func edit(_ row: Int, column: Int, to value: String) {
            var cells = site[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[column] = value
            site[row] = cells.joined(separator: ",")
        }
        edit(1, column: 5, to: "lobulated")  // unseen level
        edit(2, column: 3, to: "old")        // non-numeric
        edit(3, column: 2, to: "")           // missing outcome
        edit(4, column: 4, to: "NA")         // imputed
        edit(5, column: 4, to: "")           // imputed
        try write(site.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("site.csv"))
        try study.write(rows: { study.cohorts[$0] == "validation" }, clinical: "unused.csv", rad: "site_rad.csv")
        let result = try sentinel(["validate", dir.appendingPathComponent("dev/model.json").path, dir.appendingPathComponent("site.csv").path,
                                   dir.appendingPathComponent("site_rad.csv").path, "--site", "B", "--out", dir.appendingPathComponent("p").path,
                                   "--bootstrap", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let packet = try ValidationPacket.load(contentsOf: dir.appendingPathComponent("p/packet.json"))
        XCTAssertEqual(packet.patientsRead, 60)
        XCTAssertEqual(packet.patientsScored, 57)
        XCTAssertEqual(packet.patientsExcluded, 3)
        XCTAssertEqual(packet.exclusions.map { "\($0.reason.rawValue)/\($0.column)/\($0.patients)" },
                       ["missing_or_invalid_outcome/sln/1", "non_numeric_value/age/1", "unseen_category_level/shape/1"])
        XCTAssertEqual(packet.imputations.map { "\($0.column)/\($0.imputedValues)" }, ["size/2"])
    }

    /// Outcomes written `1.0`/`0.0` (accepted by `sentinel run`) were excluded from validation as
    /// "missing_or_invalid_outcome" (nobody scored, exit 65), and `predict` dropped the label column.
    func testDecimalOutcomesAreReadAsInTraining() throws {
        let (dev, _, study) = try runStudyAndValidate()
        let dir = dev.deletingLastPathComponent()
        let model = dev.appendingPathComponent("model.json").path
        let decimal = [study.clinicalHeader] + study.clinical.indices.filter { study.cohorts[$0] == "validation" }.map {
            study.clinical[$0].replacingOccurrences(of: ",validation,1,", with: ",validation,1.0,")
                .replacingOccurrences(of: ",validation,0,", with: ",validation, 0.0 ,")
        }
        try write(decimal.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("decimal.csv"))
        let inputs = [dir.appendingPathComponent("decimal.csv").path, dir.appendingPathComponent("site_rad.csv").path]
        let validate = try sentinel(["validate", model] + inputs + ["--site", "D", "--out", dir.appendingPathComponent("d").path, "--bootstrap", "0"])
        XCTAssertEqual(validate.status, 0, validate.stderr)
        let packet = try ValidationPacket.load(contentsOf: dir.appendingPathComponent("d/packet.json"))
        XCTAssertEqual([packet.patientsRead, packet.patientsScored], [60, 60])
        let predict = try sentinel(["predict", model] + inputs)
        XCTAssertEqual(predict.status, 0, predict.stderr)
        XCTAssertTrue(predict.stdout.hasPrefix("id,cohort,label,Clinical,"), String(predict.stdout.prefix(80)))
    }

    /// `predict --out` naming an input is a usage error (64) found before any work, and the input
    /// is left as it was; a file that is not a model.json is bad data (65) with the fix.
    func testPredictRefusesToOverwriteAnInputAndNamesANonModelFile() throws {
        let (dev, _, _) = try runStudyAndValidate()
        let dir = dev.deletingLastPathComponent()
        let model = dev.appendingPathComponent("model.json").path
        let clinical = dir.appendingPathComponent("site_clinical.csv").path, rad = dir.appendingPathComponent("site_rad.csv").path
        let before = try Data(contentsOf: URL(fileURLWithPath: clinical))
        for target in [clinical, model, dir.path + "/./site_rad.csv"] {
            let result = try sentinel(["predict", model, clinical, rad, "--out", target])
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertTrue(result.stderr.contains("is one of the inputs"), result.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: clinical)), before)
        // --out naming a folder deleted the folder and everything in it (here: the inputs).
        let folder = try sentinel(["predict", model, clinical, rad, "--out", dir.path])
        XCTAssertEqual(folder.status, 73, folder.stderr)
        XCTAssertTrue(folder.stderr.contains("it is a folder"), folder.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: clinical)), before)
        // An existing file is replaced (atomically).
        let target = dir.appendingPathComponent("scores.csv")
        try write("old\n", to: target)
        XCTAssertEqual(try sentinel(["predict", model, clinical, rad, "--out", target.path]).status, 0)
        XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).hasPrefix("id,cohort,label,"))
        // The run's output folder stands for its model.json.
        let byFolder = try sentinel(["predict", dev.path, clinical, rad])
        XCTAssertEqual(byFolder.status, 0, byFolder.stderr)
        XCTAssertEqual(byFolder.stdout, try sentinel(["predict", model, clinical, rad]).stdout)
        // ... so --out naming that model.json is an input too (it was overwritten with the predictions).
        let modelBefore = try Data(contentsOf: URL(fileURLWithPath: model))
        let overModel = try sentinel(["predict", dev.path, clinical, rad, "--out", model])
        XCTAssertEqual(overModel.status, 64, overModel.stderr)
        XCTAssertTrue(overModel.stderr.contains("is one of the inputs"), overModel.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model)), modelBefore)
        let validateByFolder = try sentinel(["validate", dev.path, clinical, rad, "--site", "F", "--out", dir.appendingPathComponent("f").path,
                                             "--bootstrap", "0"])
        XCTAssertEqual(validateByFolder.status, 0, validateByFolder.stderr)
        let notModel = try sentinel(["predict", clinical, clinical, rad])
        XCTAssertEqual(notModel.status, 65, notModel.stderr)
        XCTAssertTrue(notModel.stderr.contains("not a Sentinel model.json (not valid JSON)"), notModel.stderr)
        XCTAssertTrue(notModel.stderr.contains("Fix: pass the model.json"), notModel.stderr)
    }

    /// `site PACKET --out PACKET --force` replaced the packet with the site (exit 0); a packet
    /// given twice was pooled as two sites; a 300-character site name gave a file name too long
    /// for the file system (exit 73).
    func testSiteNeverReplacesAnInputCountsEachPacketOnceAndKeepsFileNamesShort() throws {
        let (dev, packetDir, _) = try runStudyAndValidate()
        let dir = dev.deletingLastPathComponent()
        let packet = try Data(contentsOf: packetDir.appendingPathComponent("packet.json"))
        let over = try sentinel(["site", dev.path, packetDir.path, "--out", packetDir.path, "--force"])
        XCTAssertEqual(over.status, 73, over.stderr)
        XCTAssertTrue(over.stderr.contains("would be replaced"), over.stderr)
        XCTAssertEqual(try Data(contentsOf: packetDir.appendingPathComponent("packet.json")), packet)
        let twice = try sentinel(["site", dev.path, packetDir.path, packetDir.path + "/.", "--out", dir.appendingPathComponent("w").path])
        XCTAssertEqual(twice.status, 64, twice.stderr)
        XCTAssertTrue(twice.stderr.contains("given twice"), twice.stderr)
        let long = String(repeating: "Site ", count: 60)
        let validate = try sentinel(["validate", dev.appendingPathComponent("model.json").path,
                                     dir.appendingPathComponent("site_clinical.csv").path, dir.appendingPathComponent("site_rad.csv").path,
                                     "--site", long, "--out", dir.appendingPathComponent("long").path, "--bootstrap", "0"])
        XCTAssertEqual(validate.status, 0, validate.stderr)
        let site = dir.appendingPathComponent("web")
        let result = try sentinel(["site", dev.path, packetDir.path, dir.appendingPathComponent("long").path, "--out", site.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        // A packet of another model.json (a second study) must not be pooled with this one's.
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try write(Study(directory: dir).yaml.replacingOccurrences(of: "seed: 7", with: "seed: 8")
            .replacingOccurrences(of: "[clinical.csv, rad.csv]", with: "[../clinical.csv, ../rad.csv]"), to: other.appendingPathComponent("study.yaml"))
        XCTAssertEqual(try sentinel(["run", other.appendingPathComponent("study.yaml").path, "--out", other.appendingPathComponent("dev").path]).status, 0)
        let otherPacket = try sentinel(["validate", other.appendingPathComponent("dev/model.json").path,
                                        dir.appendingPathComponent("site_clinical.csv").path, dir.appendingPathComponent("site_rad.csv").path,
                                        "--site", "Other", "--out", other.appendingPathComponent("p").path, "--bootstrap", "0"])
        XCTAssertEqual(otherPacket.status, 0, otherPacket.stderr)
        let mixed = try sentinel(["site", packetDir.path, other.appendingPathComponent("p").path, "--out", dir.appendingPathComponent("mixed").path])
        XCTAssertEqual(mixed.status, 65, mixed.stderr)
        XCTAssertTrue(mixed.stderr.contains("different model.json files"), mixed.stderr)
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("sites").path)
        XCTAssertTrue(pages.contains("site-site-site-site-site-site-site-site-site-sit.html"), "\(pages)")
        XCTAssertTrue(pages.allSatisfy { $0.utf8.count < 80 }, "\(pages)")
    }

    func testSitePublishesIndexSitePagesAndPooledSummary() throws {
        let (dev, packetDir, study) = try runStudyAndValidate()
        let dir = dev.deletingLastPathComponent()
        try study.write(rows: { study.cohorts[$0] == "train" && $0 % 2 == 0 }, clinical: "s2_clinical.csv", rad: "s2_rad.csv")
        let second = try sentinel(["validate", dev.appendingPathComponent("model.json").path, dir.appendingPathComponent("s2_clinical.csv").path,
                                   dir.appendingPathComponent("s2_rad.csv").path, "--site", "Second", "--out", dir.appendingPathComponent("p2").path,
                                   "--bootstrap", "0", "--development", dir.appendingPathComponent("study.yaml").path])
        XCTAssertEqual(second.status, 0, second.stderr)
        let site = dir.appendingPathComponent("site")
        let result = try sentinel(["site", dev.path, packetDir.path, dir.appendingPathComponent("p2").path, "--out", site.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        for page in ["index.html", "summary.html", "summary.json", "sites/validation-rows.html", "sites/second.html",
                     "development/report.html", "sites/second-report.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), page)
        }
        for page in ["index.html", "summary.html", "sites/second.html"] {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            XCTAssertFalse(html.contains("src=\"http"), page)
            XCTAssertFalse(html.contains("href=\"http"), page)
            XCTAssertFalse(html.contains("<link"), page)
            XCTAssertFalse(html.contains("<script"), page)
        }
        let summary = try String(contentsOf: site.appendingPathComponent("summary.html"), encoding: .utf8)
        XCTAssertTrue(summary.contains("<svg"))
        XCTAssertTrue(summary.contains("Pooled (random effects)"))
        // summary.json pooled AUC equals PooledAUC on the packets' AUCs and DeLong SEs.
        let p1 = try ValidationPacket.load(contentsOf: packetDir.appendingPathComponent("packet.json"))
        let p2 = try ValidationPacket.load(contentsOf: dir.appendingPathComponent("p2/packet.json"))
        XCTAssertNotNil(p2.caseMix?.membershipAUC)
        let table1 = try String(contentsOf: dir.appendingPathComponent("p2/tables/table1.csv"), encoding: .utf8)
        XCTAssertTrue(table1.contains("Development training,age"), "Table 1 has the development cohort")
        XCTAssertTrue(table1.contains("\nSecond,age"), "Table 1 has the site beside it")
        XCTAssertEqual(p2.caseMix?.differences.map(\.column).contains("age"), true)
        let pooling = try JSONDecoder().decode([SiteBuilder.ModelPooling].self, from: Data(contentsOf: site.appendingPathComponent("summary.json")))
        let first = try XCTUnwrap(pooling.first)
        let aucs = [p1.results.cohorts[0].models[0].auc, p2.results.cohorts[0].models[0].auc]
        let ses = [p1.results.cohorts[0].models[0].aucSE, p2.results.cohorts[0].models[0].aucSE]
        XCTAssertEqual(first.aucs, aucs)
        XCTAssertEqual(first.sites, ["Validation rows", "Second"])
        XCTAssertEqual(first.pooled, try PooledAUC.pool(aucs: aucs, standardErrors: ses))
        XCTAssertEqual(pooling.count, p1.results.cohorts[0].models.count)
    }

    func testErrorsExitWithSysexitsCodesAndNameTheFix() throws {
        let (dev, _, study) = try runStudyAndValidate()
        let dir = dev.deletingLastPathComponent()
        let model = dev.appendingPathComponent("model.json").path
        // Every patient has an unseen level: nobody can be scored (65).
        let bad = [study.clinicalHeader] + study.clinical.indices.filter { study.cohorts[$0] == "validation" }.map {
            study.clinical[$0].replacingOccurrences(of: ",irregular", with: ",new").replacingOccurrences(of: ",oval", with: ",new")
                .replacingOccurrences(of: ",round", with: ",new")
        }
        try write(bad.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("bad.csv"))
        let none = try sentinel(["validate", model, dir.appendingPathComponent("bad.csv").path, dir.appendingPathComponent("site_rad.csv").path,
                                 "--site", "X", "--out", dir.appendingPathComponent("none").path])
        XCTAssertEqual(none.status, 65, none.stderr)
        XCTAssertTrue(none.stderr.contains("unseen_category_level in shape"), none.stderr)
        // A predictor column absent from the site's files (66 or 65: named).
        let missing = try sentinel(["validate", model, dir.appendingPathComponent("site_clinical.csv").path,
                                    "--site", "X", "--out", dir.appendingPathComponent("missing").path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("rad_"), missing.stderr)
        // Existing output without --force (73), no --site (64), a folder that is neither report nor packet (66).
        let exists = try sentinel(["validate", model, dir.appendingPathComponent("site_clinical.csv").path, dir.appendingPathComponent("site_rad.csv").path,
                                   "--site", "X", "--out", dev.path])
        XCTAssertEqual(exists.status, 73, exists.stderr)
        XCTAssertEqual(try sentinel(["validate", model, dir.appendingPathComponent("site_clinical.csv").path, "--out", dir.appendingPathComponent("o").path]).status, 64)
        let site = try sentinel(["site", dir.path, "--out", dir.appendingPathComponent("web").path])
        XCTAssertEqual(site.status, 66, site.stderr)
        XCTAssertTrue(site.stderr.contains("neither packet.json"), site.stderr)
    }
}

extension ValidateCommandTests {
    /// `--development` must name the study model.json was trained on (its data files' SHA-256
    /// are recorded in model.json); another study's data would give a meaningless case-mix
    /// comparison, so it is exit 65 naming the file, and moved copies of the right files pass.
    func testDevelopmentStudyMustBeTheOneTheModelWasTrainedOn() throws {
        let (dev, _, study) = try runStudyAndValidate()
        let dir = dev.deletingLastPathComponent()
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try write(study.yaml.replacingOccurrences(of: "[clinical.csv, rad.csv]", with: "[../site_clinical.csv, ../rad.csv]"),
                  to: other.appendingPathComponent("study.yaml"))
        func validate(_ development: URL, out: String) throws -> Outcome {
            try sentinel(["validate", dev.appendingPathComponent("model.json").path, dir.appendingPathComponent("site_clinical.csv").path,
                          dir.appendingPathComponent("site_rad.csv").path, "--site", "S", "--out", dir.appendingPathComponent(out).path,
                          "--bootstrap", "0", "--development", development.path])
        }
        let wrong = try validate(other.appendingPathComponent("study.yaml"), out: "p-wrong")
        XCTAssertEqual(wrong.status, 65, wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("../site_clinical.csv"), wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("not the study model.json was trained on"), wrong.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("p-wrong").path))

        let moved = dir.appendingPathComponent("moved")
        try FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        for name in ["clinical.csv", "rad.csv", "study.yaml"] {
            try FileManager.default.copyItem(at: dir.appendingPathComponent(name), to: moved.appendingPathComponent(name))
        }
        let right = try validate(moved.appendingPathComponent("study.yaml"), out: "p-right")
        XCTAssertEqual(right.status, 0, right.stderr)
    }
}
