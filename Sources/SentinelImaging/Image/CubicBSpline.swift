import Foundation

/// Cubic B-spline interpolation as SimpleITK's `sitkBSpline` (ITK `BSplineDecompositionImageFilter`
/// and `BSplineInterpolateImageFunction`, order 3) computes it.
///
/// - Coefficients: along each axis of length N > 1 in turn, the values are multiplied by the gain
///   (1 − z)(1 − 1/z) = 6 with the pole z = √3 − 2, then filtered causally, c[n] += z·c[n − 1], and
///   anti-causally, c[n] = z·(c[n + 1] − c[n]), with mirror-symmetric initial values: the causal start
///   Σ zⁿ·c[n] over the first ⌈ln 10⁻¹⁰ / ln|z|⌉ = 18 samples (ITK's tolerance 1e-10; the exact
///   mirrored sum when the line is shorter), the anti-causal start z/(z² − 1)·(z·c[N − 2] + c[N − 1]).
/// - Value at continuous index x: Σ over the 4 coefficients from ⌊x⌋ − 1 per axis (indices mirrored
///   at the borders: period 2N − 2) of the product of the cubic B-spline weights.
struct CubicBSpline: Sendable {
    let size: [Int]
    let coefficients: [Double]

    static let pole = 3.0.squareRoot() - 2

    init(_ image: ImageVolume) {
        size = image.sizeXYZ
        var c = image.voxels
        let z = Self.pole
        let horizon = Int((log(1e-10) / log(abs(z))).rounded(.up))
        for axis in 0..<3 where size[axis] > 1 {
            let n = size[axis]
            let step = axis == 0 ? 1 : (axis == 1 ? size[0] : size[0] * size[1])
            let lines = c.count / n
            var line = [Double](repeating: 0, count: n)
            for l in 0..<lines {
                // First element of line l: lines enumerate the other two axes.
                let start: Int
                switch axis {
                case 0: start = l * n
                case 1: start = (l % size[0]) + (l / size[0]) * size[0] * size[1]
                default: start = l
                }
                for k in 0..<n { line[k] = c[start + k * step] * (1 - z) * (1 - 1 / z) }
                // Causal initial value.
                if horizon < n {
                    var sum = line[0], zn = z
                    for k in 1..<horizon { sum += zn * line[k]; zn *= z }
                    line[0] = sum
                } else {
                    var zn = z
                    let iz = 1 / z
                    var z2n = pow(z, Double(n - 1))
                    var sum = line[0] + z2n * line[n - 1]
                    z2n *= z2n * iz
                    if n > 2 { for k in 1...(n - 2) { sum += (zn + z2n) * line[k]; zn *= z; z2n *= iz } }
                    line[0] = sum / (1 - zn * zn)
                }
                for k in 1..<n { line[k] += z * line[k - 1] }
                line[n - 1] = (z / (z * z - 1)) * (z * line[n - 2] + line[n - 1])
                for k in stride(from: n - 2, through: 0, by: -1) { line[k] = z * (line[k + 1] - line[k]) }
                for k in 0..<n { c[start + k * step] = line[k] }
            }
        }
        coefficients = c
    }

    /// The interpolated value at continuous index (x, y, z).
    func value(at x: [Double]) -> Double {
        var index = [[Int]](repeating: [0, 0, 0, 0], count: 3)
        var weight = [[Double]](repeating: [0, 0, 0, 0], count: 3)
        for axis in 0..<3 {
            let first = Int(x[axis].rounded(.down)) - 1
            let w = x[axis] - Double(first + 1)
            let w3 = w * w * w / 6
            let w0 = 1.0 / 6 + 0.5 * w * (w - 1) - w3
            let w2 = w + w0 - 2 * w3
            weight[axis] = [w0, 1 - w0 - w2 - w3, w2, w3]
            let n = size[axis], period = 2 * n - 2
            for k in 0..<4 {
                var i = first + k
                if n == 1 { i = 0 } else {
                    i = i < 0 ? -i - period * ((-i) / period) : i - period * (i / period)
                    if n <= i { i = period - i }
                }
                index[axis][k] = i
            }
        }
        var sum = 0.0
        for c in 0..<4 { for b in 0..<4 { for a in 0..<4 {
            let w = weight[0][a] * weight[1][b] * weight[2][c]
            sum += w * coefficients[index[0][a] + size[0] * (index[1][b] + size[1] * index[2][c])]
        } } }
        return sum
    }
}
