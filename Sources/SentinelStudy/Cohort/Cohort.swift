import Foundation
import SentinelNumerics

/// A study's patients: the data files joined on the id column, each patient's 0/1 outcome and
/// cohort, and the feature columns of every modality, resolved and checked against the study file.
///
/// Cohorts: `cohortNames[0]` is always the training cohort; the evaluation cohorts follow in
/// order of first appearance. Without a `cohort:` key in the study file, rows are split by
/// `Cohort.stratifiedSplit` into `training` (70 %) and `validation` (30 %).
///
/// Checks, in this order: every modality entry resolves (a literal name must exist, a glob must
/// match; a column used once only; never the id, outcome or cohort column) → `StudySpecError`
/// (78); outcome cells are exactly 0 or 1, cohort cells non-empty, the training cohort exists
/// (78 if not), the training cohort has at least `minimumTrainingEvents` events and non-events,
/// every evaluation cohort has at least 2 of each → `DataError` (65); `selection.lasso_folds`
/// is at most the training cohort's events and non-events → `StudySpecError` (78).
public struct Cohort: Sendable {
    /// How a feature is encoded.
    public enum FeatureKind: String, Codable, Sendable {
        /// Numeric; missing values imputed with the training median.
        case continuous
        /// Levels; missing values imputed with the training mode, then one-hot / binary encoded.
        case categorical
    }

    /// One raw feature column.
    public struct Feature: Codable, Sendable, Equatable {
        public var name: String
        public var kind: FeatureKind

        public init(name: String, kind: FeatureKind) {
            self.name = name
            self.kind = kind
        }
    }

    /// A modality with its resolved raw feature columns.
    public struct Modality: Codable, Sendable, Equatable {
        public var name: String
        /// Features in study-file order: `continuous` entries, then `categorical`, then `columns`;
        /// a glob's matches in data-file column order.
        public var features: [Feature]

        public init(name: String, features: [Feature]) {
            self.name = name
            self.features = features
        }
    }

    /// Fewest events (and non-events) the training cohort may have.
    public static let minimumTrainingEvents = 10

    /// The study file this cohort was built from.
    public let spec: StudySpec
    /// The joined data.
    public let data: JoinedTable
    /// Outcome per row: 1 event, 0 no event.
    public let outcome: [Int]
    /// Cohort names: training first, then evaluation cohorts in order of first appearance.
    public let cohortNames: [String]
    /// Index into `cohortNames` for each row.
    public let cohortOfRow: [Int]
    /// Whether cohorts came from the seeded 7:3 split (no `cohort:` key).
    public let isSplit: Bool
    /// Modalities with resolved columns, in study order.
    public let modalities: [Modality]

    /// Patient ids in row order.
    public var ids: [String] { data.ids }
    /// The training cohort's name.
    public var trainingName: String { cohortNames[0] }
    /// Rows (0-based) of the training cohort, ascending.
    public var trainingRows: [Int] { rows(inCohort: 0) }

    /// Rows (0-based, ascending) of cohort `index` (into `cohortNames`).
    public func rows(inCohort index: Int) -> [Int] {
        cohortOfRow.indices.filter { cohortOfRow[$0] == index }
    }

    /// Cohort name of every row.
    public var cohortLabels: [String] { cohortOfRow.map { cohortNames[$0] } }

    /// Reads the study's data files and builds the cohort.
    /// - Throws: `DataError` (65/66), `StudySpecError` (78).
    public static func load(spec: StudySpec) throws -> Cohort {
        let data = try JoinedTable.read(Array(zip(spec.dataURLs, spec.data)).map { (url: $0.0, name: $0.1) },
                                        idColumn: spec.id)
        return try Cohort(spec: spec, data: data)
    }

