import Foundation

/// The `sentinel evaluate` input: one row per patient with `id`, `cohort`, `label` (0/1) and one
/// column per model holding its predicted probability (the column name is the model name).
///
/// Validation (each failure is a `DataError`, exit 65, naming file, row and column):
/// the `id` and `label` columns must exist, in any position (other names can be given with
/// `PredictionColumns`); without a `cohort` column every row belongs to one cohort named
/// `all`; every other column is a model, in file order, unless the model columns are named;
/// at least one model column; ids non-empty and unique; cohort names non-empty
/// (surrounding spaces dropped, as `Cohort` does);
/// labels exactly `0` or `1` (`0.0`/`1.0` accepted); probabilities finite numbers in [0, 1]
/// (empty, text, NaN, infinities rejected); every cohort with at least 2 cases and 2 controls.
///
/// Cohorts are listed in order of first appearance. Thresholds come from `thresholdCohort`:
/// the cohort named `train` or else `training` if present (exact, lower-case names), otherwise
/// the first cohort.
public struct PredictionTable: Sendable, Equatable, Codable {
    /// One model's predictions, aligned with the table's rows.
    public struct Model: Sendable, Equatable, Codable {
        /// The model name (its column header).
        public var name: String
        /// Predicted probability of the event for each row, in [0, 1].
        public var probabilities: [Double]

        public init(name: String, probabilities: [Double]) {
            self.name = name
            self.probabilities = probabilities
        }
    }

    /// Patient ids, in file order.
    public var ids: [String]
    /// Cohort name of each row.
    public var cohorts: [String]
    /// Outcome of each row: 1 event (case), 0 no event (control).
    public var labels: [Int]
    /// The models, in column order.
    public var models: [Model]

    /// Creates a table from columns (not validated; use `validated()` for user data).
    public init(ids: [String], cohorts: [String], labels: [Int], models: [Model]) {
        self.ids = ids
        self.cohorts = cohorts
        self.labels = labels
        self.models = models
    }

    /// Cohort names in order of first appearance.
    public var cohortNames: [String] {
        var seen = Set<String>()
        return cohorts.filter { seen.insert($0).inserted }
    }

    /// The cohort whose Youden-optimal thresholds are applied to all cohorts: `train`, else
    /// `training`, else the first cohort.
    public var thresholdCohort: String {
        PredictionTable.thresholdCohort(among: cohortNames)
    }

    /// `train` if present, else `training` if present, else the first name (`""` when empty).
    public static func thresholdCohort(among names: [String]) -> String {
        if names.contains("train") { return "train" }
        if names.contains("training") { return "training" }
        return names.first ?? ""
    }

    /// The rows regrouped by cohort in the order of `names` (file order within a cohort; rows
    /// of cohorts not named keep their order at the end). `sentinel run` writes its
    /// predictions this way, training cohort first, so that `sentinel evaluate` on the file
    /// takes its thresholds from the training cohort whatever that cohort is called.
    public func groupedByCohort(_ names: [String]) -> PredictionTable {
        let rank = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let order = ids.indices.sorted { (rank[cohorts[$0]] ?? names.count, $0) < (rank[cohorts[$1]] ?? names.count, $1) }
        return PredictionTable(ids: order.map { ids[$0] }, cohorts: order.map { cohorts[$0] },
                               labels: order.map { labels[$0] },
                               models: models.map { model in Model(name: model.name, probabilities: order.map { model.probabilities[$0] }) })
    }

    /// Row indices (0-based, file order) of cohort `name`.
    public func rows(inCohort name: String) -> [Int] {
        cohorts.indices.filter { cohorts[$0] == name }
    }

    /// The model names, in column order.
    public var modelNames: [String] { models.map(\.name) }
}

// MARK: - Reading

extension PredictionTable {
    /// Reads and validates a predictions CSV (see the type's rules).
    /// - Throws: `DataError` (66 for a missing/unreadable file, 65 otherwise).
    public static func read(contentsOf url: URL, name: String? = nil,
                            columns: PredictionColumns = .standard) throws -> PredictionTable {
        try PredictionTable(table: CSVTable.read(contentsOf: url, name: name), columns: columns)
    }

