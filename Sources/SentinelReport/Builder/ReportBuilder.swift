import Foundation
import SentinelStudy

/// Builds the report's content, in the order journals and TRIPOD+AI expect: summary,
/// provenance, cohorts, Table 1, feature selection, models, Table 2, Table 3, figures,
/// methods and the TRIPOD+AI checklist. Sections that do not apply (Table 1 for
/// predictions alone, say) are left out, and the checklist says so.
public struct ReportBuilder: Sendable {
    public let inputs: ReportInputs

    public init(inputs: ReportInputs) {
        self.inputs = inputs
    }

    public func build() -> ReportDocument {
        var sections: [ReportSection] = [summary(), provenance(), cohorts()]
        if let t1 = inputs.table1 { sections.append(table1Section(t1)) }
        if let selection = inputs.results.selection, !selection.isEmpty {
            sections.append(selectionSection(selection))
        }
        if !inputs.modelDescription.isEmpty || inputs.results.models != nil { sections.append(modelsSection()) }
        sections.append(table2Section())
        sections.append(table3Section())
        sections.append(figureSection(id: "roc", title: "ROC curves", kind: "roc",
            intro: "Receiver operating characteristic curves per cohort; AUC with DeLong 95% CI in the legend."))
        sections.append(calibrationSection())
        sections.append(figureSection(id: "dca", title: "Decision curves", kind: "dca",
            intro: "Net benefit against threshold probability per cohort, with treat-all and treat-none references."))
        if let forest = inputs.figures["forest"], !forest.isEmpty {
            sections.append(figureSection(id: "forest", title: "AUC across models and cohorts", kind: "forest",
                intro: "AUC with DeLong 95% CI for every model in every cohort."))
        }
        sections.append(methodsSection())
        sections.append(tripodSection(present: Set(sections.map(\.id))))
        var notices: [String] = []
        if let notice = inputs.simulatedDataNotice { notices.append(notice) }
        return ReportDocument(title: inputs.title, subtitle: inputs.subtitle, notices: notices,
                              sections: sections, generator: inputs.generator, date: inputs.date)
    }

    // MARK: Sections

    func summary() -> ReportSection {
        let r = inputs.results
        var paragraphs: [String] = []
        let cohortText = r.cohorts.map { "\($0.name) (n = \($0.n), \($0.positives) positive)" }.joined(separator: ", ")
        let modelCount = r.cohorts.first?.models.count ?? 0
        paragraphs.append("\(counted(modelCount, "model")) evaluated in \(counted(r.cohorts.count, "cohort")): \(cohortText). \(thresholdSentence()).")
        for cohort in r.cohorts where cohort.name != r.thresholdCohort {
            if let best = cohort.models.max(by: { $0.auc < $1.auc }) {
                paragraphs.append("In the \(cohort.name) cohort the highest AUC was \(best.name): \(ReportFormat.withInterval(best.auc, best.aucCI)) (DeLong 95% CI).")
            }
        }
        return ReportSection(id: "summary", title: "Summary", paragraphs: paragraphs)
    }

    func provenance() -> ReportSection {
        let hashRows = inputs.inputHashes.map { [ReportCell($0.path), ReportCell($0.sha256)] }
        var blocks: [ReportBlock] = []
        if !hashRows.isEmpty {
            blocks.append(ReportBlock(table: ReportTable(
                id: "table-inputs", caption: "Input files and their SHA-256 digests",
                headers: [ReportCell("File"), ReportCell("SHA-256")], rows: hashRows, columnWeights: [1, 2])))
        }
        return ReportSection(id: "provenance", title: "Provenance",
            paragraphs: ["Everything needed to reproduce this report: the same inputs, tool version and seed give byte-identical outputs."],
            keyValues: inputs.provenance, blocks: blocks)
    }

