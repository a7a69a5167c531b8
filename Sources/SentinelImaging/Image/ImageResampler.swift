import Foundation

/// PyRadiomics' `imageoperations.resampleImage` (SimpleITK `ResampleImageFilter`): image and mask
/// resampled to a new voxel spacing over the ROI's bounding box plus a margin.
///
/// - Spacing: `resampledPixelSpacing` per image axis; 0 keeps the mask's spacing on that axis, and so
///   does an axis along which the ROI is one voxel thick.
/// - Grid: in the new spacing, from ⌊(lo − ½)·r − pad⌋ to ⌈(lo + n − ½)·r + pad⌉ (r = old/new
///   spacing, lo and n the ROI's bounding-box start and size, pad = `padDistance`), clipped to
///   0 … ⌈size·r⌉ − 1; the new origin is the continuous old index (new − old)/(2·old) + lower/r
///   mapped to physical space, so voxel corners of both grids coincide at the image corner.
/// - Values: sampled at each new voxel centre by the interpolator (continuous old index outside
///   [−½, size − ½) gives 0); nearest neighbour rounds half up, linear interpolation replicates the
///   border voxels, the cubic B-spline (`CubicBSpline`) mirrors them. Integer images stay
///   integer: values are clamped to the pixel type and truncated toward zero. The mask is always resampled by nearest neighbour.
/// - When the new spacing equals the image's (numpy `allclose`), nothing is resampled: image and
///   mask are cropped to the bounding box grown by `padDistance` voxels.
public enum ImageResampler {
    /// SimpleITK interpolators accepted by `interpolator`.
    public enum Interpolator: String, Sendable, CaseIterable {
        case nearestNeighbor = "sitkNearestNeighbor"
        case linear = "sitkLinear"
        case bSpline = "sitkBSpline"
    }

