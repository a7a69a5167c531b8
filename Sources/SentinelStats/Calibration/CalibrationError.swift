/// Why a calibration or decision-curve statistic could not be computed.
public enum CalibrationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No observations were given.
    case emptyInput
    /// Probabilities and labels differ in length.
    case lengthMismatch(probabilities: Int, labels: Int)
    /// A predicted probability is NaN, infinite or outside [0, 1].
    case invalidProbability(index: Int, value: Double)
    /// All labels are the same class, so the statistic is undefined.
    case singleClass(events: Int, count: Int)
    /// A parameter (bin count, group count, threshold, confidence level) is out of range.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// The calibration slope has no maximum-likelihood estimate (constant predictions, or
    /// logit(p) separates the classes so the slope diverges).
    case slopeNotEstimable(reason: String)
    /// A statistic is undefined for these predictions (e.g. Spiegelhalter's z when every
    /// prediction is 0, 0.5 or 1).
    case undefined(statistic: String, reason: String)
    /// The underlying logistic fit failed.
    case fitFailed(RegressionError)

    public var description: String {
        switch self {
        case .emptyInput:
            return "no predictions: pass at least one probability and label"
        case let .lengthMismatch(probabilities, labels):
            return "\(probabilities) probabilities but \(labels) labels: pass one label per prediction"
        case let .invalidProbability(index, value):
            return "probability[\(index)] = \(value) is not a number in [0, 1]: fix or drop that prediction"
        case let .singleClass(events, count):
            return "\(events) events among \(count) patients: calibration needs both outcomes present"
        case let .invalidParameter(name, value, requirement):
            return "\(name) = \(value) is invalid: it must be \(requirement)"
        case let .slopeNotEstimable(reason):
            return "the calibration slope cannot be estimated: \(reason)"
        case let .undefined(statistic, reason):
            return "\(statistic) is undefined: \(reason)"
        case let .fitFailed(error):
            return "the logistic calibration fit failed: \(error)"
        }
    }
}
