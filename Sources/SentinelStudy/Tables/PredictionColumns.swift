/// Which columns of a predictions CSV hold the patient id, the cohort, the outcome and the
/// models' probabilities (`sentinel evaluate --id-column … --model …`).
///
/// - `id`, `label`: required; names are exact (case-sensitive).
/// - `cohort`: when `cohortRequired` is false (the default, the column named `cohort`) a file
///   without that column is one cohort named `allPatientsCohort`; otherwise the column must exist.
///   A file whose header has the name in another case (`Cohort`) is an error either way, so a
///   misspelt column is never read as a model.
/// - `models`: the model columns in the order given; nil means every other column, in file order.
public struct PredictionColumns: Sendable, Equatable {
    public var id: String
    public var cohort: String
    public var cohortRequired: Bool
    public var label: String
    public var models: [String]?

    /// The cohort name given to every row of a file without a cohort column.
    public static let allPatientsCohort = "all"

    /// `id`, `cohort` (optional), `label`, every other column a model: the documented format.
    public static let standard = PredictionColumns()

    public init(id: String = "id", cohort: String = "cohort", cohortRequired: Bool = false,
                label: String = "label", models: [String]? = nil) {
        self.id = id
        self.cohort = cohort
        self.cohortRequired = cohortRequired
        self.label = label
        self.models = models
    }

    /// The resolved column positions in `table`.
    struct Positions {
        var id: Int
        var cohort: Int?
        var label: Int
        var models: [Int]
    }

    /// A name given to two roles (e.g. the label column also listed as a model), or nil.
    /// Commands reject such settings as usage errors before reading any file.
    public var nameUsedTwice: String? {
        var seen = Set<String>()
        for name in [id, cohort, label] + (models ?? []) where !seen.insert(name).inserted { return name }
        return nil
    }

    /// Finds the columns in `table` (names assumed distinct, see `nameUsedTwice`).
    /// - Throws: `DataError.missingColumn` for a required column (or a listed model) that is
    ///   absent, `DataError.noModelColumns` when no model column remains.
    func positions(in table: CSVTable) throws -> Positions {
        let id = try table.requireColumn(self.id)
        let label = try table.requireColumn(self.label)
        var cohort: Int? = table.columnIndex(self.cohort)
        if cohort == nil {
            let differentCase = table.header.contains { $0.lowercased() == self.cohort.lowercased() }
            if cohortRequired || differentCase { cohort = try table.requireColumn(self.cohort) }
        }
        let roles = [id, label] + (cohort.map { [$0] } ?? [])
        let models = try self.models.map { try $0.map(table.requireColumn) }
            ?? (0 ..< table.columnCount).filter { !roles.contains($0) }
        guard !models.isEmpty else { throw DataError.noModelColumns(file: table.source) }
        return Positions(id: id, cohort: cohort, label: label, models: models)
    }
}
