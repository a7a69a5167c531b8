import Foundation
@testable import SentinelReport
import SentinelRender
import SentinelStudy
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A study report (the `sentinel run` shape: Table 1, selection trail, frozen models) built
/// from the fixed results of Tests/Fixtures/report/results.json plus a Table 1 and models
/// whose names come "from input files" and contain markup: the HTML is well-formed, has
/// Tables 1-3, escapes the names, names every test and shows missing values; the PDF shows
/// the names verbatim.
final class ReportBuilderTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/report")
    static let templates = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")
    static let hostile = "<b>x</b> & \"y\""

    func studyInputs() throws -> ReportInputs {
        var results = try JSONDecoder().decode(StudyResults.self,
                                               from: Data(contentsOf: Self.fixtures.appendingPathComponent("results.json")))
        for c in results.cohorts.indices { results.cohorts[c].models[1].name = "Post-fusion \(Self.hostile)" }
        var trail = SelectionTrail(featureSet: "Rad \(Self.hostile)", candidates: 1726,
                                   steps: [.init(name: "Univariate p < 0.05", kept: ["a", "b", "c"]),
                                           .init(name: "Correlation |r| > 0.9", kept: ["a", "b"]),
                                           .init(name: "LASSO", kept: ["a"], fallback: true)])
        trail.lassoLambda = 0.01
        trail.lassoCoefficients = ["a": 0.5, "feature \(Self.hostile)": -0.25]
        results.selection = [trail]
        results.models = [ModelSummary(name: "Model A", kind: "L2 logistic regression (SGD)", inputs: ["a"], hyperparameters: ["alpha": 0.01]),
                          ModelSummary(name: "Post-fusion \(Self.hostile)", kind: "RBF SVM with Platt scaling", inputs: ["Model A"], hyperparameters: ["gamma": 0.5])]
        let age = Table1Variable(name: "Age \(Self.hostile)", kind: .continuous,
            groups: [Table1Group(n: 20, missing: 3, median: 50, q1: 40, q3: 60, mean: 51, sd: 9),
                     Table1Group(n: 10, missing: 0, median: 55, q1: 45, q3: 62, mean: 54, sd: 8)],
            p: 0.0412, test: "Mann-Whitney U test")
        let grade = Table1Variable(name: "Grade", kind: .categorical, levels: ["I", "II & <III>"],
            groups: [Table1Group(n: 20, missing: 2, counts: [9, 9]), Table1Group(n: 10, missing: 0, counts: [3, 7])],
            p: 0.2, test: "Fisher's exact test")
        let table1 = Table1Summary(outcomeName: "SLN", cohorts: results.cohorts.map {
            Table1Cohort(name: $0.name, negatives: $0.n - $0.positives, positives: $0.positives, variables: [age, grade])
        })
        return ReportInputs(title: "Study \(Self.hostile)", subtitle: "study.yaml", simulatedDataNotice: "Simulated data.",
                            provenance: [(key: "Seed", value: "1")], inputHashes: [(path: "clinical.csv", sha256: String(repeating: "0", count: 64))],
                            results: results, table1: table1, modelDescription: ["Frozen in model.json."],
                            generator: "Sentinel test", date: "2025-09-09")
    }

    func testStudyReportHTML() throws {
        let document = ReportBuilder(inputs: try studyInputs()).build()
        let html = try HTMLReportWriter(templatesDirectory: Self.templates).render(document)
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        let text = TextCollector()
        parser.delegate = text
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        XCTAssertFalse(html.contains("<b>x</b>"), "names from input files must be escaped")
        XCTAssertTrue(html.contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;"))
        for needed in ["Table 1 (train)", "Table 1 (validation)", "Table 2 (train)", "Table 3 (validation)",
                       "Age \(Self.hostile), median (Q1, Q3)", "II & <III>", "Post-fusion \(Self.hostile)",
                       "feature \(Self.hostile)", "Rad \(Self.hostile)",
                       "* Mann-Whitney U test.", "** Fisher's exact test.",
                       "50.00 (40.00, 60.00); missing 3", "missing 2", "Missing values (5 in all)",
                       "Stacking (post-fusion)", "Table 1 tests", "Learners", "Cohorts and flow", "TRIPOD+AI checklist"] {
            XCTAssertTrue(text.text.contains(needed), "HTML text lacks \(needed)")
        }
        XCTAssertTrue(text.text.contains("0.041*"), "Table 1 p-value with its footnote mark")
        let ids = Set(text.ids)
        XCTAssertEqual(ids.count, text.ids.count, "duplicate ids")
        for reference in text.references { XCTAssertTrue(ids.contains(reference), "dangling #\(reference)") }
    }

    /// The TRIPOD+AI table lists items 1-27 once each, in order; an evaluation without
    /// Table 1 or selection never points to those sections.
    /// One model (`sentinel evaluate` with a single model column): Table 3 says there is no
    /// pair to compare instead of printing empty tables (whose footnote then opened the next
    /// PDF page alone), and the summary counts in the singular.
    func testOneModelHasNoEmptyComparisonTablesAndSingularCounts() throws {
        var inputs = try studyInputs()
        for c in inputs.results.cohorts.indices {
            inputs.results.cohorts[c].models = [inputs.results.cohorts[c].models[0]]
            inputs.results.cohorts[c].comparisons = []
        }
        inputs.results.cohorts = [inputs.results.cohorts[0]]
        let document = ReportBuilder(inputs: inputs).build()
        let table3 = try XCTUnwrap(document.sections.first { $0.id == "table3" })
        XCTAssertTrue(table3.blocks.isEmpty)
        XCTAssertEqual(table3.paragraphs, ["Only one model was evaluated, so there is no pair of models to compare."])
        let summary = try XCTUnwrap(document.sections.first?.paragraphs.first)
        XCTAssertTrue(summary.hasPrefix("1 model evaluated in 1 cohort: "), summary)
        let flow = try XCTUnwrap(document.sections.first { $0.id == "cohorts" }?.paragraphs.first)
        XCTAssertFalse(flow.contains("cohort(s)"), flow)
        XCTAssertEqual(counted(2, "cohort"), "2 cohorts")
    }

    /// With one cohort the thresholds were chosen on the patients they are applied to: the
    /// summary says so (apparent, optimistic metrics) instead of "chosen on the all cohort".
    func testThresholdsChosenOnTheOnlyCohortAreCalledApparent() throws {
        var inputs = try studyInputs()
        let full = ReportBuilder(inputs: inputs).build()
        let summary = try XCTUnwrap(full.sections.first?.paragraphs.first)
        XCTAssertTrue(summary.contains("Thresholds were chosen on the \(inputs.results.thresholdCohort) cohort."), summary)
        inputs.results.cohorts = [inputs.results.cohorts[0]]
        let single = ReportBuilder(inputs: inputs).build()
        let text = try XCTUnwrap(single.sections.first?.paragraphs.first)
        XCTAssertTrue(text.contains("Thresholds were chosen on the same patients they are applied to (the only cohort, \"\(inputs.results.thresholdCohort)\"), so accuracy, sensitivity and specificity are apparent, optimistic values."), text)
    }

    /// Table 1 keeps each variable's rows together in the PDF: the name row with its mean row
    /// or its levels (a categorical variable's levels were split across pages).
    func testTableOneKeepsEachVariablesRowsTogether() throws {
        let document = ReportBuilder(inputs: try studyInputs()).build()
        let table = try XCTUnwrap(document.sections.first { $0.id == "table1" }?.blocks.first?.table)
        XCTAssertEqual(table.rows.map { $0[0].text }.count, 5, "age, mean (SD), grade, I, II & <III>")
        XCTAssertEqual(table.rowsKeptWithNext, [0, 2, 3], "age with its mean; grade with both levels; the last row of each variable is free")
        let pdfRows = PDFReportWriter().pdfTable(table).rows
        XCTAssertEqual(pdfRows.map(\.keepsWithNext), [true, false, true, true, false])
    }

    func testTripodChecklist() throws {
        var inputs = try studyInputs()
        for withStudy in [true, false] {
            if !withStudy {
                inputs.table1 = nil
                inputs.results.selection = nil
                inputs.results.models = nil
                inputs.modelDescription = []
            }
            let document = ReportBuilder(inputs: inputs).build()
            let tripod = try XCTUnwrap(document.sections.first { $0.id == "tripod" }?.blocks.first?.table)
            XCTAssertEqual(tripod.rows.map { $0[0].text }, (1...27).map(String.init))
            let titles = Set(document.sections.map(\.id))
            XCTAssertEqual(titles.contains("table1"), withStudy)
            for row in tripod.rows {
                let place = row[2].text
                XCTAssertTrue(place.hasPrefix("See ") || place.contains("uthor to supply") || place.hasPrefix("Code:"), place)
                if !withStudy {
                    XCTAssertFalse(place.hasPrefix("See Table 1") || place.contains("Feature selection") || place.contains("frozen models"),
                                   "item \(row[0].text) points to a missing section: \(place)")
                }
            }
        }
    }

    /// "Cohorts and flow" says how patients were assigned: the cohort column (its name and
    /// training value, escaped like any text from input files) or the seeded 7:3 split.
    func testCohortFlowSaysHowCohortsWereAssigned() throws {
        func spec(_ cohort: StudySpec.CohortColumn?) -> StudySpec {
            StudySpec(file: "study.yaml", baseDirectory: URL(fileURLWithPath: "/"), title: "t", data: ["a.csv"], id: "id",
                      outcome: "y", cohort: cohort, modalities: [], seed: 42)
        }
        let split = ReportInputs.cohortAssignment(spec(nil))
        XCTAssertTrue(split.contains("split once at random into a training (70%) and a validation cohort (30%), stratified by outcome"), split)
        XCTAssertTrue(split.contains("seed 42"), split)
        let column = ReportInputs.cohortAssignment(spec(.init(column: "site <b>", training: "dev")))
        XCTAssertEqual(column, "Cohorts are the values of column \"site <b>\": \"dev\" is the training cohort, the others are evaluation cohorts in order of first appearance.")

        var inputs = try studyInputs()
        inputs.cohortAssignment = column
        let flow = ReportBuilder(inputs: inputs).cohortFlow()
        XCTAssertTrue(flow.contains(" cohorts. Cohorts are the values of column"), flow)
        let html = try HTMLReportWriter(templatesDirectory: Self.templates).render(ReportBuilder(inputs: inputs).build())
        XCTAssertTrue(html.contains("column &quot;site &lt;b&gt;&quot;"), "the column name is escaped")
    }

    func testBootstrapFootnoteSaysWhenNoneWereRun() {
        XCTAssertEqual(ReportBuilder.bootstrapNote(2000), "Bootstrap: 2000 stratified replicates, percentile interval.")
        XCTAssertEqual(ReportBuilder.bootstrapNote(0), "Bootstrap: not run (0 replicates), so its CIs are NA.")
    }

    func testNumberFormats() {
        XCTAssertEqual(ReportFormat.withInterval(0.845, [0.769, 0.921]), "0.845 (0.769–0.921)")
        XCTAssertEqual(ReportFormat.withInterval(-0.06, [-0.119, -0.001]), "-0.060 (-0.119 to -0.001)")
        XCTAssertEqual(ReportFormat.interval([-0.0001, 0.2]), "0.000–0.200")
        XCTAssertEqual(ReportFormat.interval(nil), "NA")
        XCTAssertEqual(ReportFormat.pValue(0.0004), "<0.001")
        XCTAssertEqual(ReportFormat.pValue(.nan), "NA")
        XCTAssertEqual(ReportFormat.significant(0.021544), "0.02154")
        XCTAssertEqual(ReportFormat.significant(12.48504), "12.49")
        XCTAssertEqual(ReportFormat.significant(1e-7), "1.000e-07")
    }

    func testStudyReportPDFShowsNamesVerbatim() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("poppler-utils (pdftotext) not installed; `make test` installs it")
        }
        let document = ReportBuilder(inputs: try studyInputs()).build()
        let pdf = try PDFReportWriter().render(document)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-report-\(UUID().uuidString).pdf")
        try pdf.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", url.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for needed in ["Study \(Self.hostile)", "Post-fusion \(Self.hostile)", "Table 1 (train)", "Contents",
                       "1. Summary", "Mann-Whitney U test", "missing 3"] {
            XCTAssertTrue(text.contains(needed), "PDF text lacks \(needed)")
        }
        XCTAssertFalse(text.contains("&lt;"), "the PDF shows text, not HTML escapes")
        XCTAssertEqual(pdf, try PDFReportWriter().render(document), "the PDF is deterministic")
    }
}

private final class TextCollector: NSObject, XMLParserDelegate {
    var text = ""
    var ids: [String] = []
    var references: [String] = []
    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if let id = attributes["id"] { ids.append(id) }
        if let href = attributes["href"], href.hasPrefix("#") { references.append(String(href.dropFirst())) }
        if let labelled = attributes["aria-labelledby"] { references += labelled.split(separator: " ").map(String.init) }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
