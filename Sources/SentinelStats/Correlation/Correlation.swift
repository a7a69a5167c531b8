import SentinelNumerics

/// Pearson and Spearman correlation coefficients, for pairs and for whole feature
/// matrices (scipy.stats `pearsonr` / `spearmanr`, numpy `corrcoef`).
///
/// Constant variables, NaN / ±∞ and fewer than 2 observations throw `CorrelationError`
/// rather than returning NaN. Results are clamped to [-1, 1].
public enum Correlation {
    /// Pearson's product-moment correlation (two-pass, centred sums).
    public static func pearson(_ x: [Double], _ y: [Double]) throws -> Double {
        guard x.count == y.count else { throw CorrelationError.lengthMismatch(x.count, y.count) }
        guard x.count >= 2 else { throw CorrelationError.tooFewObservations(x.count) }
        try requireFinite(x, variable: 0)
        try requireFinite(y, variable: 1)
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, x.contains(where: { $0 != x[0] }) else { throw CorrelationError.constantVariable(0) }
        guard syy > 0, y.contains(where: { $0 != y[0] }) else { throw CorrelationError.constantVariable(1) }
        return clamp(sxy / (sxx.squareRoot() * syy.squareRoot()))
    }

    /// Spearman's rank correlation: Pearson's r of the midranks (ties averaged).
    public static func spearman(_ x: [Double], _ y: [Double]) throws -> Double {
        guard x.count == y.count else { throw CorrelationError.lengthMismatch(x.count, y.count) }
        try requireFinite(x, variable: 0)
        try requireFinite(y, variable: 1)
        return try pearson(Ranking.midranks(x), Ranking.midranks(y))
    }

    /// The columns × columns Pearson correlation matrix (row-major) of `data`, a
    /// rows × columns row-major matrix (observations in rows, features in columns).
    /// Columns are centred and scaled to unit norm, then R = Zᵀ Z by BLAS `dgemm`; the
    /// diagonal is exactly 1. Matches numpy `corrcoef(rowvar = False)` to ~1e-13.
    /// - Throws: a shape mismatch, fewer than 2 rows, a non-finite value, or a constant
    ///   column (`CorrelationError.constantVariable(column)`).
    public static func pearsonMatrix(_ data: [Double], rows: Int, columns: Int) throws -> [Double] {
        guard data.count == rows * columns, rows >= 0, columns >= 0 else {
            throw CorrelationError.shapeMismatch(count: data.count, rows: rows, columns: columns)
        }
        guard rows >= 2 else { throw CorrelationError.tooFewObservations(rows) }
        if let i = data.firstIndex(where: { !$0.isFinite }) {
            throw CorrelationError.nonFiniteValue(variable: i % columns, index: i / columns)
        }
        let z = try standardizedColumns(data, rows: rows, columns: columns)
        var r = LinearAlgebra.dgemm(m: columns, n: columns, k: rows, a: z, transposeA: true, b: z)
        for i in 0..<columns {
            for j in 0..<columns { r[i * columns + j] = clamp(r[i * columns + j]) }
            r[i * columns + i] = 1
        }
        return r
    }

    /// The Spearman correlation matrix: `pearsonMatrix` of the column-wise midranks
    /// (scipy `spearmanr(data).statistic` for 3+ columns).
    public static func spearmanMatrix(_ data: [Double], rows: Int, columns: Int) throws -> [Double] {
        guard data.count == rows * columns, rows >= 0, columns >= 0 else {
            throw CorrelationError.shapeMismatch(count: data.count, rows: rows, columns: columns)
        }
        if let i = data.firstIndex(where: { !$0.isFinite }) {
            throw CorrelationError.nonFiniteValue(variable: i % columns, index: i / columns)
        }
        var ranked = [Double](repeating: 0, count: data.count)
        var column = [Double](repeating: 0, count: rows)
        for j in 0..<columns {
            for i in 0..<rows { column[i] = data[i * columns + j] }
            let ranks = Ranking.midranks(column)
            for i in 0..<rows { ranked[i * columns + j] = ranks[i] }
        }
        return try pearsonMatrix(ranked, rows: rows, columns: columns)
    }

    /// Columns centred and divided by their Euclidean norm (row-major).
    private static func standardizedColumns(_ data: [Double], rows: Int, columns: Int) throws -> [Double] {
        var means = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            for j in 0..<columns { means[j] += data[i * columns + j] }
        }
        for j in 0..<columns { means[j] /= Double(rows) }
        var z = data
        var norms = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            for j in 0..<columns {
                let d = data[i * columns + j] - means[j]
                z[i * columns + j] = d
                norms[j] += d * d
            }
        }
        for j in 0..<columns {
            let first = data[j]
            let varies = (1..<rows).contains { data[$0 * columns + j] != first }
            guard norms[j] > 0, varies else { throw CorrelationError.constantVariable(j) }
            norms[j] = 1 / norms[j].squareRoot()
        }
        for i in 0..<rows {
            for j in 0..<columns { z[i * columns + j] *= norms[j] }
        }
        return z
    }

    private static func requireFinite(_ x: [Double], variable: Int) throws {
        if let i = x.firstIndex(where: { !$0.isFinite }) {
            throw CorrelationError.nonFiniteValue(variable: variable, index: i)
        }
    }

    private static func clamp(_ r: Double) -> Double { min(1, max(-1, r)) }
}
