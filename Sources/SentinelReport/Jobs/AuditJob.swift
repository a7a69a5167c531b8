import Foundation
import SentinelStudy

/// `sentinel audit`: checks a claims file (and optionally compares it with a results.json), then
/// writes `audit.json` and `audit.html` atomically into the output folder.
///
/// The audit "ran" even when claims fail: failing claims are findings, not errors. Errors are a
/// malformed claims file (ClaimsError, exit 65), a missing input (DataError, exit 66) and an
/// unwritable output (OutputError, exit 73).
public struct AuditJob: Sendable {
    public var claims: URL
    public var results: URL?
    /// Output folder; nil means `audit/` beside the claims file.
    public var output: URL?
    public var force: Bool
    public var version: String

    public init(claims: URL, results: URL? = nil, output: URL? = nil, force: Bool = false, version: String) {
        self.claims = claims
        self.results = results.map(Self.resultsFile)
        self.output = output
        self.force = force
        self.version = version
    }

    /// The folder the job writes to.
    public var destination: URL {
        output ?? claims.deletingLastPathComponent().appendingPathComponent("audit")
    }

    @discardableResult
    public func run() throws -> AuditReport {
        let file = try ClaimsFile.load(contentsOf: claims)
        var recomputed: StudyResults?
        if let results { recomputed = try Self.loadResults(results) }
        let claimVerdicts = ClaimsAuditor(claims: file, results: recomputed).audit()
        let report = AuditReport(tool: "Sentinel \(version)", source: file.source, claimsFile: claims.lastPathComponent,
                                 claimsSHA256: try? SHA256.hash(fileAt: claims).hex, resultsFile: results?.lastPathComponent,
                                 settings: file.settings, claims: claimVerdicts)
        let folder = try OutputFolder(destination: destination, force: force, inputs: [claims] + (results.map { [$0] } ?? []))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try folder.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n", to: "audit.json")
        let date = (try? Provenance.collect(files: [], seed: 0).runDate) ?? ""
        let document = AuditDocument.make(report, generator: "Sentinel \(version)", date: date)
        let html = try HTMLReportWriter(templates: TemplateLocator.reportTemplates()).render(document)
        try folder.write(html, to: "audit.html")
        try folder.commit()
        return report
    }

    /// `url`, or `url/results.json` when `url` is a `sentinel run`/`evaluate` output folder.
    static func resultsFile(_ url: URL) -> URL {
        var isDirectory: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        return folder ? url.appendingPathComponent("results.json") : url
    }

    static func loadResults(_ url: URL) throws -> StudyResults {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataError.fileNotFound(file: url.path) }
        do {
            return try JSONDecoder().decode(StudyResults.self, from: Data(contentsOf: url))
        } catch {
            throw DataError.notSentinelOutput(file: url.path, kind: "results.json", reason: DataError.decodingProblem(error))
        }
    }
}

/// Lays out an audit as a ReportDocument so it renders with the report's HTML templates.
public enum AuditDocument {
    public static func make(_ report: AuditReport, generator: String, date: String) -> ReportDocument {
        let s = report.summary
        let totals = "\(s["claims"] ?? 0) claims: \(s["pass"] ?? 0) pass, \(s["fail"] ?? 0) fail, \(s["cannot-check"] ?? 0) cannot be checked."
        let settings = report.settings
        let method = ReportSection(id: "method", title: "How the claims were checked", paragraphs: [
            "Every printed number is taken with its printed decimals: a value is consistent when some exact quantity rounds to it (ties accepted either way).",
            "Proportions (GRIM-style): sensitivity, specificity and accuracy must equal k/n for a whole number k of cases, controls or patients; accuracy must equal (TP + TN)/n for TP and TN reaching the printed sensitivity and specificity. Table 1 percentages must equal count/N, and counts must add up to N.",
            "AUC confidence intervals must contain the AUC; a DeLong (Wald) CI must be symmetric about the AUC within \(settings.ciSymmetryTolerance) plus a rounding allowance of 4 half-units of the printed decimals (CIs of other or unstated methods are not checked for symmetry).",
            "DeLong p-values: SE = CI width / (2 × 1.96) for each AUC; the p-value of z = |AUC1 − AUC2| / √(SE1² + SE2² − 2 r SE1 SE2) over an unknown correlation r in [\(settings.correlationRange.map { String($0) }.joined(separator: ", "))], widened by the printed rounding, must contain the printed p.",
            "With a results.json, each printed number must be within \(settings.resultsTolerance) (p-values \(settings.pValueTolerance)) of the recomputed value, beyond its printed rounding.",
        ])
        var sections = [ReportSection(id: "summary", title: "Summary", paragraphs: [totals],
                                      keyValues: [("Source", report.source ?? "not stated"), ("Claims file", report.claimsFile),
                                                  ("Claims SHA-256", report.claimsSHA256 ?? ""), ("Results", report.resultsFile ?? "none (internal checks only)")])]
        let failing = report.claims.flatMap { claim in
            claim.findings.filter { $0.verdict == .fail }.map { (claim, $0) }
        }
        if !failing.isEmpty {
            let rows = failing.map { claim, finding in
                [ReportCell(claim.id), ReportCell(claim.location ?? ""), ReportCell(finding.check), ReportCell(finding.reason)]
            }
            let table = ReportTable(id: "audit-failures", caption: "Every failing check, in file order.",
                                    headers: ["Claim", "Where", "Check", "Reason"].map { ReportCell($0, header: true) },
                                    rows: rows, columnWeights: [1.2, 0.8, 1, 5])
            sections.append(ReportSection(id: "failures", title: "What does not add up", blocks: [ReportBlock(table: table)]))
        }
        sections.append(method)
        for (kind, title) in [("cohort", "Cohorts"), ("performance", "Model performance"), ("comparison", "AUC comparisons"), ("table1", "Table 1")] {
            let claims = report.claims.filter { $0.kind == kind }
            guard !claims.isEmpty else { continue }
            var rows: [[ReportCell]] = []
            for claim in claims {
                for (index, finding) in claim.findings.enumerated() {
                    rows.append([ReportCell(index == 0 ? claim.id : ""), ReportCell(index == 0 ? claim.statement : ""),
                                 ReportCell(finding.check), ReportCell(finding.verdict.rawValue), ReportCell(finding.reason)])
                }
            }
            let failing = claims.filter { $0.verdict == .fail }.count
            let table = ReportTable(id: "audit-\(kind)", caption: "\(title): \(claims.count) claims, \(failing) failing.",
                                    headers: ["Claim", "As printed", "Check", "Verdict", "Reason"].map { ReportCell($0, header: true) },
                                    rows: rows, columnWeights: [1.2, 2, 1, 0.8, 4])
            sections.append(ReportSection(id: "claims-\(kind)", title: title, blocks: [ReportBlock(table: table)]))
        }
        return ReportDocument(title: "Claims audit", subtitle: report.source ?? report.claimsFile,
                              notices: s["fail", default: 0] > 0 ? ["\(s["fail"] ?? 0) claims do not add up; see the reasons below."] : [],
                              sections: sections, generator: generator, date: date)
    }
}
