#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Summary of a numeric sample for a "Table 1": n, missing count, mean and SD, median and
/// quartiles (R type 7 = numpy default), minimum and maximum.
///
/// NaN marks a missing value and is counted, not summarised. Matches numpy `mean`,
/// `std(ddof = 1)`, `percentile` / R `quantile` to 1e-12 relative.
public struct Summary: Codable, Sendable, Equatable {
    /// Number of non-missing values.
    public let count: Int
    /// Number of missing (NaN) values.
    public let missing: Int
    public let mean: Double
    /// Sample standard deviation (divisor n - 1); nil when fewer than 2 values.
    public let standardDeviation: Double?
    public let median: Double
    /// First quartile (type 7).
    public let firstQuartile: Double
    /// Third quartile (type 7).
    public let thirdQuartile: Double
    public let minimum: Double
    public let maximum: Double

    /// Summarises `values`, NaN being missing.
    /// - Throws: `DescriptiveError.infiniteValue` for ±∞, `.noObservations` when every
    ///   value is missing (or the sample is empty).
    public init(_ values: [Double]) throws {
        var present: [Double] = []
        present.reserveCapacity(values.count)
        for (i, v) in values.enumerated() {
            if v.isNaN { continue }
            if v.isInfinite { throw DescriptiveError.infiniteValue(index: i) }
            present.append(v)
        }
        guard !present.isEmpty else { throw DescriptiveError.noObservations }
        present.sort()
        let n = present.count
        count = n
        missing = values.count - n
        let m = present.reduce(0, +) / Double(n)
        // Second pass around the mean, with the rounding-error correction term.
        var squares = 0.0, residual = 0.0
        for v in present {
            let d = v - m
            squares += d * d
            residual += d
        }
        mean = m + residual / Double(n)
        standardDeviation = n > 1 ? ((squares - residual * residual / Double(n)) / Double(n - 1)).squareRoot() : nil
        median = Quantiles.type7(sorted: present, probability: 0.5)
        firstQuartile = Quantiles.type7(sorted: present, probability: 0.25)
        thirdQuartile = Quantiles.type7(sorted: present, probability: 0.75)
        minimum = present[0]
        maximum = present[n - 1]
    }
}
