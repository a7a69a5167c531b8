/// Errors raised by SentinelLearn. Each message names what is wrong and how to fix it.
public enum LearnError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An input has the wrong size (`what` names it).
    case dimensionMismatch(what: String, expected: Int, found: Int)
    /// There are no samples or no features.
    case emptyInput(what: String)
    /// A value is NaN or infinite.
    case nonFinite(what: String, row: Int, column: Int)
    /// A class label is not 0 or 1.
    case labelNotBinary(index: Int, value: Int)
    /// Only one class is present where both are needed.
    case singleClass(what: String)
    /// Too few samples for the requested procedure.
    case tooFewSamples(what: String, needed: Int, found: Int)
    /// A configuration value is out of range.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// Explicit folds are malformed.
    case invalidFolds(reason: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(what, expected, found):
            return "\(what): expected \(expected), found \(found); pass inputs of matching size"
        case let .emptyInput(what):
            return "\(what) is empty; provide at least one sample and one feature"
        case let .nonFinite(what, row, column):
            return "\(what) has a NaN or infinite value at row \(row), column \(column); impute or drop it before fitting"
        case let .labelNotBinary(index, value):
            return "label \(value) at index \(index) is not 0 or 1; encode the outcome as 0/1"
        case let .singleClass(what):
            return "\(what) contains only one class; both outcome classes (0 and 1) are needed"
        case let .tooFewSamples(what, needed, found):
            return "\(what) needs at least \(needed) samples, found \(found); use more data or fewer folds"
        case let .invalidParameter(name, value, requirement):
            return "\(name) = \(value) is invalid: it must be \(requirement)"
        case let .invalidFolds(reason):
            return "invalid folds: \(reason); give every sample exactly one fold index in 0..<k"
        }
    }
}
