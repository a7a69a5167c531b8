import Dispatch
import Foundation

/// A simulated cohort (see `DemoSimulator`), in memory, and its files for `sentinel run`.
public struct DemoCohort: Sendable {
    /// A clinical column as the text cells written to `clinical.csv`.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var cells: [String]
    }

    /// File names written by `write(to:)`.
    public static let clinicalFile = "clinical.csv"
    public static let radiomicsFile = "radiomics.csv"
    public static let deepFile = "deep.csv"
    public static let studyFile = "study.yaml"

    public let specification: DemoSpecification
    public let seed: UInt64
    /// Patient ids (`SIM0001`...).
    public let ids: [String]
    /// Cohort name per patient.
    public let cohorts: [String]
    /// Outcome per patient (1 = SLN+).
    public let outcome: [Int]
    /// Clinical columns: continuous variables then categorical ones, in specification order.
    public let clinical: [Column]
    public let radiomicsNames: [String]
    /// Row-major `ids.count × radiomicsNames.count`, each rounded to 6 significant digits.
    public let radiomics: [Double]
    public let deepNames: [String]
    /// Row-major `ids.count × deepNames.count`, all ≥ 0, each rounded to 6 significant digits.
    public let deep: [Double]

    /// `clinical.csv`: id, cohort, outcome, then the clinical variables.
    public func clinicalCSV() -> Data {
        var csv = CSVBuilder(header: [specification.id, specification.cohortColumn, specification.outcome] + clinical.map(\.name))
        for row in ids.indices {
            csv.appendField(ids[row])
            csv.appendField(cohorts[row])
            csv.appendField(outcome[row])
            for column in clinical { csv.appendField(column.cells[row]) }
            csv.endRow()
        }
        return csv.data
    }

    /// `radiomics.csv`: id then the radiomics features.
    public func radiomicsCSV() -> Data { collected { try matrixCSV(names: radiomicsNames, values: radiomics, emit: $0) } }

    /// `deep.csv`: id then the deep features.
    public func deepCSV() -> Data { collected { try matrixCSV(names: deepNames, values: deep, emit: $0) } }

    /// The study file for these data (paths relative to the folder they are written to).
    public func studyYAML() -> String {
        let continuous = specification.continuous.map(\.name).joined(separator: ", ")
        let categorical = specification.categorical.map(\.name).joined(separator: ", ")
        return """
        # SIMULATED data (DemoSimulator, seed \(seed)), shaped like \(specification.source).
        # No real patient is in these files. Radiomics and deep feature values are rounded to
        # 6 significant digits, as an extraction table prints them.
        title: "SLN metastasis fusion model: simulated demo cohort (not real patients)"
        data: [\(DemoCohort.clinicalFile), \(DemoCohort.radiomicsFile), \(DemoCohort.deepFile)]
        id: \(specification.id)
        outcome: \(specification.outcome)
        cohort: {column: \(specification.cohortColumn), training: \(specification.cohorts.first?.name ?? "train")}
        modalities:
          - name: Clinical
            continuous: [\(continuous)]
            categorical: [\(categorical)]
          - name: Rad
            columns: "rad_*"
          - name: DL
            columns: "dl_*"
        selection: {p: 0.05, correlation: 0.75, lasso_folds: 5}
        seed: \(seed)
        bootstrap: \(StudySpec.defaultBootstrap)

        """
    }

    /// The bytes `write(to:)` writes to the file named `name` (`clinicalFile`, `radiomicsFile`,
    /// `deepFile` or `studyFile`); `nil` for any other name.
    public func fileBytes(named name: String) -> Data? {
        var found = true
        let data = collected { found = (try? streamFile(named: name, emit: $0)) ?? false }
        return found ? data : nil
    }

    /// Passes the bytes of the file named `name` (as `fileBytes(named:)`) to `emit` in
    /// consecutive chunks of at most a few megabytes, so that a feature table's text is never
    /// held whole (the demo's data files are written and fingerprinted as they are made).
    /// - Returns: `false` (and emits nothing) for an unknown name.
    /// - Throws: what `emit` throws, at once.
    @discardableResult
    public func streamFile(named name: String, emit: (Data) throws -> Void) throws -> Bool {
        switch name {
        case DemoCohort.clinicalFile: try emit(clinicalCSV())
        case DemoCohort.radiomicsFile: try matrixCSV(names: radiomicsNames, values: radiomics, emit: emit)
        case DemoCohort.deepFile: try matrixCSV(names: deepNames, values: deep, emit: emit)
        case DemoCohort.studyFile: try emit(Data(studyYAML().utf8))
        default: return false
        }
        return true
    }

    private func collected(_ stream: (_ emit: (Data) throws -> Void) throws -> Void) -> Data {
        var data = Data()
        try? stream { data.append($0) }
        return data
    }

    /// Writes the three CSV files and `study.yaml` into `folder` (created if needed).
    /// - Returns: the URL of `study.yaml`.
    @discardableResult
    public func write(to folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The files are made and written concurrently (one file's formatting overlaps another's
        // writing); each file's bytes do not depend on the others.
        let names = [DemoCohort.clinicalFile, DemoCohort.radiomicsFile, DemoCohort.deepFile, DemoCohort.studyFile]
        _ = try ConcurrentMap.map(names.count) { i in
            try fileBytes(named: names[i])!.write(to: folder.appendingPathComponent(names[i]), options: .atomic)
        }
        return folder.appendingPathComponent(DemoCohort.studyFile)
    }

    /// The three tables as `CSVTable.read` gives them from the files `write(to:)` writes
    /// (same sources, header, cells and parsed numbers, bit for bit), without formatting or
    /// parsing: the feature tables keep the simulated numbers.
    public func tables() throws -> [CSVTable] {
        let clinicalRows = ids.indices.map { row in
            [ids[row], cohorts[row], String(outcome[row])] + clinical.map { $0.cells[row] }
        }
        let idRows = ids.map { [$0] }
        return [
            try CSVTable(source: DemoCohort.clinicalFile,
                         header: [specification.id, specification.cohortColumn, specification.outcome] + clinical.map(\.name),
                         rows: clinicalRows),
            try CSVTable(source: DemoCohort.radiomicsFile, header: [specification.id] + radiomicsNames, text: idRows, numbers: radiomics),
            try CSVTable(source: DemoCohort.deepFile, header: [specification.id] + deepNames, text: idRows, numbers: deep),
        ]
    }

    /// Formatting numbers dominates: blocks of rows are formatted concurrently, a few blocks
    /// at a time, and emitted in order, so the bytes are those of a single sequential pass while
    /// only those few blocks' text is held at once. The blocks' buffers are reused from one
    /// round to the next and their text is emitted in pieces of at most `emitPiece` bytes, so
    /// the feature tables' ~20 MB of text does not go through fresh memory (a page fault per
    /// 4 KiB) more than once.
    private func matrixCSV(names: [String], values: [Double], emit: (Data) throws -> Void) rethrows {
        var header = Data()
        CSVBuilder(header: [specification.id] + names).append(to: &header)
        try emit(header)
        let width = names.count, ids = self.ids
        let blockRows = 32, blocks = (ids.count + blockRows - 1) / blockRows
        let wave = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        let parts = BlockBuffers(count: min(wave, blocks), reserving: blockRows * width * 20)
        for first in stride(from: 0, to: blocks, by: wave) {
            let count = min(wave, blocks - first)
            let fill: @Sendable (Int) -> Void = { k in
                parts.update(k) { part in
                    part.removeAll()
                    let b = first + k
                    values.withUnsafeBufferPointer { all in
                        for row in b * blockRows ..< min(ids.count, (b + 1) * blockRows) {
                            part.appendField(ids[row])
                            part.appendShortFields(UnsafeBufferPointer(rebasing: all[row * width ..< (row + 1) * width]))
                            part.endRow()
                        }
                    }
                }
            }
            if count > 1 { DispatchQueue.concurrentPerform(iterations: count, execute: fill) } else { fill(0) }
            for k in 0 ..< count {
                try parts.read(k) { part in
                    try part.withBytes { bytes in
                        for start in stride(from: 0, to: bytes.count, by: DemoCohort.emitPiece) {
                            try emit(Data(UnsafeBufferPointer(rebasing: bytes[start ..< min(bytes.count, start + DemoCohort.emitPiece)])))
                        }
                    }
                }
            }
        }
    }

    /// The largest chunk `matrixCSV` emits: below glibc's mapping threshold (128 KiB, see
    /// `LargeAllocations`), so a chunk's copy comes from reused heap memory.
    static let emitPiece = 64 * 1024
}

