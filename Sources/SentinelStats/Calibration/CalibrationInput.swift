/// Validated predictions and outcomes shared by the calibration and decision-curve code.
/// The sort by prediction is computed once, on first use, and shared by every statistic.
final class CalibrationInput {
    let probabilities: [Double]
    let labels: [Bool]
    let events: Int

    /// Input indices ordered by increasing probability (ties in input order).
    private(set) lazy var order: [Int] = probabilities.indices.sorted {
        probabilities[$0] < probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1)
    }
    /// The probabilities in `order`.
    private(set) lazy var sortedProbabilities: [Double] = order.map { probabilities[$0] }
    /// The outcomes as 0/1 in `order`.
    private(set) lazy var sortedOutcomes: [Double] = order.map { labels[$0] ? 1 : 0 }

    /// The lowess fit of outcome on prediction (and its first, non-robust pass).
    func lowess(_ smoother: Lowess) throws -> (fit: LowessFit, firstPass: [Double]) {
        do {
            return try smoother.fitSorted(x: sortedProbabilities, y: sortedOutcomes, order: order)
        } catch let error as RegressionError {
            throw CalibrationError.fitFailed(error)
        }
    }

    var count: Int { probabilities.count }
    var prevalence: Double { Double(events) / Double(count) }

    /// Checks lengths, emptiness and that every probability is a finite number in [0, 1].
    init(probabilities: [Double], labels: [Bool]) throws {
        guard !probabilities.isEmpty || !labels.isEmpty else { throw CalibrationError.emptyInput }
        guard probabilities.count == labels.count else {
            throw CalibrationError.lengthMismatch(probabilities: probabilities.count, labels: labels.count)
        }
        if let bad = probabilities.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw CalibrationError.invalidProbability(index: bad, value: probabilities[bad])
        }
        self.probabilities = probabilities
        self.labels = labels
        self.events = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// Throws unless both outcomes occur.
    func requireBothClasses() throws {
        guard events > 0, events < count else { throw CalibrationError.singleClass(events: events, count: count) }
    }

    /// Throws unless `level` is a confidence level in (0, 1).
    static func validateLevel(_ level: Double) throws {
        guard level > 0, level < 1 else {
            throw CalibrationError.invalidParameter(name: "level", value: level, requirement: "in (0, 1), e.g. 0.95")
        }
    }
}
