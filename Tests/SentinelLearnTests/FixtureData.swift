import SentinelLearn
import SentinelNumerics

/// Regenerates the feature matrices of Tests/Fixtures/learn/fixture_data.py bit for bit.
struct DataSpec: Decodable {
    let seed: UInt64
    let n: Int
    let p: Int
    let blocks: Int
    let load: Double
    let constant_column: [Double]?

    func matrix() throws -> Matrix {
        var g = SeededGenerator(seed: seed)
        func tri() -> Double { ((g.nextDouble() + g.nextDouble()) + g.nextDouble()) - 1.5 }
        var values = [Double]()
        values.reserveCapacity(n * p)
        for _ in 0..<n {
            let factors = (0..<blocks).map { _ in tri() }
            for j in 0..<p {
                let e = tri()
                values.append(load * factors[j % blocks] + e)
            }
        }
        var x = try Matrix(rows: n, columns: p, values: values)
        if let cc = constant_column {
            for r in 0..<n { x[r, Int(cc[0])] = cc[1] }
        }
        return x
    }
}
