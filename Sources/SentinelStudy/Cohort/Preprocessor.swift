/// Missing-value imputation and categorical encoding, fitted on the training cohort only and
/// frozen (Codable) into `model.json`, so new patients are encoded exactly as training was.
///
/// Continuous features: a missing cell (see `CSVTable.missingMarkers`) takes the training
/// median (numpy's median: the mean of the two middle values for even n).
///
/// Categorical features: cells are trimmed text levels. A missing cell takes the training mode
/// (most frequent level; ties go to the level that sorts first). Levels are sorted: numerically
/// if every training level is a number, else by Unicode code points. The first level is the
/// **reference** level (encoded as all zeros):
/// - 2 levels → one 0/1 column named after the feature, 1 for the second level
///   (e.g. `margin`: Non-spiculated = 0, Spiculated = 1);
/// - k > 2 levels → k − 1 indicator columns `feature=level` for the non-reference levels;
/// - 1 level (constant in training) → no column (it carries no information).
/// A level that training never saw is an error naming the column, level, file and row.
public struct Preprocessor: Codable, Sendable, Equatable {
    /// How a continuous feature is imputed.
    public struct ContinuousEncoding: Codable, Sendable, Equatable {
        public var name: String
        /// Training median, the imputed value.
        public var median: Double
    }

    /// How a categorical feature is imputed and encoded.
    public struct CategoricalEncoding: Codable, Sendable, Equatable {
        public var name: String
        /// Training levels, sorted (see the type's rules).
        public var levels: [String]
        /// The level encoded as all zeros (`levels[0]`).
        public var reference: String
        /// Training mode, the imputed level.
        public var mode: String
        /// Levels that get an indicator column, in column order.
        public var indicatorLevels: [String]
        /// Names of the encoded columns.
        public var columnNames: [String]
    }

    /// One raw feature's recipe.
    public enum FeatureEncoding: Codable, Sendable, Equatable {
        case continuous(ContinuousEncoding)
        case categorical(CategoricalEncoding)

        /// The raw column name.
        public var name: String {
            switch self {
            case let .continuous(c): return c.name
            case let .categorical(c): return c.name
            }
        }

        /// Names of the encoded columns this feature produces.
        public var columnNames: [String] {
            switch self {
            case let .continuous(c): return [c.name]
            case let .categorical(c): return c.columnNames
            }
        }

        /// The imputed value, as text for the report.
        public var imputedValue: String {
            switch self {
            case let .continuous(c): return CSVBuilder.format(c.median)
            case let .categorical(c): return c.mode
            }
        }
    }

    /// One modality's recipes.
    public struct ModalityEncoding: Codable, Sendable, Equatable {
        public var name: String
        public var features: [FeatureEncoding]

        /// Encoded column names, in order.
        public var columnNames: [String] { features.flatMap(\.columnNames) }
    }

    /// Per modality, in study order.
    public var modalities: [ModalityEncoding]

    /// Fits on the cohort's training rows.
    /// - Throws: `DataError.invalidNumber` (text in a continuous column, any cohort),
    ///   `.allMissingInTraining`.
    public static func fit(_ cohort: Cohort) throws -> Preprocessor {
        try fit(data: cohort.data, modalities: cohort.modalities, rows: cohort.trainingRows)
    }

    /// Fits on `rows` of `data`. Continuous columns are parsed in full (all rows), so text in
    /// an evaluation row is reported here too.
    public static func fit(data: JoinedTable, modalities: [Cohort.Modality], rows: [Int]) throws -> Preprocessor {
        try fitTransform(data: data, modalities: modalities, rows: rows, encode: false).0
    }

    /// Fits on the cohort's training rows and encodes every row (all cohorts, in row order),
    /// parsing each column once: the same as `fit` then `transform`, faster.
    public static func fitTransform(_ cohort: Cohort) throws -> (Preprocessor, [FeatureMatrix]) {
        try fitTransform(data: cohort.data, modalities: cohort.modalities, rows: cohort.trainingRows, encode: true)
    }

