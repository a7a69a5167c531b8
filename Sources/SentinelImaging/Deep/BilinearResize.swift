/// Bilinear resizing with half-pixel centres and no antialiasing, bit-for-bit the arithmetic of
/// PyTorch's `F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)` on CPU
/// Float32 tensors.
///
/// Per axis, output index `d` samples source coordinate `s = (in/out)·(d + 0.5) − 0.5`
/// (scale and coordinate in Float), clamped below at 0; `i0 = ⌊s⌋`, `i1 = i0 + 1` unless
/// `i0` is the last index, `λ1 = s − i0`, `λ0 = 1 − λ1`. Shrinking therefore skips pixels
/// (no antialias), exactly like PyTorch.
public enum BilinearResize {
    /// Resizes a row-major `width × height` plane to `outWidth × outHeight`.
    public static func resize(_ source: [Float], width: Int, height: Int, outWidth: Int, outHeight: Int) -> [Float] {
        precondition(source.count == width * height && width > 0 && height > 0 && outWidth > 0 && outHeight > 0)
        let xs = taps(input: width, output: outWidth)
        let ys = taps(input: height, output: outHeight)
        var out = [Float](repeating: 0, count: outWidth * outHeight)
        source.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for oy in 0..<outHeight {
                    let y = ys[oy]
                    let row0 = y.i0 * width, row1 = y.i1 * width
                    for ox in 0..<outWidth {
                        let x = xs[ox]
                        let top = x.l0 * src[row0 + x.i0] + x.l1 * src[row0 + x.i1]
                        let bottom = x.l0 * src[row1 + x.i0] + x.l1 * src[row1 + x.i1]
                        dst[oy * outWidth + ox] = y.l0 * top + y.l1 * bottom
                    }
                }
            }
        }
        return out
    }

    struct Tap {
        let i0: Int
        let i1: Int
        let l0: Float
        let l1: Float
    }

    /// Source indices and weights for each output index along one axis.
    static func taps(input: Int, output: Int) -> [Tap] {
        let scale = Float(input) / Float(output)
        return (0..<output).map { d in
            let s = max(0, scale * (Float(d) + 0.5) - 0.5)
            let i0 = min(Int(s.rounded(.down)), input - 1)
            let i1 = i0 + (i0 < input - 1 ? 1 : 0)
            let l1 = min(max(s - Float(i0), 0), 1)
            return Tap(i0: i0, i1: i1, l0: 1 - l1, l1: l1)
        }
    }
}