    /// Resamples `image` and `mask` (same grid) around the ROI `mask == label`.
    /// - Throws: `invalidSetting` for a spacing of the wrong length or negative, an unsupported
    ///   interpolator; `labelAbsent` when no voxel carries `label`.
    public static func resample(image: ImageVolume, mask: ImageVolume, label: Int, spacing requested: [Double],
                                interpolator: String, padDistance: Int) throws -> (image: ImageVolume, mask: ImageVolume) {
        guard let method = Interpolator(rawValue: interpolator) else {
            throw ImagingError.invalidSetting("interpolator '\(interpolator)' is not supported; use \(Interpolator.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let nd = mask.dimension
        guard requested.count == nd else {
            throw ImagingError.invalidSetting("resampledPixelSpacing has \(requested.count) values, the \(nd)D image needs \(nd)")
        }
        guard requested.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ImagingError.invalidSetting("resampledPixelSpacing must hold non-negative numbers (0 keeps an axis), got \(requested)")
        }
        guard padDistance >= 0 else { throw ImagingError.invalidSetting("padDistance must be at least 0") }
        // Bounding box of the ROI.
        let size = mask.sizeXYZ
        var lo = [Int.max, Int.max, Int.max], hi = [-1, -1, -1]
        let target = Double(label)
        for z in 0..<size[2] { for y in 0..<size[1] { for x in 0..<size[0] where carriesLabel(mask.voxels[mask.index(x, y, z)], target) {
            lo[0] = min(lo[0], x); hi[0] = max(hi[0], x); lo[1] = min(lo[1], y); hi[1] = max(hi[1], y)
            lo[2] = min(lo[2], z); hi[2] = max(hi[2], z)
        } } }
        guard hi[0] >= 0 else { throw ImagingError.labelAbsent(label: label, present: mask.presentLabels) }
        var spacing = mask.spacing
        for k in 0..<nd where requested[k] != 0 && hi[k] > lo[k] { spacing[k] = requested[k] }
        let same = (0..<nd).allSatisfy { abs(image.spacing[$0] - spacing[$0]) <= 1e-8 + 1e-5 * abs(spacing[$0]) }
        if same {
            let a = (0..<3).map { max(lo[$0] - padDistance, 0) }, b = (0..<3).map { min(hi[$0] + padDistance, size[$0] - 1) }
            return (try crop(image, lo: a, hi: b), try crop(mask, lo: a, hi: b))
        }
        // New grid (PyRadiomics' arithmetic, per axis).
        var newSize = [1, 1, 1], lower = [0.0, 0, 0], outSpacing = mask.spacing
        var originIndex = [0.0, 0, 0]
        for k in 0..<nd {
            let ratio = mask.spacing[k] / spacing[k]
            var l = ((Double(lo[k]) - 0.5) * ratio - Double(padDistance)).rounded(.down)
            var u = ((Double(hi[k] + 1) - 0.5) * ratio + Double(padDistance)).rounded(.up)
            let maxU = (Double(size[k]) * ratio).rounded(.up) - 1
            if l < 0 { l = 0 }
            if u > maxU { u = maxU }
            newSize[k] = Int(u - l) + 1
            lower[k] = l
            outSpacing[k] = spacing[k]
            originIndex[k] = 0.5 * (spacing[k] - mask.spacing[k]) / mask.spacing[k] + l / ratio
        }
        let d = mask.direction
        var origin = mask.origin
        for row in 0..<3 {
            for k in 0..<3 { origin[row] += d[row * 3 + k] * originIndex[k] * mask.spacing[k] }
        }
        // Continuous input index of output voxel i: A·(o' + D·S'·i − o), A = (D·S)⁻¹ = S⁻¹·Dᵀ.
        func inputIndex(_ i: [Int], of input: ImageVolume) -> [Double] {
            var p = [0.0, 0, 0]
            for row in 0..<3 {
                p[row] = origin[row] - input.origin[row]
                for k in 0..<3 { p[row] += d[row * 3 + k] * outSpacing[k] * Double(i[k]) }
            }
            return (0..<3).map { k in
                var s = 0.0
                for row in 0..<3 { s += input.direction[row * 3 + k] * p[row] }
                return s / input.spacing[k]
            }
        }
        func sample(_ input: ImageVolume, method: Interpolator) -> ImageVolume {
            let spline = method == .bSpline ? CubicBSpline(input) : nil
            var out = [Double](repeating: 0, count: newSize[0] * newSize[1] * newSize[2])
            let n = input.sizeXYZ
            for z in 0..<newSize[2] { for y in 0..<newSize[1] {
                // As ITK, the index advances along a scanline by a constant step.
                let start = inputIndex([0, y, z], of: input), next = inputIndex([1, y, z], of: input)
                let step = (0..<3).map { next[$0] - start[$0] }
                var c = start
                for x in 0..<newSize[0] {
                    defer { for k in 0..<3 { c[k] += step[k] } }
                    // Inside the buffer: −½ ≤ c < size − ½ on every axis (2D: z is exactly 0).
                    var inside = true
                    for k in 0..<3 where !(c[k] >= -0.5 && c[k] < Double(n[k]) - 0.5) { inside = false }
                    guard inside else { continue }
                    var v: Double
                    switch method {
                    case .nearestNeighbor:
                        let ix = Int((c[0] + 0.5).rounded(.down)), iy = Int((c[1] + 0.5).rounded(.down)), iz = Int((c[2] + 0.5).rounded(.down))
                        v = input.voxels[input.index(min(ix, n[0] - 1), min(iy, n[1] - 1), min(iz, n[2] - 1))]
                    case .linear:
                        v = linear(input, c)
                    case .bSpline:
                        v = spline!.value(at: c)
                    }
                    if let range = input.integerRange {
                        v = min(max(v, range.lowerBound), range.upperBound).rounded(.towardZero)
                    }
                    out[x + newSize[0] * (y + newSize[1] * z)] = v
                }
            } }
            var result = input
            result.size = (newSize[0], newSize[1], newSize[2])
            result.spacing = outSpacing
            result.origin = origin
            result.direction = d
            result.voxels = out
            return result
        }
        return (sample(image, method: method), sample(mask, method: .nearestNeighbor))
    }

    /// ITK's `LinearInterpolateImageFunction`: base index ⌊c⌋ clamped to the image, neighbours past
    /// the last voxel replaced by the base voxel, interpolated along x, then y, then z.
    static func linear(_ input: ImageVolume, _ c: [Double]) -> Double {
        let n = input.sizeXYZ
        var base = [0, 0, 0], dist = [0.0, 0, 0], upper = [0, 0, 0]
        for k in 0..<3 {
            base[k] = max(Int(c[k].rounded(.down)), 0)
            dist[k] = c[k] - Double(base[k])
            upper[k] = dist[k] > 0 && base[k] + 1 < n[k] ? base[k] + 1 : base[k]
        }
        func at(_ x: Int, _ y: Int, _ z: Int) -> Double { input.voxels[input.index(x, y, z)] }
        func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double { t > 0 ? a + (b - a) * t : a }
        func row(_ y: Int, _ z: Int) -> Double { lerp(at(base[0], y, z), at(upper[0], y, z), dist[0]) }
        func plane(_ z: Int) -> Double { lerp(row(base[1], z), row(upper[1], z), dist[1]) }
        return lerp(plane(base[2]), plane(upper[2]), dist[2])
    }

    /// The inclusive sub-box lo...hi (x, y, z) with its origin moved accordingly.
    static func crop(_ v: ImageVolume, lo: [Int], hi: [Int]) throws -> ImageVolume {
        var voxels: [Double] = []
        voxels.reserveCapacity((hi[0] - lo[0] + 1) * (hi[1] - lo[1] + 1) * (hi[2] - lo[2] + 1))
        for z in lo[2]...hi[2] { for y in lo[1]...hi[1] { for x in lo[0]...hi[0] { voxels.append(v.voxels[v.index(x, y, z)]) } } }
        var origin = v.origin
        for row in 0..<3 { for k in 0..<3 { origin[row] += v.direction[row * 3 + k] * Double(lo[k]) * v.spacing[k] } }
        var out = try ImageVolume(size: (hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1), dimension: v.dimension,
                                  spacing: v.spacing, origin: origin, direction: v.direction, voxels: voxels)
        out.integerRange = v.integerRange
        return out
    }
}
