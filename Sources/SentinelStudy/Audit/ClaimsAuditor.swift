import Foundation

/// Runs every check on every claim of a claims file, and with `results` compares each claim with
/// the recomputed value (cohorts and models mapped by their `results_name`).
public struct ClaimsAuditor: Sendable {
    public var claims: ClaimsFile
    public var results: StudyResults?

    public init(claims: ClaimsFile, results: StudyResults? = nil) {
        self.claims = claims
        self.results = results
    }

    /// One verdict per claim, in file order: cohorts, performance, comparisons, Table 1.
    public func audit() -> [ClaimVerdict] {
        claims.cohorts.map(auditCohort) + claims.performance.map(auditPerformance)
            + claims.comparisons.map(auditComparison) + claims.table1.map(auditTable1)
    }

    private var settings: AuditSettings { claims.settings }

    // MARK: Cohorts

    func auditCohort(_ cohort: CohortClaim) -> ClaimVerdict {
        var findings: [AuditFinding] = []
        let parts = [cohort.n.map { "n = \($0)" }, cohort.cases.map { "cases = \($0)" }, cohort.controls.map { "controls = \($0)" }]
        let statement = "\(cohort.label): " + parts.compactMap { $0 }.joined(separator: ", ")
        if let n = cohort.n, let cases = cohort.cases, let controls = cohort.controls {
            findings.append(ConsistencyChecks.countsAddUp("\(cohort.label) cases + controls", counts: [cases, controls], total: n))
        } else {
            findings.append(AuditFinding(check: "counts-sum", verdict: .cannotCheck, reason: "Needs n, cases and controls."))
        }
        if let results {
            if let recomputed = results.cohorts.first(where: { $0.name == cohort.resultsName }) {
                let pairs: [(String, Int?, Int)] = [("n", cohort.n, recomputed.n), ("cases", cohort.effectiveCases, recomputed.positives),
                                                    ("controls", cohort.effectiveControls, recomputed.n - recomputed.positives)]
                for (name, printed, value) in pairs {
                    guard let printed else { continue }
                    findings.append(AuditFinding(check: "results-\(name)", verdict: printed == value ? .pass : .fail,
                                                 reason: "\(name) printed \(printed), recomputed \(value)."))
                }
            } else {
                findings.append(missingCohort(cohort))
            }
        }
        return ClaimVerdict(id: "cohort/\(cohort.id)", kind: "cohort", location: cohort.location, statement: statement, findings: findings)
    }

    // MARK: Performance

    func auditPerformance(_ claim: PerformanceClaim) -> ClaimVerdict {
        var findings: [AuditFinding] = []
        let cohort = claims.cohort(claim.cohort)
        let label = claims.model(claim.model)?.label ?? claim.model
        if let auc = claim.auc {
            if let ci = claim.ci {
                findings.append(ConsistencyChecks.estimateInCI("AUC", estimate: auc, lower: ci[0], upper: ci[1]))
                findings.append(ConsistencyChecks.ciSymmetry(estimate: auc, lower: ci[0], upper: ci[1], method: claim.ciMethod,
                                                             tolerance: settings.ciSymmetryTolerance))
            } else if !(0...1).contains(auc.value) {
                findings.append(AuditFinding(check: "estimate-in-ci", verdict: .fail, reason: "AUC \(auc) is outside [0, 1]."))
            }
        }
        let cases = cohort?.effectiveCases, controls = cohort?.effectiveControls
        var proportions: [(String, ReportedNumber, Int?, String)] = []
        if let s = claim.sensitivity { proportions.append(("sensitivity", s, cases, "cases")) }
        if let s = claim.specificity { proportions.append(("specificity", s, controls, "controls")) }
        if let a = claim.accuracy { proportions.append(("accuracy", a, cohort?.n ?? cases.flatMap { c in controls.map { c + $0 } }, "patients")) }
        for (name, value, denominator, denominatorName) in proportions {
            guard let denominator else {
                findings.append(AuditFinding(check: "\(name)-grim", verdict: .cannotCheck,
                                             reason: "The claims file gives no number of \(denominatorName) for cohort \(claim.cohort)."))
                continue
            }
            findings.append(ConsistencyChecks.proportionReachable(name, value: value, denominator: denominator, denominatorName: denominatorName).0)
        }
        if let a = claim.accuracy, let s = claim.sensitivity, let p = claim.specificity {
            if let cases, let controls {
                findings.append(ConsistencyChecks.accuracyWeighted(accuracy: a, sensitivity: s, specificity: p, cases: cases, controls: controls))
            } else {
                findings.append(AuditFinding(check: "accuracy-weighted", verdict: .cannotCheck, reason: "Needs the cohort's cases and controls."))
            }
        }
        findings += restatements(of: claim)
        if let results { findings += compare(claim, with: results) }
        if findings.isEmpty {
            findings.append(AuditFinding(check: "none", verdict: .cannotCheck,
                                         reason: "Only an AUC without CI is printed and no other claim restates it; compare it with --results."))
        }
        return ClaimVerdict(id: claim.id, kind: "performance", location: claim.location,
                            statement: "\(cohort?.label ?? claim.cohort), \(label): \(describe(claim))", findings: findings)
    }

