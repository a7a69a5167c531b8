import Foundation

/// A fixture number that may be written as a JSON number or as "Inf" / "-Inf" / "NA"
/// (R and Python cannot put non-finite values in JSON numbers).
struct ROCFixtureNumber: Decodable {
    let value: Double

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) {
            value = d
            return
        }
        switch try c.decode(String.self) {
        case "Inf", "inf", "Infinity": value = .infinity
        case "-Inf", "-inf", "-Infinity": value = -.infinity
        default: value = .nan
        }
    }
}

extension Array where Element == Int {
    /// 0/1 labels as Bool (1 = case).
    var asCaseLabels: [Bool] { map { $0 == 1 } }
}
