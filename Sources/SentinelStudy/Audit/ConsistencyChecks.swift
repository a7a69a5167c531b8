import Foundation
import SentinelStats

/// Internal-consistency checks that need no data: each takes printed numbers and returns a
/// finding whose reason names the numbers. All arithmetic is closed-form; rounding is handled
/// exactly through `ReportedNumber`.
public enum ConsistencyChecks {
    /// The 97.5% standard-normal quantile used by a 95% Wald CI.
    public static let z975 = 1.959963984540054

    /// Point estimate inside its printed CI (equality allowed: rounding can put it on a bound),
    /// lower ≤ upper, and, for `unitInterval` quantities (AUC), all three within [0, 1].
    public static func estimateInCI(_ name: String, estimate: ReportedNumber, lower: ReportedNumber,
                                    upper: ReportedNumber, unitInterval: Bool = true) -> AuditFinding {
        let check = "estimate-in-ci"
        let e = estimate.value, l = lower.value, u = upper.value
        if unitInterval, let bad = [estimate, lower, upper].first(where: { $0.value < 0 || $0.value > 1 }) {
            return AuditFinding(check: check, verdict: .fail, reason: "\(name) \(bad) is outside [0, 1].")
        }
        if l > u {
            return AuditFinding(check: check, verdict: .fail, reason: "CI lower bound \(lower) exceeds upper bound \(upper).")
        }
        if e < l || e > u {
            return AuditFinding(check: check, verdict: .fail, reason: "\(name) \(estimate) lies outside its CI \(lower)-\(upper).")
        }
        return AuditFinding(check: check, verdict: .pass, reason: "\(name) \(estimate) lies inside its CI \(lower)-\(upper).")
    }

    /// A DeLong CI is a Wald interval, estimate ± 1.96·SE, so it is symmetric about the estimate
    /// unless clipped at 0 or 1. Flags |(upper − estimate) − (estimate − lower)| above
    /// `tolerance` + 4 half-units of the printed decimals (each bound ±h, the estimate ±h twice).
    /// Logit, bootstrap or other methods may be asymmetric legitimately: cannot-check.
    public static func ciSymmetry(estimate: ReportedNumber, lower: ReportedNumber, upper: ReportedNumber,
                                  method: String?, tolerance: Double) -> AuditFinding {
        let check = "ci-symmetry"
        guard let method, ["delong", "wald"].contains(method.lowercased()) else {
            return AuditFinding(check: check, verdict: .cannotCheck,
                                reason: "CI method is \(method ?? "not stated"); only DeLong/Wald CIs must be symmetric (logit and bootstrap CIs may be asymmetric legitimately).")
        }
        let allowance = 2 * max(lower.halfUnit, upper.halfUnit) + 2 * estimate.halfUnit
        if upper.value >= 1 - upper.halfUnit || lower.value <= lower.halfUnit {
            return AuditFinding(check: check, verdict: .cannotCheck,
                                reason: "CI \(lower)-\(upper) touches 0 or 1, where a Wald CI is clipped and may be asymmetric.")
        }
        let above = upper.value - estimate.value, below = estimate.value - lower.value
        let asymmetry = above - below
        let numbers = "upper − estimate = \(format(above)), estimate − lower = \(format(below)), asymmetry \(format(asymmetry))"
        if abs(asymmetry) > tolerance + allowance + 1e-12 {
            let midpoint = (upper.value + lower.value) / 2
            let half = (upper.value - lower.value) / 2
            return AuditFinding(check: check, verdict: .fail, reason:
                "\(method) CI \(lower)-\(upper) is not symmetric about \(estimate): \(numbers) exceeds \(format(tolerance)) + rounding allowance \(format(allowance)). The CI is centred on \(format(midpoint)); a Wald CI of the same width around \(estimate) would be \(format(estimate.value - half))-\(format(estimate.value + half)).")
        }
        return AuditFinding(check: check, verdict: .pass,
                            reason: "\(numbers), within \(format(tolerance)) + rounding allowance \(format(allowance)).")
    }

    /// GRIM-style test of a proportion: does a whole number k of `denominator` patients exist with
    /// k/denominator rounding to the printed value? Returns the finding and the reachable k.
    public static func proportionReachable(_ name: String, value: ReportedNumber, denominator: Int,
                                           denominatorName: String) -> (AuditFinding, [Int]) {
        let check = "\(name)-grim"
        guard denominator > 0 else {
            return (AuditFinding(check: check, verdict: .cannotCheck,
                                 reason: "\(name) is undefined with 0 \(denominatorName)."), [])
        }
        guard !value.isUpperBound else {
            return (AuditFinding(check: check, verdict: .cannotCheck, reason: "\(name) is given only as a bound (\(value))."), [])
        }
        let ks = value.reachableNumerators(over: denominator)
        if ks.isEmpty {
            let below = Int(max(-1, min(Double(denominator), (value.value * Double(denominator)).rounded(.down))))
            let neighbours = [below, below + 1].filter { (0...denominator).contains($0) }
            let nearest = neighbours.map { fractionText($0, denominator) }.joined(separator: ", ")
            var reason = "No whole number of \(denominator) \(denominatorName) gives \(name) \(value) at \(value.decimals) decimals: \(nearest)."
            if let k = neighbours.first(where: { value.isTruncation(of: $0, over: denominator) }) {
                reason += " (\(k)/\(denominator) truncated, not rounded, gives \(value).)"
            }
            return (AuditFinding(check: check, verdict: .fail, reason: reason), [])
        }
        let list = ks.map { fractionText($0, denominator) }.joined(separator: ", ")
        return (AuditFinding(check: check, verdict: .pass, reason: "\(name) \(value) is reachable: \(list)."), ks)
    }

