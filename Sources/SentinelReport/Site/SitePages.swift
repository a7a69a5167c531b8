import Foundation
import SentinelRender
import SentinelStudy

/// The content of the site's pages (see `SiteBuilder`).
enum SitePages {
    typealias Cell = (text: String, numeric: Bool)

    static func index(development: StudyResults?, sites: [(slug: String, packet: ValidationPacket)]) -> SitePage {
        var page = SitePage(title: "Model validation site", subtitle: "Development report, \(sites.count) external validation packet(s) and a cross-site summary", root: "")
        if let development {
            let cohorts = development.cohorts.map { "\($0.name) (n = \($0.n), \($0.positives) positive)" }.joined(separator: ", ")
            page.links.append(.init(href: "development/report.html", text: "Development report", note: cohorts))
        }
        for (slug, p) in sites {
            page.links.append(.init(href: "sites/\(slug).html", text: "Site \(p.site)",
                                    note: "\(p.patientsScored) of \(p.patientsRead) patients scored; model SHA-256 \(p.modelSHA256.prefix(12))…"))
        }
        page.links.append(.init(href: "summary.html", text: "Cross-site summary", note: "forest plots and random-effects pooled AUC"))
        if let development {
            page.blocks.append(.init(heading: "Development AUCs", table: .init(
                caption: "AUC (DeLong 95% CI) per model and development cohort",
                headers: ["Model"] + development.cohorts.map(\.name),
                rows: (development.cohorts.first?.models ?? []).map { m in
                    [(m.name, false)] + development.cohorts.map { c -> Cell in
                        let e = c.models.first { $0.name == m.name }
                        return (ReportFormat.withInterval(e?.auc, e?.aucCI), true)
                    }
                }), figure: nil))
        }
        return page
    }

    static func sitePage(_ p: ValidationPacket, slug: String, hasReport: Bool) -> SitePage {
        var page = SitePage(title: "Site \(p.site)", subtitle: "External validation of \(p.modelTitle) (\(p.tool))", root: "../")
        page.paragraphs = [
            "\(p.patientsScored) of \(p.patientsRead) patients scored, \(p.patientsExcluded) excluded. Model SHA-256: \(p.modelSHA256).",
        ]
        if let mix = p.caseMix {
            page.paragraphs.append("Case mix: membership-model AUC \(ReportFormat.fixed(mix.membershipAUC)) (\(mix.membershipFolds)-fold CV; 0.5 = same case mix).")
        }
        if hasReport { page.links.append(.init(href: "\(slug)-report.html", text: "Full site report", note: nil)) }
        page.blocks.append(.init(heading: "Transportability", table: .init(
            caption: "AUC, calibration-in-the-large and calibration slope (95% CI)",
            headers: ["Model", "AUC", "Calibration-in-the-large", "Calibration slope"],
            rows: p.transportability.map { t in
                [(t.model, false), (ReportFormat.withInterval(t.auc, t.aucCI), true),
                 (ReportFormat.withInterval(t.calibrationIntercept, t.calibrationInterceptCI), true),
                 (ReportFormat.withInterval(t.calibrationSlope, t.calibrationSlopeCI), true)]
            }), figure: nil))
        if let mix = p.caseMix {
            page.blocks.append(.init(heading: "Case mix", table: .init(
                caption: "Standardized mean differences, site vs development training cohort",
                headers: ["Predictor", "Development mean (SD)", "Site mean (SD)", "SMD", "Outside development range"],
                rows: mix.differences.map { d in
                    [(d.column, false), ("\(ReportFormat.fixed(d.developmentMean)) (\(ReportFormat.fixed(d.developmentSD)))", true),
                     ("\(ReportFormat.fixed(d.siteMean)) (\(ReportFormat.fixed(d.siteSD)))", true),
                     (ReportFormat.fixed(d.smd), true), ("\(d.outsideDevelopmentRange)", true)]
                }), figure: nil))
        }
        let metrics = p.results.cohorts.first?.models ?? []
        page.blocks.append(.init(heading: "Classification at the development thresholds", table: .init(
            caption: "Counts and Wilson 95% CIs", headers: ["Model", "Threshold", "TP/FP/TN/FN", "Sensitivity", "Specificity", "Accuracy"],
            rows: metrics.map { m in
                [(m.name, false), (ReportFormat.fixed(m.threshold), true), ("\(m.tp)/\(m.fp)/\(m.tn)/\(m.fn)", true),
                 (ReportFormat.withInterval(m.sensitivity, m.sensitivityCI), true),
                 (ReportFormat.withInterval(m.specificity, m.specificityCI), true),
                 (ReportFormat.withInterval(m.accuracy, m.accuracyCI), true)]
            }), figure: nil))
        let screening: [[Cell]] = p.exclusions.map { [("Excluded: \($0.reason.rawValue)", false), ($0.column, false), ("\($0.patients)", true)] }
            + p.imputations.map { [("Imputed", false), ($0.column, false), ("\($0.imputedValues)", true)] }
        page.blocks.append(.init(heading: "Screening", table: .init(
            caption: "Patients excluded and values imputed, per reason and column", headers: ["Reason", "Column", "Count"],
            rows: screening.isEmpty ? [[("None", false), ("—", false), ("0", true)]] : screening), figure: nil))
        return page
    }

