/// Small dense kernels for the solvers' inner loops.
enum Kernels {
    /// Σ aᵢbᵢ over n elements with four independent accumulators (breaks the floating-point
    /// add dependency chain so the loop runs at throughput, not latency; the summation order
    /// differs from a plain loop only in rounding).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= n {
            s0 += a[i] * b[i]
            s1 += a[i + 1] * b[i + 1]
            s2 += a[i + 2] * b[i + 2]
            s3 += a[i + 3] * b[i + 3]
            i += 4
        }
        while i < n {
            s0 += a[i] * b[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// y[k] += a · x[k] for k < n, four lanes at a time. Each element is the same multiply then
    /// add as the plain loop (no fused multiply-add), so the result is bit-identical to it.
    @inline(__always)
    static func addScaled(_ a: Double, _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, _ n: Int) {
        let scale = SIMD4<Double>(repeating: a)
        var k = 0
        while k + 4 <= n {
            let sum = UnsafeRawPointer(y + k).loadUnaligned(as: SIMD4<Double>.self)
                + scale * UnsafeRawPointer(x + k).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(y + k).storeBytes(of: sum, as: SIMD4<Double>.self)
            k += 4
        }
        while k < n {
            y[k] += a * x[k]
            k += 1
        }
    }
}