    /// The same model and cohort printed elsewhere (e.g. Table 2 and the Results text): every
    /// number given in both places must be compatible at the printed rounding.
    private func restatements(of claim: PerformanceClaim) -> [AuditFinding] {
        func values(_ c: PerformanceClaim) -> [(String, ReportedNumber?)] {
            [("AUC", c.auc), ("CI lower", c.ci?.first), ("CI upper", c.ci?.last), ("accuracy", c.accuracy),
             ("sensitivity", c.sensitivity), ("specificity", c.specificity)]
        }
        var findings: [AuditFinding] = []
        for other in claims.performance where other.id != claim.id && other.cohort == claim.cohort && other.model == claim.model {
            let pairs = zip(values(claim), values(other)).compactMap { mine, theirs -> (String, ReportedNumber, ReportedNumber)? in
                guard let a = mine.1, let b = theirs.1 else { return nil }
                return (mine.0, a, b)
            }
            guard !pairs.isEmpty else { continue }
            let clashes = pairs.filter { !$0.1.interval.overlaps($0.2.interval) }
            let place = other.location ?? other.id
            if clashes.isEmpty {
                findings.append(AuditFinding(check: "restated", verdict: .pass, reason: "Also printed in \(place): " +
                    pairs.map { "\($0.0) \($0.2)" }.joined(separator: ", ") + ", compatible."))
            } else {
                findings.append(AuditFinding(check: "restated", verdict: .fail, reason: "Printed differently in \(place): " +
                    clashes.map { "\($0.0) \($0.1) here vs \($0.2) there" }.joined(separator: ", ") + "."))
            }
        }
        return findings
    }

    private func describe(_ claim: PerformanceClaim) -> String {
        var parts: [String] = []
        if let auc = claim.auc {
            var text = "AUC \(auc)"
            if let ci = claim.ci { text += " (\(ci[0])-\(ci[1])\(claim.ciMethod.map { ", \($0)" } ?? ""))" }
            parts.append(text)
        }
        if let v = claim.accuracy { parts.append("accuracy \(v)") }
        if let v = claim.sensitivity { parts.append("sensitivity \(v)") }
        if let v = claim.specificity { parts.append("specificity \(v)") }
        return parts.joined(separator: ", ")
    }

    private func compare(_ claim: PerformanceClaim, with results: StudyResults) -> [AuditFinding] {
        guard let cohort = claims.cohort(claim.cohort) else { return [] }
        guard let recomputedCohort = results.cohorts.first(where: { $0.name == cohort.resultsName }) else { return [missingCohort(cohort)] }
        let modelName = claims.model(claim.model)?.resultsName ?? claim.model
        guard let model = recomputedCohort.models.first(where: { $0.name == modelName }) else {
            return [AuditFinding(check: "results-model", verdict: .cannotCheck,
                                 reason: "results.json has no model \"\(modelName)\" in cohort \"\(cohort.resultsName)\" (models: \(recomputedCohort.models.map(\.name).joined(separator: ", ")))." )]
        }
        var pairs: [(String, ReportedNumber, Double?)] = []
        if let v = claim.auc { pairs.append(("auc", v, model.auc)) }
        if let ci = claim.ci {
            let bootstrap = ["bootstrap", "percentile"].contains(claim.ciMethod ?? "")
            let recomputed = bootstrap ? model.aucCIBootstrap : model.aucCI
            pairs.append(("ci-lower", ci[0], recomputed?.first))
            pairs.append(("ci-upper", ci[1], recomputed?.last))
        }
        if let v = claim.accuracy { pairs.append(("accuracy", v, model.accuracy)) }
        if let v = claim.sensitivity { pairs.append(("sensitivity", v, model.sensitivity)) }
        if let v = claim.specificity { pairs.append(("specificity", v, model.specificity)) }
        return pairs.map { name, printed, value in
            withinTolerance("results-\(name)", name: name, printed: printed, recomputed: value, tolerance: settings.resultsTolerance)
        }
    }

    private func withinTolerance(_ check: String, name: String, printed: ReportedNumber, recomputed: Double?, tolerance: Double) -> AuditFinding {
        guard let recomputed, recomputed.isFinite else {
            return AuditFinding(check: check, verdict: .cannotCheck, reason: "results.json has no \(name).")
        }
        let value = String(format: "%.4f", recomputed)
        if printed.isUpperBound {
            let ok = recomputed < printed.value + tolerance
            return AuditFinding(check: check, verdict: ok ? .pass : .fail, reason: "\(name) printed \(printed), recomputed \(value) (tolerance \(tolerance)).")
        }
        let difference = abs(printed.value - recomputed)
        let ok = difference <= tolerance + printed.halfUnit + 1e-12
        return AuditFinding(check: check, verdict: ok ? .pass : .fail,
                            reason: "\(name) printed \(printed), recomputed \(value): difference \(String(format: "%.4f", difference)) \(ok ? "within" : "exceeds") \(tolerance) + rounding \(printed.halfUnit).")
    }

