import Foundation
import SentinelNumerics
import SentinelStudy

/// `sentinel run STUDY.yaml --out DIR`: the whole study. Loads and joins the data, fits the
/// preprocessor, selection and the models on the training cohort only, scores every cohort
/// with every model, evaluates them, and writes `results.json`, `predictions.csv`,
/// `model.json`, `timings.json` and the report into DIR (atomically).
public struct RunJob {
    public var study: URL
    public var output: URL
    public var force: Bool
    public var version: String
    public var progress: Bool
    /// A notice printed under the report's title (the demo says its data are simulated).
    public var notice: String?

    public init(study: URL, output: URL, force: Bool, version: String, progress: Bool, notice: String? = nil) {
        self.study = study
        self.output = output
        self.force = force
        self.version = version
        self.progress = progress
        self.notice = notice
    }

    /// Runs the study into a fresh output folder.
    @discardableResult
    public func run() throws -> String {
        LargeAllocations.returnToSystemWhenFreed()
        let spec = try StudySpec.load(contentsOf: study)
        let folder = try OutputFolder(destination: output, force: force, inputs: [study] + spec.dataURLs)
        let reporter = ProgressReporter(enabled: progress)
        let json = try run(spec: spec, into: folder, reporter: reporter)
        try folder.commit()
        return json
    }

    /// Runs the study, writing into an already prepared output folder (used by the demo).
    /// `tables`: the study's data files already in memory, in `spec.data` order (the demo's
    /// simulated tables); they are released with the loaded cohort, before fitting.
    /// `provenance`: the inputs' fingerprints already under way (the demo's, made as its files
    /// are written); by default the input files are hashed.
    func run(spec: StudySpec, into folder: OutputFolder, reporter: ProgressReporter,
             tables: consuming [CSVTable]? = nil, provenance: PendingProvenance? = nil) throws -> String {
        // The inputs are fingerprinted in the background while they are loaded.
        let hashing = provenance ?? PendingProvenance(
            files: [(study, study.lastPathComponent)] + zip(spec.dataURLs, spec.data).map { ($0, $1) }, seed: spec.seed)
        reporter.stage("loading \(spec.data.count) data file\(spec.data.count == 1 ? "" : "s")")
        // The loaded cohort (every cell of every file) is needed only to encode the data and
        // build Table 1; it is released here, before fitting and drawing.
        let (encoded, preprocessor, modalities, outcome, table1) = try { () throws -> (EncodedStudy, Preprocessor, [Cohort.Modality], [Int], Table1Summary) in
            let cohort = try tables.take().map { try Cohort(spec: spec, data: JoinedTable(tables: $0, idColumn: spec.id)) }
                ?? Cohort.load(spec: spec)
            let (preprocessor, matrices) = try Preprocessor.fitTransform(cohort)
            return (EncodedStudy(cohort: cohort, matrices: matrices), preprocessor, cohort.modalities, cohort.outcome,
                    try Table1Builder().build(cohort))
        }()
        LargeAllocations.returnFreedPages()
        let design = PipelineDesign(modalityNames: modalities.map(\.name))
        let settings = PipelineSettings(pThreshold: spec.selection.p, correlationThreshold: spec.selection.correlation,
                                        lassoFolds: spec.selection.lassoFolds, seed: spec.seed)
        let fitted = try StudyPipeline(design: design, settings: settings).fit(encoded, progress: reporter)

        reporter.stage("scoring \(encoded.cohortNames.count) cohort\(encoded.cohortNames.count == 1 ? "" : "s")")
        let probabilities = try studyProbabilities(fitted, encoded)
        let table = PredictionTable(ids: encoded.ids, cohorts: encoded.cohortOfRow, labels: outcome,
                                    models: zip(design.models, probabilities).map { .init(name: $0.name, probabilities: $1) })

        reporter.stage("evaluating \(design.models.count) model\(design.models.count == 1 ? "" : "s")")
        // The training cohort first and its thresholds, even when its name is not "train" or its
        // rows do not come first in the data.
        let input = EvaluationInput(table: table, cohortOrder: encoded.cohortNames,
                                    thresholdCohort: encoded.cohortNames[0])
        var results = try PredictionEvaluator(
            settings: EvaluationSettings(bootstrapReplicates: spec.bootstrap, seed: spec.seed),
            toolName: "Sentinel \(version)").evaluate(input)
        results.selection = fitted.selection
        results.models = fitted.models.map(Self.summary)
        let thresholds = Dictionary(uniqueKeysWithValues: (results.cohorts.first { $0.name == results.thresholdCohort }?.models ?? [])
            .map { ($0.name, $0.threshold) })

        // The inputs' SHA-256 digests were computed beside the study; they are needed from here on.
        reporter.stage("recording provenance (SHA-256 of the inputs)")
        let provenance = try hashing.wait()
        let frozen = FrozenStudy(
            tool: "Sentinel \(version)", title: spec.title, idColumn: spec.id, outcomeColumn: spec.outcome,
            cohortColumn: spec.cohort?.column, modalities: modalities, preprocessor: preprocessor, fitted: fitted,
            thresholds: thresholds,
            trainingData: Dictionary(uniqueKeysWithValues: provenance.inputs.dropFirst().map { ($0.path, $0.sha256) }),
            settings: settings)
        let inputs = ReportInputs.forStudy(results: results, spec: spec, provenance: provenance, version: version,
                                           table1: table1, fitted: fitted, notice: notice)
        // results.json, predictions.csv and model.json are encoded by the report's workers,
        // beside the figures and documents.
        let json = EncodedJSON()
        let finalResults = results
        try ReportWriter(progress: reporter).write(inputs, into: folder, risks: input.scoresByCohort, alongside: [
            .init(path: "results.json") { Data(try json.set(ResultsJSON.encode(finalResults)).utf8) },
            .init(path: "predictions.csv") { table.groupedByCohort(encoded.cohortNames).csvData() },
            // The bytes of `frozen.encoded()` (JSONEncoder, sorted keys), written faster.
            .init(path: "model.json") { Data(try SortedJSONEncoder.encode(frozen)) },
        ])
        LargeAllocations.returnFreedPages()
        reporter.finish()
        try folder.write(reporter.timingsJSON(), to: "timings.json")
        return json.value
    }

