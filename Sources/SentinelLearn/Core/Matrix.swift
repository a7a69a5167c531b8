/// A dense matrix of `Double`, stored row-major: element (r, c) is `values[r * columns + c]`.
///
/// Rows are samples (patients) and columns are features throughout SentinelLearn. This is the
/// input type of every learner; `init(_:)` converts the `[[Double]]` shape that callers often
/// hold, and rejects ragged rows.
public struct Matrix: Codable, Sendable, Equatable {
    /// Number of rows (samples).
    public let rows: Int
    /// Number of columns (features).
    public let columns: Int
    /// The elements, row-major, `rows * columns` of them.
    public private(set) var values: [Double]

    /// A matrix from row-major `values`; throws when the count is not `rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw LearnError.dimensionMismatch(
                what: "matrix values (rows × columns = \(rows) × \(columns))",
                expected: max(0, rows * columns), found: values.count)
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from an array of rows; throws on ragged rows. An empty array gives 0 × 0.
    public init(_ rowArrays: [[Double]]) throws {
        let width = rowArrays.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rowArrays.count * width)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == width else {
                throw LearnError.dimensionMismatch(what: "length of row \(i)", expected: width, found: row.count)
            }
            flat.append(contentsOf: row)
        }
        self.rows = rowArrays.count
        self.columns = width
        self.values = flat
    }

    /// An all-zero matrix.
    public init(zeros rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
        self.values = [Double](repeating: 0, count: rows * columns)
    }

    /// Element at row `r`, column `c`.
    public subscript(r: Int, c: Int) -> Double {
        get { values[r * columns + c] }
        set { values[r * columns + c] = newValue }
    }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Double] {
        Array(values[(r * columns)..<((r + 1) * columns)])
    }

    /// Column `c` as an array.
    public func column(_ c: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + c] }
    }

    /// The rows as `[[Double]]`.
    public var rowArrays: [[Double]] {
        (0..<rows).map(row)
    }

    /// The sub-matrix of the given rows, in the given order.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out: [Double] = []
        out.reserveCapacity(indices.count * columns)
        for r in indices { out.append(contentsOf: values[(r * columns)..<((r + 1) * columns)]) }
        return Matrix(unchecked: indices.count, columns, out)
    }

    /// The sub-matrix of the given columns, in the given order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out: [Double] = []
        out.reserveCapacity(rows * indices.count)
        for r in 0..<rows {
            let base = r * columns
            for c in indices { out.append(values[base + c]) }
        }
        return Matrix(unchecked: rows, indices.count, out)
    }

    /// Columns of `self` followed by the columns of `other` (same number of rows).
    public func appendingColumns(of other: Matrix) throws -> Matrix {
        guard other.rows == rows else {
            throw LearnError.dimensionMismatch(what: "rows of the appended matrix", expected: rows, found: other.rows)
        }
        var out: [Double] = []
        out.reserveCapacity(rows * (columns + other.columns))
        for r in 0..<rows {
            out.append(contentsOf: values[(r * columns)..<((r + 1) * columns)])
            out.append(contentsOf: other.values[(r * other.columns)..<((r + 1) * other.columns)])
        }
        return Matrix(unchecked: rows, columns + other.columns, out)
    }

    /// The elements column-major (Fortran order), as the coordinate-descent kernels read them.
    internal var columnMajor: [Double] {
        var out = [Double](repeating: 0, count: values.count)
        for r in 0..<rows {
            let base = r * columns
            for c in 0..<columns { out[c * rows + r] = values[base + c] }
        }
        return out
    }

    internal init(unchecked rows: Int, _ columns: Int, _ values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}
