import SentinelStudy

// The validation-specific parts of the site report: the transportability headline and the
// screening, calibration and case-mix tables.
extension ValidateJob {
    /// Summary paragraphs: who was scored, and calibration-in-the-large and slope per model
    /// (the headline transportability result; ideal: intercept 0, slope 1).
    static func headline(_ p: ValidationPacket) -> [String] {
        var lines = ["External validation at \(p.site): \(p.patientsScored) of \(p.patientsRead) patients scored with the frozen models (\(p.patientsExcluded) excluded; reasons below). Thresholds are the development ones from model.json (SHA-256 \(p.modelSHA256.prefix(12))…)."]
        let calibration = p.transportability.map { t in
            "\(t.model): calibration-in-the-large \(ReportFormat.withInterval(t.calibrationIntercept, t.calibrationInterceptCI)), slope \(ReportFormat.withInterval(t.calibrationSlope, t.calibrationSlopeCI)), AUC \(ReportFormat.withInterval(t.auc, t.aucCI))"
        }
        lines.append("Transportability (ideal: intercept 0, slope 1): " + calibration.joined(separator: "; ") + ".")
        if let auc = p.caseMix?.membershipAUC {
            lines.append("Case mix: a membership model tells site from development patients with cross-validated AUC \(ReportFormat.fixed(auc)) (0.5 = same case mix).")
        }
        return lines
    }

    /// The "Transportability and case mix" section.
    static func transportability(_ p: ValidationPacket) -> ReportSection {
        var blocks = [ReportBlock(table: ReportTable(
            id: "table-transportability", caption: "Calibration-in-the-large and calibration slope at the site (95% CI)",
            headers: ["Model", "AUC (95% CI)", "Calibration-in-the-large", "Calibration slope"].map { ReportCell($0, header: true) },
            rows: p.transportability.map { t in
                [ReportCell(t.model), ReportCell(ReportFormat.withInterval(t.auc, t.aucCI), numeric: true),
                 ReportCell(ReportFormat.withInterval(t.calibrationIntercept, t.calibrationInterceptCI), numeric: true),
                 ReportCell(ReportFormat.withInterval(t.calibrationSlope, t.calibrationSlopeCI), numeric: true)]
            }))]
        let screeningRows = p.exclusions.map { [ReportCell("Excluded: \($0.reason.rawValue)"), ReportCell($0.column), ReportCell("\($0.patients)", numeric: true)] }
            + p.imputations.map { [ReportCell("Imputed as in training"), ReportCell($0.column), ReportCell("\($0.imputedValues)", numeric: true)] }
        blocks.append(ReportBlock(table: ReportTable(
            id: "table-screening", caption: "Patients not scored and values imputed, per reason and column",
            headers: ["Reason", "Column", "Count"].map { ReportCell($0, header: true) },
            rows: [[ReportCell("Read"), ReportCell("—"), ReportCell("\(p.patientsRead)", numeric: true)],
                   [ReportCell("Scored"), ReportCell("—"), ReportCell("\(p.patientsScored)", numeric: true)]] + screeningRows)))
        if let mix = p.caseMix {
            blocks.append(ReportBlock(table: ReportTable(
                id: "table-casemix", caption: "Standardized mean differences, site vs development training cohort (|SMD| > 0.1 is a notable difference)",
                headers: ["Predictor", "Development mean (SD)", "Site mean (SD)", "SMD", "Outside development range"].map { ReportCell($0, header: true) },
                rows: mix.differences.map { d in
                    [ReportCell(d.column),
                     ReportCell("\(ReportFormat.fixed(d.developmentMean)) (\(ReportFormat.fixed(d.developmentSD)))", numeric: true),
                     ReportCell("\(ReportFormat.fixed(d.siteMean)) (\(ReportFormat.fixed(d.siteSD)))", numeric: true),
                     ReportCell(ReportFormat.fixed(d.smd), numeric: true), ReportCell("\(d.outsideDevelopmentRange)", numeric: true)]
                })))
        }
        let intro = p.caseMix == nil
            ? "Case mix was not compared: pass the development study with --development STUDY.yaml."
            : "Membership model (development vs site, \(p.caseMix?.membershipFolds ?? 0)-fold cross-validated AUC): \(ReportFormat.fixed(p.caseMix?.membershipAUC))."
        return ReportSection(id: "transportability", title: "Transportability and case mix", paragraphs: [intro], blocks: blocks)
    }
}
