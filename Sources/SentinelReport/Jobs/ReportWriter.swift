import Dispatch
import Foundation
import SentinelNumerics
import SentinelRender
import SentinelStudy

/// Writes a report's files into an output folder: `figures/`, `tables/`, `report.html`
/// and `report.pdf`, from one `ReportInputs`, together with any other outputs of the run
/// (`results.json`, `model.json`, ...) given as `ReportWriter.Output`s.
///
/// Everything is produced by one pool of workers (one per core), because the parts are
/// independent: the PDF report draws the charts themselves (not their rendered files), so it
/// starts at once, beside the run's other outputs; each figure is rendered once per format;
/// `report.html`, which inlines the SVGs, is rendered by the worker that writes the last
/// SVG. The dearest tasks are handed out first and the cheap ones last, so the cores finish
/// together; the outputs' encoders and the PNG renders, which hold the most memory, do not
/// all run at once. Each output is deterministic and written to its own file, so the files
/// do not depend on the order in which the workers happen to run.
public struct ReportWriter {
    let progress: ProgressReporter

    public init(progress: ProgressReporter) {
        self.progress = progress
    }

    /// A file of the run written beside the report, made by one of the report's workers.
    public struct Output: Sendable {
        /// Path inside the output folder, e.g. `"results.json"`.
        public var path: String
        /// The file's bytes (called once, on any thread).
        public var make: @Sendable () throws -> Data

        public init(path: String, make: @escaping @Sendable () throws -> Data) {
            self.path = path
            self.make = make
        }
    }

    /// Writes the report of `base` and `alongside` into `folder`. `revise` edits the document
    /// before it is rendered (the same edit for the HTML and the PDF). Throws the first
    /// failure in task order (the outputs in order, the PDF report, the tables, the figures),
    /// then that of report.html.
    public func write(_ base: ReportInputs, into folder: OutputFolder, risks: [String: [[Double]]] = [:],
                      alongside: [Output] = [], revise: @escaping @Sendable (inout ReportDocument) -> Void = { _ in }) throws {
        progress.stage(alongside.isEmpty ? "drawing figures and writing the report"
                                         : "writing results, figures and the report")
        let factory = FigureFactory(results: base.results, risks: risks)
        let planned = factory.plannedFigures()
        // Folders are created here, before the workers write into them.
        let figureFolder = try folder.url("figures/.keep").deletingLastPathComponent()
        _ = try folder.url("tables/.keep")
        for output in alongside { _ = try folder.url(output.path) }
        let staging = folder.staging

        // The documents need the charts only: report.html reads each figure's SVG from its file.
        var inputs = base
        inputs.figures.merge(factory.reportFigures(planned)) { _, new in new }
        let document = Self.document(inputs, revise: revise)
        let svgFiles = Dictionary(planned.map { ("figure-\($0.name)", figureFolder.appendingPathComponent("\($0.name).svg")) },
                                  uniquingKeysWith: { first, _ in first })

        let tables = [
            Output(path: "tables/table2.csv") { ResultTables.table2(base.results) },
            Output(path: "tables/table3.csv") { ResultTables.table3(base.results) },
        ] + (base.table1.map { t1 in [Output(path: "tables/table1.csv") { ResultTables.table1(t1) }] } ?? [])

        let formats = FigureFactory.formats
        let svgFormat = formats.firstIndex(of: .svg)!
        // Tasks: the run's outputs (`alongside`), report.pdf (the dearest), the tables, then
        // every figure in every format (PNGs first). The outputs (encoders such as JSONEncoder
        // build large transient trees) and the PNG renders (a band of pixels each) hold the
        // most memory: at most one of them per two workers runs at a time.
        let pdfTask = alongside.count
        let firstFigure = pdfTask + 1 + tables.count
        let count = firstFigure + planned.count * formats.count
        let state = ReportTasks(count: count)
        let outputsLeft = Countdown(alongside.count), svgsLeft = Countdown(planned.count)
        let html = { @Sendable () throws in
            try HTMLReportWriter(templates: TemplateLocator.reportTemplates())
                .write(document, to: staging.appendingPathComponent("report.html")) { figure in
                    guard let file = svgFiles[figure.id] else { return figure.svg }
                    do {
                        return [UInt8](try Data(contentsOf: file))
                    } catch {
                        throw OutputError.cannotCreate(path: file.path, reason: "the figure just written cannot be read back: \(error.localizedDescription)")
                    }
                }
        }
        if planned.isEmpty { state.htmlResult = Result { try html() } }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let queue = TaskQueue(count: count, limit: max(1, workers / 2)) { task in
            task < pdfTask || (task >= firstFigure && formats[(task - firstFigure) / planned.count] == .png)
        }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let task = queue.next() {
                defer { queue.finished(task) }
                do {
                    if task < pdfTask {
                        let output = alongside[task]
                        try Self.write(output.make(), to: staging.appendingPathComponent(output.path))
                        // Their many small blocks freed, the pages go back before the figures peak.
                        if outputsLeft.done() { LargeAllocations.returnFreedPages() }
                    } else if task == pdfTask {
                        try Self.write(PDFReportWriter().render(document), to: staging.appendingPathComponent("report.pdf"))
                    } else if task < firstFigure {
                        let table = tables[task - pdfTask - 1]
                        try Self.write(table.make(), to: staging.appendingPathComponent(table.path))
                    } else {
                        let figure = task - firstFigure
                        let format = figure / planned.count
                        _ = try factory.write(planned[figure % planned.count], as: formats[format], into: figureFolder)
                        if format == svgFormat, svgsLeft.done() {
                            // The last SVG is written: this worker renders report.html.
                            state.htmlResult = Result { try html() }
                        }
                    }
                } catch {
                    state.fail(task, error)
                }
            }
        }
        try state.rethrow()
    }

    /// The report's document: built from `inputs`, then revised.
    static func document(_ inputs: ReportInputs, revise: (inout ReportDocument) -> Void) -> ReportDocument {
        var document = ReportBuilder(inputs: inputs).build()
        revise(&document)
        return document
    }

    static func write(_ data: Data, to target: URL) throws {
        do {
            try FileOutput.write(data, to: target)
        } catch {
            throw OutputError.cannotCreate(path: target.path, reason: error.localizedDescription)
        }
    }
}

