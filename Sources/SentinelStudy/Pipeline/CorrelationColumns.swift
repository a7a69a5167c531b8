import SentinelStats

/// The training values of features prepared once for the correlation filter: each feature's
/// values and midranks centred on their mean, with their root sum of squares. A pair's r is
/// then one dot product, with the arithmetic of `Correlation.pearson` (same means, same
/// sums in the same order, same clamping), so the filter's decisions are those of calling
/// `Correlation.pearson` on the values (Pearson) or on the midranks (Spearman) pair by pair;
/// a pair `Correlation.pearson` rejects (a non-finite or constant variable) gets r = 0, as
/// the filter treats a failed correlation.
struct CorrelationColumns: Sendable {
    /// A centred variable; `valid` is false when `Correlation.pearson` would throw for it.
    struct Centred: Sendable {
        var values: [Double]
        var root: Double
        var valid: Bool

        init(_ x: [Double]) {
            let n = Double(x.count)
            let mean = x.reduce(0, +) / n
            var centred = [Double](repeating: 0, count: x.count)
            var sxx = 0.0
            for i in x.indices {
                let d = x[i] - mean
                centred[i] = d
                sxx += d * d
            }
            values = centred
            root = sxx.squareRoot()
            valid = x.count >= 2 && x.allSatisfy(\.isFinite) && sxx > 0 && x.contains { $0 != x[0] }
        }

        /// r of two centred variables of the same length, as `Correlation.pearson`.
        func correlation(_ other: Centred) -> Double {
            guard valid, other.valid else { return 0 }
            var sxy = 0.0
            values.withUnsafeBufferPointer { a in
                other.values.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { sxy += a[i] * b[i] }
                }
            }
            return min(1, max(-1, sxy / (root * other.root)))
        }
    }

    private var raw: [Centred?]
    private var ranks: [Centred?]

    /// Prepares `features` (indices into the study's columns) on the training `rows`,
    /// concurrently; the values are needed only for features that pass Shapiro-Wilk.
    init(features: [Int], study: EncodedStudy, rows: [Int], univariate: UnivariateScreen) {
        let screenedRanks = rows == univariate.trainingRows ? univariate.midranks : nil
        let prepared = ConcurrentMap.values(features.count) { i -> (Centred?, Centred) in
            let j = features[i]
            let values = rows.map { study.columns[j][$0] }
            return (univariate.isNormal[j] ? Centred(values) : nil,
                    Centred(screenedRanks?[j] ?? Ranking.midranks(values)))
        }
        raw = [Centred?](repeating: nil, count: study.columns.count)
        ranks = [Centred?](repeating: nil, count: study.columns.count)
        for (i, j) in features.enumerated() {
            raw[j] = prepared[i].0
            ranks[j] = prepared[i].1
        }
    }

    /// Pearson r of features `a` and `b` (both prepared and passing Shapiro-Wilk).
    func pearson(_ a: Int, _ b: Int) -> Double {
        guard let x = raw[a], let y = raw[b] else { return 0 }
        return x.correlation(y)
    }

    /// Spearman r of features `a` and `b` (both prepared).
    func spearman(_ a: Int, _ b: Int) -> Double {
        guard let x = ranks[a], let y = ranks[b] else { return 0 }
        return x.correlation(y)
    }
}
