/// Why a regression fit or smoother could not be computed.
public enum RegressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No observations were given.
    case emptyInput
    /// Two inputs that must pair up element by element have different lengths.
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// A value is NaN or infinite.
    case nonFiniteValue(name: String, index: Int)
    /// A tuning parameter is out of its domain.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// The Fisher information X'WX is singular: a predictor is constant or collinear.
    case singularInformation
    /// The outcome is perfectly separated by the predictors, so the maximum-likelihood
    /// estimate does not exist (coefficients diverge).
    case perfectSeparation
    /// Newton-Raphson/IRLS did not meet its tolerance within the iteration limit.
    case didNotConverge(iterations: Int)

    public var description: String {
        switch self {
        case .emptyInput:
            return "no observations: pass at least one row"
        case let .lengthMismatch(name, expected, actual):
            return "\(name) has \(actual) values but \(expected) were expected: pass one value per observation"
        case let .nonFiniteValue(name, index):
            return "\(name)[\(index)] is NaN or infinite: remove or impute that observation"
        case let .invalidParameter(name, value, requirement):
            return "\(name) = \(value) is invalid: it must be \(requirement)"
        case .singularInformation:
            return "the information matrix is singular (a predictor is constant or collinear): drop that predictor"
        case .perfectSeparation:
            return "the outcome is perfectly separated by the predictors, so the maximum-likelihood estimate does not exist: "
                + "report the separation instead of a coefficient, or use penalised regression"
        case let .didNotConverge(iterations):
            return "the logistic fit did not converge in \(iterations) iterations: check for (quasi-)separation or raise maxIterations"
        }
    }
}