/// The row blocks `DemoCohort.matrixCSV` formats concurrently: one buffer per block of a
/// round, each touched by one task at a time (distinct indices), kept across rounds.
private final class BlockBuffers: @unchecked Sendable {
    /// Fixed storage (not an array property), so that tasks mutating distinct buffers do not
    /// access one variable at the same time.
    private let builders: UnsafeMutableBufferPointer<CSVBuilder>
    private let count: Int

    init(count: Int, reserving bytes: Int) {
        self.count = count
        builders = .allocate(capacity: max(count, 1))
        for k in 0 ..< count {
            var builder = CSVBuilder()
            builder.reserve(bytes: bytes)
            (builders.baseAddress! + k).initialize(to: builder)
        }
    }

    deinit {
        builders.baseAddress!.deinitialize(count: count)
        builders.deallocate()
    }

    /// Mutates buffer `k` (concurrent calls must use distinct `k`).
    func update(_ k: Int, _ body: (inout CSVBuilder) -> Void) {
        body(&builders[k])
    }

    func read<R>(_ k: Int, _ body: (CSVBuilder) throws -> R) rethrows -> R {
        try body(builders[k])
    }
}

// MARK: - Checking the simulation against the specification

extension DemoCohort {
    /// `[median, Q1, Q3]` of continuous clinical variable `name` among patients of `cohort` with
    /// outcome `outcome` (quantiles as numpy's default, linear interpolation), to compare with
    /// the specification; `nil` for an unknown variable or an empty group.
    public func quartiles(of name: String, cohort: String, outcome: Int) -> [Double]? {
        guard let column = clinical.first(where: { $0.name == name }) else { return nil }
        let values = ids.indices.filter { cohorts[$0] == cohort && self.outcome[$0] == outcome }
            .compactMap { CSVTable.parseNumber(column.cells[$0]) }.sorted()
        guard !values.isEmpty else { return nil }
        return [0.5, 0.25, 0.75].map { DemoCohort.quantile(sorted: values, $0) }
    }

    /// Counts of each level (in `levels` order) of categorical variable `name` among patients
    /// of `cohort` with outcome `outcome`.
    public func counts(of name: String, levels: [String], cohort: String, outcome: Int) -> [Int] {
        guard let column = clinical.first(where: { $0.name == name }) else { return levels.map { _ in 0 } }
        let rows = ids.indices.filter { cohorts[$0] == cohort && self.outcome[$0] == outcome }
        return levels.map { level in rows.filter { column.cells[$0] == level }.count }
    }

    /// numpy's default quantile (`method="linear"`): position p·(n − 1), linear interpolation.
    static func quantile(sorted values: [Double], _ p: Double) -> Double {
        let position = p * Double(values.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, values.count - 1)
        let fraction = position - Double(lower)
        return values[lower] + (values[upper] - values[lower]) * fraction
    }
}