    private static func fitTransform(data: JoinedTable, modalities: [Cohort.Modality], rows: [Int],
                                     encode: Bool) throws -> (Preprocessor, [FeatureMatrix]) {
        var encodings = [ModalityEncoding](), matrices = [FeatureMatrix]()
        for modality in modalities {
            var features = [FeatureEncoding]()
            var block = EncodedBlock()
            // Columns are parsed concurrently, a bounded chunk at a time, then used in order
            // (so the first failing feature in study order is the one reported, as before).
            let all = modality.features
            var parsed = [Result<ParsedColumn, Error>]()
            for (index, feature) in all.enumerated() {
                let slot = index % parseChunk
                if slot == 0 {
                    let chunk = Array(all[index ..< min(all.count, index + parseChunk)])
                    parsed = ConcurrentMap.values(chunk.count) { k in
                        Result { () throws -> ParsedColumn in
                            guard chunk[k].kind == .continuous else { return .levels(try data.optionalLevels(chunk[k].name)) }
                            // The training median is found here too, in the concurrent part.
                            let values = try data.optionalNumbers(chunk[k].name)
                            let observed = rows.compactMap { values[$0] }
                            return .numbers(values, median: observed.isEmpty ? nil : median(observed))
                        }
                    }
                }
                let column = try parsed[slot].get()
                let encoding: FeatureEncoding
                switch (feature.kind, column) {
                case let (.continuous, .numbers(values, trainingMedian)):
                    guard let trainingMedian else {
                        throw DataError.allMissingInTraining(column: feature.name, file: data.file(of: feature.name))
                    }
                    let continuous = ContinuousEncoding(name: feature.name, median: trainingMedian)
                    encoding = .continuous(continuous)
                    if encode { block.append(continuous, values: values, rows: nil) }
                case let (_, .levels(values)):
                    let observed = rows.compactMap { values[$0] }
                    guard !observed.isEmpty else {
                        throw DataError.allMissingInTraining(column: feature.name, file: data.file(of: feature.name))
                    }
                    let categorical = categorical(feature.name, observed: observed)
                    encoding = .categorical(categorical)
                    if encode { try block.append(categorical, values: values, rows: nil, data: data) }
                case (.categorical, .numbers):
                    preconditionFailure("a categorical column parsed as numbers")
                }
                features.append(encoding)
            }
            encodings.append(ModalityEncoding(name: modality.name, features: features))
            if encode { matrices.append(block.matrix(modality: modality.name, rowCount: data.rowCount)) }
        }
        return (Preprocessor(modalities: encodings), matrices)
    }

    /// A raw column, parsed for its feature kind.
    private enum ParsedColumn: Sendable {
        /// The values and the median of the training rows' values (nil: none in training).
        case numbers([Double?], median: Double?)
        case levels([String?])
    }

    /// Columns parsed concurrently at a time in `fitTransform` (bounds the parsed copies held).
    private static let parseChunk = 256

    /// Encodes `rows` (default: all) of `data`, one matrix per modality.
    /// - Throws: `DataError.missingColumn`, `.invalidNumber`, `.unseenLevel` (with file and row).
    public func transform(_ data: JoinedTable, rows: [Int]? = nil) throws -> [FeatureMatrix] {
        try modalities.map { modality in
            var block = EncodedBlock()
            for feature in modality.features {
                switch feature {
                case let .continuous(encoding):
                    block.append(encoding, values: try data.optionalNumbers(encoding.name), rows: rows)
                case let .categorical(encoding):
                    try block.append(encoding, values: try data.optionalLevels(encoding.name), rows: rows, data: data)
                }
            }
            return block.matrix(modality: modality.name, rowCount: rows?.count ?? data.rowCount)
        }
    }

    // MARK: Fitting helpers

