import Foundation

/// "Nice" axis ticks: steps of 1, 2, 2.5 or 5 × 10^k (Heckbert 1990, "Nice numbers for
/// graph labels", with 2.5 added as in R's `pretty`).
public enum NiceTicks {
    /// The smallest nice step that puts at most `maxCount` ticks in [lo, hi].
    public static func step(lo: Double, hi: Double, maxCount: Int) -> Double {
        let span = hi - lo
        guard span.isFinite, span > 0, maxCount >= 2 else { return 1 }
        let rough = span / Double(maxCount - 1)
        var magnitude = pow(10, floor(log10(rough)) - 1)
        while true {
            for factor in [1.0, 2.0, 2.5, 5.0] {
                let step = factor * magnitude
                if tickCount(lo: lo, hi: hi, step: step) <= maxCount { return step }
            }
            magnitude *= 10
        }
    }

    /// Tick values that are multiples of a nice step and lie within [lo, hi] (with a tolerance
    /// of 1e-9 steps), at most `maxCount` of them; values are rounded to the step's decimals.
    public static func ticks(lo: Double, hi: Double, maxCount: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite else { return [] }
        guard hi > lo else { return [lo] }
        let step = self.step(lo: lo, hi: hi, maxCount: maxCount)
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard last >= first else { return [] }
        let digits = decimals(forStep: step)
        let factor = pow(10, Double(digits))
        return stride(from: first, through: last, by: 1).map { k in
            let v = ((k * step) * factor).rounded() / factor
            return v == 0 ? 0 : v
        }
    }

    /// [lo, hi] widened outward to multiples of the nice step for `maxCount` ticks.
    public static func niceDomain(lo: Double, hi: Double, maxCount: Int) -> (lo: Double, hi: Double) {
        guard lo.isFinite, hi.isFinite, hi > lo else { return (lo, hi) }
        let step = self.step(lo: lo, hi: hi, maxCount: maxCount)
        return ((lo / step - 1e-9).rounded(.down) * step, (hi / step + 1e-9).rounded(.up) * step)
    }

    /// Decimals needed to print multiples of `step` exactly (0.25 → 2, 0.2 → 1, 5 → 0).
    public static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for d in 0...10 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return d }
        }
        return 10
    }

    private static func tickCount(lo: Double, hi: Double, step: Double) -> Int {
        Int((hi / step + 1e-9).rounded(.down) - (lo / step - 1e-9).rounded(.up)) + 1
    }
}
