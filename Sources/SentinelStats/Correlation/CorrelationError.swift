/// Why a correlation cannot be computed.
public enum CorrelationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The two variables have different lengths.
    case lengthMismatch(Int, Int)
    /// Fewer than 2 observations.
    case tooFewObservations(Int)
    /// A NaN or infinite value.
    case nonFiniteValue(variable: Int, index: Int)
    /// A variable with zero variance (its correlation is undefined).
    case constantVariable(Int)
    /// The matrix buffer does not hold rows × columns values.
    case shapeMismatch(count: Int, rows: Int, columns: Int)

    public var description: String {
        switch self {
        case .lengthMismatch(let a, let b):
            return "the variables have different lengths (\(a) and \(b)); pair the observations first"
        case .tooFewObservations(let n):
            return "a correlation needs at least 2 observations, got \(n)"
        case .nonFiniteValue(let variable, let index):
            return "variable \(variable) has a NaN or infinite value at row \(index); impute or drop missing values first"
        case .constantVariable(let variable):
            return "variable \(variable) is constant, so its correlation is undefined; drop constant features first"
        case .shapeMismatch(let count, let rows, let columns):
            return "the matrix has \(count) values, not rows × columns = \(rows) × \(columns)"
        }
    }
}
