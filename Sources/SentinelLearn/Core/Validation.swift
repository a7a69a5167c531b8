/// Input checks shared by the learners; each throws a `LearnError` naming the problem.
enum InputCheck {
    /// Non-empty and finite.
    static func matrix(_ x: Matrix, _ what: String = "feature matrix") throws {
        guard x.rows > 0, x.columns > 0 else { throw LearnError.emptyInput(what: what) }
        for (k, v) in x.values.enumerated() where !v.isFinite {
            throw LearnError.nonFinite(what: what, row: k / x.columns, column: k % x.columns)
        }
    }

    /// Same length as the rows of `x` and finite.
    static func targets(_ y: [Double], rows: Int) throws {
        guard y.count == rows else {
            throw LearnError.dimensionMismatch(what: "number of targets", expected: rows, found: y.count)
        }
        for (i, v) in y.enumerated() where !v.isFinite {
            throw LearnError.nonFinite(what: "targets", row: i, column: 0)
        }
    }

    /// 0/1 labels, one per row, both classes present.
    static func labels(_ y: [Int], rows: Int, _ what: String = "training labels") throws {
        guard y.count == rows else {
            throw LearnError.dimensionMismatch(what: "number of labels", expected: rows, found: y.count)
        }
        var seen = (false, false)
        for (i, v) in y.enumerated() {
            switch v {
            case 0: seen.0 = true
            case 1: seen.1 = true
            default: throw LearnError.labelNotBinary(index: i, value: v)
            }
        }
        guard seen.0 && seen.1 else { throw LearnError.singleClass(what: what) }
    }

    /// Feature count of new data matches the fitted model.
    static func columns(_ x: Matrix, expected: Int) throws {
        guard x.columns == expected else {
            throw LearnError.dimensionMismatch(what: "number of features", expected: expected, found: x.columns)
        }
    }
}
