import Foundation
import SentinelNumerics

/// The lesion drawn into a synthetic mammogram.
public struct SyntheticLesion: Sendable, Equatable, Codable {
    /// Mean radius in mm.
    public var radius: Double
    /// Margin irregularity, 0 (round, circumscribed) to 1 (strongly lobulated/spiculated).
    public var irregularity: Double
    /// Intensity added at the lesion centre, in stored units.
    public var contrast: Double
    /// Internal heterogeneity, 0 (homogeneous) to 1 (strongly textured).
    public var heterogeneity: Double

    public init(radius: Double, irregularity: Double, contrast: Double, heterogeneity: Double) {
        self.radius = radius; self.irregularity = irregularity; self.contrast = contrast; self.heterogeneity = heterogeneity
    }
}

/// Simple synthetic mammogram-like images for demos and tests: a breast outline against the
/// chest wall (left edge), smooth fibroglandular texture, and one lesion whose size, margin and
/// texture follow `SyntheticLesion`; the mask holds label 1 on the lesion. Values are 12-bit-like
/// (0...4095). Fully determined by the generator's seed.
public enum SyntheticMammogram {
    /// Generates one view (throws for sizes under 32 pixels or non-positive spacing/radius). `view` changes the breast shape slightly ("CC" rounder, "MLO" taller).
    public static func generate(
        width: Int = 256, height: Int = 320, spacing: Double = 0.2, view: String, lesion: SyntheticLesion,
        generator: inout SeededGenerator
    ) throws -> (image: ImageVolume, mask: ImageVolume) {
        guard width >= 32, height >= 32, spacing > 0, lesion.radius > 0 else {
            throw ImagingError.invalidGeometry("synthetic mammograms need at least 32 x 32 pixels, a positive spacing and lesion radius")
        }
        let texture = smoothNoise(width: width, height: height, cell: 16, generator: &generator)
        let fine = smoothNoise(width: width, height: height, cell: 4, generator: &generator)
        let mlo = view.uppercased() == "MLO"
        let ry = Double(height) * (mlo ? 0.48 : 0.42), rx = Double(width) * (mlo ? 0.80 : 0.88)
        let cy = Double(height) / 2
        // Lesion: centre inside the breast, radius profile r(θ) with random lobes.
        let lx = Double(width) * (0.30 + 0.25 * generator.nextDouble())
        let ly = cy + Double(height) * 0.18 * (generator.nextDouble() - 0.5)
        let lobes = (0..<8).map { _ in (amplitude: generator.nextDouble(), phase: 2 * Double.pi * generator.nextDouble()) }
        let radius = lesion.radius / spacing
        let maxEdge = 1 + abs(lesion.irregularity) * 0.35 * lobes.enumerated().reduce(0) { $0 + abs($1.element.amplitude) / Double($1.offset + 1).squareRoot() }
        let outerBound = radius * max(maxEdge, 0.3) + 2
        var voxels = [Double](repeating: 0, count: width * height)
        var mask = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let i = x + width * y
                let u = Double(x) / rx, v = (Double(y) - cy) / ry
                let breast = max(0, 1 - u * u - v * v)
                var value = 150 + 1400 * min(1, 4 * breast) * (1 + 0.35 * texture[i] + 0.08 * fine[i])
                let dx = Double(x) - lx, dy = Double(y) - ly
                let r = (dx * dx + dy * dy).squareRoot()
                // Beyond the largest possible boundary (+2 px halo) the lobes cannot matter.
                guard r <= outerBound else {
                    voxels[i] = min(4095, max(0, (value + 25 * generator.nextGaussian()).rounded()))
                    continue
                }
                let theta = atan2(dy, dx)
                var edge = 1.0
                for (k, lobe) in lobes.enumerated() {
                    edge += lesion.irregularity * 0.35 * lobe.amplitude * cos(Double(k + 2) * theta + lobe.phase) / Double(k + 1).squareRoot()
                }
                let boundary = radius * max(edge, 0.3)
                if r <= boundary && breast > 0 {
                    mask[i] = 1
                    let profile = 1 - 0.4 * (r / boundary) * (r / boundary)
                    value += lesion.contrast * profile * (1 + lesion.heterogeneity * 0.6 * fine[i])
                } else if r <= boundary + 2 && breast > 0 {
                    value += lesion.contrast * 0.3 * (boundary + 2 - r) / 2
                }
                voxels[i] = min(4095, max(0, (value + 25 * generator.nextGaussian()).rounded()))
            }
        }
        let image = try ImageVolume(size: (width, height, 1), dimension: 2, spacing: [spacing, spacing, 1], voxels: voxels)
        let maskImage = try ImageVolume(size: (width, height, 1), dimension: 2, spacing: [spacing, spacing, 1], voxels: mask)
        return (image, maskImage)
    }

    /// Bilinearly interpolated Gaussian noise on a grid of `cell` pixels, values of unit scale.
    private static func smoothNoise(width: Int, height: Int, cell: Int, generator: inout SeededGenerator) -> [Double] {
        let gw = width / cell + 2, gh = height / cell + 2
        let grid = (0..<(gw * gh)).map { _ in generator.nextGaussian() }
        var out = [Double](repeating: 0, count: width * height)
        for y in 0..<height {
            let gy = Double(y) / Double(cell), y0 = Int(gy), ty = gy - Double(y0)
            for x in 0..<width {
                let gx = Double(x) / Double(cell), x0 = Int(gx), tx = gx - Double(x0)
                let a = grid[x0 + gw * y0], b = grid[x0 + 1 + gw * y0]
                let c = grid[x0 + gw * (y0 + 1)], d = grid[x0 + 1 + gw * (y0 + 1)]
                out[x + width * y] = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty
            }
        }
        return out
    }
}