    /// Accuracy must equal (TP + TN) / n with TP reaching the printed sensitivity over the cases and
    /// TN the printed specificity over the controls. When one of them is not reachable the two
    /// nearest whole numbers are tried instead (and the reason says so).
    public static func accuracyWeighted(accuracy: ReportedNumber, sensitivity: ReportedNumber,
                                        specificity: ReportedNumber, cases: Int, controls: Int) -> AuditFinding {
        let check = "accuracy-weighted"
        let n = cases + controls
        guard cases > 0, controls > 0 else {
            return AuditFinding(check: check, verdict: .cannotCheck, reason: "Needs at least one case and one control (cases \(cases), controls \(controls)).")
        }
        func candidates(_ value: ReportedNumber, _ total: Int) -> ([Int], Bool) {
            let ks = value.reachableNumerators(over: total)
            if !ks.isEmpty { return (ks, true) }
            let below = Int(max(-1, min(Double(total), (value.value * Double(total)).rounded(.down))))
            return ([below, below + 1].filter { (0...total).contains($0) }, false)
        }
        let (tps, sensExact) = candidates(sensitivity, cases)
        let (tns, specExact) = candidates(specificity, controls)
        var reachable = Set<Int>()
        for tp in tps { for tn in tns { reachable.insert(tp + tn) } }
        let matches = reachable.sorted().filter { accuracy.isRounding(of: $0, over: n) }
        let weighted = (sensitivity.value * Double(cases) + specificity.value * Double(controls)) / Double(n)
        var note = "(sensitivity × \(cases) + specificity × \(controls)) / \(n) = \(format(weighted))"
        if !sensExact || !specExact { note += "; nearest whole numbers used for the unreachable \(!sensExact ? "sensitivity" : "specificity")" }
        if let k = matches.first {
            return AuditFinding(check: check, verdict: .pass, reason: "Accuracy \(accuracy) = \(fractionText(k, n)) with TP + TN from the printed sensitivity and specificity; \(note).")
        }
        let options = reachable.sorted().map { fractionText($0, n) }.joined(separator: ", ")
        return AuditFinding(check: check, verdict: .fail, reason: "Accuracy \(accuracy) is not reachable from the printed sensitivity \(sensitivity) and specificity \(specificity) with \(cases) cases and \(controls) controls: possible accuracies \(options); \(note).")
    }

    /// Counts of a group's levels must add up to the group's size.
    public static func countsAddUp(_ what: String, counts: [Int], total: Int) -> AuditFinding {
        let sum = counts.reduce(0, +)
        let terms = counts.map(String.init).joined(separator: " + ")
        if sum == total {
            return AuditFinding(check: "counts-sum", verdict: .pass, reason: "\(what): \(terms) = \(total).")
        }
        return AuditFinding(check: "counts-sum", verdict: .fail, reason: "\(what): \(terms) = \(sum), not the stated \(total).")
    }

    /// Each printed percentage must be count / n × 100 rounded to its printed decimals. When some
    /// fail, the reason names the denominators (up to 2n) that would make all of them consistent.
    public static func percentagesMatch(_ what: String, counts: [Int], percents: [ReportedNumber], total: Int) -> AuditFinding {
        let check = "percent-grim"
        guard total > 0 else { return AuditFinding(check: check, verdict: .cannotCheck, reason: "\(what): group size 0.") }
        let pairs = zip(counts, percents)
        let bad = pairs.filter { !$0.1.isRounding(of: $0.0, over: total, scale: 100) }
        if bad.isEmpty {
            return AuditFinding(check: check, verdict: .pass, reason: "\(what): every percentage matches its count over \(total).")
        }
        let details = bad.map { "\($0.0) (\($0.1)%): \(fractionText($0.0, total, scale: 100, decimals: 2))" }.joined(separator: "; ")
        let lowest = max(1, counts.max() ?? 1)
        let alternatives = total > 100_000 ? [] : (lowest...max(lowest, 2 * total)).filter { n in
            pairs.allSatisfy { $0.1.isRounding(of: $0.0, over: n, scale: 100) }
        }
        var reason = "\(what): percentages do not match counts over \(total): \(details)."
        if !alternatives.isEmpty {
            reason += " All would match with n = \(alternatives.prefix(4).map(String.init).joined(separator: ", "))\(alternatives.count > 4 ? ", …" : "")."
        }
        return AuditFinding(check: check, verdict: .fail, reason: reason)
    }

