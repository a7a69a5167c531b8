#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Random-effects pooling of AUCs on the logit scale.
///
/// Each study's AUC a with DeLong SE s becomes y = logit(a) = ln(a/(1 − a)) with delta-method
/// SE s/(a(1 − a)); the DerSimonian–Laird result is pooled on that scale and its estimate and
/// CI are mapped back with the logistic function (Snell et al. 2018's recommended scale).
public struct PooledAUC: Codable, Sendable, Equatable {
    /// Pooling on the logit scale (estimate, CI, τ², I², Q are logit-scale quantities).
    public var logit: RandomEffectsMeta
    /// Pooled AUC (inverse logit of the pooled estimate).
    public var auc: Double
    public var lower: Double
    public var upper: Double

    /// Pools `aucs` with DeLong standard errors `standardErrors`.
    /// - Throws: `StatsError.invalidParameter` for an AUC outside (0, 1) (its logit is
    ///   infinite: perfect separation cannot be pooled on this scale), and
    ///   `RandomEffectsMeta.derSimonianLaird`'s errors.
    public static func pool(aucs: [Double], standardErrors: [Double], level: Double = 0.95) throws -> PooledAUC {
        guard aucs.count == standardErrors.count else {
            throw StatsError.lengthMismatch(expected: aucs.count, actual: standardErrors.count)
        }
        if let bad = aucs.firstIndex(where: { !($0 > 0 && $0 < 1) }) {
            throw StatsError.invalidParameter(name: "aucs[\(bad)]", value: "\(aucs[bad])",
                                              requirement: "strictly between 0 and 1 (logit pooling)")
        }
        let y = aucs.map { log($0 / (1 - $0)) }
        let se = zip(aucs, standardErrors).map { $1 / ($0 * (1 - $0)) }
        let meta = try RandomEffectsMeta.derSimonianLaird(estimates: y, standardErrors: se, level: level)
        return PooledAUC(logit: meta, auc: expit(meta.estimate), lower: expit(meta.lower), upper: expit(meta.upper))
    }

    static func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
