import Foundation

/// Published numbers to audit, read from a `sentinel.claims/1` YAML file (schema in README,
/// "Auditing a paper's numbers"). Printed numbers keep their decimals (`ReportedNumber`).
public struct ClaimsFile: Sendable, Equatable {
    public static let schemaIdentifier = "sentinel.claims/1"
    /// Citation of the paper the numbers come from.
    public var source: String?
    public var settings: AuditSettings
    public var cohorts: [CohortClaim]
    public var models: [ModelAlias]
    public var performance: [PerformanceClaim]
    public var comparisons: [ComparisonClaim]
    public var table1: [Table1Claim]

    public init(source: String? = nil, settings: AuditSettings = AuditSettings(), cohorts: [CohortClaim] = [],
                models: [ModelAlias] = [], performance: [PerformanceClaim] = [], comparisons: [ComparisonClaim] = [],
                table1: [Table1Claim] = []) {
        self.source = source
        self.settings = settings
        self.cohorts = cohorts
        self.models = models
        self.performance = performance
        self.comparisons = comparisons
        self.table1 = table1
    }

    public func cohort(_ id: String) -> CohortClaim? { cohorts.first { $0.id == id } }
    public func model(_ id: String) -> ModelAlias? { models.first { $0.id == id } }
}

/// A cohort's size and events as printed (e.g. "Training set (n = 203), SLN+ N = 56").
public struct CohortClaim: Sendable, Equatable {
    public var id: String
    public var label: String
    /// The cohort's name in results.json (defaults to `id`).
    public var resultsName: String
    public var n: Int?
    /// Patients with the outcome (positives, events).
    public var cases: Int?
    /// Patients without the outcome.
    public var controls: Int?
    public var location: String?

    public init(id: String, label: String? = nil, resultsName: String? = nil, n: Int? = nil, cases: Int? = nil,
                controls: Int? = nil, location: String? = nil) {
        self.id = id
        self.label = label ?? id
        self.resultsName = resultsName ?? id
        self.n = n
        self.cases = cases
        self.controls = controls
        self.location = location
    }

    /// Cases as printed, or n − controls.
    public var effectiveCases: Int? { cases ?? zip2(n, controls).map { $0 - $1 } }
    /// Controls as printed, or n − cases.
    public var effectiveControls: Int? { controls ?? zip2(n, cases).map { $0 - $1 } }

    private func zip2(_ a: Int?, _ b: Int?) -> (Int, Int)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}

/// A model's display name and its name in results.json.
public struct ModelAlias: Sendable, Equatable {
    public var id: String
    public var label: String
    public var resultsName: String

    public init(id: String, label: String? = nil, resultsName: String? = nil) {
        self.id = id
        self.label = label ?? id
        self.resultsName = resultsName ?? id
    }
}

/// One row of a performance table: AUC with its CI and method, accuracy, sensitivity, specificity.
public struct PerformanceClaim: Sendable, Equatable {
    public var id: String
    public var cohort: String
    public var model: String
    public var auc: ReportedNumber?
    /// [lower, upper] of the AUC's 95% CI.
    public var ci: [ReportedNumber]?
    /// "delong", "wald", "bootstrap", "logit", … as stated by the paper (nil when not stated).
    public var ciMethod: String?
    public var accuracy: ReportedNumber?
    public var sensitivity: ReportedNumber?
    public var specificity: ReportedNumber?
    public var location: String?

    public init(id: String, cohort: String, model: String, auc: ReportedNumber? = nil, ci: [ReportedNumber]? = nil,
                ciMethod: String? = nil, accuracy: ReportedNumber? = nil, sensitivity: ReportedNumber? = nil,
                specificity: ReportedNumber? = nil, location: String? = nil) {
        self.id = id
        self.cohort = cohort
        self.model = model
        self.auc = auc
        self.ci = ci
        self.ciMethod = ciMethod
        self.accuracy = accuracy
        self.sensitivity = sensitivity
        self.specificity = specificity
        self.location = location
    }
}

/// A p-value comparing two models' AUCs on the same cohort (DeLong test).
public struct ComparisonClaim: Sendable, Equatable {
    public var id: String
    public var cohort: String
    public var modelA: String
    public var modelB: String
    public var p: ReportedNumber
    public var method: String?
    public var location: String?

    public init(id: String, cohort: String, modelA: String, modelB: String, p: ReportedNumber,
                method: String? = "delong", location: String? = nil) {
        self.id = id
        self.cohort = cohort
        self.modelA = modelA
        self.modelB = modelB
        self.p = p
        self.method = method
        self.location = location
    }
}

/// A categorical Table 1 variable: per cohort and outcome group, a count and percentage per level.
public struct Table1Claim: Sendable, Equatable {
    public var id: String
    public var variable: String
    public var levels: [String]
    public var cells: [Table1Cells]
    public var location: String?

    public init(id: String, variable: String, levels: [String], cells: [Table1Cells], location: String? = nil) {
        self.id = id
        self.variable = variable
        self.levels = levels
        self.cells = cells
        self.location = location
    }
}

/// One column of a Table 1 variable: a cohort's cases or controls, "count (percent%)" per level.
public struct Table1Cells: Sendable, Equatable {
    public enum Group: String, Sendable, CaseIterable { case controls, cases }
    public var cohort: String
    public var group: Group
    public var counts: [Int]
    public var percents: [ReportedNumber]
    /// The cells as printed.
    public var texts: [String]

    public init(cohort: String, group: Group, counts: [Int], percents: [ReportedNumber], texts: [String]) {
        self.cohort = cohort
        self.group = group
        self.counts = counts
        self.percents = percents
        self.texts = texts
    }

    /// Parses a printed cell "75 (51%)", "12(50.0%)" or "48.3%"-less "75 (51)".
    public static func parseCell(_ text: String) -> (count: Int, percent: ReportedNumber)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else { return nil }
        guard let count = Int(trimmed[..<open].trimmingCharacters(in: .whitespaces)) else { return nil }
        var inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .trimmingCharacters(in: .whitespaces)
        if inner.hasSuffix("%") { inner.removeLast() }
        guard let percent = ReportedNumber(inner), !percent.isUpperBound else { return nil }
        return (count, percent)
    }
}