    func cohorts() -> ReportSection {
        let rows = inputs.results.cohorts.map { c -> [ReportCell] in
            [ReportCell(c.name, header: true), ReportCell("\(c.n)", numeric: true),
             ReportCell("\(c.positives)", numeric: true), ReportCell("\(c.n - c.positives)", numeric: true),
             ReportCell(ReportFormat.percent(Double(c.positives) / Double(max(c.n, 1))), numeric: true)]
        }
        let table = ReportTable(id: "table-cohorts", caption: "Cohorts",
            headers: [ReportCell("Cohort"), ReportCell("Patients", numeric: true), ReportCell("Positive", numeric: true),
                      ReportCell("Negative", numeric: true), ReportCell("Prevalence", numeric: true)],
            rows: rows)
        return ReportSection(id: "cohorts", title: "Cohorts and flow",
            paragraphs: [cohortFlow(), "Patients per cohort and outcome; this cohort order is kept in every table and figure."],
            blocks: [ReportBlock(table: table)])
    }

    /// "372 patients (103 positive) in 3 cohorts. Models were fitted on train (n = 203, ...) only; ..."
    func cohortFlow() -> String {
        let r = inputs.results
        let total = r.cohorts.reduce(0) { $0 + $1.n }
        let positives = r.cohorts.reduce(0) { $0 + $1.positives }
        let others = r.cohorts.filter { $0.name != r.thresholdCohort }
            .map { "\($0.name) (n = \($0.n), \($0.positives) positive)" }
        var text = "\(counted(total, "patient")) (\(positives) positive) in \(counted(r.cohorts.count, "cohort")). "
        if let assignment = inputs.cohortAssignment { text += assignment + " " }
        if let first = r.cohorts.first(where: { $0.name == r.thresholdCohort }) {
            text += inputs.table1 != nil || r.models != nil
                ? "Feature selection, model fitting and threshold choice used the \(first.name) cohort only (n = \(first.n), \(first.positives) positive)"
                : r.cohorts.count == 1 ? thresholdSentence() : "Thresholds were chosen on the \(first.name) cohort (n = \(first.n), \(first.positives) positive)"
        }
        text += others.isEmpty ? "." : "; the models were then applied unchanged to " + others.joined(separator: ", ") + "."
        text += " Every patient with an outcome is evaluated; no patient is excluded after cohort assignment."
        return text
    }

    func table1Section(_ t1: Table1Summary) -> ReportSection {
        var blocks: [ReportBlock] = []
        for (ci, cohort) in t1.cohorts.enumerated() {
            var rows: [[ReportCell]] = []
            // A variable's rows (name, mean, levels) stay on one page.
            var keptWithNext: Set<Int> = []
            var tests: [String] = []
            for v in cohort.variables {
                let firstRow = rows.count
                defer { keptWithNext.formUnion(firstRow..<max(firstRow, rows.count - 1)) }
                let footnoteMark: String
                if let test = v.test {
                    if !tests.contains(test) { tests.append(test) }
                    footnoteMark = String(repeating: "*", count: (tests.firstIndex(of: test) ?? 0) + 1)
                } else {
                    footnoteMark = ""
                }
                switch v.kind {
                case .continuous:
                    let cells = v.groups.map { g -> ReportCell in
                        let text = "\(ReportFormat.fixed(g.median, 2)) (\(ReportFormat.fixed(g.q1, 2)), \(ReportFormat.fixed(g.q3, 2)))"
                            + (g.missing > 0 ? "; missing \(g.missing)" : "")
                        return ReportCell(text, numeric: true)
                    }
                    rows.append([ReportCell("\(v.name), median (Q1, Q3)", header: true)] + cells
                                + [ReportCell(ReportFormat.pValue(v.p) + footnoteMark, numeric: true)])
                    let meanCells = v.groups.map { ReportCell("\(ReportFormat.fixed($0.mean, 2)) (\(ReportFormat.fixed($0.sd, 2)))", numeric: true) }
                    rows.append([ReportCell("  mean (SD)", header: true)] + meanCells + [ReportCell("")])
                case .categorical:
                    rows.append([ReportCell("\(v.name), n (%)", header: true)] + v.groups.map { g in
                        ReportCell(g.missing > 0 ? "missing \(g.missing)" : "")
                    } + [ReportCell(ReportFormat.pValue(v.p) + footnoteMark, numeric: true)])
                    for (li, level) in v.levels.enumerated() {
                        let cells = v.groups.map { g -> ReportCell in
                            let count = li < g.counts.count ? g.counts[li] : 0
                            let denom = max(g.n - g.missing, 1)
                            return ReportCell("\(count) (\(ReportFormat.percent(Double(count) / Double(denom))))", numeric: true)
                        }
                        rows.append([ReportCell("  \(level)", header: true)] + cells + [ReportCell("")])
                    }
                }
            }
            var footnotes = tests.enumerated().map { "\(String(repeating: "*", count: $0.offset + 1)) \($0.element)." }
            let missing = cohort.variables.reduce(0) { $0 + $1.groups.reduce(0) { $0 + $1.missing } }
            footnotes.append(missing == 0
                ? "No values were missing in this cohort."
                : "Missing values (\(missing) in all) are shown per group as \"missing n\"; percentages are of the patients with a value.")
            blocks.append(ReportBlock(heading: "\(cohort.name) cohort", anchor: "table1-\(ci)", table: ReportTable(
                id: "table1-\(ci)-\(cohort.name.reportSlug)",
                caption: "Table 1 (\(cohort.name)): characteristics by \(t1.outcomeName)",
                headers: [ReportCell("Characteristic"),
                          ReportCell("\(t1.outcomeName) = 0 (n = \(cohort.negatives))", numeric: true),
                          ReportCell("\(t1.outcomeName) = 1 (n = \(cohort.positives))", numeric: true),
                          ReportCell("p", numeric: true)],
                rows: rows, footnotes: footnotes, columnWeights: [2.2, 1.6, 1.6, 0.7], rowsKeptWithNext: keptWithNext)))
        }
        return ReportSection(id: "table1", title: "Table 1: patient characteristics",
            paragraphs: ["Continuous variables as median (Q1, Q3) and mean (SD); categorical as n (%). Each p-value names its test in a footnote; missing values are shown per group."],
            blocks: blocks)
    }

