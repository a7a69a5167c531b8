import Foundation
import SentinelNumerics
import SentinelRender
import SentinelStudy

/// Plans the report's figures from results alone: ROC, calibration and decision curves
/// per cohort (plus the LASSO CV curves of a study run and the AUC forest plot), and
/// renders each as `figures/<kind>-<cohort>.{svg,png,pdf}` (PNG at 300 dpi; `ReportWriter`
/// runs the renders in parallel). Each model keeps one colour (its index) in every figure.
public struct FigureFactory: Sendable {
    public let results: StudyResults
    /// Predicted risks per cohort (by name) and model, for the calibration histograms.
    /// They are drawn only as binned counts; never written out.
    public let risks: [String: [[Double]]]

    public init(results: StudyResults, risks: [String: [[Double]]] = [:]) {
        self.results = results
        self.risks = risks
    }

    /// A chart to draw with its kind, file name (without extension) and caption.
    typealias PlannedFigure = (kind: String, name: String, caption: String, chart: any Chart)

    /// The charts to draw, in report order, with their file names.
    func plannedFigures() -> [PlannedFigure] {
        var planned: [(String, String, String, any Chart)] = []
        var usedSlugs: Set<String> = []
        for (ci, cohort) in results.cohorts.enumerated() {
            // figures/<kind>-<cohort>; the cohort's position is added only if two slugs collide.
            // (then the next free number: "a", "a 3", "a!" must not give two "a-3").
            var slug = cohort.name.reportSlug
            var suffix = ci + 1
            while usedSlugs.contains(slug) {
                slug = "\(cohort.name.reportSlug)-\(suffix)"
                suffix += 1
            }
            usedSlugs.insert(slug)
            let shortened = legendNames(cohort).captionNote(for: Array(cohort.models.indices))
            if let roc = rocFigure(cohort) {
                planned.append(("roc", "roc-\(slug)", "ROC curves, \(cohort.name) cohort (AUC with DeLong 95% CI)." + shortened, roc))
            }
            if let cal = calibrationFigure(cohort) {
                planned.append(("calibration", "calibration-\(slug)",
                                "Calibration, \(cohort.name) cohort: binned observed proportions with Wilson 95% CIs, lowess-smoothed curve and the ideal line; predicted-risk histogram below." + shortened, cal))
            }
            if let dca = decisionFigure(cohort) {
                planned.append(("dca", "dca-\(slug)", "Decision curves, \(cohort.name) cohort: net benefit of each model, treat all and treat none." + shortened, dca))
            }
        }
        for (i, trail) in (results.selection ?? []).enumerated() {
            if let lasso = lassoFigure(trail) {
                planned.append(("lasso", "lasso-\(i + 1)-\(trail.featureSet.reportSlug)",
                                "LASSO cross-validation for \(trail.featureSet): mean CV error ± 1 SE against log λ, λ_min marked.", lasso))
            }
        }
        if let forest = forestFigure() {
            let shortened = results.cohorts.max { $0.models.count < $1.models.count }
                .map { legendNames($0).captionNote(for: Array($0.models.indices)) } ?? ""
            planned.append(("forest", "forest-auc", "AUC with DeLong 95% CI for every model and cohort." + shortened, forest))
        }
        return planned
    }

    /// The formats every figure is written in, dearest first.
    static let formats: [ImageFormat] = [.png, .svg, .pdf]

    /// Renders one planned figure in `format` and writes it to
    /// `directory/<name>.<extension>`; returns the bytes written.
    func write(_ p: PlannedFigure, as format: ImageFormat, into directory: URL) throws -> Data {
        let size = p.chart.preferredSize
        let data: Data
        switch format {
        case .svg: data = try p.chart.render(format: .svg, size: size, svgIDPrefix: "\(p.name)-")
        case .png: data = try p.chart.render(format: .png, size: size, dpi: 300)
        case .pdf: data = try p.chart.render(format: .pdf, size: size,
                                             metadata: DocumentMetadata(title: p.caption, subject: p.chart.altText,
                                                                        creator: results.tool))
        }
        let target = directory.appendingPathComponent("\(p.name).\(format.fileExtension)")
        do {
            try FileOutput.write(data, to: target)
        } catch {
            throw OutputError.cannotCreate(path: target.path, reason: error.localizedDescription)
        }
        return data
    }

    /// The report's figures keyed by kind, in planned order, with their charts (drawn into the
    /// PDF report) and without SVG bytes (`ReportWriter` has report.html read each figure's
    /// file as it is written).
    func reportFigures(_ planned: [PlannedFigure]) -> [String: [ReportFigure]] {
        var figures: [String: [ReportFigure]] = [:]
        for p in planned {
            let size = p.chart.preferredSize
            figures[p.kind, default: []].append(ReportFigure(
                id: "figure-\(p.name)", caption: p.caption, alt: p.chart.altText, svg: [],
                width: size.width, height: size.height, chart: p.chart))
        }
        return figures
    }