    /// Validates a parsed CSV as a predictions table (see the type's rules); `columns` says
    /// which columns hold what (the documented names by default).
    public init(table: CSVTable, columns: PredictionColumns = .standard) throws {
        let file = table.source
        let positions = try columns.positions(in: table)
        let idColumn = positions.id, labelColumn = positions.label

        var ids = [String](), cohorts = [String](), labels = [Int]()
        var firstRowOfID = [String: Int]()
        for row in 0 ..< table.rowCount {
            let id = table.cell(row: row, column: idColumn)
            guard !id.trimmingSpaces().isEmpty else {
                throw DataError.emptyID(file: file, row: table.rowNumber(row), column: columns.id)
            }
            if let first = firstRowOfID[id] {
                throw DataError.duplicateID(file: file, column: columns.id, id: id,
                                            rows: [table.rowNumber(first), table.rowNumber(row)])
            }
            firstRowOfID[id] = row
            // Trimmed as `sentinel run` does: "train " from a spreadsheet is the cohort "train".
            let cohort = positions.cohort.map { table.cell(row: row, column: $0).trimmingSpaces() }
                ?? PredictionColumns.allPatientsCohort
            guard !cohort.isEmpty else {
                throw DataError.emptyCohort(file: file, row: table.rowNumber(row), column: columns.cohort)
            }
            ids.append(id)
            cohorts.append(cohort)
            labels.append(try PredictionTable.label(table, row: row, column: labelColumn))
        }
        var models = [Model]()
        for column in positions.models {
            var probabilities = [Double]()
            probabilities.reserveCapacity(table.rowCount)
            for row in 0 ..< table.rowCount {
                guard let p = try table.optionalNumber(row: row, column: column) else {
                    // Missing: an empty cell is a missing prediction; a marker such as NA stays
                    // "not a number" (the text is looked at only on this error path).
                    let text = table.cell(row: row, column: column)
                    guard text.trimmingSpaces().isEmpty else {
                        throw DataError.invalidNumber(file: file, row: table.rowNumber(row), column: table.header[column], value: text)
                    }
                    throw DataError.missingPrediction(file: file, row: table.rowNumber(row), column: table.header[column],
                                                      id: ids[row])
                }
                guard p >= 0 && p <= 1 else {
                    throw DataError.probabilityOutOfRange(file: file, row: table.rowNumber(row),
                                                          column: table.header[column], value: p)
                }
                probabilities.append(p)
            }
            models.append(Model(name: table.header[column], probabilities: probabilities))
        }
        self.init(ids: ids, cohorts: cohorts, labels: labels, models: models)
        try checkCohortSizes(file: file)
    }

    /// A 0/1 outcome cell (`0`, `1`, `0.0`, `1.0`; spaces ignored).
    static func label(_ table: CSVTable, row: Int, column: Int) throws -> Int {
        let text = table.cell(row: row, column: column)
        switch CSVTable.parseOutcome(text) {
        case 0?: return 0
        case 1?: return 1
        default:
            throw DataError.invalidLabel(file: table.source, row: table.rowNumber(row), column: table.header[column], value: text)
        }
    }

    private func checkCohortSizes(file: String) throws {
        for name in cohortNames {
            let rows = self.rows(inCohort: name)
            let cases = rows.reduce(0) { $0 + labels[$1] }
            let controls = rows.count - cases
            if cases < 2 || controls < 2 {
                throw DataError.tooFewCases(file: file, cohort: name, cases: cases, controls: controls)
            }
        }
    }
}

// MARK: - Writing

extension PredictionTable {
    /// The table as CSV: `id,cohort,label,<model>...`, numbers in shortest round-trip form.
    public func csvData() -> Data {
        PredictionTable.csvData(ids: ids, cohorts: cohorts, labels: labels, models: models)
    }

    /// Writes the table as CSV to `url` (atomically).
    public func write(to url: URL) throws {
        try csvData().write(to: url, options: .atomic)
    }

    /// Predictions CSV where cohort and label may be unknown (`sentinel predict` on new
    /// patients): the `cohort` / `label` columns are written only when given.
    public static func csvData(ids: [String], cohorts: [String]?, labels: [Int]?, models: [Model]) -> Data {
        var header = ["id"]
        if cohorts != nil { header.append("cohort") }
        if labels != nil { header.append("label") }
        var csv = CSVBuilder(header: header + models.map(\.name))
        for row in ids.indices {
            csv.appendField(ids[row])
            if let cohorts { csv.appendField(cohorts[row]) }
            if let labels { csv.appendField(labels[row]) }
            for model in models { csv.appendField(model.probabilities[row]) }
            csv.endRow()
        }
        return csv.data
    }
}
