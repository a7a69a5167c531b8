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
    public func fit(_ study: EncodedStudy, progress: ProgressReporter? = nil) throws -> FittedStudy {
        let train = study.rows(of: study.trainingCohort)
        let y = train.map { study.labels[$0] }
        var root = SeededGenerator(seed: settings.seed)
        let selectionSeed = root.next(), modelSeed = root.next(), stackingSeed = root.next()

        progress?.stage("selecting features (\(design.featureSets.count) feature sets)")
        let univariate = try UnivariateScreen(study: study, trainingRows: train)
        var trails: [SelectionTrail] = []
        var selected: [[Int]] = []
        for (s, set) in design.featureSets.enumerated() {
            let candidates = study.featureModality.indices.filter { set.modalities.contains(study.featureModality[$0]) }
            let result = try FeatureSetSelector(settings: settings, seed: selectionSeed &+ UInt64(s))
                .select(name: set.name, candidates: candidates, study: study, trainingRows: train, univariate: univariate)
            trails.append(result.trail)
            selected.append(result.features)
        }

        progress?.stage("fitting \(design.models.count) models")
        var linear: [Int: FrozenLinearModel] = [:]
        for (k, model) in design.models.enumerated() where model.kind != .postFusion {
            guard let s = model.featureSet else { continue }
            let x = study.matrix(rows: train, features: selected[s])
            linear[k] = try Learners.fitLogistic(x: x, y: y, featureNames: selected[s].map { study.featureNames[$0] },
                                                 settings: settings, seed: modelSeed &+ UInt64(k))
        }
        var stackers: [Int: FrozenStacker] = [:]
        let folds = Learners.stratifiedFolds(labels: y, k: settings.innerFolds, seed: stackingSeed)
        var outOfFold: [Int: [Double]] = [:]
        for (k, model) in design.models.enumerated() where model.kind == .postFusion {
            var columns: [[Double]] = []
            for part in model.parts {
                if outOfFold[part] == nil, let base = linear[part], let s = design.models[part].featureSet {
                    outOfFold[part] = try Learners.outOfFoldProbabilities(
                        base: base, x: study.matrix(rows: train, features: selected[s]), y: y, folds: folds,
                        seed: modelSeed &+ UInt64(part))
                }
                guard let column = outOfFold[part] else { throw PipelineError.missingPart(model: model.name) }
                columns.append(column)
            }
            let stacked = train.indices.map { i in columns.map { $0[i] } }
            stackers[k] = try Learners.fitStacker(x: stacked, y: y, parts: model.parts.map { design.models[$0].name },
                                                  seed: stackingSeed &+ UInt64(k))
        }
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
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    case missingPart(model: String)
    case noFeatures(featureSet: String)
    case fitFailed(model: String, reason: String)
    case missingFeature(model: String, feature: String)

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