    // MARK: Charts

    /// Models grouped into panels: single-modal, pre-fusion, post-fusion (by name prefix).
    func panelGroups(_ models: [ModelEvaluation]) -> [(title: String, indices: [Int])] {
        let pre = models.indices.filter { models[$0].name.hasPrefix("Pre-fusion") }
        let post = models.indices.filter { models[$0].name.hasPrefix("Post-fusion") }
        let single = models.indices.filter { !pre.contains($0) && !post.contains($0) }
        if pre.isEmpty && post.isEmpty { return [("", single)] }
        return [("Single-modal", single), ("Pre-fusion", pre), ("Post-fusion", post)].filter { !$0.1.isEmpty }
    }

    /// The cohort's model names as its figures draw them (long ones shortened and numbered).
    func legendNames(_ cohort: CohortEvaluation) -> LegendNames {
        LegendNames(cohort.models.map(\.name))
    }

    func rocFigure(_ cohort: CohortEvaluation) -> (any Chart)? {
        let names = legendNames(cohort)
        let panels: [any Chart] = panelGroups(cohort.models).compactMap { group in
            let series = group.indices.compactMap { k -> ROCSeries? in
                let m = cohort.models[k]
                guard let curves = m.curves, !curves.rocFPR.isEmpty else { return nil }
                return ROCSeries(name: names.name(k), colorIndex: k, falsePositiveRate: curves.rocFPR,
                                 truePositiveRate: curves.rocTPR, auc: m.auc, aucLower: m.aucCI.first, aucUpper: m.aucCI.last)
            }
            return series.isEmpty ? nil : ROCChart(title: group.title, series: series, legendCorner: nil)
        }
        guard !panels.isEmpty else { return nil }
        let models = largestGroup(cohort)
        if let size = Self.lonePanelSize(panels.count, models: models, plotHeight: Size.singleColumnWidth + 15, legendLines: models + 1) {
            return ChartGrid(title: "ROC curves, \(cohort.name) cohort", panels: panels, panelSize: size)
        }
        let width = Self.panelWidth(panels.count)
        // A label "Name, AUC 0.892 (0.816–0.968)" takes two lines in a third of the page.
        let linesPerModel = width < 200 ? 2 : 1
        let legendLines = Double(models * linesPerModel + 1)
        return ChartGrid(title: "ROC curves, \(cohort.name) cohort", panels: panels,
                         panelSize: Size(width: width, height: width + 15 + legendLines * 8.5 + 6))
    }

    /// Width of each panel of a cohort's ROC, calibration or decision-curve figure with
    /// `count` panels: together they span a double-column journal page
    /// (`Size.doubleColumnWidth`, 180 mm; a third each for single-modal, pre-fusion and
    /// post-fusion), a lone panel a single column (`Size.singleColumnWidth`). Figures are
    /// printed at that size. Legends stay outside the plots (under them), so panels line up,
    /// and each figure is as high as its plots plus its largest panel's legend.
    static func panelWidth(_ count: Int) -> Double {
        count <= 1 ? Size.singleColumnWidth : Size.doubleColumnWidth / Double(count)
    }

    /// More models than this in a figure's only panel put its legend right of the plot, in a
    /// figure a double column wide: under a single-column plot their legend made the figure
    /// so tall that the PDF report shrank it (and its text below 6 pt) to fit the page.
    static let lonePanelLegendLimit = 9

    /// The size of a figure's only panel when it has more than `lonePanelLegendLimit` models:
    /// a double column wide, as high as the plot needs (`plotHeight`, for the title, axes and a
    /// square plot of a single column's width) or the legend column (`legendLines` lines of
    /// 6.5-pt text), whichever is higher. Nil otherwise (the usual single-column panel).
    static func lonePanelSize(_ panels: Int, models: Int, plotHeight: Double, legendLines: Int) -> Size? {
        guard panels == 1, models > lonePanelLegendLimit else { return nil }
        return Size(width: Size.doubleColumnWidth, height: max(plotHeight, Double(legendLines) * 8.5 + 40))
    }

    /// The number of models in the cohort's largest panel.
    func largestGroup(_ cohort: CohortEvaluation) -> Int {
        panelGroups(cohort.models).map(\.indices.count).max() ?? 0
    }
}

