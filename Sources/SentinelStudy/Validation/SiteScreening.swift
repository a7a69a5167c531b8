/// Which of a site's patients a frozen study can score, and why the others cannot.
///
/// Rules, per patient (joined row), checked on every raw predictor of every modality of the
/// preprocessor and on the outcome column:
/// - a missing predictor cell (`CSVTable.missingMarkers`) is **imputed** as in training
///   (median / mode); the patient is scored and the column's imputed count goes up by one;
/// - text that is not a finite number in a continuous column → excluded, reason
///   `nonNumeric`;
/// - a category level training never saw → excluded, reason `unseenLevel`;
/// - a missing or non-0/1 outcome (read by `CSVTable.parseOutcome`, as in training) → excluded, reason `missingOutcome` (no label to validate on).
/// A patient with several problems counts once per (reason, column) but is excluded once.
/// A predictor column absent from the files is an error (`DataError.missingColumn`): no patient
/// could be scored as trained.
public struct SiteScreening: Sendable, Equatable {
    /// Why a patient was not scored.
    public enum Reason: String, Codable, Sendable, Comparable {
        case nonNumeric = "non_numeric_value"
        case unseenLevel = "unseen_category_level"
        case missingOutcome = "missing_or_invalid_outcome"

        public static func < (a: Reason, b: Reason) -> Bool { a.rawValue < b.rawValue }
    }

    /// Patients excluded for `reason` in `column`.
    public struct Exclusion: Codable, Sendable, Equatable {
        public var reason: Reason
        public var column: String
        public var patients: Int
    }

    /// Missing values imputed in `column` among scored patients.
    public struct Imputation: Codable, Sendable, Equatable {
        public var column: String
        public var imputedValues: Int

        enum CodingKeys: String, CodingKey {
            case column
            case imputedValues = "imputed_values"
        }
    }

    /// One excluded patient's problem (row level: stays at the site).
    public struct RowProblem: Sendable, Equatable {
        /// Joined row index.
        public var row: Int
        public var reason: Reason
        public var column: String
    }

    /// Every problem of every excluded patient, in row then column order (row level; written
    /// only with `--include-predictions`).
    public var rowProblems: [RowProblem] = []

    /// Joined rows that can be scored, in row order.
    public var scoredRows: [Int]
    /// Outcome (true = positive) of each scored row.
    public var labels: [Bool]
    /// Patients read.
    public var patientsRead: Int
    /// Exclusion counts by reason then column (sorted).
    public var exclusions: [Exclusion]
    /// Imputed-value counts per predictor column among scored patients (columns with none omitted).
    public var imputations: [Imputation]

    /// Screens `table` against `preprocessor`'s recipes and `outcomeColumn`.
    /// - Throws: `DataError.missingColumn` for an absent predictor or outcome column.
    public static func screen(_ table: JoinedTable, preprocessor: Preprocessor, outcomeColumn: String) throws -> SiteScreening {
        let n = table.rowCount
        var excluded = [Bool](repeating: false, count: n)
        var problems: [String: Int] = [:]
        var missing: [String: [Int]] = [:]
        var rowProblems: [RowProblem] = []
        func flag(_ reason: Reason, _ column: String, _ row: Int) {
            excluded[row] = true
            rowProblems.append(RowProblem(row: row, reason: reason, column: column))
            problems["\(reason.rawValue)\u{1}\(column)", default: 0] += 1
        }
        guard let outcome = table.column(outcomeColumn) else {
            throw DataError.missingColumn(file: table.file(of: outcomeColumn), column: outcomeColumn, available: table.columns)
        }
        var labels = [Bool](repeating: false, count: n)
        for (row, cell) in outcome.enumerated() {
            switch CSVTable.parseOutcome(cell) {
            case 1: labels[row] = true
            case 0: labels[row] = false
            default: flag(.missingOutcome, outcomeColumn, row)
            }
        }
        for feature in preprocessor.modalities.flatMap(\.features) {
            let levels = try table.optionalLevels(feature.name)
            for (row, level) in levels.enumerated() {
                guard let level else { missing[feature.name, default: []].append(row); continue }
                switch feature {
                case .continuous:
                    if !isNumber(level) { flag(.nonNumeric, feature.name, row) }
                case let .categorical(encoding):
                    if !encoding.levels.contains(level) { flag(.unseenLevel, feature.name, row) }
                }
            }
        }
        let scored = (0 ..< n).filter { !excluded[$0] }
        let exclusions = problems.map { key, count -> Exclusion in
            let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
            return Exclusion(reason: Reason(rawValue: parts[0]) ?? .nonNumeric, column: parts[1], patients: count)
        }.sorted { ($0.reason, $0.column) < ($1.reason, $1.column) }
        let imputations = missing.compactMap { column, rows -> Imputation? in
            let count = rows.filter { !excluded[$0] }.count
            return count > 0 ? Imputation(column: column, imputedValues: count) : nil
        }.sorted { $0.column < $1.column }
        var screening = SiteScreening(scoredRows: scored, labels: scored.map { labels[$0] }, patientsRead: n,
                                      exclusions: exclusions, imputations: imputations)
        screening.rowProblems = rowProblems.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        return screening
    }

    /// Whether the table reader parses `text` as a finite number (the same parser as training).
    static func isNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            if case .number = CSVTable.classify(buffer) { return true }
            return false
        }
    }

    /// Patients excluded (each once, whatever the number of reasons).
    public var patientsExcluded: Int { patientsRead - scoredRows.count }
}
