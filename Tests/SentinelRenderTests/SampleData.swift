import Foundation
@testable import SentinelRender

/// Deterministic sample inputs shared by the chart, reference-image and PDF tests.
enum SampleCharts {
    static func staircase(seed: UInt64, quality: Double, n: Int = 40) -> ([Double], [Double]) {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var fpr = [0.0], tpr = [0.0]
        var x = 0.0, y = 0.0
        while x < 1 || y < 1 {
            if y < 1 && (x >= 1 || next() < 0.5 + quality * (1 - y)) { y = min(1, y + 1.0 / Double(n)) } else { x = min(1, x + 1.0 / Double(n)) }
            fpr.append(x); tpr.append(y)
        }
        return (fpr, tpr)
    }

    static var all: [(String, any Chart)] {
        [("roc", roc), ("calibration", calibration), ("decision", decision), ("forest", forest), ("lasso", lasso), ("grid", grid), ("roc9", rocNine)]
    }

    static var calibration: CalibrationChart {
        func series(_ name: String, _ index: Int, shift: Double, seed: UInt64) -> CalibrationSeries {
            var state = seed
            func next() -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double(state >> 11) / Double(1 << 53)
            }
            let bins = (0..<5).map { k -> CalibrationBin in
                let p = 0.1 + 0.18 * Double(k)
                let o = min(1, max(0, p + shift * (p - 0.5) + 0.04 * (next() - 0.5)))
                return CalibrationBin(meanPredicted: p, observed: o, lower: max(0, o - 0.12), upper: min(1, o + 0.12), count: 17)
            }
            let xs = stride(from: 0.05, through: 0.9, by: 0.05).map { $0 }
            let ys = xs.map { $0 + shift * ($0 - 0.5) }
            let risks = (0..<87).map { _ in pow(next(), 1.6) }
            return CalibrationSeries(name: name, colorIndex: index, bins: bins, smoothedPredicted: xs, smoothedObserved: ys,
                                     predictedRisks: risks,
                                     statistics: ["Intercept −0.08 (−0.52 to 0.36)", "Slope \(NumberFormat.fixed(1 + shift, decimals: 2))", "Brier 0.172, ICI 0.031"])
        }
        return CalibrationChart(title: "Validation cohort: calibration", series: [
            series("Clinical", 0, shift: 0.15, seed: 4), series("Post-fusion", 3, shift: -0.1, seed: 5),
        ])
    }

    static var decision: DecisionCurveChart {
        let t = stride(from: 0.01, through: 0.99, by: 0.01).map { $0 }
        let prevalence = 0.276
        let all = t.map { prevalence - (1 - prevalence) * $0 / (1 - $0) }
        func model(_ q: Double) -> [Double] { t.map { max(-0.02, prevalence * (1 - pow($0, q)) - (1 - prevalence) * 0.3 * $0 * (1 - $0)) } }
        return DecisionCurveChart(title: "Test cohort: decision curves", thresholds: t, models: [
            DecisionCurveSeries(name: "Clinical", colorIndex: 0, netBenefit: model(0.5)),
            DecisionCurveSeries(name: "Pre-fusion", colorIndex: 3, netBenefit: model(0.35)),
            DecisionCurveSeries(name: "Post-fusion", colorIndex: 4, netBenefit: model(0.25)),
        ], treatAll: all)
    }

    static var forest: ForestPlot {
        let names = ["Clinical", "Rad", "DL"]
        var rows: [ForestRow] = []
        for (g, cohort) in ["Training", "Validation", "Test"].enumerated() {
            for (i, n) in names.enumerated() {
                let e = 0.70 + 0.04 * Double(i) + 0.05 * Double(2 - g)
                rows.append(ForestRow(label: n, estimate: e, lower: e - 0.1, upper: min(1, e + 0.09), colorIndex: i, group: cohort))
            }
        }
        return ForestPlot(title: "AUC across models and cohorts", rows: rows)
    }

    static var lasso: LassoPathChart {
        let ll = stride(from: -7.0, through: -1.0, by: 0.2).map { $0 }
        let err = ll.map { 1.05 + 0.08 * pow($0 + 4.2, 2) / 4 }
        let se = ll.map { 0.04 + 0.005 * abs($0) }
        let counts = ll.map { max(0, Int(60 * exp(-($0 + 7) / 1.5))) }
        return LassoPathChart(title: "Radiomics: LASSO cross-validation", logLambda: ll, meanError: err, standardError: se,
                              logLambdaMin: -4.2, logLambda1SE: -3.2, nonzeroCounts: counts)
    }

    static var grid: ChartGrid {
        var pre = roc
        pre.title = "Pre-fusion"
        pre.series = [roc.series[0]]
        pre.series[0].name = "Clinical+Rad+DL (pre)"
        pre.series[0].colorIndex = 3
        var single = roc
        single.title = "Single-modal"
        return ChartGrid(title: "Validation cohort", panels: [single, pre], panelSize: Size(width: 300, height: 280))
    }

    /// Nine models and a long legend: too big for the plot, so it moves beside or below it.
    static var rocNine: ROCChart {
        let names = ["Clinical", "Rad", "DL", "Clinical+Rad (pre)", "Clinical+DL (pre)", "Rad+DL (pre)", "All (pre)", "All (post)", "Rad+DL (post)"]
        let series = names.enumerated().map { i, n -> ROCSeries in
            let c = staircase(seed: UInt64(i + 10), quality: 0.2 + 0.03 * Double(i))
            return ROCSeries(name: n, colorIndex: i, falsePositiveRate: c.0, truePositiveRate: c.1,
                             auc: 0.7 + 0.01 * Double(i), aucLower: 0.6, aucUpper: 0.8)
        }
        return ROCChart(title: "Test cohort: all nine models", series: series)
    }

    static var roc: ROCChart {
        let a = staircase(seed: 1, quality: 0.35), b = staircase(seed: 2, quality: 0.45), c = staircase(seed: 3, quality: 0.25)
        return ROCChart(title: "Validation cohort: single-modal models", series: [
            ROCSeries(name: "Clinical", colorIndex: 0, falsePositiveRate: a.0, truePositiveRate: a.1, auc: 0.731, aucLower: 0.615, aucUpper: 0.846),
            ROCSeries(name: "Rad", colorIndex: 1, falsePositiveRate: b.0, truePositiveRate: b.1, auc: 0.789, aucLower: 0.688, aucUpper: 0.890),
            ROCSeries(name: "DL", colorIndex: 2, falsePositiveRate: c.0, truePositiveRate: c.1, auc: 0.726, aucLower: 0.612, aucUpper: 0.840),
        ])
    }
}