    /// The range of two-sided DeLong p-values compatible with two AUCs and their Wald CIs.
    ///
    /// SE_i = (upper_i − lower_i) / (2 · 1.959964). The AUCs are computed on the same patients, so
    /// Var(AUC1 − AUC2) = SE1² + SE2² − 2·r·SE1·SE2 with an unknown correlation r in
    /// `correlation` (default [0, 0.9]); z = |AUC1 − AUC2| / √Var, p = 2(1 − Φ(z)). The largest p
    /// comes from r at its lower end, the smallest difference and the corner of the SE rounding box
    /// with the largest variance (convex, so a corner); the smallest p from r at its upper end, the largest difference, and the
    /// SE pair minimising the variance over the rounding box (a convex quadratic, minimised on an
    /// edge in closed form). `nominal` is the same range without rounding allowance.
    public static func deLongPRange(auc1: ReportedNumber, ci1: (ReportedNumber, ReportedNumber),
                                    auc2: ReportedNumber, ci2: (ReportedNumber, ReportedNumber),
                                    correlation: ClosedRange<Double>, roundingAllowance: Bool = true) -> ClosedRange<Double> {
        let difference = abs(auc1.value - auc2.value)
        let dh = roundingAllowance ? auc1.halfUnit + auc2.halfUnit : 0
        let w1 = ci1.1.value - ci1.0.value, w2 = ci2.1.value - ci2.0.value
        let h1 = roundingAllowance ? ci1.0.halfUnit + ci1.1.halfUnit : 0
        let h2 = roundingAllowance ? ci2.0.halfUnit + ci2.1.halfUnit : 0
        let s1 = max(0, (w1 - h1) / (2 * z975))...max(0, (w1 + h1) / (2 * z975))
        let s2 = max(0, (w2 - h2) / (2 * z975))...max(0, (w2 + h2) / (2 * z975))
        let largestVariance = [s1.lowerBound, s1.upperBound].flatMap { a in
            [s2.lowerBound, s2.upperBound].map { b in variance(a, b, correlation.lowerBound) }
        }.max() ?? 0
        let pMax = twoSidedP(difference: max(0, difference - dh), variance: largestVariance)
        let pMin = twoSidedP(difference: difference + dh,
                             variance: smallestVariance(s1, s2, correlation: correlation.upperBound))
        return min(pMin, pMax)...max(pMin, pMax)
    }

    /// Whether a printed DeLong p is compatible with the two AUCs and CIs (see `deLongPRange`).
    public static func deLongP(_ p: ReportedNumber, auc1: ReportedNumber, ci1: (ReportedNumber, ReportedNumber),
                               auc2: ReportedNumber, ci2: (ReportedNumber, ReportedNumber),
                               correlation: ClosedRange<Double>, labels: (String, String)) -> AuditFinding {
        let check = "delong-p"
        let range = deLongPRange(auc1: auc1, ci1: ci1, auc2: auc2, ci2: ci2, correlation: correlation)
        let nominal = deLongPRange(auc1: auc1, ci1: ci1, auc2: auc2, ci2: ci2, correlation: correlation, roundingAllowance: false)
        let printed = p.interval
        let setting = "\(labels.0) \(auc1) (\(ci1.0)-\(ci1.1)) vs \(labels.1) \(auc2) (\(ci2.0)-\(ci2.1)): SEs \(format(ci1.1.value - ci1.0.value))/3.92 and \(format(ci2.1.value - ci2.0.value))/3.92, r in [\(correlation.lowerBound), \(correlation.upperBound)] gives p in [\(pText(nominal.lowerBound)), \(pText(nominal.upperBound))] ([\(pText(range.lowerBound)), \(pText(range.upperBound))] with rounding)"
        if printed.upperBound < range.lowerBound || printed.lowerBound > range.upperBound {
            return AuditFinding(check: check, verdict: .fail, reason: "p = \(p) is outside the range implied by \(setting).")
        }
        return AuditFinding(check: check, verdict: .pass, reason: "p = \(p) is within the range implied by \(setting).")
    }

    static func variance(_ a: Double, _ b: Double, _ r: Double) -> Double { a * a + b * b - 2 * r * a * b }

    /// min over the box of a² + b² − 2rab (convex for r < 1): on an edge, at the clamped stationary point.
    static func smallestVariance(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>, correlation r: Double) -> Double {
        func clamp(_ x: Double, _ range: ClosedRange<Double>) -> Double { min(max(x, range.lowerBound), range.upperBound) }
        var best = Double.infinity
        for x in [a.lowerBound, a.upperBound] { best = min(best, variance(x, clamp(r * x, b), r)) }
        for y in [b.lowerBound, b.upperBound] { best = min(best, variance(clamp(r * y, a), y, r)) }
        return max(0, best)
    }

    static func twoSidedP(difference: Double, variance: Double) -> Double {
        guard variance > 0 else { return difference > 0 ? 0 : 1 }
        return min(1, Normal.twoSidedP(difference / variance.squareRoot()))
    }

    static func format(_ x: Double) -> String { String(format: "%.4f", x) }
    static func pText(_ p: Double) -> String { p < 1e-4 ? String(format: "%.1e", p) : String(format: "%.4f", p) }
}
