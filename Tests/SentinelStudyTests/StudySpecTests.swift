import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

final class StudySpecTests: XCTestCase {
    private struct Expected: Decodable {
        let age_median: Double
        let columns: [String: [Double]]
        let modes: [String: String]
        let clinical_order: [String]
        let rad: [String: [Double]]
        let missing: [String: [Int]]
    }

    private var miniFolder: URL { Fixtures.url("study/mini") }

    private func spec(_ yaml: String) throws -> StudySpec {
        try StudySpec(yaml: yaml, file: "study.yaml", baseDirectory: miniFolder)
    }

    private func specError(_ yaml: String) -> StudySpecError? {
        do { _ = try spec(yaml); return nil } catch { return error as? StudySpecError }
    }

    /// Builds the cohort for a study text; returns the error thrown, if any.
    private func cohortError(_ yaml: String) -> Error? {
        do { _ = try Cohort.load(spec: spec(yaml)); return nil } catch { return error }
    }

    private let base = """
    data: [clinical.csv, rad.csv]
    id: id
    outcome: outcome
    cohort: {column: cohort, training: train}

    """

    func testParsesTheIssueExampleAndDefaults() throws {
        let s = try StudySpec.load(contentsOf: miniFolder.appendingPathComponent("study.yaml"), name: "mini/study.yaml")
        XCTAssertEqual(s.title, "Mini study")
        XCTAssertEqual(s.data, ["clinical.csv", "rad.csv"])
        XCTAssertEqual(s.dataURLs.map(\.lastPathComponent), ["clinical.csv", "rad.csv"])
        XCTAssertEqual(s.cohort, .init(column: "cohort", training: "train"))
        XCTAssertEqual(s.modalities[0], .init(name: "Clinical", continuous: ["age"], categorical: ["grade", "margin", "site"]))
        XCTAssertEqual(s.modalities[1].columns, ["rad_a_*", "rad_b_[0-9]"])
        XCTAssertEqual(s.selection, .init(p: 0.1, correlation: 0.8, lassoFolds: 4))
        XCTAssertEqual(s.seed, 7)
        XCTAssertEqual(s.bootstrap, 500)

        let d = try spec("data: one.csv\nid: pid\noutcome: y\nmodalities:\n  - name: A\n    columns: x*\n")
        XCTAssertEqual(d.title, "study")
        XCTAssertEqual(d.data, ["one.csv"])
        XCTAssertNil(d.cohort)
        XCTAssertEqual(d.selection, .init(p: 0.05, correlation: 0.75, lassoFolds: 5))
        XCTAssertEqual(d.seed, StudySpec.defaultSeed)
        XCTAssertEqual(d.bootstrap, 2000)

        // 0 skips the bootstrap, as `evaluate --bootstrap 0`; negative counts are refused.
        XCTAssertEqual(try spec("data: one.csv\nid: pid\noutcome: y\nmodalities: [{name: A, columns: x*}]\nbootstrap: 0\n").bootstrap, 0)
        guard case .invalidValue(_, let key, _, _, _)? = specError("data: [a.csv]\nid: id\noutcome: y\nmodalities: [{name: A, columns: x}]\nbootstrap: -1\n") else {
            return XCTFail("bootstrap: -1 accepted")
        }
        XCTAssertEqual(key, "bootstrap")
    }

    func testConfigErrorsNameFileKeyAndLine() {
        XCTAssertEqual(specError("data: [a.csv]\nid: id\noutcome: y\nmodalitis: []\n"),
                       .unknownKey(file: "study.yaml", key: "modalitis", line: 4,
                                   allowed: ["title", "data", "id", "outcome", "cohort", "modalities", "selection", "seed", "bootstrap"]))
        XCTAssertEqual(specError("data: [a.csv]\noutcome: y\nmodalities: [{name: A, columns: x}]\n"),
                       .missingKey(file: "study.yaml", key: "id"))
        XCTAssertEqual(specError("data: [a.csv]\nid: id\noutcome: y\nmodalities:\n  - name: A\n"),
                       .emptyModality(file: "study.yaml", key: "modalities[0]", name: "A"))
        XCTAssertEqual(specError("data: [a.csv]\nid: id\noutcome: y\nmodalities: [{name: A, columns: x}, {name: A, columns: y}]\n"),
                       .duplicateModality(file: "study.yaml", key: "modalities[1].name", name: "A"))
        if case .invalidValue(_, let key, _, _, _)? = specError("data: [a.csv]\nid: id\noutcome: y\nmodalities: [{name: A, columns: x}]\nselection: {p: 2}\n") {
            XCTAssertEqual(key, "selection.p")
        } else { XCTFail("p out of range") }
        if case .invalidValue(_, let key, _, _, _)? = specError("data: [a.csv]\nid: id\noutcome: y\nmodalities: [{name: A, columns: x}]\nseed: -1\n") {
            XCTAssertEqual(key, "seed")
        } else { XCTFail("negative seed") }
        if case .wrongType(_, let key, _, _)? = specError("data: {a: 1}\nid: id\noutcome: y\nmodalities: [{name: A, columns: x}]\n") {
            XCTAssertEqual(key, "data")
        } else { XCTFail("data mapping") }
        if case .invalidYAML(_, let line, _)? = specError("data: [a.csv\nid: id\n") {
            XCTAssertNotNil(line)
        } else { XCTFail("bad yaml") }
        XCTAssertEqual(StudySpecError.missingKey(file: "s", key: "id").exitCode, 78)
    }

