import Foundation

/// The outcome of one check on a published number.
public enum AuditVerdict: String, Codable, Sendable, Equatable, CaseIterable {
    /// The numbers add up (within the stated tolerance).
    case pass
    /// The numbers cannot all be true as printed.
    case fail
    /// The check needs a number the claim does not give, or does not apply.
    case cannotCheck = "cannot-check"
}

/// One check on one claim: which check, the verdict, and a reason naming the numbers.
public struct AuditFinding: Codable, Sendable, Equatable {
    /// Short check name, e.g. "sensitivity-grim", "ci-symmetry", "results-auc".
    public var check: String
    public var verdict: AuditVerdict
    public var reason: String

    public init(check: String, verdict: AuditVerdict, reason: String) {
        self.check = check
        self.verdict = verdict
        self.reason = reason
    }
}

/// The verdict on one claim: fail if any check fails, pass if at least one passes and none
/// fails, cannot-check otherwise.
public struct ClaimVerdict: Codable, Sendable, Equatable {
    public var id: String
    /// "cohort", "performance", "comparison" or "table1".
    public var kind: String
    /// Where the number is printed ("Table 2"), from the claims file.
    public var location: String?
    /// The claim as printed, e.g. "Test set, Post-fusion Clinical+Rad+DL: AUC 0.825 (0.812-0.932)".
    public var statement: String
    public var verdict: AuditVerdict
    public var findings: [AuditFinding]

    public init(id: String, kind: String, location: String?, statement: String, findings: [AuditFinding]) {
        self.id = id
        self.kind = kind
        self.location = location
        self.statement = statement
        self.findings = findings
        self.verdict = Self.combine(findings.map(\.verdict))
    }

    static func combine(_ verdicts: [AuditVerdict]) -> AuditVerdict {
        if verdicts.contains(.fail) { return .fail }
        if verdicts.contains(.pass) { return .pass }
        return .cannotCheck
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, location = "where", statement, verdict, findings
    }
}

/// audit.json: every claim's verdict, the tolerances used, and totals.
public struct AuditReport: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "sentinel.audit/1"
    public var schema: String
    public var tool: String
    public var source: String?
    public var claimsFile: String
    public var claimsSHA256: String?
    public var resultsFile: String?
    public var settings: AuditSettings
    public var summary: [String: Int]
    public var claims: [ClaimVerdict]

    public init(tool: String, source: String?, claimsFile: String, claimsSHA256: String?, resultsFile: String?,
                settings: AuditSettings, claims: [ClaimVerdict]) {
        self.schema = Self.schemaIdentifier
        self.tool = tool
        self.source = source
        self.claimsFile = claimsFile
        self.claimsSHA256 = claimsSHA256
        self.resultsFile = resultsFile
        self.settings = settings
        self.claims = claims
        var summary: [String: Int] = ["claims": claims.count]
        for verdict in AuditVerdict.allCases { summary[verdict.rawValue] = claims.filter { $0.verdict == verdict }.count }
        self.summary = summary
    }

    /// The claim with this id, if any.
    public func claim(_ id: String) -> ClaimVerdict? { claims.first { $0.id == id } }

    enum CodingKeys: String, CodingKey {
        case schema, tool, source
        case claimsFile = "claims_file", claimsSHA256 = "claims_sha256", resultsFile = "results_file"
        case settings, summary, claims
    }
}

/// Tolerances of the audit; each can be set in the claims file's `settings:`.
public struct AuditSettings: Codable, Sendable, Equatable {
    /// Largest |(upper − estimate) − (estimate − lower)| accepted for a DeLong (Wald) CI, on top of
    /// the rounding allowance (4 half-units of the printed decimals). Default 0.02.
    public var ciSymmetryTolerance: Double
    /// Range of the unknown correlation r between two AUCs on the same patients used to bound a
    /// DeLong p-value. Default [0, 0.9].
    public var correlationRange: [Double]
    /// Largest |published − recomputed| accepted with --results for AUCs, CI bounds and
    /// proportions. Default 0.005.
    public var resultsTolerance: Double
    /// Largest |published − recomputed| accepted with --results for p-values (beyond the
    /// printed rounding). Default 0.01.
    public var pValueTolerance: Double

    public init(ciSymmetryTolerance: Double = 0.02, correlationRange: [Double] = [0, 0.9],
                resultsTolerance: Double = 0.005, pValueTolerance: Double = 0.01) {
        self.ciSymmetryTolerance = ciSymmetryTolerance
        self.correlationRange = correlationRange
        self.resultsTolerance = resultsTolerance
        self.pValueTolerance = pValueTolerance
    }

    enum CodingKeys: String, CodingKey {
        case ciSymmetryTolerance = "ci_symmetry_tolerance", correlationRange = "correlation"
        case resultsTolerance = "results_tolerance", pValueTolerance = "p_value_tolerance"
    }
}
