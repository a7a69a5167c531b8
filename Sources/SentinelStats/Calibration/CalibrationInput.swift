/// Validated predictions and outcomes shared by the calibration and decision-curve code.
struct CalibrationInput {
    let probabilities: [Double]
    let labels: [Bool]
    let events: Int

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
