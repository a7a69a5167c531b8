#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Inverts a monotone tail probability on (0, ∞) for the quantile functions.
///
/// Solves `tail(x) = target` by Newton's method on `log tail` in the variable `log x`
/// (nearly linear for power-law and exponential tails), safeguarded by a bracket that
/// falls back to bisection, until the step in `log x` (the relative step in x) is below
/// a few ulps.
enum TailInversion {
    /// - Parameters:
    ///   - target: the tail probability sought, in (0, 1).
    ///   - initial: a positive starting guess.
    ///   - increasing: true when `tail` is a cdf (increasing in x), false for a survival.
    ///   - tail: the tail probability at x.
    ///   - density: the density at x (|d tail / dx|).
    static func solve(
        target: Double, initial: Double, increasing: Bool,
        tail: (Double) -> Double, density: (Double) -> Double
    ) -> Double {
        let logTarget = log(target)
        let sign: Double = increasing ? 1 : -1
        // g(v) = sign·(log tail(e^v) - log target) is increasing in v.
        func g(_ v: Double) -> Double { sign * (log(tail(exp(v))) - logTarget) }
        var v = (initial.isFinite && initial > 0) ? log(initial) : 0
        v = min(max(v, -700), 700)
        var gv = g(v)
        if gv == 0 { return exp(v) }
        // Bracket [lo, hi] with g(lo) < 0 < g(hi).
        var lo = v, hi = v
        var step = 1.0
        if gv < 0 {
            while true {
                hi = min(lo + step, 709)
                let gh = g(hi)
                if gh >= 0 || hi >= 709 { break }
                lo = hi
                step *= 2
            }
        } else {
            while true {
                lo = max(hi - step, -744)
                let gl = g(lo)
                if gl <= 0 || lo <= -744 { break }
                hi = lo
                step *= 2
            }
        }
        v = 0.5 * (lo + hi)
        for _ in 0..<200 {
            gv = g(v)
            if gv == 0 { break }
            if gv < 0 { lo = v } else { hi = v }
            let x = exp(v)
            let slope = x * density(x) / tail(x)  // d log tail / d v, in absolute value
            var next = v - gv / slope
            if !next.isFinite || next <= lo || next >= hi { next = 0.5 * (lo + hi) }
            let moved = abs(next - v)
            v = next
            if moved <= 4e-16 * max(1, abs(v)) || hi - lo <= 4e-16 * max(1, abs(v)) { break }
        }
        return exp(v)
    }
}
