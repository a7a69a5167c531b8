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

        progress?.stage("selecting features (\(design.featureSets.count) feature set\(design.featureSets.count == 1 ? "" : "s"))")
        let univariate = try UnivariateScreen(study: study, trainingRows: train)
        let design = self.design, settings = self.settings
        // Feature sets, models and cross-fitting folds are independent and seeded by index:
        // they run concurrently with results identical to a sequential loop. Selection runs as
        // pools of small tasks so that both cores stay busy whatever the sets' sizes: the
        // correlation inputs of every significant feature (once for all sets), then each
        // set's correlation filter, then every set's LASSO folds (largest first).
        let candidates = design.featureSets.map { set in
            study.featureModality.indices.filter { set.modalities.contains(study.featureModality[$0]) }
        }
        let significant = Set(candidates.joined()).filter { !univariate.isConstant[$0] && univariate.p[$0] < settings.pThreshold }
        let correlations = CorrelationColumns(features: significant.sorted(), study: study, rows: train, univariate: univariate)
        // A set's failure is thrown as a sequential loop over the sets would: the lowest set first.
        let prepared = ConcurrentMap.values(design.featureSets.count) { s in
            Result {
                try FeatureSetSelector(settings: settings, seed: selectionSeed &+ UInt64(s))
                    .prepare(name: design.featureSets[s].name, candidates: candidates[s], study: study, trainingRows: train,
                             univariate: univariate, correlations: correlations)
            }
        }
        let pending = prepared.map { try? $0.get() }
        let lassoTasks = Self.largestFirst(pending.indices.flatMap { s in
            (pending[s]?.lasso.splits.indices).map { $0.map { (s, $0) } } ?? []
        }) { pending[$0.0]?.lasso.z.columns ?? 0 }
        let lassoPaths = ConcurrentMap.values(lassoTasks.count) { t in
            pending[lassoTasks[t].0]?.lasso.foldMSE(fold: lassoTasks[t].1) ?? []
        }
        var foldMSE = pending.map { [[Double]](repeating: [], count: $0?.lasso.splits.count ?? 0) }
        for (t, task) in lassoTasks.enumerated() { foldMSE[task.0][task.1] = lassoPaths[t] }
        let lassoFoldMSE = foldMSE
        let selections = try ConcurrentMap.map(design.featureSets.count) { s in
            try FeatureSetSelector(settings: settings, seed: selectionSeed &+ UInt64(s))
                .finish(try prepared[s].get(), lassoFoldMSE: lassoFoldMSE[s], study: study)
        }
        let trails = selections.map(\.trail)
        let selected = selections.map(\.features)

        progress?.stage("fitting \(design.models.count) model\(design.models.count == 1 ? "" : "s")")
        // One graph of tasks instead of phases separated by barriers, so that both cores stay
        // busy: every model's inner-CV folds; a model's final SGD fit and its cross-fitting
        // folds as soon as its inner-CV folds are done (the chosen penalty is all they need);
        // a stacking SVM as soon as its parts' cross-fitting folds are done. Long tasks first
        // among the ready ones. Every task is a pure function of its inputs and seeds, so the
        // results are those of the sequential pipeline; errors are thrown in its order (model
        // fits by model index, then missing parts, then cross-fitting folds, then stackers).
        let linearIndices = design.models.indices.filter { design.models[$0].kind != .postFusion && design.models[$0].featureSet != nil }
        let problems = try linearIndices.map { k in
            try Learners.LogisticProblem(x: study.matrix(rows: train, features: selected[design.models[k].featureSet ?? 0]),
                                         y: y, settings: settings, seed: modelSeed &+ UInt64(k))
        }
        let folds = try Learners.stratifiedFolds(labels: y, k: settings.innerFolds, seed: stackingSeed)
        let stackingIndices = design.models.indices.filter { design.models[$0].kind == .postFusion }
        var missing: PipelineError?
        for k in stackingIndices where missing == nil {
            for part in design.models[k].parts where !linearIndices.contains(part) || design.models[part].featureSet == nil {
                missing = PipelineError.missingPart(model: design.models[k].name)
                break
            }
        }
        let parts = missing != nil ? [] : Array(Set(stackingIndices.flatMap { design.models[$0].parts })).sorted()
        let partProblem = parts.map { linearIndices.firstIndex(of: $0) ?? 0 }

        enum FitTask: Sendable { case penalty(problem: Int, fold: Int), model(Int), crossFit(part: Int, fold: Int), stacker(Int) }
        var tasks: [FitTask] = [], dependencies: [[Int]] = [], priority: [Int] = []
        func add(_ task: FitTask, after: [Int], priority p: Int) -> Int {
            tasks.append(task); dependencies.append(after); priority.append(p)
            return tasks.count - 1
        }
        let fitting = 1 << 40, stacking = 1 << 41  // SGD fits before inner-CV folds, stackers first
        let penaltyTasks = problems.indices.map { i in
            problems[i].folds.indices.map { add(.penalty(problem: i, fold: $0), after: [], priority: problems[i].z.columns) }
        }
        let modelTasks = problems.indices.map { i in
            add(.model(i), after: penaltyTasks[i], priority: fitting + 2 * problems[i].z.columns + 1)
        }
        let crossFitTasks = parts.indices.map { p in
            folds.indices.map { f in
                add(.crossFit(part: p, fold: f), after: penaltyTasks[partProblem[p]],
                    priority: fitting + 2 * problems[partProblem[p]].z.columns)
            }
        }
        let stackerTasks = missing != nil ? [] : stackingIndices.indices.map { s in
            add(.stacker(s), after: design.models[stackingIndices[s]].parts.flatMap { crossFitTasks[parts.firstIndex(of: $0) ?? 0] },
                priority: stacking)
        }
        enum FitOutcome: Sendable {
            case path([Double]), model(FrozenLinearModel), probabilities([Double]), stacker(FrozenStacker), skipped
        }
        let outcomes = ConcurrentMap.Slots<Result<FitOutcome, Error>>(count: tasks.count)
        let taskList = tasks
        @Sendable func chosenAlpha(_ i: Int) -> (alpha: Double, meanAUC: [Double]) {
            problems[i].chooseAlpha(penaltyPaths: penaltyTasks[i].map { t in
                if case .success(.path(let path)) = outcomes.get(t) { return path }
                return []
            })
        }
        @Sendable func outOfFoldColumn(part p: Int) -> [Double]? {
            var column = [Double](repeating: 0, count: train.count)
            for (f, fold) in folds.enumerated() {
                guard case .success(.probabilities(let v)) = outcomes.get(crossFitTasks[p][f]) else { return nil }
                for (i, value) in zip(fold.test, v) { column[i] = value }
            }
            return column
        }
        TaskGraph(dependencies: dependencies, priority: priority).run { t in
            outcomes.set(t, Result { () throws -> FitOutcome in
                switch taskList[t] {
                case .penalty(let i, let f):
                    return .path(problems[i].penaltyPath(fold: f))
                case .model(let i):
                    let k = linearIndices[i], s = design.models[k].featureSet ?? 0
                    let chosen = chosenAlpha(i)
                    return .model(try problems[i].fit(alpha: chosen.alpha, meanAUC: chosen.meanAUC,
                                                      featureNames: selected[s].map { study.featureNames[$0] }))
                case .crossFit(let p, let f):
                    let part = parts[p]
                    return .probabilities(try Learners.outOfFoldProbabilities(
                        alpha: chosenAlpha(partProblem[p]).alpha,
                        x: study.matrix(rows: train, features: selected[design.models[part].featureSet ?? 0]),
                        y: y, fold: folds[f], seed: modelSeed &+ UInt64(part)))
                case .stacker(let s):
                    let k = stackingIndices[s], model = design.models[k]
                    var columns: [[Double]] = []
                    for part in model.parts {
                        guard let p = parts.firstIndex(of: part), let column = outOfFoldColumn(part: p) else { return .skipped }
                        columns.append(column)
                    }
                    let stacked = train.indices.map { i in columns.map { $0[i] } }
                    return .stacker(try Learners.fitStacker(x: stacked, y: y, parts: model.parts.map { design.models[$0].name },
                                                            seed: stackingSeed &+ UInt64(k)))
                }
            })
        }
        for i in problems.indices {
            if case .failure(let error) = outcomes.get(modelTasks[i]) { throw error }
        }
        if let missing { throw missing }
        for p in parts.indices {
            for f in folds.indices {
                if case .failure(let error) = outcomes.get(crossFitTasks[p][f]) { throw error }
            }
        }
        var linear: [Int: FrozenLinearModel] = [:]
        for i in problems.indices {
            if case .success(.model(let fit)) = outcomes.get(modelTasks[i]) { linear[linearIndices[i]] = fit }
        }
        var outOfFold: [Int: [Double]] = [:]
        for (p, part) in parts.enumerated() { outOfFold[part] = outOfFoldColumn(part: p) }
        let stackerFits = try stackerTasks.map { t -> FrozenStacker in
            switch outcomes.get(t) {
            case .success(.stacker(let fit)): return fit
            case .failure(let error): throw error
            default: throw PipelineError.missingPart(model: design.models[stackingIndices[0]].name)  // unreachable: parts fitted
            }
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

extension StudyPipeline {
    /// `tasks` ordered by decreasing `cost` (ties keep their order): handing the largest
    /// tasks out first balances a concurrent pool (results are placed by task, so the order
    /// changes no result).
    static func largestFirst<T>(_ tasks: [T], cost: (T) -> Int) -> [T] {
        tasks.indices.map { ($0, cost(tasks[$0])) }.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.map { tasks[$0.0] }
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