    func selectionSection(_ trails: [SelectionTrail]) -> ReportSection {
        var blocks: [ReportBlock] = []
        let lassoFigures = inputs.figures["lasso"] ?? []
        for (i, trail) in trails.enumerated() {
            var rows: [[ReportCell]] = [[ReportCell("Candidates", header: true), ReportCell("\(trail.candidates)", numeric: true), ReportCell("")]]
            for step in trail.steps {
                rows.append([ReportCell(step.name, header: true), ReportCell("\(step.kept.count)", numeric: true),
                             ReportCell(step.fallback ? (step.note ?? "nothing survived; the best feature of the step before was kept") : (step.note ?? ""))])
            }
            blocks.append(ReportBlock(heading: trail.featureSet, anchor: "selection-\(i)-\(trail.featureSet.reportSlug)",
                table: ReportTable(id: "selection-steps-\(i)-\(trail.featureSet.reportSlug)",
                    caption: "Selection steps for \(trail.featureSet)",
                    headers: [ReportCell("Step"), ReportCell("Features kept", numeric: true), ReportCell("Note")],
                    rows: rows, columnWeights: [2, 1, 3])))
            if let coefs = trail.lassoCoefficients, !coefs.isEmpty {
                let sorted = coefs.sorted { abs($0.value) > abs($1.value) || (abs($0.value) == abs($1.value) && $0.key < $1.key) }
                blocks.append(ReportBlock(table: ReportTable(id: "selection-coef-\(i)-\(trail.featureSet.reportSlug)",
                    caption: "Supplementary table: features selected for \(trail.featureSet) and their LASSO coefficients (z-scored features, λ = \(ReportFormat.fixed(trail.lassoLambda, 5)))",
                    headers: [ReportCell("Feature"), ReportCell("Coefficient", numeric: true)],
                    rows: sorted.map { [ReportCell($0.key), ReportCell(ReportFormat.fixed($0.value, 4), numeric: true)] },
                    columnWeights: [3, 1])))
            }
            if i < lassoFigures.count { blocks.append(ReportBlock(figure: lassoFigures[i])) }
        }
        return ReportSection(id: "selection", title: "Feature selection",
            paragraphs: ["Per feature set, on the training cohort only: univariate test (t-test when both outcome groups pass Shapiro-Wilk at 0.05, else Mann-Whitney U; chi-square or Fisher's exact test for categorical features), then a correlation filter (of a pair with |r| above the threshold the feature with the larger univariate p is dropped), then LASSO with stratified cross-validation (λ_min)."],
            blocks: blocks)
    }