/// Hands out tasks 0..<count in order, except that while `limit` tasks of the limited
/// kind run, the next task of another kind goes first (when only limited tasks are left,
/// they are handed out anyway, so no worker idles).
final class TaskQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Int]
    private let limited: (Int) -> Bool
    private let limit: Int
    private var running = 0

    init(count: Int, limit: Int, limited: @escaping (Int) -> Bool) {
        pending = Array(0..<count)
        self.limit = limit
        self.limited = limited
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !pending.isEmpty else { return nil }
        let pick = running < limit ? 0 : (pending.firstIndex { !limited($0) } ?? 0)
        let task = pending.remove(at: pick)
        if limited(task) { running += 1 }
        return task
    }

    func finished(_ task: Int) {
        guard limited(task) else { return }
        lock.lock(); running -= 1; lock.unlock()
    }
}

/// The shared state of a report's workers: each task's failure and the result of
/// rendering report.html.
final class ReportTasks: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [Error?]
    private var html: Result<Void, Error>?

    init(count: Int) {
        failures = Array(repeating: nil, count: count)
    }

    func fail(_ task: Int, _ error: Error) {
        lock.lock(); failures[task] = error; lock.unlock()
    }

    var htmlResult: Result<Void, Error>? {
        get { lock.lock(); defer { lock.unlock() }; return html }
        set { lock.lock(); html = newValue; lock.unlock() }
    }

    /// Throws the first failure in task order, then that of report.html.
    func rethrow() throws {
        lock.lock()
        let failure = failures.compactMap { $0 }.first
        let html = self.html
        lock.unlock()
        if let failure { throw failure }
        guard let html else { throw ReportError.templateInvalid(name: "report", reason: "report.html was not rendered") }
        try html.get()
    }
}

/// A thread-safe count of things still to be done; `done()` is true for the last one.
final class Countdown: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int

    init(_ count: Int) { remaining = count }

    func done() -> Bool {
        lock.lock(); defer { lock.unlock() }
        remaining -= 1
        return remaining == 0
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