    private func missingCohort(_ cohort: CohortClaim) -> AuditFinding {
        AuditFinding(check: "results-cohort", verdict: .cannotCheck,
                     reason: "results.json has no cohort \"\(cohort.resultsName)\" (cohorts: \(results?.cohorts.map(\.name).joined(separator: ", ") ?? "")).")
    }

    // MARK: Comparisons

    func auditComparison(_ claim: ComparisonClaim) -> ClaimVerdict {
        let labelA = claims.model(claim.modelA)?.label ?? claim.modelA
        let labelB = claims.model(claim.modelB)?.label ?? claim.modelB
        let cohortLabel = claims.cohort(claim.cohort)?.label ?? claim.cohort
        var findings: [AuditFinding] = []
        let method = claim.method ?? "delong"
        let a = claims.performance.first { $0.cohort == claim.cohort && $0.model == claim.modelA && $0.auc != nil && $0.ci != nil }
        let b = claims.performance.first { $0.cohort == claim.cohort && $0.model == claim.modelB && $0.auc != nil && $0.ci != nil }
        if method != "delong" {
            findings.append(AuditFinding(check: "delong-p", verdict: .cannotCheck, reason: "Test method is \(method), not DeLong."))
        } else if let a, let b, let aucA = a.auc, let ciA = a.ci, let aucB = b.auc, let ciB = b.ci {
            let r = settings.correlationRange
            findings.append(ConsistencyChecks.deLongP(claim.p, auc1: aucA, ci1: (ciA[0], ciA[1]), auc2: aucB, ci2: (ciB[0], ciB[1]),
                                                      correlation: r[0]...r[1], labels: (labelA, labelB)))
        } else {
            findings.append(AuditFinding(check: "delong-p", verdict: .cannotCheck,
                                         reason: "Needs the AUC and CI of both \(labelA) and \(labelB) in \(cohortLabel) among the performance claims."))
        }
        for other in claims.comparisons where other.id != claim.id && other.cohort == claim.cohort
            && Set([other.modelA, other.modelB]) == Set([claim.modelA, claim.modelB]) {
            let overlap = claim.p.interval.overlaps(other.p.interval)
            findings.append(AuditFinding(check: "restated", verdict: overlap ? .pass : .fail,
                                         reason: "The same comparison is printed as p = \(other.p) in \(other.location ?? other.id); \(overlap ? "compatible" : "incompatible") with p = \(claim.p)."))
        }
        if let results {
            if let cohort = claims.cohort(claim.cohort), let recomputed = results.cohorts.first(where: { $0.name == cohort.resultsName }) {
                let nameA = claims.model(claim.modelA)?.resultsName ?? claim.modelA
                let nameB = claims.model(claim.modelB)?.resultsName ?? claim.modelB
                let match = recomputed.comparisons.first { Set([$0.a, $0.b]) == Set([nameA, nameB]) }
                if let match {
                    findings.append(withinTolerance("results-p", name: "p", printed: claim.p, recomputed: match.p, tolerance: settings.pValueTolerance))
                } else {
                    findings.append(AuditFinding(check: "results-p", verdict: .cannotCheck, reason: "results.json has no comparison of \(nameA) and \(nameB) in \(cohort.resultsName)."))
                }
            } else if let cohort = claims.cohort(claim.cohort) {
                findings.append(missingCohort(cohort))
            }
        }
        return ClaimVerdict(id: claim.id, kind: "comparison", location: claim.location,
                            statement: "\(cohortLabel): \(labelA) vs \(labelB), \(method) p = \(claim.p)", findings: findings)
    }

    // MARK: Table 1

    func auditTable1(_ claim: Table1Claim) -> ClaimVerdict {
        var findings: [AuditFinding] = []
        for cells in claim.cells {
            let cohort = claims.cohort(cells.cohort)
            let label = "\(cohort?.label ?? cells.cohort) \(cells.group.rawValue)"
            let total = cells.group == .cases ? cohort?.effectiveCases : cohort?.effectiveControls
            guard let total else {
                findings.append(AuditFinding(check: "counts-sum", verdict: .cannotCheck, reason: "\(label): the cohort's group size is not given."))
                continue
            }
            findings.append(ConsistencyChecks.countsAddUp("\(label) (N = \(total))", counts: cells.counts, total: total))
            findings.append(ConsistencyChecks.percentagesMatch("\(label) (N = \(total))", counts: cells.counts, percents: cells.percents, total: total))
        }
        if results != nil {
            findings.append(AuditFinding(check: "results-table1", verdict: .cannotCheck, reason: "results.json holds no Table 1; compare with table1.json by hand."))
        }
        return ClaimVerdict(id: claim.id, kind: "table1", location: claim.location,
                            statement: "\(claim.variable): \(claim.levels.joined(separator: " / "))", findings: findings)
    }
}