    func modelsSection() -> ReportSection {
        var blocks: [ReportBlock] = []
        if let models = inputs.results.models, !models.isEmpty {
            let rows = models.map { m -> [ReportCell] in
                let hp = m.hyperparameters.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value == $0.value.rounded() && abs($0.value) < 1e9 ? String(Int($0.value)) : ReportFormat.significant($0.value, 4))" }.joined(separator: ", ")
                return [ReportCell(m.name, header: true), ReportCell(m.kind), ReportCell("\(m.inputs.count)", numeric: true), ReportCell(hp)]
            }
            blocks.append(ReportBlock(table: ReportTable(id: "table-models", caption: "Fitted models",
                headers: [ReportCell("Model"), ReportCell("Learner"), ReportCell("Inputs", numeric: true), ReportCell("Chosen hyperparameters")],
                rows: rows, columnWeights: [2, 2, 0.8, 2.5])))
        }
        return ReportSection(id: "models", title: "The frozen models", paragraphs: inputs.modelDescription, blocks: blocks)
    }

    func table2Section() -> ReportSection {
        var blocks: [ReportBlock] = []
        for (ci, cohort) in inputs.results.cohorts.enumerated() {
            let rows = cohort.models.map { m -> [ReportCell] in
                [ReportCell(m.name, header: true),
                 ReportCell(ReportFormat.withInterval(m.auc, m.aucCI), numeric: true),
                 ReportCell(ReportFormat.interval(m.aucCIBootstrap), numeric: true),
                 ReportCell(ReportFormat.withInterval(m.accuracy, m.accuracyCI), numeric: true),
                 ReportCell(ReportFormat.withInterval(m.sensitivity, m.sensitivityCI), numeric: true),
                 ReportCell(ReportFormat.withInterval(m.specificity, m.specificityCI), numeric: true)]
            }
            blocks.append(ReportBlock(heading: "\(cohort.name) cohort (n = \(cohort.n), \(cohort.positives) positive)",
                anchor: "table2-\(ci)-\(cohort.name.reportSlug)-h",
                table: ReportTable(id: "table2-\(ci)-\(cohort.name.reportSlug)",
                    caption: "Table 2 (\(cohort.name)): discrimination and threshold metrics",
                    headers: [ReportCell("Model"), ReportCell("AUC (DeLong 95% CI)", numeric: true),
                              ReportCell("AUC bootstrap 95% CI", numeric: true), ReportCell("Accuracy (95% CI)", numeric: true),
                              ReportCell("Sensitivity (95% CI)", numeric: true), ReportCell("Specificity (95% CI)", numeric: true)],
                    rows: rows,
                    footnotes: ["AUC CI: DeLong variance, Wald interval clipped to [0, 1]. \(Self.bootstrapNote(inputs.results.methods.bootstrapReplicates)) Accuracy, sensitivity and specificity at the Youden threshold of the \(inputs.results.thresholdCohort) cohort, with Wilson 95% CIs."],
                    columnWeights: [2.2, 1.8, 1.3, 1.6, 1.6, 1.6])))
        }
        return ReportSection(id: "table2", title: "Table 2: model performance", blocks: blocks)
    }

    func table3Section() -> ReportSection {
        // One model has no pair to compare: a sentence instead of empty tables (a caption and
        // header with no rows, the footnote alone at the top of the next page).
        guard inputs.results.cohorts.contains(where: { !$0.comparisons.isEmpty }) else {
            return ReportSection(id: "table3", title: "Table 3: model comparisons",
                                 paragraphs: ["Only one model was evaluated, so there is no pair of models to compare."])
        }
        var blocks: [ReportBlock] = []
        for (ci, cohort) in inputs.results.cohorts.enumerated() where !cohort.comparisons.isEmpty {
            let rows = cohort.comparisons.map { c -> [ReportCell] in
                [ReportCell("\(c.a) vs \(c.b)", header: true),
                 ReportCell(ReportFormat.withInterval(c.aucDifference, c.differenceCI), numeric: true),
                 ReportCell(ReportFormat.fixed(c.z, 3), numeric: true),
                 ReportCell(ReportFormat.pValue(c.p), numeric: true)]
            }
            blocks.append(ReportBlock(heading: "\(cohort.name) cohort", anchor: "table3-\(ci)-\(cohort.name.reportSlug)-h",
                table: ReportTable(id: "table3-\(ci)-\(cohort.name.reportSlug)",
                    caption: "Table 3 (\(cohort.name)): paired DeLong tests",
                    headers: [ReportCell("Comparison"), ReportCell("AUC difference (95% CI)", numeric: true),
                              ReportCell("z", numeric: true), ReportCell("p", numeric: true)],
                    rows: rows,
                    footnotes: ["Two-sided paired DeLong test on the same patients, as pROC roc.test(paired = TRUE, method = \"delong\"). NA: the two models rank patients identically, so the test is undefined."],
                    columnWeights: [3.2, 1.8, 0.8, 0.8])))
        }
        return ReportSection(id: "table3", title: "Table 3: model comparisons", blocks: blocks)
    }

    func calibrationSection() -> ReportSection {
        var blocks: [ReportBlock] = []
        for (ci, cohort) in inputs.results.cohorts.enumerated() {
            let rows = cohort.models.map { m -> [ReportCell] in
                [ReportCell(m.name, header: true),
                 ReportCell(ReportFormat.withInterval(m.calibrationIntercept, m.calibrationInterceptCI), numeric: true),
                 ReportCell(ReportFormat.withInterval(m.calibrationSlope, m.calibrationSlopeCI), numeric: true),
                 ReportCell(ReportFormat.fixed(m.brier), numeric: true),
                 ReportCell(ReportFormat.fixed(m.scaledBrier), numeric: true),
                 ReportCell(ReportFormat.fixed(m.ici), numeric: true),
                 ReportCell(ReportFormat.fixed(m.e90), numeric: true),
                 ReportCell(ReportFormat.pValue(m.spiegelhalterP), numeric: true)]
            }
            blocks.append(ReportBlock(heading: "\(cohort.name) cohort", anchor: "calibration-\(ci)-\(cohort.name.reportSlug)-h",
                table: ReportTable(id: "calibration-\(ci)-\(cohort.name.reportSlug)",
                    caption: "Calibration (\(cohort.name))",
                    headers: [ReportCell("Model"), ReportCell("Intercept (95% CI)", numeric: true), ReportCell("Slope (95% CI)", numeric: true),
                              ReportCell("Brier", numeric: true), ReportCell("Scaled Brier", numeric: true), ReportCell("ICI", numeric: true),
                              ReportCell("E90", numeric: true), ReportCell("Spiegelhalter p", numeric: true)],
                    rows: rows,
                    footnotes: ["Intercept: calibration-in-the-large (logistic recalibration with the slope fixed at 1); slope: logistic recalibration slope. ICI and E90: mean and 90th percentile of |lowess-smoothed observed − predicted|."]
                        + cohort.models.flatMap { m in (m.calibrationNotes ?? []).map { "\(m.name): \($0.hasSuffix(".") ? $0 : $0 + ".")" } },
                    columnWeights: [2.2, 1.7, 1.7, 0.8, 0.9, 0.8, 0.8, 1])))
        }
        for figure in inputs.figures["calibration"] ?? [] { blocks.append(ReportBlock(figure: figure)) }
        return ReportSection(id: "calibration", title: "Calibration",
            paragraphs: ["Binned observed against predicted risk (10 equal-count bins with Wilson 95% CIs), the lowess-smoothed calibration curve (R lowess without robustness iterations, as in rms val.prob) and the ideal line; predicted-risk histograms under each panel."],
            blocks: blocks)
    }

    func figureSection(id: String, title: String, kind: String, intro: String) -> ReportSection {
        let figures = inputs.figures[kind] ?? []
        return ReportSection(id: id, title: title,
            paragraphs: figures.isEmpty ? [intro, "No figures were drawn for this run."] : [intro],
            blocks: figures.map { ReportBlock(figure: $0) })
    }

    func methodsSection() -> ReportSection {
        let m = inputs.results.methods
        var kv: [(key: String, value: String)] = [
            ("AUC and CI", m.aucCI),
            ("Bootstrap", "\(m.bootstrap); \(m.bootstrapReplicates) replicates; seed \(m.seed)"),
            ("Threshold", m.threshold),
            ("Proportion CIs", m.proportionCI),
            ("Calibration", m.calibration),
            ("Decision curves", m.decisionCurve),
            ("Model comparison", m.comparison),
            ("Decision-curve references", "treat all: prevalence − (1 − prevalence) · t / (1 − t); treat none: 0"),
        ]
        if inputs.table1 != nil {
            kv.append(("Table 1 tests", "continuous: Student t-test when both groups pass Shapiro-Wilk at 0.05, else Mann-Whitney U (two-sided, normal approximation with tie correction); categorical: Pearson chi-square without continuity correction, Fisher's exact test when an expected count is below 5"))
        }
        if inputs.results.selection != nil {
            kv.append(("Feature selection", "univariate screen, correlation filter and LASSO (each λ of the path solved exactly by an active-set method with KKT checks: the optimum scikit-learn LassoCV converges to; stratified CV, λ_min), training cohort only"))
        }
        if let models = inputs.results.models, !models.isEmpty {
            var kinds: [String] = []
            for model in models where !kinds.contains(model.kind) { kinds.append(model.kind) }
            kv.append(("Learners", kinds.joined(separator: "; ")))
            if models.contains(where: { $0.name.hasPrefix("Post-fusion") }) {
                kv.append(("Stacking (post-fusion)", "SVM on the single-modal models' 5-fold out-of-fold training probabilities, Platt-scaled; at prediction time on the probabilities of the single-modal models refitted on the whole training cohort"))
            }
            if models.contains(where: { $0.name.hasPrefix("Pre-fusion") }) {
                kv.append(("Feature fusion (pre-fusion)", "concatenation of the selected features of the fused modalities, z-scored, one logistic model"))
            }
        }
        return ReportSection(id: "methods", title: "Methods",
            paragraphs: ["Every number in this report was produced by the methods below; each is checked in Sentinel's test suite against reference values from R (pROC, rms, stats), scipy, statsmodels or scikit-learn."],
            keyValues: kv)
    }

    func tripodSection(present: Set<String>) -> ReportSection {
        func at(_ id: String, _ label: String) -> String { present.contains(id) ? "See \(label)" : "Author to supply" }
        /// "See A, B" naming only the sections present.
        func among(_ places: [(id: String, label: String)]) -> String {
            let labels = places.filter { present.contains($0.id) }.map(\.label)
            return labels.isEmpty ? "Author to supply" : "See " + labels.joined(separator: ", ")
        }
        let items: [(String, String, String)] = [
            ("1", "Title", "Author to supply"),
            ("2", "Abstract", "Author to supply (key results: Summary)"),
            ("3", "Background", "Author to supply"),
            ("4", "Objectives", "Author to supply"),
            ("5", "Data sources", at("provenance", "Provenance (input files and digests)")),
            ("6", "Participants", at("cohorts", "Cohorts and flow")),
            ("7", "Data preparation", at("selection", "Feature selection")),
            ("8", "Outcome", at("cohorts", "Cohorts and flow; definition: author to supply")),
            ("9", "Predictors", among([("table1", "Table 1"), ("selection", "Feature selection")])),
            ("10", "Sample size", at("cohorts", "Cohorts and flow (events per cohort)")),
            ("11", "Missing data", at("table1", "Table 1 (missing values per group)")),
            ("12", "Analytical methods", among([("methods", "Methods"), ("selection", "Feature selection"), ("models", "The frozen models")])),
            ("13", "Class imbalance", "Author to supply (no resampling is applied)"),
            ("14", "Fairness", "Author to supply"),
            ("15", "Model output", at("models", "The frozen models (predicted probabilities)")),
            ("16", "Training versus evaluation", at("cohorts", "Cohorts and flow")),
            ("17", "Ethical approval", "Author to supply"),
            ("18", "Open science (funding, conflicts, protocol, data and code)", "Code: Sentinel (see Provenance); rest: author to supply"),
            ("19", "Patient and public involvement", "Author to supply"),
            ("20", "Participants (results)", present.contains("table1") ? "See Table 1 and Cohorts and flow" : at("cohorts", "Cohorts and flow")),
            ("21", "Model development", at("selection", "Feature selection")),
            ("22", "Model specification", at("models", "The frozen models (model.json)")),
            ("23", "Model performance", among([("table2", "Table 2"), ("table3", "Table 3"), ("roc", "ROC curves"),
                                                ("calibration", "Calibration"), ("dca", "Decision curves")])),
            ("24", "Model updating", "Author to supply"),
            ("25", "Interpretation", "Author to supply"),
            ("26", "Limitations", "Author to supply"),
            ("27", "Usability and implementation", at("models", "The frozen models")),
        ]
        let rows = items.map { [ReportCell($0.0, numeric: true), ReportCell($0.1, header: true), ReportCell($0.2)] }
        return ReportSection(id: "tripod", title: "TRIPOD+AI checklist",
            paragraphs: ["TRIPOD+AI (Collins et al., BMJ 2024) items, pointing to where this report answers them or marking them as the author's to supply."],
            blocks: [ReportBlock(table: ReportTable(id: "table-tripod", caption: "TRIPOD+AI checklist",
                headers: [ReportCell("Item", numeric: true), ReportCell("Topic"), ReportCell("Where")],
                rows: rows, columnWeights: [0.5, 2.5, 3]))])
    }
}

