/// The models a study fits, derived from its modalities (issue 3): each modality alone;
/// pre-fusion (feature concatenation) and post-fusion (probability stacking) of the first
/// modality with each other one; and of all modalities together when there are three or
/// more. With Clinical, Rad and DL these are the paper's nine models, named
/// `Clinical`, `Rad`, `DL`, `Pre-fusion Clinical+Rad`, ..., `Post-fusion Clinical+Rad+DL`.
public struct PipelineDesign: Sendable, Equatable, Codable {
    /// A set of modalities whose features are selected and modelled together.
    public struct FeatureSet: Sendable, Equatable, Codable {
        public var name: String
        public var modalities: [Int]
    }

    public enum Kind: String, Sendable, Equatable, Codable {
        case single, preFusion = "pre-fusion", postFusion = "post-fusion"
    }

    /// One of the study's models.
    public struct Model: Sendable, Equatable, Codable {
        public var name: String
        public var kind: Kind
        /// Single and pre-fusion models: the feature set they are fitted on.
        public var featureSet: Int?
        /// Post-fusion models: the single-modal models (indices into `models`) they stack.
        public var parts: [Int]
    }

    public var modalityNames: [String]
    public var featureSets: [FeatureSet]
    public var models: [Model]

    public init(modalityNames: [String]) {
        self.modalityNames = modalityNames
        var sets: [FeatureSet] = modalityNames.indices.map { FeatureSet(name: modalityNames[$0], modalities: [$0]) }
        var combos: [[Int]] = []
        if modalityNames.count >= 2 {
            combos = (1..<modalityNames.count).map { [0, $0] }
            if modalityNames.count >= 3 { combos.append(Array(modalityNames.indices)) }
        }
        var models: [Model] = modalityNames.indices.map {
            Model(name: modalityNames[$0], kind: .single, featureSet: $0, parts: [])
        }
        for combo in combos {
            let label = combo.map { modalityNames[$0] }.joined(separator: "+")
            sets.append(FeatureSet(name: label, modalities: combo))
            models.append(Model(name: "Pre-fusion \(label)", kind: .preFusion, featureSet: sets.count - 1, parts: []))
        }
        for combo in combos {
            let label = combo.map { modalityNames[$0] }.joined(separator: "+")
            models.append(Model(name: "Post-fusion \(label)", kind: .postFusion, featureSet: nil, parts: combo))
        }
        self.featureSets = sets
        self.models = models
    }

    /// The comparisons of the paper's Table 3, listed first in reports: the anchor alone
    /// against the all-modality pre- and post-fusion models, and pre- against post-fusion.
    public var headlineComparisons: [(String, String)] {
        guard let pre = models.last(where: { $0.kind == .preFusion }),
              let post = models.last(where: { $0.kind == .postFusion }) else { return [] }
        let anchor = models[0].name
        return [(anchor, pre.name), (anchor, post.name), (pre.name, post.name)]
    }
}