extension FigureFactory {
    func calibrationFigure(_ cohort: CohortEvaluation) -> (any Chart)? {
        let cohortRisks = risks[cohort.name]
        let names = legendNames(cohort)
        let panels: [any Chart] = panelGroups(cohort.models).compactMap { group in
            let series = group.indices.compactMap { k -> CalibrationSeries? in
                let m = cohort.models[k]
                guard let c = m.curves else { return nil }
                var bins: [CalibrationBin] = []
                for b in c.binCount.indices {
                    guard let p = c.binPredicted[b], let o = c.binObserved[b], let lo = c.binLower[b], let hi = c.binUpper[b] else { continue }
                    bins.append(CalibrationBin(meanPredicted: p, observed: o, lower: lo, upper: hi, count: c.binCount[b]))
                }
                let stats = ["intercept \(ReportFormat.fixed(m.calibrationIntercept, 2)), slope \(ReportFormat.fixed(m.calibrationSlope, 2))",
                             "Brier \(ReportFormat.fixed(m.brier, 3)), ICI \(ReportFormat.fixed(m.ici, 3))"]
                return CalibrationSeries(name: names.name(k), colorIndex: k, bins: bins, smoothedPredicted: c.smoothPredicted,
                                         smoothedObserved: c.smoothObserved,
                                         predictedRisks: cohortRisks.map { k < $0.count ? $0[k] : [] } ?? [],
                                         statistics: group.indices.count <= 3 ? stats : [])
            }
            return series.isEmpty ? nil : CalibrationChart(title: group.title, series: series, statisticsCorner: nil, legendCorner: nil)
        }
        guard !panels.isEmpty else { return nil }
        let models = largestGroup(cohort)
        if let size = Self.lonePanelSize(panels.count, models: models, plotHeight: 1.1 * Size.singleColumnWidth + 8, legendLines: models + 1) {
            return ChartGrid(title: "Calibration, \(cohort.name) cohort", panels: panels, panelSize: size)
        }
        let width = Self.panelWidth(panels.count)
        // With statistics: per model a name and two statistics lines of 6.5 pt (7.6 pt apart), then
        // "Ideal"; the square plot has the histogram strip (a tenth of the width) under it.
        let legend = models <= 3 ? Double(3 * models + 1) * 7.6 + 5 : Double(models + 1) * 8.5 + 6
        return ChartGrid(title: "Calibration, \(cohort.name) cohort", panels: panels,
                         panelSize: Size(width: width, height: 1.1 * width + 8 + legend))
    }

    func decisionFigure(_ cohort: CohortEvaluation) -> (any Chart)? {
        guard let thresholds = cohort.decisionThresholds, let treatAll = cohort.treatAll else { return nil }
        let names = legendNames(cohort)
        let panels: [any Chart] = panelGroups(cohort.models).compactMap { group in
            let series = group.indices.compactMap { k -> DecisionCurveSeries? in
                guard let nb = cohort.models[k].curves?.netBenefit, nb.count == thresholds.count else { return nil }
                return DecisionCurveSeries(name: names.name(k), colorIndex: k, netBenefit: nb)
            }
            return series.isEmpty ? nil : DecisionCurveChart(title: group.title, thresholds: thresholds, models: series,
                                                             treatAll: treatAll, legendCorner: nil)
        }
        guard !panels.isEmpty else { return nil }
        let models = largestGroup(cohort)
        if let size = Self.lonePanelSize(panels.count, models: models, plotHeight: 0.85 * Size.singleColumnWidth + 47, legendLines: models + 2) {
            return ChartGrid(title: "Decision curves, \(cohort.name) cohort", panels: panels, panelSize: size)
        }
        let width = Self.panelWidth(panels.count)
        let legendLines = Double(models + 2)
        return ChartGrid(title: "Decision curves, \(cohort.name) cohort", panels: panels,
                         panelSize: Size(width: width, height: 0.85 * width + 47 + legendLines * 8.5 + 6))
    }

    func lassoFigure(_ trail: SelectionTrail) -> (any Chart)? {
        guard let lambdas = trail.lassoLambdas, let mean = trail.lassoCVMean, let se = trail.lassoCVSE,
              let chosen = trail.lassoLambda, !lambdas.isEmpty, lambdas.count == mean.count, mean.count == se.count,
              lambdas.allSatisfy({ $0 > 0 }), chosen > 0 else { return nil }
        return LassoPathChart(title: "LASSO CV, \(trail.featureSet)", logLambda: lambdas.map { log($0) }, meanError: mean,
                              standardError: se, logLambdaMin: log(chosen), yLabel: "Mean squared error")
    }

    func forestFigure() -> (any Chart)? {
        var rows: [ForestRow] = []
        for cohort in results.cohorts {
            let names = legendNames(cohort)
            for (k, m) in cohort.models.enumerated() where m.aucCI.count == 2 {
                rows.append(ForestRow(label: names.name(k), estimate: m.auc, lower: m.aucCI[0], upper: m.aucCI[1],
                                      colorIndex: k, group: cohort.name.chartLabel()))
            }
        }
        guard !rows.isEmpty else { return nil }
        // The axis ends at AUC 1 and starts at the tenth below the lowest bound or 0.5.
        let lowest = min(0.5, rows.map(\.lower).min() ?? 0.5)
        let start = max(0, (lowest * 10).rounded(.down) / 10)
        return ForestPlot(title: "AUC (95% CI) by cohort", rows: rows, xDomain: start...1)
    }
}