    /// Builds the cohort from already joined data (see the type's checks).
    public init(spec: StudySpec, data: JoinedTable) throws {
        let file = spec.file
        var reserved = [data.idColumn: "id", spec.outcome: "outcome"]
        if let cohort = spec.cohort { reserved[cohort.column] = "cohort.column" }
        guard data.hasColumn(spec.outcome) else {
            throw StudySpecError.unknownColumn(file: file, key: "outcome", column: spec.outcome,
                                               suggestion: Cohort.suggestion(for: spec.outcome, in: data.columns))
        }
        if let cohort = spec.cohort, !data.hasColumn(cohort.column) {
            throw StudySpecError.unknownColumn(file: file, key: "cohort.column", column: cohort.column,
                                               suggestion: Cohort.suggestion(for: cohort.column, in: data.columns))
        }
        let modalities = try Cohort.resolve(spec.modalities, in: data, reserved: reserved, file: file)

        let outcome = try Cohort.readOutcome(data, column: spec.outcome)
        let names: [String], cohortOfRow: [Int]
        if let cohort = spec.cohort {
            (names, cohortOfRow) = try Cohort.readCohorts(data, setting: cohort, file: file)
        } else {
            let inTraining = Cohort.stratifiedSplit(outcome: outcome, seed: spec.seed)
            names = ["training", "validation"]
            cohortOfRow = inTraining.map { $0 ? 0 : 1 }
        }
        self.spec = spec
        self.data = data
        self.outcome = outcome
        self.cohortNames = names
        self.cohortOfRow = cohortOfRow
        self.isSplit = spec.cohort == nil
        self.modalities = modalities
        try checkEvents()
    }

    // MARK: Cohort assignment

    /// The seeded stratified split: within each outcome class (0 first, then 1), the row
    /// indices in ascending order are shuffled (Fisher-Yates with one generator,
    /// `SeededGenerator(seed: seed).derived(1)`) and the first `round(fraction * n_class)`
    /// (half away from zero) go to training. Returns `true` for training rows.
    public static func stratifiedSplit(outcome: [Int], seed: UInt64, trainingFraction: Double = 0.7) -> [Bool] {
        var generator = SeededGenerator(seed: seed).derived(1)
        var inTraining = [Bool](repeating: false, count: outcome.count)
        for label in [0, 1] {
            var rows = outcome.indices.filter { outcome[$0] == label }
            generator.shuffle(&rows)
            let take = Int((trainingFraction * Double(rows.count)).rounded())
            for row in rows.prefix(take) { inTraining[row] = true }
        }
        return inTraining
    }

    private static func readOutcome(_ data: JoinedTable, column: String) throws -> [Int] {
        try (0 ..< data.rowCount).map { row in
            let text = data.cell(row: row, column: column) ?? ""
            switch CSVTable.parseOutcome(text) {
            case 0?: return 0
            case 1?: return 1
            default:
                let origin = data.origin(row: row, column: column)
                throw DataError.invalidLabel(file: origin.file, row: origin.row, column: column, value: text)
            }
        }
    }

    private static func readCohorts(_ data: JoinedTable, setting: StudySpec.CohortColumn,
                                    file: String) throws -> ([String], [Int]) {
        var names = [String]()
        var index = [String: Int]()
        var raw = [Int]()
        for row in 0 ..< data.rowCount {
            let name = (data.cell(row: row, column: setting.column) ?? "").trimmingSpaces()
            guard !name.isEmpty else {
                let origin = data.origin(row: row, column: setting.column)
                throw DataError.emptyCohort(file: origin.file, row: origin.row, column: setting.column)
            }
            if index[name] == nil { index[name] = names.count; names.append(name) }
            raw.append(index[name] ?? 0)
        }
        guard let training = index[setting.training] else {
            throw StudySpecError.unknownTrainingCohort(file: file, value: setting.training, available: names)
        }
        // Training first, the others in order of first appearance.
        let order = [training] + names.indices.filter { $0 != training }
        var newIndex = [Int](repeating: 0, count: names.count)
        for (new, old) in order.enumerated() { newIndex[old] = new }
        return (order.map { names[$0] }, raw.map { newIndex[$0] })
    }