    static func summary(_ pooling: [SiteBuilder.ModelPooling], packets: [ValidationPacket]) throws -> SitePage {
        var page = SitePage(title: "Cross-site summary", subtitle: "\(packets.count) site(s); random-effects (DerSimonian–Laird) pooling on logit AUC", root: "")
        page.paragraphs = ["Each site's AUC with its DeLong 95% CI; the pooled AUC is the inverse logit of the DerSimonian–Laird estimate of logit AUC (standard error by the delta method from the DeLong SE). I² is the share of variability due to between-site heterogeneity, τ² the between-site variance on the logit scale."]
        for (k, model) in pooling.enumerated() {
            var rows = packets.compactMap { p -> ForestRow? in
                guard let t = p.transportability.first(where: { $0.model == model.model }), t.aucCI.count == 2 else { return nil }
                return ForestRow(label: p.site.chartLabel(), estimate: t.auc, lower: t.aucCI[0], upper: t.aucCI[1], colorIndex: 0)
            }
            if let pooled = model.pooled {
                rows.append(ForestRow(label: "Pooled (random effects)", estimate: pooled.auc, lower: pooled.lower, upper: pooled.upper, colorIndex: 1))
            }
            let plot = ForestPlot(title: "\(model.model): AUC by site", rows: rows)
            let svg = String(decoding: try plot.render(format: .svg, svgIDPrefix: "forest\(k)-"), as: UTF8.self)
            page.blocks.append(.init(heading: model.model, table: nil,
                                     figure: .init(svg: stripXMLDeclaration(svg), caption: "AUC (DeLong 95% CI) per site and pooled.", alt: plot.altText)))
            var stats: [[Cell]] = []
            if let p = model.pooled {
                stats = [[("Pooled AUC (95% CI)", false), (ReportFormat.withInterval(p.auc, [p.lower, p.upper]), true)],
                         [("I²", false), (ReportFormat.percent(p.logit.i2), true)],
                         [("τ² (logit scale)", false), (ReportFormat.fixed(p.logit.tau2, 4), true)],
                         [("Q (df), p", false), ("\(ReportFormat.fixed(p.logit.q)) (\(p.logit.qDegreesOfFreedom)), \(ReportFormat.pValue(p.logit.qP))", true)]]
            } else {
                stats = [[("Pooled AUC", false), (model.note ?? "not pooled", false)]]
            }
            page.blocks.append(.init(heading: nil, table: .init(caption: "\(model.model): random-effects pooling", headers: ["Statistic", "Value"], rows: stats), figure: nil))
            page.blocks.append(.init(heading: nil, table: .init(
                caption: "\(model.model): calibration per site (95% CI; ideal intercept 0, slope 1)",
                headers: ["Site", "AUC", "Calibration-in-the-large", "Calibration slope"],
                rows: packets.compactMap { p in
                    p.transportability.first { $0.model == model.model }.map { t in
                        [(p.site, false), (ReportFormat.withInterval(t.auc, t.aucCI), true),
                         (ReportFormat.withInterval(t.calibrationIntercept, t.calibrationInterceptCI), true),
                         (ReportFormat.withInterval(t.calibrationSlope, t.calibrationSlopeCI), true)]
                    }
                }), figure: nil))
        }
        return page
    }

    /// The SVG document without its `<?xml …?>` prologue, for inline use.
    static func stripXMLDeclaration(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