    /// numpy-style median of a non-empty sample: the middle value, or the mean of the two
    /// middle values for even n. Found by selection (quickselect), not a full sort; the values
    /// are those of `values.sorted()` at the middle positions, and when one of them is zero the
    /// sort itself decides (it keeps -0.0 and 0.0 in input order; a selection might not).
    static func median(_ values: [Double]) -> Double {
        let n = values.count
        var work = values
        let (lower, upper) = work.withUnsafeMutableBufferPointer { buffer -> (Double, Double) in
            let middle = n / 2
            select(buffer, middle)
            let upper = buffer[middle]
            guard n % 2 == 0 else { return (upper, upper) }
            var lower = buffer[0]
            for i in 1 ..< middle where buffer[i] > lower { lower = buffer[i] }
            return (lower, upper)
        }
        if lower == 0 || upper == 0 || lower.isNaN || upper.isNaN {
            let sorted = values.sorted()
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
        return n % 2 == 1 ? upper : (lower + upper) / 2
    }

    /// Rearranges `a` so that `a[k]` is the value `a.sorted()[k]` has, everything before it
    /// ≤ it and everything after it ≥ it (Hoare partitions around a median of three).
    private static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        var low = 0, high = a.count - 1
        while high > low {
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { a.swapAt(mid, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[mid] { a.swapAt(high, mid) }
            let pivot = a[mid]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }

    static func sortedLevels(_ levels: Set<String>) -> [String] {
        let numbers = levels.map { CSVTable.parseNumber($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return levels.sorted { a, b in
                let x = CSVTable.parseNumber(a) ?? 0, y = CSVTable.parseNumber(b) ?? 0
                return x != y ? x < y : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
            }
        }
        return levels.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    static func categorical(_ name: String, observed: [String]) -> CategoricalEncoding {
        var counts = [String: Int]()
        for level in observed { counts[level, default: 0] += 1 }
        let levels = sortedLevels(Set(counts.keys))
        var mode = levels[0]
        for level in levels where counts[level, default: 0] > counts[mode, default: 0] { mode = level }
        let indicators = Array(levels.dropFirst())
        let columnNames = indicators.count == 1 ? [name] : indicators.map { "\(name)=\($0)" }
        return CategoricalEncoding(name: name, levels: levels, reference: levels[0], mode: mode,
                                   indicatorLevels: indicators, columnNames: columnNames)
    }
}

/// Encoded columns accumulated for one modality.
private struct EncodedBlock {
    var names = [String](), isCategorical = [Bool](), columns = [[Double]]()

    mutating func append(_ encoding: Preprocessor.ContinuousEncoding, values: [Double?], rows: [Int]?) {
        names.append(encoding.name)
        isCategorical.append(false)
        if let rows {
            columns.append(rows.map { values[$0] ?? encoding.median })
        } else {
            columns.append(values.map { $0 ?? encoding.median })
        }
    }

    mutating func append(_ encoding: Preprocessor.CategoricalEncoding, values: [String?], rows: [Int]?,
                         data: JoinedTable) throws {
        let rows = rows ?? Array(values.indices)
        var indicator = [String: Int]()
        for (k, level) in encoding.indicatorLevels.enumerated() { indicator[level] = k }
        let known = Set(encoding.levels)
        var block = [[Double]](repeating: [Double](repeating: 0, count: rows.count), count: encoding.indicatorLevels.count)
        for (i, row) in rows.enumerated() {
            let level = values[row] ?? encoding.mode
            guard known.contains(level) else {
                let origin = data.origin(row: row, column: encoding.name)
                throw DataError.unseenLevel(file: origin.file, row: origin.row, column: encoding.name,
                                            level: level, known: encoding.levels)
            }
            if let k = indicator[level] { block[k][i] = 1 }
        }
        names += encoding.columnNames
        isCategorical += encoding.columnNames.map { _ in true }
        columns += block
    }

    func matrix(modality: String, rowCount: Int) -> FeatureMatrix {
        FeatureMatrix(modality: modality, names: names, isCategorical: isCategorical, columns: columns, rowCount: rowCount)
    }
}

// MARK: - Missing-value report

extension Preprocessor {
    /// Missing cells of one raw feature, per cohort, and what they were imputed with.
    public struct MissingCount: Codable, Sendable, Equatable {
        public var modality: String
        public var column: String
        /// Missing cells per cohort, aligned with `Cohort.cohortNames`.
        public var missing: [Int]
        /// The imputed value (median as a number, mode as its level).
        public var imputedWith: String
    }

    /// Missing-value counts of every feature in every cohort (features without any missing cell
    /// included, with zeros), for the report.
    public func missingCounts(in cohort: Cohort) throws -> [MissingCount] {
        try modalities.flatMap { modality in
            try modality.features.map { feature in
                let missing: [Bool]
                switch feature {
                case .continuous: missing = try cohort.data.optionalNumbers(feature.name).map { $0 == nil }
                case .categorical: missing = try cohort.data.optionalLevels(feature.name).map { $0 == nil }
                }
                var counts = [Int](repeating: 0, count: cohort.cohortNames.count)
                for (row, isMissing) in missing.enumerated() where isMissing { counts[cohort.cohortOfRow[row]] += 1 }
                return MissingCount(modality: modality.name, column: feature.name, missing: counts,
                                    imputedWith: feature.imputedValue)
            }
        }
    }
}
