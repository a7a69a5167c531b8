/// Scoring patients with a fitted study: the single-modal and pre-fusion models read
/// their selected features by name; the post-fusion models stack the single-modal
/// models' probabilities, exactly as at evaluation time in the pipeline.
extension FittedStudy {
    /// Probabilities of every model (outer index: model, in design order) for the patients
    /// whose encoded features are `columns` (by feature name, one value per patient).
    public func predictProbabilities(columns: [String: [Double]], patients: Int) throws -> [[Double]] {
        var out = [[Double]](repeating: [], count: models.count)
        for (k, model) in models.enumerated() {
            guard let linear = model.linear else { continue }
            let features = try linear.featureNames.map { name -> [Double] in
                guard let column = columns[name] else { throw PipelineError.missingFeature(model: model.name, feature: name) }
                return column
            }
            let rows = (0..<patients).map { i in features.map { $0[i] } }
            out[k] = linear.predictProbability(rows)
        }
        for (k, model) in models.enumerated() {
            guard let stacker = model.stacker else { continue }
            let parts = try stacker.parts.map { name -> [Double] in
                guard let index = models.firstIndex(where: { $0.name == name }), !out[index].isEmpty else {
                    throw PipelineError.missingPart(model: model.name)
                }
                return out[index]
            }
            let rows = (0..<patients).map { i in parts.map { $0[i] } }
            out[k] = try stacker.predictProbability(rows)
        }
        return out
    }
}

extension EncodedStudy {
    /// Feature columns of the given rows, by feature name.
    public func columnsByName(rows: [Int]) -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        // Every row in order (scoring the whole study): the columns themselves, not copies.
        let isAll = rows.elementsEqual(ids.indices)
        for (j, name) in featureNames.enumerated() { out[name] = isAll ? columns[j] : rows.map { columns[j][$0] } }
        return out
    }
}