    func testColumnResolutionErrors() {
        XCTAssertEqual(cohortError(base + "modalities:\n  - name: A\n    continuous: [Age]\n") as? StudySpecError,
                       .unknownColumn(file: "study.yaml", key: "modalities[0].continuous", column: "Age", suggestion: "age"))
        XCTAssertEqual(cohortError(base + "modalities:\n  - name: A\n    columns: \"dl_*\"\n") as? StudySpecError,
                       .globMatchesNothing(file: "study.yaml", key: "modalities[0].columns", pattern: "dl_*"))
        XCTAssertEqual(cohortError(base + "modalities:\n  - name: A\n    columns: [outcome]\n") as? StudySpecError,
                       .columnUsedTwice(file: "study.yaml", column: "outcome", firstKey: "outcome", secondKey: "modalities[0].columns"))
        XCTAssertEqual(cohortError(base + "modalities:\n  - {name: A, columns: [age]}\n  - {name: B, continuous: [age]}\n") as? StudySpecError,
                       .columnUsedTwice(file: "study.yaml", column: "age", firstKey: "modalities[0].columns", secondKey: "modalities[1].continuous"))
        XCTAssertEqual(cohortError("data: [clinical.csv]\nid: id\noutcome: sln\nmodalities: [{name: A, columns: [age]}]\n") as? StudySpecError,
                       .unknownColumn(file: "study.yaml", key: "outcome", column: "sln", suggestion: nil))
        XCTAssertEqual(cohortError("data: [clinical.csv]\nid: id\noutcome: outcome\ncohort: {column: cohort, training: training}\nmodalities: [{name: A, columns: [age]}]\n") as? StudySpecError,
                       .unknownTrainingCohort(file: "study.yaml", value: "training", available: ["train", "val"]))
        XCTAssertEqual(cohortError("data: [missing.csv]\nid: id\noutcome: y\nmodalities: [{name: A, columns: [age]}]\n") as? DataError,
                       .fileNotFound(file: "missing.csv"))
    }

    func testCohortJoinsFilesAndOrdersCohorts() throws {
        let cohort = try Cohort.load(spec: StudySpec.load(contentsOf: miniFolder.appendingPathComponent("study.yaml")))
        XCTAssertEqual(cohort.cohortNames, ["train", "val"])
        XCTAssertEqual(cohort.trainingRows.count, 40)
        XCTAssertEqual(cohort.ids.first, "P000")
        XCTAssertEqual(cohort.modalities[0].features.map(\.name), ["age", "grade", "margin", "site"])
        XCTAssertEqual(cohort.modalities[0].features.map(\.kind), [.continuous, .categorical, .categorical, .categorical])
        XCTAssertEqual(cohort.modalities[1].features.map(\.name), ["rad_a_0", "rad_a_1", "rad_a_2", "rad_b_0", "rad_b_1"])
    }