    /// Every model's probability for every patient. Training-cohort post-fusion
    /// probabilities come from stacking the out-of-fold single-modal probabilities the
    /// SVM was trained on (the honest training estimate); other cohorts stack the
    /// refitted single-modal models, exactly as `sentinel predict` does.
    func studyProbabilities(_ fitted: FittedStudy, _ encoded: EncodedStudy) throws -> [[Double]] {
        let all = Array(encoded.ids.indices)
        var probabilities = try fitted.predictProbabilities(columns: encoded.columnsByName(rows: all), patients: all.count)
        let train = encoded.rows(of: encoded.trainingCohort)
        for (k, model) in fitted.models.enumerated() {
            guard let stacker = model.stacker else { continue }
            let parts = stacker.parts.compactMap { fitted.trainingOutOfFold[$0] }
            guard parts.count == stacker.parts.count else { continue }
            let stacked = try stacker.predictProbability(train.indices.map { i in parts.map { $0[i] } })
            for (i, row) in train.enumerated() { probabilities[k][row] = stacked[i] }
        }
        return probabilities
    }

    static func summary(_ entry: FrozenModelEntry) -> ModelSummary {
        if let linear = entry.linear {
            return ModelSummary(name: entry.name, kind: "L2 logistic regression (SGD)", inputs: linear.featureNames,
                                hyperparameters: ["alpha": linear.alpha])
        }
        if let stacker = entry.stacker {
            return ModelSummary(name: entry.name, kind: "RBF SVM (C = 1, γ = scale) with Platt scaling", inputs: stacker.parts,
                                hyperparameters: ["gamma": stacker.svm.gamma, "support_vectors": Double(stacker.svm.supportVectors.rows)])
        }
        return ModelSummary(name: entry.name, kind: "unknown", inputs: [], hyperparameters: [:])
    }
}

/// The text of `results.json`, kept by the worker that encodes it.
final class EncodedJSON: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    /// Stores `text` and returns it.
    func set(_ text: String) -> String {
        lock.lock(); self.text = text; lock.unlock()
        return text
    }

    var value: String {
        lock.lock(); defer { lock.unlock() }
        return text
    }
}

extension ReportInputs {
    /// Inputs for the report of a whole study (`sentinel run`).
    public static func forStudy(results: StudyResults, spec: StudySpec, provenance: Provenance, version: String,
                                table1: Table1Summary, fitted: FittedStudy, notice: String?) -> ReportInputs {
        let s = spec.selection
        let description = [
            "The frozen models are saved in model.json: the data schema, the training imputation values and category encodings, each model's selected features, z-scoring, coefficients or support vectors and Platt parameters, and the thresholds. `sentinel predict model.json COHORT.csv` scores new patients with them, without refitting.",
            "Single-modal and pre-fusion models: L2-penalised logistic regression trained by averaged SGD on z-scored selected features; the penalty α was chosen from 1e-4 to 1 by inner \(PipelineSettings().innerFolds)-fold stratified cross-validated AUC on the training cohort. Post-fusion models: an RBF support vector machine (C = 1, γ = scale) with Platt-scaled probabilities, trained on the single-modal models' out-of-fold training probabilities (5-fold cross-fitting); new patients are scored by stacking the probabilities of the single-modal models refitted on the whole training cohort.",
            "Selection settings: univariate p < \(s.p), correlation filter |r| > \(s.correlation), LASSO with \(s.lassoFolds)-fold stratified CV (λ_min). Everything was fitted on the training cohort only.",
        ]
        return ReportInputs(
            title: spec.title, subtitle: "Study \(spec.file): \(results.cohorts.first?.models.count ?? 0) models, \(results.cohorts.count) cohorts",
            simulatedDataNotice: notice,
            provenance: provenanceRows(provenance, version: version, extra: [("Study file", spec.file)]),
            inputHashes: provenance.inputs.map { ($0.path, $0.sha256) },
            results: results, table1: table1, modelDescription: description,
            cohortAssignment: cohortAssignment(spec), generator: "Sentinel \(version)", date: provenance.runDate)
    }

    /// How the study's patients were assigned to cohorts, in words for "Cohorts and flow".
    static func cohortAssignment(_ spec: StudySpec) -> String {
        guard let cohort = spec.cohort else {
            return "The study file names no cohort column, so the patients were split once at random into a training (70%) and a validation cohort (30%), stratified by outcome (Fisher-Yates shuffle within each outcome class, seed \(spec.seed))."
        }
        return "Cohorts are the values of column \"\(cohort.column)\": \"\(cohort.training)\" is the training cohort, the others are evaluation cohorts in order of first appearance."
    }
}