enum SampleDocument {
    static let metadata = DocumentMetadata(title: "Sentinel validation report", author: "Sentinel demo",
                                           creator: "Sentinel 0.1.0", date: Date(timeIntervalSince1970: 1_700_000_000))

    /// A long table (forces page breaks), headings, paragraphs, figures.
    static func build() throws -> Data {
        let first = try build(contents: nil)
        return try build(contents: first.headings).finish()
    }

    static let headingTitles: [(String, Int)] = [("1 Summary", 1), ("1.1 Cohorts", 2), ("2 Discrimination", 1), ("3 Figures", 1)]

    /// Two-pass build: `contents` nil lays out with placeholder page numbers.
    /// With `resolving`, the table of contents is `addResolvedTableOfContents` (one build).
    static func build(contents: [TableOfContentsEntry]?, layoutOnly: Bool = false,
                      engine: PDFDocument.Engine = .native, resolving: Bool = false) throws -> PDFDocument {
        let doc = try PDFDocument(metadata: metadata, layoutOnly: layoutOnly, engine: engine)
        try doc.addTitlePage(title: "Sentinel validation report", subtitle: "Sentinel lymph node metastasis: clinical, radiomics and deep-learning models",
                             lines: ["Sentinel 0.1.0", "Run date 2023-11-14", "Seed 20250101"],
                             note: "The data in this report are simulated.")
        let planned = contents ?? headingTitles.map { TableOfContentsEntry(title: $0.0, level: $0.1) }
        if resolving {
            try doc.addResolvedTableOfContents(planned)
        } else {
            try doc.addTableOfContents(planned)
        }
        try doc.startNewPage()
        try doc.addHeading("1 Summary")
        try doc.addParagraph(String(repeating: "The post-fusion model reached an AUC of 0.845 (95% CI 0.769–0.921) in the validation cohort; calibration slope ≥ 0.9 ± 0.1 and μ stable. ", count: 6))
        try doc.addHeading("1.1 Cohorts", level: 2)
        try doc.addBulletList(["Training 203 (56 SLN+)", "Internal validation 87 (24)", "Test 82 (23)"])
        try doc.addHeading("2 Discrimination")
        var rows: [PDFTableRow] = []
        for cohort in ["Training", "Validation", "Test"] {
            rows.append(PDFTableRow(["\(cohort) cohort"], isGroupHeading: true))
            for (i, model) in ["Clinical", "Rad", "DL", "Clinical+Rad", "Clinical+DL", "Rad+DL", "Pre-fusion", "Post-fusion", "All (post)"].enumerated() {
                let auc = 0.70 + 0.01 * Double(i)
                rows.append(PDFTableRow([model, NumberFormat.estimate(auc, lower: auc - 0.08, upper: auc + 0.08),
                                         NumberFormat.estimate(auc, lower: auc - 0.09, upper: auc + 0.07),
                                         "0.\(700 + i)", "0.\(650 + i)", "0.\(720 + i)"]))
            }
        }
        let table = PDFTable(caption: "Table 2. Discrimination of the nine models in every cohort",
                             header: [["Model", "AUC (DeLong 95% CI)", "AUC (bootstrap 95% CI)", "Accuracy", "Sensitivity", "Specificity"]],
                             rows: rows, footnotes: ["CI: confidence interval. DeLong CIs after Sun & Xu (2014); bootstrap: 2000 stratified resamples, percentile."])
        try doc.addTable(table)
        try doc.addTable(table)
        try doc.addHeading("3 Figures")
        try doc.addFigure(SampleCharts.roc, caption: "Figure 1. ROC curves, validation cohort.")
        try doc.addFigure(SampleCharts.calibration, caption: "Figure 2. Calibration, validation cohort.")
        try doc.addFigure(SampleCharts.forest, caption: "Figure 3. AUC across models and cohorts.")
        try doc.addFigure(ChartGrid(title: "Validation cohort", panels: [SampleCharts.roc, SampleCharts.roc, SampleCharts.roc]),
                          caption: "Figure 4. Three ROC panels reflowed to the text width.", fit: .reflow)
        return doc
    }
}