    func testPreprocessorMatchesPandas() throws {
        let expected = try Fixtures.load(Expected.self, "study/mini/expected.json")
        let cohort = try Cohort.load(spec: StudySpec.load(contentsOf: miniFolder.appendingPathComponent("study.yaml")))
        let preprocessor = try Preprocessor.fit(cohort)
        let matrices = try preprocessor.transform(cohort.data)
        XCTAssertEqual(matrices[0].names, expected.clinical_order)
        XCTAssertEqual(matrices[0].isCategorical, [false, true, true, true])
        for (j, name) in matrices[0].names.enumerated() {
            XCTAssertEqual(matrices[0].columns[j], expected.columns[name], name)
        }
        for (j, name) in matrices[1].names.enumerated() {
            XCTAssertEqual(matrices[1].columns[j], expected.rad[name], name)
        }
        guard case let .continuous(age) = preprocessor.modalities[0].features[0],
              case let .categorical(grade) = preprocessor.modalities[0].features[1],
              case let .categorical(site) = preprocessor.modalities[0].features[3] else { return XCTFail("kinds") }
        XCTAssertEqual(age.median, expected.age_median)
        XCTAssertEqual(grade.mode, expected.modes["grade"])
        XCTAssertEqual(grade.reference, "I")
        XCTAssertEqual(site.columnNames, [])
        let missing = try preprocessor.missingCounts(in: cohort)
        XCTAssertEqual(missing.first { $0.column == "age" }?.missing, expected.missing["age"])
        XCTAssertEqual(missing.first { $0.column == "grade" }?.missing, expected.missing["grade"])

        let (fitted, encoded) = try Preprocessor.fitTransform(cohort)
        XCTAssertEqual(fitted, preprocessor)
        XCTAssertEqual(encoded, matrices)

        // Frozen and restored, it encodes identically.
        let restored = try JSONDecoder().decode(Preprocessor.self, from: JSONEncoder().encode(preprocessor))
        XCTAssertEqual(try restored.transform(cohort.data, rows: [3, 1]), matrices.map { $0.selecting(rows: [3, 1]) })
    }

    func testFittingIgnoresEvaluationCohorts() throws {
        // Leakage guard: relabelling / rewriting evaluation rows must not change what is fitted.
        let s = try StudySpec.load(contentsOf: miniFolder.appendingPathComponent("study.yaml"))
        let cohort = try Cohort.load(spec: s)
        let fitted = try Preprocessor.fit(cohort)
        let clinical = try CSVTable.read(contentsOf: miniFolder.appendingPathComponent("clinical.csv"))
        let ageColumn = try clinical.requireColumn("age"), cohortColumn = try clinical.requireColumn("cohort")
        let rows = try (0 ..< clinical.rowCount).map { row -> [String] in
            var cells = clinical.row(row)
            if cells[cohortColumn] == "val" { cells[ageColumn] = "999"; cells[try clinical.requireColumn("outcome")] = row % 2 == 0 ? "1" : "0" }
            return cells
        }
        let changed = try CSVTable(source: "clinical.csv", header: clinical.header, rows: rows)
        let rad = try CSVTable.read(contentsOf: miniFolder.appendingPathComponent("rad.csv"))
        let other = try Cohort(spec: s, data: JoinedTable(tables: [changed, rad], idColumn: "id"))
        XCTAssertEqual(try Preprocessor.fit(other), fitted)
    }