    private func checkEvents() throws {
        let file = data.file(of: spec.outcome)
        for (index, name) in cohortNames.enumerated() {
            let rows = self.rows(inCohort: index)
            let events = rows.reduce(0) { $0 + outcome[$1] }
            let nonEvents = rows.count - events
            if index == 0 {
                let minimum = Cohort.minimumTrainingEvents
                if events < minimum || nonEvents < minimum {
                    throw DataError.tooFewEvents(file: file, column: spec.outcome, cohort: name, events: events,
                                                 nonEvents: nonEvents, minimum: minimum)
                }
                // Stratified CV puts at least one event and one non-event in every fold.
                let folds = spec.selection.lassoFolds
                if folds > min(events, nonEvents) {
                    throw StudySpecError.invalidValue(
                        file: spec.file, key: "selection.lasso_folds", line: nil, value: "\(folds)",
                        expected: "at most \(min(events, nonEvents)) folds: the training cohort \"\(name)\" has \(events) events and \(nonEvents) non-events, and every fold needs one of each")
                }
            } else if events < 2 || nonEvents < 2 {
                throw DataError.tooFewCases(file: file, cohort: name, cases: events, controls: nonEvents)
            }
        }
    }

    // MARK: Column resolution

    private static func resolve(_ modalities: [StudySpec.Modality], in data: JoinedTable,
                                reserved: [String: String], file: String) throws -> [Modality] {
        var usedBy = [String: String]()
        var result = [Modality]()
        for (m, modality) in modalities.enumerated() {
            var features = [Feature]()
            let groups: [(String, [String], FeatureKind)] = [
                ("continuous", modality.continuous, .continuous),
                ("categorical", modality.categorical, .categorical),
                ("columns", modality.columns, .continuous),
            ]
            for (field, entries, kind) in groups {
                for (e, entry) in entries.enumerated() {
                    let key = "modalities[\(m)].\(field)" + (entries.count > 1 ? "[\(e)]" : "")
                    for name in try columns(matching: entry, key: key, in: data, reserved: reserved, file: file) {
                        if let first = usedBy[name] ?? reserved[name] {
                            throw StudySpecError.columnUsedTwice(file: file, column: name, firstKey: first, secondKey: key)
                        }
                        usedBy[name] = key
                        features.append(Feature(name: name, kind: kind))
                    }
                }
            }
            if features.isEmpty {
                throw StudySpecError.emptyModality(file: file, key: "modalities[\(m)]", name: modality.name)
            }
            result.append(Modality(name: modality.name, features: features))
        }
        return result
    }

    private static func columns(matching entry: String, key: String, in data: JoinedTable,
                                reserved: [String: String], file: String) throws -> [String] {
        guard Glob.isPattern(entry) else {
            guard data.hasColumn(entry) || entry == data.idColumn else {
                throw StudySpecError.unknownColumn(file: file, key: key, column: entry,
                                                   suggestion: suggestion(for: entry, in: data.columns))
            }
            return [entry]
        }
        let glob = Glob(entry)
        let matches = data.columns.filter { reserved[$0] == nil && glob.matches($0) }
        guard !matches.isEmpty else { throw StudySpecError.globMatchesNothing(file: file, key: key, pattern: entry) }
        return matches
    }

    /// A close column name: same name ignoring case, spaces and `_`/`-`, else a unique one
    /// within edit distance 2.
    static func suggestion(for name: String, in columns: [String]) -> String? {
        func normalized(_ s: String) -> String {
            String(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
        }
        let key = normalized(name)
        if let same = columns.first(where: { normalized($0) == key }) { return same }
        let close = columns.filter { editDistance($0.lowercased(), name.lowercased(), limit: 2) <= 2 }
        return close.count == 1 ? close[0] : nil
    }

    private static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0 ... b.count)
        for i in 1 ... max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1 ... max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
