import Foundation
import SentinelStudy

/// Writes a report's files into an output folder: `figures/`, `tables/`, `report.html`
/// and `report.pdf`, from one `ReportInputs`.
public struct ReportWriter {
    let progress: ProgressReporter

    public init(progress: ProgressReporter) {
        self.progress = progress
    }

    public func write(_ base: ReportInputs, into folder: OutputFolder, risks: [String: [[Double]]] = [:]) throws {
        var inputs = base
        progress.stage("drawing figures")
        let figures = try FigureFactory(results: inputs.results, risks: risks).makeFigures(into: folder)
        inputs.figures.merge(figures) { _, new in new }
        progress.stage("writing tables")
        try folder.write(ResultTables.table2(inputs.results), to: "tables/table2.csv")
        try folder.write(ResultTables.table3(inputs.results), to: "tables/table3.csv")
        if let t1 = inputs.table1 { try folder.write(ResultTables.table1(t1), to: "tables/table1.csv") }
        let document = ReportBuilder(inputs: inputs).build()
        progress.stage("writing report.html")
        let html = try HTMLReportWriter(templates: TemplateLocator.reportTemplates()).render(document)
        try folder.write(html, to: "report.html")
        progress.stage("writing report.pdf")
        try folder.write(PDFReportWriter().render(document), to: "report.pdf")
    }
}

extension ReportInputs {
    /// Inputs for a report on predictions alone (`sentinel evaluate`).
    public static func forPredictions(results: StudyResults, provenance: Provenance, version: String,
                                      source: String) -> ReportInputs {
        ReportInputs(
            title: "Validation report: \(source)",
            subtitle: "Evaluation of \(results.cohorts.first?.models.count ?? 0) models' predicted probabilities",
            provenance: provenanceRows(provenance, version: version, extra: [("Predictions file", source)]),
            inputHashes: provenance.inputs.map { ($0.path, $0.sha256) },
            results: results, generator: "Sentinel \(version)", date: provenance.runDate)
    }

    static func provenanceRows(_ p: Provenance, version: String,
                               extra: [(key: String, value: String)]) -> [(key: String, value: String)] {
        [("Tool", "Sentinel \(version)")] + extra + [
            ("Seed", "\(p.seed)"),
            ("Platform", p.platform),
            ("Run date", "\(p.runDate) (\(p.runDateSource))"),
        ]
    }
}
