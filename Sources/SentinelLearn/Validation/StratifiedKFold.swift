import SentinelNumerics

/// One cross-validation split: row indices used for fitting and for scoring (both ascending).
public struct FoldSplit: Codable, Sendable, Equatable {
    public var train: [Int]
    public var test: [Int]

    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }

    /// Splits from a fold index per sample (`assignment[i]` in `0..<k`): fold f tests the samples
    /// assigned f and trains on the rest. This is how explicit (e.g. scikit-learn) folds are passed.
    /// - Throws: `LearnError.invalidFolds` when an index is negative or a fold is empty.
    public static func splits(fromAssignment assignment: [Int]) throws -> [FoldSplit] {
        guard let k = assignment.max().map({ $0 + 1 }), k >= 2 else {
            throw LearnError.invalidFolds(reason: "at least two folds are needed")
        }
        if let bad = assignment.firstIndex(where: { $0 < 0 }) {
            throw LearnError.invalidFolds(reason: "sample \(bad) has negative fold \(assignment[bad])")
        }
        var splits = [FoldSplit](repeating: FoldSplit(train: [], test: []), count: k)
        for (i, f) in assignment.enumerated() {
            for g in 0..<k { if g == f { splits[g].test.append(i) } else { splits[g].train.append(i) } }
        }
        if let empty = splits.firstIndex(where: { $0.test.isEmpty }) {
            throw LearnError.invalidFolds(reason: "fold \(empty) has no samples")
        }
        return splits
    }
}

/// Stratified k-fold assignment with seeded shuffling.
///
/// Algorithm (documented so it can be reproduced): the indices of class 0 and then of class 1
/// are each shuffled with `SeededGenerator.shuffle` (one generator, class 0 first); the
/// shuffled class-0 indices are dealt to folds 0, 1, …, k-1, 0, 1, … and the class-1 indices
/// continue the same rotation where class 0 stopped. Every fold thus gets ⌊n_c/k⌋ or
/// ⌈n_c/k⌉ of each class and fold sizes differ by at most one. The stream differs from
/// scikit-learn's (NumPy RNG), so to reproduce a scikit-learn run pass its folds explicitly
/// via `FoldSplit.splits(fromAssignment:)`.
public struct StratifiedKFold: Codable, Sendable, Equatable {
    /// Number of folds k (≥ 2).
    public var folds: Int

    public init(folds: Int = 5) {
        self.folds = folds
    }

    /// The fold index (0..<k) of every sample.
    /// - Throws: `LearnError` when labels are not 0/1, or a class has fewer than k members.
    public func assignment(labels: [Int], generator: inout SeededGenerator) throws -> [Int] {
        guard folds >= 2 else {
            throw LearnError.invalidParameter(name: "folds", value: Double(folds), requirement: "at least 2")
        }
        try InputCheck.labels(labels, rows: labels.count, "labels to split")
        var out = [Int](repeating: 0, count: labels.count)
        var next = 0
        for cls in 0...1 {
            var members = labels.indices.filter { labels[$0] == cls }
            guard members.count >= folds else {
                throw LearnError.tooFewSamples(what: "class \(cls) in \(folds)-fold stratified CV",
                                               needed: folds, found: members.count)
            }
            generator.shuffle(&members)
            for i in members {
                out[i] = next
                next = (next + 1) % folds
            }
        }
        return out
    }

    /// The k train/test splits (see `assignment`).
    public func splits(labels: [Int], generator: inout SeededGenerator) throws -> [FoldSplit] {
        try FoldSplit.splits(fromAssignment: assignment(labels: labels, generator: &generator))
    }
}
