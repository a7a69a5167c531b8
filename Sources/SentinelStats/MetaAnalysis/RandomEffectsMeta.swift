/// DerSimonian–Laird random-effects meta-analysis of k estimates with known standard errors,
/// as R `metafor::rma(yi, sei = sei, method = "DL")`.
///
/// With wᵢ = 1/seᵢ², ȳ_FE = Σwᵢyᵢ/Σwᵢ:
/// - Q = Σwᵢ(yᵢ − ȳ_FE)², df = k − 1, p = P(χ²_df > Q);
/// - τ² = max(0, (Q − df) / (Σwᵢ − Σwᵢ²/Σwᵢ));
/// - I² = max(0, (Q − df)/Q) as metafor computes it, 100·τ²/(τ² + s²) with the "typical"
///   within-study variance s² = df·Σwᵢ / ((Σwᵢ)² − Σwᵢ²) (equal to Higgins' (Q − df)/Q);
///   reported as a fraction in [0, 1) (metafor prints percent); 0 when k = 1;
/// - H² = 1/(1 − I²);
/// - pooled μ = Σw*ᵢyᵢ/Σw*ᵢ with w*ᵢ = 1/(seᵢ² + τ²), SE = 1/√Σw*ᵢ, Wald CI μ ± z·SE.
public struct RandomEffectsMeta: Codable, Sendable, Equatable {
    public var estimate: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double
    public var tau2: Double
    /// I² as a fraction (metafor's `I2` / 100).
    public var i2: Double
    public var h2: Double
    public var q: Double
    public var qDegreesOfFreedom: Int
    public var qP: Double
    public var studies: Int

    /// Pools `estimates` with standard errors `standardErrors`.
    /// - Throws: `StatsError.emptyInput`, `.lengthMismatch`, `.invalidParameter` for a
    ///   non-finite estimate or a standard error that is not finite and > 0, or a level outside (0, 1).
    public static func derSimonianLaird(estimates y: [Double], standardErrors se: [Double],
                                        level: Double = 0.95) throws -> RandomEffectsMeta {
        guard !y.isEmpty else { throw StatsError.emptyInput }
        guard y.count == se.count else { throw StatsError.lengthMismatch(expected: y.count, actual: se.count) }
        guard level > 0, level < 1 else { throw StatsError.invalidConfidenceLevel(level) }
        if let bad = y.firstIndex(where: { !$0.isFinite }) {
            throw StatsError.invalidParameter(name: "estimates[\(bad)]", value: "\(y[bad])", requirement: "finite")
        }
        if let bad = se.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw StatsError.invalidParameter(name: "standardErrors[\(bad)]", value: "\(se[bad])",
                                              requirement: "finite and > 0 (a study with SE 0 cannot be weighted)")
        }
        let k = y.count
        let w = se.map { 1 / ($0 * $0) }
        let sumW = w.reduce(0, +), sumW2 = w.reduce(0) { $0 + $1 * $1 }
        let fixed = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / sumW
        let q = zip(w, y).reduce(0) { $0 + $1.0 * ($1.1 - fixed) * ($1.1 - fixed) }
        let df = k - 1
        let c = sumW - sumW2 / sumW
        let tau2 = df > 0 && c > 0 ? max(0, (q - Double(df)) / c) : 0
        var i2 = 0.0
        if df > 0 {
            let typical = Double(df) * sumW / (sumW * sumW - sumW2)
            i2 = tau2 / (tau2 + typical)
        }
        let ws = se.map { 1 / ($0 * $0 + tau2) }
        let sumWs = ws.reduce(0, +)
        let mu = zip(ws, y).reduce(0) { $0 + $1.0 * $1.1 } / sumWs
        let seMu = 1 / sumWs.squareRoot()
        let z = Normal.quantile(0.5 + level / 2)
        return RandomEffectsMeta(estimate: mu, standardError: seMu, lower: mu - z * seMu, upper: mu + z * seMu,
                                 tau2: tau2, i2: i2, h2: 1 / (1 - i2), q: q, qDegreesOfFreedom: df,
                                 qP: df > 0 ? ChiSquared.survival(q, degreesOfFreedom: Double(df)) : 1, studies: k)
    }
}
