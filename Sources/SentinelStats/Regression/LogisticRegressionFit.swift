/// A fitted logistic regression: estimates, their model-based covariance and the deviance.
///
/// Produced by `LogisticRegressionIRLS.fit`. Coefficients are in design order with the
/// intercept first when one was fitted. Wald intervals use the normal quantile, as
/// statsmodels `conf_int()` and R `confint.default()`.
public struct LogisticRegressionFit: Codable, Sendable, Equatable {
    /// Maximum-likelihood estimates (intercept first when fitted).
    public let coefficients: [Double]
    /// (X'WX)⁻¹ at the estimate, as rows.
    public let covariance: [[Double]]
    /// Residual deviance −2·log L.
    public let deviance: Double
    /// Newton iterations used.
    public let iterations: Int
    /// Whether `coefficients[0]` is an intercept.
    public let fitsIntercept: Bool

    public init(coefficients: [Double], covariance: [[Double]], deviance: Double, iterations: Int, fitsIntercept: Bool) {
        self.coefficients = coefficients
        self.covariance = covariance
        self.deviance = deviance
        self.iterations = iterations
        self.fitsIntercept = fitsIntercept
    }

    /// Square roots of the covariance diagonal.
    public var standardErrors: [Double] {
        covariance.indices.map { covariance[$0][$0].squareRoot() }
    }

    /// Wald z statistics βⱼ / SE(βⱼ).
    public var zStatistics: [Double] {
        zip(coefficients, standardErrors).map { $0 / $1 }
    }

    /// Two-sided Wald p-values.
    public var pValues: [Double] {
        zStatistics.map(Normal.twoSidedP)
    }

    /// The Wald interval βⱼ ± z₍₁₊level₎⁄₂ · SE(βⱼ) (default 95%); nil when `index` is out of
    /// range or `level` is not in (0, 1).
    public func waldInterval(_ index: Int, level: Double = 0.95) -> ClosedRange<Double>? {
        guard coefficients.indices.contains(index), level > 0, level < 1 else { return nil }
        let half = Normal.quantile(0.5 + level / 2) * standardErrors[index]
        let lower = coefficients[index] - half
        let upper = coefficients[index] + half
        guard lower <= upper else { return nil }
        return lower...upper
    }
}
