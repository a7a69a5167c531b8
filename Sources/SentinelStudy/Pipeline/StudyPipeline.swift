import SentinelNumerics

/// The paper's modelling pipeline on an encoded study (issue 3), fitted on the training
/// cohort only:
/// 1. per feature set, three-step selection (univariate test → correlation filter → LASSO-CV);
/// 2. single-modal and pre-fusion models: z-scoring + L2 logistic regression by averaged
///    SGD, the penalty chosen by inner stratified CV AUC;
/// 3. post-fusion models: an RBF SVM with Platt probabilities on the single-modal models'
///    out-of-fold training probabilities (5-fold cross-fitting, the selected features and
///    chosen penalty held fixed); at scoring time it stacks the probabilities of the
///    single-modal models refitted on the whole training cohort.
/// Nothing is fitted on evaluation cohorts: relabelling them changes no fitted value.
public struct StudyPipeline: Sendable {
    public var design: PipelineDesign
    public var settings: PipelineSettings

    public init(design: PipelineDesign, settings: PipelineSettings) {
        self.design = design
        self.settings = settings
    }

    /// Fits every model; returns the frozen models and the selection trails.
    /// The BLAS is switched to one thread first (`LinearAlgebra.setThreadCount(1)`): the
    /// pipeline's BLAS calls are small and run inside concurrent fits, where BLAS worker
    /// threads would only spin on the cores the fits need.
    public func fit(_ study: EncodedStudy, progress: ProgressReporter? = nil) throws -> FittedStudy {
        LinearAlgebra.setThreadCount(1)
        let train = study.rows(of: study.trainingCohort)
        let y = train.map { study.labels[$0] }
        var root = SeededGenerator(seed: settings.seed)
        let selectionSeed = root.next(), modelSeed = root.next(), stackingSeed = root.next()

        progress?.stage("selecting features (\(design.featureSets.count) feature sets)")
        let univariate = try UnivariateScreen(study: study, trainingRows: train)
        let design = self.design, settings = self.settings
        // Feature sets, models and cross-fitting folds are independent and seeded by index:
        // they run concurrently with results identical to a sequential loop.
        let selections = try ConcurrentMap.map(design.featureSets.count) { s in
            let set = design.featureSets[s]
            let candidates = study.featureModality.indices.filter { set.modalities.contains(study.featureModality[$0]) }
            return try FeatureSetSelector(settings: settings, seed: selectionSeed &+ UInt64(s))
                .select(name: set.name, candidates: candidates, study: study, trainingRows: train, univariate: univariate)
        }
        let trails = selections.map(\.trail)
        let selected = selections.map(\.features)

        progress?.stage("fitting \(design.models.count) models")
        let linearIndices = design.models.indices.filter { design.models[$0].kind != .postFusion && design.models[$0].featureSet != nil }
        let linearFits = try ConcurrentMap.map(linearIndices.count) { i in
            let k = linearIndices[i], s = design.models[k].featureSet ?? 0
            return try Learners.fitLogistic(x: study.matrix(rows: train, features: selected[s]), y: y,
                                            featureNames: selected[s].map { study.featureNames[$0] },
                                            settings: settings, seed: modelSeed &+ UInt64(k))
        }
        let linear = Dictionary(uniqueKeysWithValues: zip(linearIndices, linearFits))

        let folds = try Learners.stratifiedFolds(labels: y, k: settings.innerFolds, seed: stackingSeed)
        let stackingIndices = design.models.indices.filter { design.models[$0].kind == .postFusion }
        for k in stackingIndices {
            for part in design.models[k].parts where linear[part] == nil || design.models[part].featureSet == nil {
                throw PipelineError.missingPart(model: design.models[k].name)
            }
        }
        let parts = Array(Set(stackingIndices.flatMap { design.models[$0].parts })).sorted()
        let foldProbabilities = try ConcurrentMap.map(parts.count * folds.count) { item in
            let part = parts[item / folds.count], fold = folds[item % folds.count]
            guard let base = linear[part], let s = design.models[part].featureSet else {
                throw PipelineError.missingPart(model: design.models[part].name)
            }
            return try Learners.outOfFoldProbabilities(
                base: base, x: study.matrix(rows: train, features: selected[s]), y: y, fold: fold,
                seed: modelSeed &+ UInt64(part))
        }
        var outOfFold: [Int: [Double]] = [:]
        for (p, part) in parts.enumerated() {
            var column = [Double](repeating: 0, count: train.count)
            for (f, fold) in folds.enumerated() {
                for (i, v) in zip(fold.test, foldProbabilities[p * folds.count + f]) { column[i] = v }
            }
            outOfFold[part] = column
        }
        let outOfFoldColumns = outOfFold
        let stackerFits = try ConcurrentMap.map(stackingIndices.count) { i in
            let k = stackingIndices[i], model = design.models[k]
            let columns = model.parts.compactMap { outOfFoldColumns[$0] }
            let stacked = train.indices.map { i in columns.map { $0[i] } }
            return try Learners.fitStacker(x: stacked, y: y, parts: model.parts.map { design.models[$0].name },
                                           seed: stackingSeed &+ UInt64(k))
        }
        let stackers = Dictionary(uniqueKeysWithValues: zip(stackingIndices, stackerFits))
        let models = design.models.indices.map { k in
            FrozenModelEntry(name: design.models[k].name, kind: design.models[k].kind,
                             linear: linear[k], stacker: stackers[k])
        }
        return FittedStudy(design: design, models: models, selection: trails,
                           trainingOutOfFold: outOfFold.mapKeys { design.models[$0].name })
    }
}

/// The pipeline's fitted state: every model, the selection trails, and the out-of-fold
/// training probabilities the post-fusion models were trained on.
public struct FittedStudy: Sendable, Codable {
    public var design: PipelineDesign
    public var models: [FrozenModelEntry]
    public var selection: [SelectionTrail]
    /// Out-of-fold training probabilities of the single-modal models that feed stacking
    /// (row-level training data: kept in memory, never written to model.json).
    public var trainingOutOfFold: [String: [Double]] = [:]

    enum CodingKeys: String, CodingKey { case design, models, selection }
}

/// Problems inside the pipeline that the data caused (exit 65).
public enum PipelineError: ExitStatusError, Sendable {
    case missingPart(model: String)
    case noFeatures(featureSet: String)
    case fitFailed(model: String, reason: String)
    case missingFeature(model: String, feature: String)

    /// 65 (`EX_DATAERR`): the data, not the tool, cannot support the model.
    public var exitCode: Int32 { ExitStatus.dataError }

    public var description: String {
        switch self {
        case .missingPart(let model):
            return "post-fusion model \(model) needs single-modal models that were not fitted."
        case .noFeatures(let set):
            return "feature set \(set) has no usable features (every column is constant in training); check the modality's columns."
        case .fitFailed(let model, let reason):
            return "fitting \(model) failed: \(reason)"
        case .missingFeature(let model, let feature):
            return "model \(model) needs the feature \(feature), which the input does not provide; supply the same columns as the study data."
        }
    }
}

extension Dictionary {
    func mapKeys<K: Hashable>(_ transform: (Key) -> K) -> [K: Value] {
        var out: [K: Value] = [:]
        for (k, v) in self { out[transform(k)] = v }
        return out
    }
}
