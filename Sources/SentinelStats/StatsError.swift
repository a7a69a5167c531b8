/// Errors raised by the evaluation statistics on invalid or degenerate input.
///
/// Every message names what is wrong and how to fix it; no statistic returns NaN for a
/// degenerate input that can be detected up front.
public enum StatsError: Error, Equatable, Sendable {
    /// `scores` and `labels` (or two score vectors) differ in length.
    case lengthMismatch(expected: Int, actual: Int)
    /// No observations at all.
    case emptyInput
    /// A score is NaN or infinite; `index` is its position in the input.
    case nonFiniteScore(index: Int, model: Int)
    /// Fewer positive cases or negative controls than the statistic requires.
    case tooFewInClass(cases: Int, controls: Int, required: Int)
    /// A confidence level outside the open interval (0, 1).
    case invalidConfidenceLevel(Double)
    /// A model index outside `0..<count`.
    case modelIndexOutOfRange(index: Int, count: Int)
    /// A parameter outside its valid range (name, value, requirement).
    case invalidParameter(name: String, value: String, requirement: String)
}

extension StatsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .lengthMismatch(expected, actual):
            return "length mismatch: expected \(expected) values, got \(actual); give one score per label"
        case .emptyInput:
            return "no observations: pass at least one score and label"
        case let .nonFiniteScore(index, model):
            return "score \(index) of model \(model) is NaN or infinite; remove or impute it before evaluation"
        case let .tooFewInClass(cases, controls, required):
            return "need at least \(required) cases (label true) and \(required) controls (label false), "
                + "got \(cases) cases and \(controls) controls; use a larger cohort or merge cohorts"
        case let .invalidConfidenceLevel(level):
            return "confidence level \(level) is not in (0, 1); use e.g. 0.95"
        case let .modelIndexOutOfRange(index, count):
            return "model index \(index) is out of range 0..<\(count)"
        case let .invalidParameter(name, value, requirement):
            return "\(name) = \(value) is invalid: \(requirement)"
        }
    }
}

extension StatsError {
    /// Throws unless `level` is in the open interval (0, 1).
    static func validate(level: Double) throws {
        guard level > 0, level < 1 else { throw StatsError.invalidConfidenceLevel(level) }
    }
}
