import Foundation

/// The pointwise and local image filters of PyRadiomics, evaluated over a box so that values
/// equal whole-image filtering: pointwise filters use the whole image's max |x|, the gradient
/// reads one voxel beyond the box (zero-flux Neumann boundary at the image border, as ITK).
public enum ImageFilters {
    /// PyRadiomics `square`: (x / √M)², M = max |x| over the whole image.
    public static func square(_ x: Double, maxAbs m: Double) -> Double { let c = 1 / m.squareRoot(); return (c * x) * (c * x) }

    /// PyRadiomics `squareroot`: sign(x)·√(|x|·M).
    public static func squareRoot(_ x: Double, maxAbs m: Double) -> Double {
        x > 0 ? (x * m).squareRoot() : (x < 0 ? -((-x) * m).squareRoot() : x)
    }

    /// PyRadiomics `logarithm`: sign(x)·log(|x| + 1), rescaled so the image max |·| stays M.
    public static func logarithm(_ x: Double, maxAbs m: Double) -> Double {
        let v = x > 0 ? log(x + 1) : (x < 0 ? -log(-(x - 1)) : x)
        return v * (m / log(m + 1))
    }

    /// PyRadiomics `exponential`: exp(x · log(M) / M).
    public static func exponential(_ x: Double, maxAbs m: Double) -> Double { exp(log(m) / m * x) }

    /// Gradient magnitude (SimpleITK GradientMagnitudeImageFilter with image spacing): central
    /// differences (x[i+1] − x[i−1]) / 2h, with x[−1] = x[0] and x[N] = x[N−1] at the borders.
    /// Returns values over `box` (x fastest).
    public static func gradientMagnitude(_ image: ImageVolume, box: (lo: [Int], hi: [Int])) -> [Double] {
        let s = image.sizeXYZ
        let dims = (0..<3).filter { image.dimension == 3 || $0 < 2 }
        var out: [Double] = []
        out.reserveCapacity((box.hi[0] - box.lo[0] + 1) * (box.hi[1] - box.lo[1] + 1) * (box.hi[2] - box.lo[2] + 1))
        image.voxels.withUnsafeBufferPointer { v in
            for z in box.lo[2]...box.hi[2] { for y in box.lo[1]...box.hi[1] { for x in box.lo[0]...box.hi[0] {
                var sum = 0.0
                let c = [x, y, z]
                for k in dims {
                    var a = c, b = c
                    a[k] = min(c[k] + 1, s[k] - 1); b[k] = max(c[k] - 1, 0)
                    let d = (v[a[0] + s[0] * (a[1] + s[1] * a[2])] - v[b[0] + s[0] * (b[1] + s[1] * b[2])]) / (2 * image.spacing[k])
                    sum += d * d
                }
                out.append(sum.squareRoot())
            } } }
        }
        return out
    }
}
