/// A contingency table of two categorical variables, for `HypothesisTests.chiSquare`,
/// `fisherExact` and `categoricalTest` (e.g. a Table-1 variable × the outcome).
public struct CrossTable: Codable, Sendable, Equatable {
    /// Row levels (values of the first variable), sorted ascending unless declared.
    public let rowLevels: [String]
    /// Column levels (values of the second variable), sorted ascending unless declared.
    public let columnLevels: [String]
    /// counts[i][j] = number of observations with row level i and column level j.
    public let counts: [[Int]]
    /// Pairs skipped because either value was missing (nil).
    public let missing: Int

    /// Cross-tabulates paired values (nil = missing; such pairs are counted in `missing`).
    /// Declared levels keep their order and may have zero counts.
    /// - Throws: `DescriptiveError.unknownLevel` for a value outside declared levels;
    ///   `DescriptiveError.lengthMismatch` when the two arrays differ in length.
    public init(rows: [String?], columns: [String?], rowLevels: [String]? = nil, columnLevels: [String]? = nil) throws {
        guard rows.count == columns.count else { throw DescriptiveError.lengthMismatch(rows.count, columns.count) }
        let r = rowLevels ?? Array(Set(rows.compactMap { $0 })).sorted()
        let c = columnLevels ?? Array(Set(columns.compactMap { $0 })).sorted()
        var rowIndex: [String: Int] = [:], columnIndex: [String: Int] = [:]
        for (i, level) in r.enumerated() { rowIndex[level] = i }
        for (j, level) in c.enumerated() { columnIndex[level] = j }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: c.count), count: r.count)
        var missing = 0
        for k in rows.indices {
            guard let a = rows[k], let b = columns[k] else { missing += 1; continue }
            guard let i = rowIndex[a] else { throw DescriptiveError.unknownLevel(a, index: k) }
            guard let j = columnIndex[b] else { throw DescriptiveError.unknownLevel(b, index: k) }
            counts[i][j] += 1
        }
        self.rowLevels = r
        self.columnLevels = c
        self.counts = counts
        self.missing = missing
    }
}
