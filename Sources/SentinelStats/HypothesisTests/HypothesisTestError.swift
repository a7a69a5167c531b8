/// Why a hypothesis test cannot be computed on the given data.
public enum HypothesisTestError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A NaN or infinite value in a sample.
    case nonFiniteValue(sample: String, index: Int)
    /// Too few observations for the test.
    case tooFewObservations(test: String, needed: Int, got: Int)
    /// More observations than the test supports.
    case tooManyObservations(test: String, limit: Int, got: Int)
    /// All values identical, so the statistic is undefined.
    case constantData(test: String)
    /// A malformed contingency table.
    case invalidTable(String)

    public var description: String {
        switch self {
        case .nonFiniteValue(let sample, let index):
            return "\(sample) has a NaN or infinite value at index \(index); remove missing values before testing"
        case .tooFewObservations(let test, let needed, let got):
            return "\(test) needs at least \(needed) observations, got \(got); use a larger sample or another test"
        case .tooManyObservations(let test, let limit, let got):
            return "\(test) supports at most \(limit) observations, got \(got)"
        case .constantData(let test):
            return "\(test) is undefined because all values are identical; drop constant variables before testing"
        case .invalidTable(let reason):
            return "invalid contingency table: \(reason)"
        }
    }
}
