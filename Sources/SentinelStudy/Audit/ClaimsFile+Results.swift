import Foundation

extension ClaimsFile {
    /// The claims a paper would print from a Sentinel results.json: every cohort's size and
    /// events, every model's AUC with its DeLong CI, accuracy, sensitivity and specificity, and
    /// every DeLong comparison, rounded to `decimals` places (p < 10^-decimals printed as "<0.001").
    /// Such a file must pass the audit, internally and against the same results.json.
    public static func from(results: StudyResults, decimals: Int = 3, source: String? = nil) -> ClaimsFile {
        func printed(_ value: Double?) -> ReportedNumber? {
            guard let value, value.isFinite else { return nil }
            return ReportedNumber(value: value, decimals: decimals)
        }
        var models: [String] = []
        for cohort in results.cohorts { for model in cohort.models where !models.contains(model.name) { models.append(model.name) } }
        var claims = ClaimsFile(source: source ?? results.tool)
        claims.cohorts = results.cohorts.map {
            CohortClaim(id: $0.name, n: $0.n, cases: $0.positives, controls: $0.n - $0.positives, location: "results.json")
        }
        claims.models = models.map { ModelAlias(id: $0) }
        for cohort in results.cohorts {
            for model in cohort.models {
                let ci = model.aucCI.count == 2 ? model.aucCI.compactMap(printed) : nil
                claims.performance.append(PerformanceClaim(
                    id: "performance/\(cohort.name)/\(model.name)", cohort: cohort.name, model: model.name,
                    auc: printed(model.auc), ci: ci, ciMethod: model.aucCIMethod, accuracy: printed(model.accuracy),
                    sensitivity: printed(model.sensitivity), specificity: printed(model.specificity), location: "results.json"))
            }
            for comparison in cohort.comparisons {
                guard let p = comparison.p, p.isFinite else { continue }
                let threshold = 1 / pow(10, Double(decimals))
                let text = p < threshold ? "<" + String(format: "%.\(decimals)f", threshold) : String(format: "%.\(decimals)f", p)
                guard let reported = ReportedNumber(text) else { continue }
                claims.comparisons.append(ComparisonClaim(
                    id: "comparison/\(cohort.name)/\(comparison.a)-vs-\(comparison.b)", cohort: cohort.name,
                    modelA: comparison.a, modelB: comparison.b, p: reported, method: comparison.method, location: "results.json"))
            }
        }
        return claims
    }
}