    func testDataErrorsInStudyFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ files: [String: String], yaml: String = "data: [a.csv, b.csv]\nid: id\noutcome: y\nmodalities: [{name: A, continuous: [x], categorical: [g]}]\n") -> Error? {
            do {
                for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
                _ = try Preprocessor.fit(Cohort.load(spec: StudySpec(yaml: yaml, file: "s.yaml", baseDirectory: dir)))
                return nil
            } catch { return error }
        }
        // 40 rows, 20 events (14 of each in the 7:3 training split): a valid study to perturb.
        let rows = (0 ..< 40).map { "p\($0),\($0 % 2),\(Double($0) / 10)" }
        let a = "id,y,x\n" + rows.joined(separator: "\n") + "\n"
        let b = "id,g\n" + (0 ..< 40).map { "p\($0),\($0 % 3 == 0 ? "L" : "H")" }.joined(separator: "\n") + "\n"
        XCTAssertNil(run(["a.csv": a, "b.csv": b]))
        XCTAssertEqual(run(["a.csv": a.replacingOccurrences(of: "p3,1,", with: "p3,2,"), "b.csv": b]) as? DataError,
                       .invalidLabel(file: "a.csv", row: 5, column: "y", value: "2"))
        XCTAssertEqual(run(["a.csv": a + "p0,1,3\n", "b.csv": b]) as? DataError,
                       .duplicateID(file: "a.csv", column: "id", id: "p0", rows: [2, 42]))
        XCTAssertEqual(run(["a.csv": a, "b.csv": b.replacingOccurrences(of: "p5,", with: "q5,")]) as? DataError,
                       .unmatchedID(id: "p5", presentIn: "a.csv", missingFrom: "b.csv", idColumn: "id"))
        XCTAssertEqual(run(["a.csv": a, "b.csv": b + "p99,L\n"]) as? DataError,
                       .unmatchedID(id: "p99", presentIn: "b.csv", missingFrom: "a.csv", idColumn: "id"))
        XCTAssertEqual(run(["a.csv": a, "b.csv": b.replacingOccurrences(of: "id,g", with: "id,x")],
                           yaml: "data: [a.csv, b.csv]\nid: id\noutcome: y\nmodalities: [{name: A, continuous: [x]}]\n") as? DataError,
                       .duplicateColumnAcrossFiles(column: "x", first: "a.csv", second: "b.csv"))
        XCTAssertEqual(run(["a.csv": a.replacingOccurrences(of: "p4,0,0.4", with: "p4,0,high"), "b.csv": b]) as? DataError,
                       .invalidNumber(file: "a.csv", row: 6, column: "x", value: "high"))
        // Few events: only 6 of 24 are events in training (the whole cohort trains without a cohort key... split 7:3).
        let fewEvents = "id,y,x\n" + (0 ..< 40).map { "p\($0),\($0 < 6 ? 1 : 0),\($0)" }.joined(separator: "\n") + "\n"
        if case .tooFewEvents(let file, let column, _, let events, _, let minimum)? = run(["a.csv": fewEvents, "b.csv": b]) as? DataError {
            XCTAssertEqual([file, column], ["a.csv", "y"])
            XCTAssertLessThan(events, minimum)
        } else { XCTFail("few events") }
        // More LASSO folds than training events (14): a configuration error naming the key, not a crash in CV.
        let foldsYaml = "data: [a.csv, b.csv]\nid: id\noutcome: y\nselection: {lasso_folds: 15}\nmodalities: [{name: A, continuous: [x]}]\n"
        if case .invalidValue(let file, let key, _, let value, let expected)? = run(["a.csv": a, "b.csv": b], yaml: foldsYaml) as? StudySpecError {
            XCTAssertEqual([file, key, value], ["s.yaml", "selection.lasso_folds", "15"])
            XCTAssertTrue(expected.hasPrefix("at most 14 folds"), expected)
        } else { XCTFail("too many folds") }
        XCTAssertNil(run(["a.csv": a, "b.csv": b], yaml: foldsYaml.replacingOccurrences(of: "15", with: "14")))
        // A level seen only outside training.
        let cohortYaml = "data: [a.csv, b.csv]\nid: id\noutcome: y\ncohort: {column: c, training: t}\nmodalities: [{name: A, categorical: [g]}]\n"
        let withCohort = "id,y,x,c\n" + (0 ..< 30).map { "p\($0),\($0 % 2),\($0),\($0 < 24 ? "t" : "v")" }.joined(separator: "\n") + "\n"
        let levels = "id,g\n" + (0 ..< 30).map { "p\($0),\($0 == 27 ? "M" : ($0 % 3 == 0 ? "L" : "H"))" }.joined(separator: "\n") + "\n"
        let seen = try? Cohort.load(spec: StudySpec(yaml: cohortYaml, file: "s.yaml", baseDirectory: dir))
        XCTAssertNil(seen) // files not yet written for this case
        XCTAssertNil(run(["a.csv": withCohort, "b.csv": levels], yaml: cohortYaml)) // fitting is fine
        let cohort = try Cohort.load(spec: StudySpec(yaml: cohortYaml, file: "s.yaml", baseDirectory: dir))
        XCTAssertThrowsError(try Preprocessor.fit(cohort).transform(cohort.data)) { error in
            XCTAssertEqual(error as? DataError, .unseenLevel(file: "b.csv", row: 29, column: "g", level: "M", known: ["H", "L"]))
        }
    }

    func testStratifiedSplitIsSeededAndStratified() {
        let outcome = (0 ..< 290).map { $0 < 80 ? 1 : 0 }
        let a = Cohort.stratifiedSplit(outcome: outcome, seed: 42)
        XCTAssertEqual(a, Cohort.stratifiedSplit(outcome: outcome, seed: 42))
        XCTAssertNotEqual(a, Cohort.stratifiedSplit(outcome: outcome, seed: 43))
        XCTAssertEqual(zip(a, outcome).filter { $0.0 && $0.1 == 1 }.count, 56)
        XCTAssertEqual(zip(a, outcome).filter { $0.0 && $0.1 == 0 }.count, 147)
    }

    func testGlob() {
        XCTAssertTrue(Glob("rad_*").matches("rad_MLO_b001_02"))
        XCTAssertFalse(Glob("rad_*").matches("dl_0001"))
        XCTAssertTrue(Glob("*").matches(""))
        XCTAssertTrue(Glob("dl_00?[0-4]").matches("dl_0013"))
        XCTAssertFalse(Glob("dl_00?[0-4]").matches("dl_0015"))
        XCTAssertTrue(Glob("x[!ab]").matches("xc"))
        XCTAssertFalse(Glob("x[!ab]").matches("xa"))
        XCTAssertTrue(Glob("a*b*c").matches("aXXbYYbc"))
        XCTAssertTrue(Glob("a[").matches("a["))
        XCTAssertFalse(Glob("Rad*").matches("rad_1"))
    }
}
