import Foundation

/// Laplacian of Gaussian as SimpleITK's `LaplacianRecursiveGaussianImageFilter` (normalised
/// across scale) computes it for PyRadiomics' `LoG` image type: for every image axis d, the
/// second Gaussian derivative along d followed by Gaussian smoothing along the other axes, summed,
/// times σ². Each 1D pass is Deriche's 4th-order recursive (IIR) approximation with ITK's
/// coefficients and normalisation, run causally and anti-causally with the border value assumed
/// to extend to infinity. σ is in mm (divided by the axis spacing). Stored as Float32 between
/// passes and at the end, as SimpleITK does for real images.
public enum LaplacianOfGaussian {
    /// Deriche's exponential-series parameters (order 0 and 2; shared W, L).
    private static let w1 = 0.6681, l1 = -1.3932, w2 = 2.0787, l2 = -1.3732
    private static let a1 = [1.3530, -0.6724, -1.3563], b1 = [1.8151, -3.4327, 5.2318]
    private static let a2 = [-0.3531, 0.6724, 0.3446], b2 = [0.0902, 0.6100, -2.2355]

    /// Recursive filter coefficients of one pass.
    struct Coefficients {
        var n: [Double]  // N0...N3 (causal)
        var m: [Double]  // M1...M4 (anti-causal)
        var d: [Double]  // D1...D4
        var bn: [Double], bm: [Double]
    }

    /// PyRadiomics' image name for `sigma`, e.g. "log-sigma-1-0-mm-3D".
    public static func imageName(sigma: Double) -> String {
        var text = "\(sigma)"
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return "log-sigma-" + text.replacingOccurrences(of: ".", with: "-") + "-mm-3D"
    }

    /// The LoG image (whole image), or nil when PyRadiomics would skip this σ (image smaller
    /// than 4 voxels along an axis, or than ⌈σ/spacing⌉ + 1).
    public static func filter(_ image: ImageVolume, sigma: Double) -> ImageVolume? {
        let axes = image.dimension == 3 ? [0, 1, 2] : [0, 1]
        let size = image.sizeXYZ
        guard sigma > 0, axes.allSatisfy({ size[$0] >= 4 && Double(size[$0]) >= (sigma / image.spacing[$0]).rounded(.up) + 1 }) else {
            return nil
        }
        var total = [Double](repeating: 0, count: image.count)
        for d in axes {
            var data = image.voxels.map { Double(Float($0)) }
            apply(&data, size: size, axis: d, coefficients: coefficients(sigma: sigma, spacing: image.spacing[d], order: 2))
            for k in axes where k != d {
                apply(&data, size: size, axis: k, coefficients: coefficients(sigma: sigma, spacing: image.spacing[k], order: 0))
            }
            for i in total.indices { total[i] += data[i] }
        }
        var out = image
        out.voxels = total.map { Double(Float($0)) }
        return out
    }

    static func coefficients(sigma: Double, spacing: Double, order: Int) -> Coefficients {
        let s = sigma / spacing
        let cos1 = cos(w1 / s), cos2 = cos(w2 / s), sin1 = sin(w1 / s), sin2 = sin(w2 / s)
        let e1 = exp(l1 / s), e2 = exp(l2 / s)
        let d4 = e1 * e1 * e2 * e2
        let d3 = -2 * cos1 * e1 * e2 * e2 - 2 * cos2 * e2 * e1 * e1
        let d2 = 4 * cos2 * cos1 * e1 * e2 + e1 * e1 + e2 * e2
        let d1 = -2 * (e2 * cos2 + e1 * cos1)
        let sd = 1 + d1 + d2 + d3 + d4, dd = d1 + 2 * d2 + 3 * d3 + 4 * d4, ed = d1 + 4 * d2 + 9 * d3 + 16 * d4
        func numerator(_ k: Int) -> (n: [Double], sn: Double, dn: Double, en: Double) {
            let a1 = Self.a1[k], b1 = Self.b1[k], a2 = Self.a2[k], b2 = Self.b2[k]
            let n0 = a1 + a2
            let n1 = e2 * (b2 * sin2 - (a2 + 2 * a1) * cos2) + e1 * (b1 * sin1 - (a1 + 2 * a2) * cos1)
            var n2 = (a1 + a2) * cos2 * cos1 - (b1 * cos2 * sin1 + b2 * cos1 * sin2)
            n2 = n2 * 2 * e1 * e2 + a2 * e1 * e1 + a1 * e2 * e2
            let n3 = e2 * e1 * e1 * (b2 * sin2 - a2 * cos2) + e1 * e2 * e2 * (b1 * sin1 - a1 * cos1)
            return ([n0, n1, n2, n3], n0 + n1 + n2 + n3, n1 + 2 * n2 + 3 * n3, n1 + 4 * n2 + 9 * n3)
        }
        var n: [Double]
        if order == 0 {
            let z = numerator(0)
            let alpha0 = 2 * z.sn / sd - z.n[0]
            n = z.n.map { $0 / alpha0 }
        } else {
            let z = numerator(0), t = numerator(2)
            let beta = -(2 * t.sn - sd * t.n[0]) / (2 * z.sn - sd * z.n[0])
            n = (0..<4).map { t.n[$0] + beta * z.n[$0] }
            let sn = t.sn + beta * z.sn, dn = t.dn + beta * z.dn, en = t.en + beta * z.en
            let alpha2 = (en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn) / (sd * sd * sd)
            // Per mm² (derivative in physical units), normalised across scale by σ².
            n = n.map { $0 * sigma * sigma / alpha2 / (spacing * spacing) }
        }
        let d = [d1, d2, d3, d4]
        let m = [n[1] - d1 * n[0], n[2] - d2 * n[0], n[3] - d3 * n[0], -d4 * n[0]]
        let snSum = n.reduce(0, +), smSum = m.reduce(0, +)
        return Coefficients(n: n, m: m, d: d, bn: d.map { $0 * snSum / sd }, bm: d.map { $0 * smSum / sd })
    }