extension String {
    /// A lower-case ASCII slug for HTML ids and figure file names: letters and digits kept,
    /// runs of others as "-", at most `reportSlugLimit` characters (a file name stays far below
    /// the 255-byte limit of common file systems however long the cohort or model name).
    var reportSlug: String {
        var out = ""
        var lastDash = false
        // Non-Latin names are transliterated first (ICU Any-Latin, accents stripped):
        // "训练集" → "xun-lian-ji", "München" → "munchen", rather than "x" / "m-nchen".
        let latin = unicodeScalars.allSatisfy(\.isASCII) ? self
            : (self.applyingTransform(StringTransform.toLatin, reverse: false)?.applyingTransform(StringTransform.stripDiacritics, reverse: false) ?? self)
        for scalar in latin.unicodeScalars where out.unicodeScalars.count < String.reportSlugLimit {
            if scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastDash = false
            } else if !lastDash && !out.isEmpty {
                out.append("-")
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : out.lowercased()
    }

    /// Longest `reportSlug`, in characters.
    static let reportSlugLimit = 48

    /// The text for a chart label: unchanged up to `limit` characters, else its first
    /// `limit - 1` characters and "…" (the full name stays in the tables and alt texts).
    func chartLabel(limit: Int = 40) -> String {
        count <= limit ? self : String(prefix(limit - 1)) + "…"
    }
}

/// "1 model", "3 models": `count` and `noun`, plural with an "s" unless `count` is 1.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

extension ReportBuilder {
    /// Where the thresholds came from (no final full stop). With one cohort they were chosen on
    /// the very patients they are applied to, which the reader must know: the threshold
    /// metrics are then apparent, optimistic values.
    func thresholdSentence() -> String {
        let r = inputs.results
        guard r.cohorts.count == 1 else { return "Thresholds were chosen on the \(r.thresholdCohort) cohort" }
        return "Thresholds were chosen on the same patients they are applied to (the only cohort, \"\(r.thresholdCohort)\"), so accuracy, sensitivity and specificity are apparent, optimistic values"
    }

    /// Table 2's footnote on the bootstrap column: its replicates, or that none were run.
    static func bootstrapNote(_ replicates: Int) -> String {
        replicates > 0 ? "Bootstrap: \(replicates) stratified replicates, percentile interval."
                       : "Bootstrap: not run (0 replicates), so its CIs are NA."
    }
}
