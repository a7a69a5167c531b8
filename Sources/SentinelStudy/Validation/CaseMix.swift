import SentinelLearn
import SentinelNumerics
import SentinelStats

/// Case-mix comparison of a validation site with the development training cohort, from raw
/// rows on both sides (the development data come from `sentinel validate --development
/// STUDY.yaml`; `model.json` holds medians only, so without them no case-mix is computed).
///
/// - Standardized mean difference per continuous predictor (observed, non-missing values):
///   SMD = (mean_site − mean_dev) / √((SD_dev² + SD_site²) / 2), SDs with n − 1
///   (Austin 2009); `nil` when either side has < 2 values or the pooled SD is 0; with the
///   count of site values outside the development training range (out-of-range values).
/// - Membership model: L2 logistic regression (α = 1e-4, z-scored within fold) telling site
///   (1) from development (0) patients on the frozen models' encoded predictors, imputed as
///   in training; its out-of-fold AUC over stratified k-fold CV. 0.5 = indistinguishable case
///   mix, 1 = fully separable.
public struct CaseMix: Codable, Sendable, Equatable {
    public struct Difference: Codable, Sendable, Equatable {
        public var column: String
        public var developmentMean: Double
        public var developmentSD: Double
        public var siteMean: Double
        public var siteSD: Double
        public var smd: Double?
        /// Site values outside the development training range [min, max] (extrapolation).
        public var outsideDevelopmentRange: Int = 0

        enum CodingKeys: String, CodingKey {
            case column, smd
            case outsideDevelopmentRange = "outside_development_range"
            case developmentMean = "development_mean", developmentSD = "development_sd"
            case siteMean = "site_mean", siteSD = "site_sd"
        }
    }

    public var developmentPatients: Int
    public var sitePatients: Int
    public var differences: [Difference]
    /// Out-of-fold AUC of the membership model; nil when it could not be fitted.
    public var membershipAUC: Double?
    public var membershipFolds: Int
    public var membershipPredictors: [String]

    enum CodingKeys: String, CodingKey {
        case developmentPatients = "development_patients", sitePatients = "site_patients"
        case differences = "standardized_mean_differences"
        case membershipAUC = "membership_auc", membershipFolds = "membership_folds"
        case membershipPredictors = "membership_predictors"
    }

    /// Compares `siteRows` of `site` with `developmentRows` of `development` on `predictors`
    /// (encoded column names; a continuous predictor's encoded name is its raw name).
    public static func compare(development: JoinedTable, developmentRows: [Int], site: JoinedTable, siteRows: [Int],
                               preprocessor: Preprocessor, predictors: [String], folds: Int = 5,
                               seed: UInt64) throws -> CaseMix {
        let wanted = Set(predictors)
        var differences = [Difference]()
        for case let .continuous(c) in preprocessor.modalities.flatMap(\.features) where wanted.contains(c.name) {
            let devValues = try development.optionalNumbers(c.name), siteValues = try site.optionalNumbers(c.name)
            let dev = developmentRows.compactMap { devValues[$0] }, own = siteRows.compactMap { siteValues[$0] }
            differences.append(difference(c.name, dev, own))
        }
        let auc = try? membershipAUC(development: development, developmentRows: developmentRows, site: site,
                                     siteRows: siteRows, preprocessor: preprocessor, predictors: predictors,
                                     folds: folds, seed: seed)
        return CaseMix(developmentPatients: developmentRows.count, sitePatients: siteRows.count,
                       differences: differences, membershipAUC: auc, membershipFolds: folds,
                       membershipPredictors: predictors)
    }

    static func difference(_ column: String, _ dev: [Double], _ site: [Double]) -> Difference {
        let (m0, s0) = meanSD(dev), (m1, s1) = meanSD(site)
        let pooled = ((s0 * s0 + s1 * s1) / 2).squareRoot()
        let smd: Double? = dev.count > 1 && site.count > 1 && pooled > 0 ? (m1 - m0) / pooled : nil
        var result = Difference(column: column, developmentMean: m0, developmentSD: s0, siteMean: m1, siteSD: s1, smd: smd)
        if let low = dev.min(), let high = dev.max() {
            result.outsideDevelopmentRange = site.filter { $0 < low || $0 > high }.count
        }
        return result
    }

    /// Mean and sample SD (n − 1); SD 0 for fewer than 2 values, mean 0 for none.
    static func meanSD(_ x: [Double]) -> (Double, Double) {
        guard !x.isEmpty else { return (0, 0) }
        let mean = x.reduce(0, +) / Double(x.count)
        guard x.count > 1 else { return (mean, 0) }
        let ss = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (ss / Double(x.count - 1)).squareRoot())
    }

    static func membershipAUC(development: JoinedTable, developmentRows: [Int], site: JoinedTable, siteRows: [Int],
                              preprocessor: Preprocessor, predictors: [String], folds: Int, seed: UInt64) throws -> Double {
        let dev = try encoded(development, rows: developmentRows, preprocessor: preprocessor, predictors: predictors)
        let own = try encoded(site, rows: siteRows, preprocessor: preprocessor, predictors: predictors)
        let labels = [Int](repeating: 0, count: dev.count) + [Int](repeating: 1, count: own.count)
        var generator = SeededGenerator(seed: seed)
        let splits = try StratifiedKFold(folds: folds).splits(labels: labels, generator: &generator)
        return try crossValidatedAUC(rows: dev + own, labels: labels, splits: splits)
    }

    /// Out-of-fold AUC of L2 logistic regression (α = 1e-4, i.e. scikit-learn
    /// `LogisticRegression(C = 1/(α·n_train))`) on z-scored rows (scaler fitted per training fold).
    static func crossValidatedAUC(rows: [[Double]], labels: [Int], splits: [FoldSplit]) throws -> Double {
        let x = try Matrix(rows)
        var outOfFold = [Double](repeating: 0, count: labels.count)
        for split in splits {
            let scaler = try StandardScaler().fit(x.selectingRows(split.train))
            let model = try LogisticRegression(alpha: 1e-4).fit(try scaler.transform(x.selectingRows(split.train)),
                                                                labels: split.train.map { labels[$0] })
            let p = try model.predictProbability(try scaler.transform(x.selectingRows(split.test)))
            for (i, row) in split.test.enumerated() { outOfFold[row] = p[i] }
        }
        return try ROCCurve(scores: outOfFold, labels: labels.map { $0 == 1 }).auc
    }

    /// Rows of `table` encoded as in training, restricted to `predictors`, row-major.
    static func encoded(_ table: JoinedTable, rows: [Int], preprocessor: Preprocessor, predictors: [String]) throws -> [[Double]] {
        let columns = try preprocessor.encodedColumns(table, rows: rows)
        let selected = predictors.compactMap { columns[$0] }
        return rows.indices.map { i in selected.map { $0[i] } }
    }
}
