/// Why a descriptive summary could not be computed.
public enum DescriptiveError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No non-missing value to summarise.
    case noObservations
    /// An infinite value (missing values are NaN; infinities are not data).
    case infiniteValue(index: Int)
    /// A categorical value outside the declared levels.
    case unknownLevel(String, index: Int)
    /// Paired variables of different lengths.
    case lengthMismatch(Int, Int)

    public var description: String {
        switch self {
        case .noObservations:
            return "no non-missing values to summarise; check the column is not entirely empty"
        case .infiniteValue(let index):
            return "value at index \(index) is infinite; replace it by a finite value or NaN (missing)"
        case .unknownLevel(let level, let index):
            return "value '\(level)' at index \(index) is not one of the declared levels; add it to the levels or fix the data"
        case .lengthMismatch(let a, let b):
            return "the paired variables have different lengths (\(a) and \(b)); give one value of each per observation"
        }
    }
}