    /// Runs the causal + anti-causal recursion along `axis` on every line, storing Float32.
    /// Along x the lines are contiguous; along y and z, blocks of up to 64 neighbouring lines
    /// are filtered together so that memory is read row by row (same arithmetic per line).
    private static func apply(_ data: inout [Double], size: [Int], axis: Int, coefficients c: Coefficients) {
        let (nx, ny, nz) = (size[0], size[1], size[2])
        let ln = size[axis]
        if axis == 0 {
            var line = [Double](repeating: 0, count: ln), fwd = line, bwd = line
            for row in 0..<(ny * nz) {
                let start = row * nx
                for i in 0..<ln { line[i] = data[start + i] }
                filterLine(line, c, &fwd, &bwd)
                for i in 0..<ln { data[start + i] = Double(Float(fwd[i] + bwd[i])) }
            }
            return
        }
        let stride = axis == 1 ? nx : nx * ny
        let outerCount = axis == 1 ? nz : ny, outerStep = axis == 1 ? nx * ny : nx
        let block = 64
        var fwd = [Double](repeating: 0, count: ln * block), bwd = fwd
        data.withUnsafeMutableBufferPointer { data in
            fwd.withUnsafeMutableBufferPointer { y in
                bwd.withUnsafeMutableBufferPointer { z in
                    for outer in 0..<outerCount {
                        for x0 in Swift.stride(from: 0, to: nx, by: block) {
                            let w = min(block, nx - x0)
                            let base = outer * outerStep + x0
                            filterBlock(data, base: base, stride: stride, ln: ln, width: w, c, y, z)
                            for i in 0..<ln {
                                let row = base + i * stride
                                for k in 0..<w { data[row + k] = Double(Float(y[i * block + k] + z[i * block + k])) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `filterLine` on `width` parallel lines (element i of line k at base + i·stride + k),
    /// results in y (causal) and z (anti-causal), laid out [i][k] with row length 64.
    private static func filterBlock(_ x: UnsafeMutableBufferPointer<Double>, base: Int, stride: Int, ln: Int, width: Int,
                                    _ c: Coefficients, _ y: UnsafeMutableBufferPointer<Double>,
                                    _ z: UnsafeMutableBufferPointer<Double>) {
        let b = 64
        let (n0, n1, n2, n3) = (c.n[0], c.n[1], c.n[2], c.n[3])
        let (m1, m2, m3, m4) = (c.m[0], c.m[1], c.m[2], c.m[3])
        let (d1, d2, d3, d4) = (c.d[0], c.d[1], c.d[2], c.d[3])
        @inline(__always) func xv(_ i: Int, _ k: Int) -> Double { x[base + min(max(i, 0), ln - 1) * stride + k] }
        for k in 0..<width {
            let v1 = xv(0, k)
            for i in 0..<min(4, ln) {
                var acc = n0 * xv(i, k) + n1 * xv(i - 1, k) + n2 * xv(i - 2, k) + n3 * xv(i - 3, k)
                let b1 = i >= 1 ? d1 * y[(i - 1) * b + k] : v1 * c.bn[0]
                let b2 = i >= 2 ? d2 * y[(i - 2) * b + k] : v1 * c.bn[1]
                let b3 = i >= 3 ? d3 * y[(i - 3) * b + k] : v1 * c.bn[2]
                acc -= b1 + b2 + b3 + v1 * c.bn[3]
                y[i * b + k] = acc
            }
            let v2 = xv(ln - 1, k)
            for i in Swift.stride(from: ln - 1, through: max(0, ln - 4), by: -1) {
                var acc = m1 * xv(i + 1, k) + m2 * xv(i + 2, k) + m3 * xv(i + 3, k) + m4 * xv(i + 4, k)
                let b1 = i + 1 < ln ? d1 * z[(i + 1) * b + k] : v2 * c.bm[0]
                let b2 = i + 2 < ln ? d2 * z[(i + 2) * b + k] : v2 * c.bm[1]
                let b3 = i + 3 < ln ? d3 * z[(i + 3) * b + k] : v2 * c.bm[2]
                acc -= b1 + b2 + b3 + v2 * c.bm[3]
                z[i * b + k] = acc
            }
        }
        if ln > 4 {
            for i in 4..<ln {
                let r0 = base + i * stride, r1 = r0 - stride, r2 = r1 - stride, r3 = r2 - stride
                for k in 0..<width {
                    let acc = n0 * x[r0 + k] + n1 * x[r1 + k] + n2 * x[r2 + k] + n3 * x[r3 + k]
                    y[i * b + k] = acc - (d1 * y[(i - 1) * b + k] + d2 * y[(i - 2) * b + k]
                                          + d3 * y[(i - 3) * b + k] + d4 * y[(i - 4) * b + k])
                }
            }
            for i in Swift.stride(from: ln - 5, through: 0, by: -1) {
                let r1 = base + (i + 1) * stride, r2 = r1 + stride, r3 = r2 + stride, r4 = r3 + stride
                for k in 0..<width {
                    let acc = m1 * x[r1 + k] + m2 * x[r2 + k] + m3 * x[r3 + k] + m4 * x[r4 + k]
                    z[i * b + k] = acc - (d1 * z[(i + 1) * b + k] + d2 * z[(i + 2) * b + k]
                                          + d3 * z[(i + 3) * b + k] + d4 * z[(i + 4) * b + k])
                }
            }
        }
    }

    /// One line: causal pass (first value extended to −∞) plus anti-causal pass (last value
    /// extended to +∞), each term grouped as ITK does: (Σ N·x) − (Σ D·y).
    private static func filterLine(_ x: [Double], _ c: Coefficients, _ y: inout [Double], _ z: inout [Double]) {
        let ln = x.count
        let (n0, n1, n2, n3) = (c.n[0], c.n[1], c.n[2], c.n[3])
        let (m1, m2, m3, m4) = (c.m[0], c.m[1], c.m[2], c.m[3])
        let (d1, d2, d3, d4) = (c.d[0], c.d[1], c.d[2], c.d[3])
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                z.withUnsafeMutableBufferPointer { z in
                    let v1 = x[0]
                    @inline(__always) func xc(_ i: Int) -> Double { i < 0 ? v1 : x[i] }
                    for i in 0..<min(4, ln) {
                        var acc = n0 * xc(i) + n1 * xc(i - 1) + n2 * xc(i - 2) + n3 * xc(i - 3)
                        let b1 = i >= 1 ? d1 * y[i - 1] : v1 * c.bn[0]
                        let b2 = i >= 2 ? d2 * y[i - 2] : v1 * c.bn[1]
                        let b3 = i >= 3 ? d3 * y[i - 3] : v1 * c.bn[2]
                        acc -= b1 + b2 + b3 + v1 * c.bn[3]
                        y[i] = acc
                    }
                    if ln > 4 {
                        for i in 4..<ln {
                            let acc = n0 * x[i] + n1 * x[i - 1] + n2 * x[i - 2] + n3 * x[i - 3]
                            y[i] = acc - (d1 * y[i - 1] + d2 * y[i - 2] + d3 * y[i - 3] + d4 * y[i - 4])
                        }
                    }
                    let v2 = x[ln - 1]
                    @inline(__always) func xr(_ i: Int) -> Double { i >= ln ? v2 : x[i] }
                    for i in stride(from: ln - 1, through: max(0, ln - 4), by: -1) {
                        var acc = m1 * xr(i + 1) + m2 * xr(i + 2) + m3 * xr(i + 3) + m4 * xr(i + 4)
                        let b1 = i + 1 < ln ? d1 * z[i + 1] : v2 * c.bm[0]
                        let b2 = i + 2 < ln ? d2 * z[i + 2] : v2 * c.bm[1]
                        let b3 = i + 3 < ln ? d3 * z[i + 3] : v2 * c.bm[2]
                        acc -= b1 + b2 + b3 + v2 * c.bm[3]
                        z[i] = acc
                    }
                    if ln > 4 {
                        for i in stride(from: ln - 5, through: 0, by: -1) {
                            let acc = m1 * x[i + 1] + m2 * x[i + 2] + m3 * x[i + 3] + m4 * x[i + 4]
                            z[i] = acc - (d1 * z[i + 1] + d2 * z[i + 2] + d3 * z[i + 3] + d4 * z[i + 4])
                        }
                    }
                }
            }
        }
    }
}
