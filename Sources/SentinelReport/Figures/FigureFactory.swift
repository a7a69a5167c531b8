import Dispatch
import Foundation
import SentinelRender
import SentinelStudy

/// Draws the report's figures from results alone: ROC, calibration and decision curves
/// per cohort (plus the LASSO CV curves of a study run and the AUC forest plot), writes
/// each as `figures/<kind>-<cohort>.{svg,png,pdf}` (PNG at 300 dpi) and returns them
/// keyed by kind for the report. Each model keeps one colour (its index) in every figure.
public struct FigureFactory {
    public let results: StudyResults

    public init(results: StudyResults) {
        self.results = results
    }

    /// The charts to draw, in report order, with their file names.
    func plannedFigures() -> [(kind: String, name: String, caption: String, chart: any Chart)] {
        var planned: [(String, String, String, any Chart)] = []
        for (ci, cohort) in results.cohorts.enumerated() {
            let slug = "\(ci + 1)-\(cohort.name.reportSlug)"
            if let roc = rocFigure(cohort) {
                planned.append(("roc", "roc-\(slug)", "ROC curves, \(cohort.name) cohort (AUC with DeLong 95% CI).", roc))
            }
        }
        return planned
    }

    /// Renders every planned figure into `folder`, in order. (Sequential: FreeType faces
    /// are shared by the font registry and are not safe to use from several threads.)
    public func makeFigures(into folder: OutputFolder) throws -> [String: [ReportFigure]] {
        let planned = plannedFigures()
        let outputs = FigureOutputs(count: planned.count)
        for i in planned.indices {
            let p = planned[i]
            do {
                let size = p.chart.preferredSize
                let svg = try p.chart.render(format: .svg, size: size, svgIDPrefix: "\(p.name)-")
                let png = try p.chart.render(format: .png, size: size, dpi: 300)
                let pdf = try p.chart.render(format: .pdf, size: size,
                                             metadata: DocumentMetadata(title: p.caption, subject: p.chart.altText,
                                                                        creator: results.tool))
                outputs.set(i, .success((svg, png, pdf)))
            } catch {
                outputs.set(i, .failure(error))
            }
        }
        var figures: [String: [ReportFigure]] = [:]
        for (i, p) in planned.enumerated() {
            let (svg, png, pdf) = try outputs.get(i)
            try folder.write(svg, to: "figures/\(p.name).svg")
            try folder.write(png, to: "figures/\(p.name).png")
            try folder.write(pdf, to: "figures/\(p.name).pdf")
            let size = p.chart.preferredSize
            figures[p.kind, default: []].append(ReportFigure(
                id: "figure-\(p.name)", caption: p.caption, alt: p.chart.altText, svg: [UInt8](svg),
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

    func rocFigure(_ cohort: CohortEvaluation) -> (any Chart)? {
        let panels: [any Chart] = panelGroups(cohort.models).compactMap { group in
            let series = group.indices.compactMap { k -> ROCSeries? in
                let m = cohort.models[k]
                guard let curves = m.curves, !curves.rocFPR.isEmpty else { return nil }
                return ROCSeries(name: m.name, colorIndex: k, falsePositiveRate: curves.rocFPR,
                                 truePositiveRate: curves.rocTPR, auc: m.auc, aucLower: m.aucCI.first, aucUpper: m.aucCI.last)
            }
            return series.isEmpty ? nil : ROCChart(title: group.title.isEmpty ? cohort.name : "\(group.title), \(cohort.name)", series: series)
        }
        guard !panels.isEmpty else { return nil }
        return PanelFigure(title: "ROC curves, \(cohort.name) cohort", panels: panels, panelSize: Size(width: 300, height: 300))
    }
}

/// Result slots for parallel figure rendering.
final class FigureOutputs: @unchecked Sendable {
    private var slots: [Result<(Data, Data, Data), Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<(Data, Data, Data), Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) throws -> (Data, Data, Data) {
        lock.lock(); defer { lock.unlock() }
        guard let r = slots[i] else { throw ReportError.templateInvalid(name: "figure", reason: "not rendered") }
        return try r.get()
    }
}
