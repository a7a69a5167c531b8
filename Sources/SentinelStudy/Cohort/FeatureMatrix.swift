/// The encoded, imputed features of one modality for a set of patients: column-major numbers
/// with names. Every value is finite.
public struct FeatureMatrix: Sendable, Equatable, Codable {
    /// The modality name.
    public var modality: String
    /// Encoded column names (`age`, `margin`, `grade=III`, ...).
    public var names: [String]
    /// Whether each encoded column comes from a categorical feature (0/1 indicator).
    public var isCategorical: [Bool]
    /// `columns[j][i]`: column j, row i.
    public var columns: [[Double]]
    /// Number of rows (patients).
    public var rowCount: Int

    public init(modality: String, names: [String], isCategorical: [Bool], columns: [[Double]], rowCount: Int) {
        precondition(names.count == columns.count && isCategorical.count == columns.count, "one name per column")
        self.modality = modality
        self.names = names
        self.isCategorical = isCategorical
        self.columns = columns
        self.rowCount = rowCount
    }

    /// Number of columns.
    public var columnCount: Int { columns.count }

    /// The value at row `row`, column `column`.
    public subscript(row: Int, column: Int) -> Double { columns[column][row] }

    /// Row-major copy (`rowCount × columnCount`, row i at `i * columnCount`).
    public func rowMajor() -> [Double] {
        var out = [Double](repeating: 0, count: rowCount * columnCount)
        for (j, column) in columns.enumerated() {
            for i in 0 ..< rowCount { out[i * columnCount + j] = column[i] }
        }
        return out
    }

    /// The rows at `rows` (0-based), in that order.
    public func selecting(rows: [Int]) -> FeatureMatrix {
        FeatureMatrix(modality: modality, names: names, isCategorical: isCategorical,
                      columns: columns.map { column in rows.map { column[$0] } }, rowCount: rows.count)
    }

    /// The columns named `names`, in that order (`nil` if a name is absent).
    public func selecting(columns wanted: [String]) -> FeatureMatrix? {
        var index = [String: Int]()
        for (j, name) in names.enumerated() { index[name] = j }
        var picked = [Int]()
        for name in wanted {
            guard let j = index[name] else { return nil }
            picked.append(j)
        }
        return FeatureMatrix(modality: modality, names: picked.map { names[$0] }, isCategorical: picked.map { isCategorical[$0] },
                             columns: picked.map { columns[$0] }, rowCount: rowCount)
    }

    /// Side-by-side concatenation of matrices over the same rows (pre-fusion); the modality
    /// name joins the parts' names with `+` (e.g. `Clinical+Rad`).
    public static func concatenating(_ parts: [FeatureMatrix]) -> FeatureMatrix {
        precondition(Set(parts.map(\.rowCount)).count <= 1, "matrices must have the same rows")
        return FeatureMatrix(modality: parts.map(\.modality).joined(separator: "+"),
                             names: parts.flatMap(\.names), isCategorical: parts.flatMap(\.isCategorical),
                             columns: parts.flatMap(\.columns), rowCount: parts.first?.rowCount ?? 0)
    }
}
