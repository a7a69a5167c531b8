import Foundation
import Yams

/// The shape of the simulated demo cohort (`data/demo-cohort.yaml`): cohort sizes, the clinical
/// variables' quartiles and category counts by cohort and outcome (from the paper's Table 1),
/// and the imaging feature generators' settings. `DemoSimulator` turns it into data.
public struct DemoSpecification: Codable, Sendable, Equatable {
    /// One cohort's size.
    public struct CohortSize: Codable, Sendable, Equatable {
        /// Name written to the cohort column (`train`, `validation`, `test`).
        public var name: String
        /// Display label (`Training set`).
        public var label: String
        /// Patients.
        public var n: Int
        /// Patients with the outcome (SLN+).
        public var positives: Int
    }

    /// A statistic by outcome: for SLN- (`negative`) and SLN+ (`positive`) patients.
    public struct ByOutcome<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        public var negative: Value
        public var positive: Value

        /// The value for outcome `label` (0 or 1).
        public subscript(label: Int) -> Value { label == 1 ? positive : negative }
    }

    /// A continuous clinical variable: `[median, Q1, Q3]` by cohort and outcome.
    public struct ContinuousVariable: Codable, Sendable, Equatable {
        public var name: String
        public var label: String
        /// Decimal places of the simulated values.
        public var decimals: Int
        /// Plausible `[minimum, maximum]`; simulated values are clipped to it.
        public var range: [Double]
        /// Cohort name → `[median, Q1, Q3]` by outcome.
        public var quartiles: [String: ByOutcome<[Double]>]
    }

    /// A categorical clinical variable: counts per level by cohort and outcome.
    public struct CategoricalVariable: Codable, Sendable, Equatable {
        public var name: String
        public var label: String
        /// Level names, in display order.
        public var levels: [String]
        /// Cohort name → counts per level (aligned with `levels`) by outcome.
        public var counts: [String: ByOutcome<[Int]>]
    }

    /// Radiomics generator settings (see `DemoSimulator`).
    public struct Radiomics: Codable, Sendable, Equatable {
        public var views: [String]
        public var perView: Int
        public var blockSize: [Int]
        public var informativeBlocks: Int
        public var blockLoading: [Double]
        public var itemLoading: [Double]
        public var viewAgreement: Double
        public var signal: Double
        public var skew: Double
        public var testShift: Double

        enum CodingKeys: String, CodingKey {
            case views, perView = "per_view", blockSize = "block_size", informativeBlocks = "informative_blocks"
            case blockLoading = "block_loading", itemLoading = "item_loading", viewAgreement = "view_agreement"
            case signal, skew, testShift = "test_shift"
        }
    }

    /// Deep-feature generator settings (see `DemoSimulator`).
    public struct Deep: Codable, Sendable, Equatable {
        public var count: Int
        public var factors: Int
        public var informativeFactors: Int
        public var factorLoading: [Double]
        public var secondary: Double
        public var noise: Double
        public var spatialNoise: Double
        public var positions: Int
        public var signal: Double
        public var testShift: Double

        enum CodingKeys: String, CodingKey {
            case count, factors, informativeFactors = "informative_factors", factorLoading = "factor_loading"
            case secondary, noise, spatialNoise = "spatial_noise", positions, signal, testShift = "test_shift"
        }
    }

    /// Citation of the numbers.
    public var source: String
    /// Id column name.
    public var id: String
    /// Outcome column name.
    public var outcome: String
    /// Cohort column name.
    public var cohortColumn: String
    /// Cohorts in output order (the first is training).
    public var cohorts: [CohortSize]
    public var continuous: [ContinuousVariable]
    public var categorical: [CategoricalVariable]
    public var radiomics: Radiomics
    public var deep: Deep

    enum CodingKeys: String, CodingKey {
        case source, id, outcome, cohortColumn = "cohort_column", cohorts, continuous, categorical, radiomics, deep
    }

    /// Parses a specification (YAML).
    /// - Throws: `StudySpecError.invalidYAML` / `.invalidValue` naming `file`.
    public init(yaml: String, file: String) throws {
        do {
            self = try YAMLDecoder().decode(DemoSpecification.self, from: yaml)
        } catch let error as DecodingError {
            throw StudySpecError.invalidYAML(file: file, line: nil, problem: DemoSpecification.describe(error))
        } catch {
            throw StudySpecError.invalidYAML(file: file, line: nil, problem: "\(error)")
        }
        try validate(file: file)
    }

    /// Reads a specification file.
    public static func load(contentsOf url: URL) throws -> DemoSpecification {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError.fileNotFound(file: url.path)
        }
        return try DemoSpecification(yaml: String(decoding: data, as: UTF8.self), file: url.path)
    }

    /// The specification shipped with Sentinel (identical to `data/demo-cohort.yaml`).
    public static func bundled() throws -> DemoSpecification {
        try DemoSpecification(yaml: bundledYAML, file: "data/demo-cohort.yaml")
    }

    private func validate(file: String) throws {
        func fail(_ key: String, _ value: String, _ expected: String) -> StudySpecError {
            .invalidValue(file: file, key: key, line: nil, value: value, expected: expected)
        }
        for cohort in cohorts where cohort.positives < 2 || cohort.n - cohort.positives < 2 {
            throw fail("cohorts.\(cohort.name)", "\(cohort.positives)/\(cohort.n)", "at least 2 positives and 2 negatives")
        }
        for variable in continuous {
            guard variable.range.count == 2, variable.range[0] < variable.range[1] else {
                throw fail("continuous.\(variable.name).range", "\(variable.range)", "[minimum, maximum]")
            }
            for cohort in cohorts {
                guard let q = variable.quartiles[cohort.name] else {
                    throw fail("continuous.\(variable.name).quartiles", "(none)", "quartiles for cohort \(cohort.name)")
                }
                for v in [q.negative, q.positive] where v.count != 3 || !(v[1] <= v[0] && v[0] <= v[2]) {
                    throw fail("continuous.\(variable.name).quartiles.\(cohort.name)", "\(v)", "[median, Q1, Q3] with Q1 <= median <= Q3")
                }
            }
        }
        for variable in categorical {
            for cohort in cohorts {
                guard let c = variable.counts[cohort.name] else {
                    throw fail("categorical.\(variable.name).counts", "(none)", "counts for cohort \(cohort.name)")
                }
                for v in [c.negative, c.positive] where v.count != variable.levels.count || v.contains(where: { $0 < 0 }) || v.reduce(0, +) == 0 {
                    throw fail("categorical.\(variable.name).counts.\(cohort.name)", "\(v)", "one non-negative count per level")
                }
            }
        }
        guard radiomics.blockSize.count == 2, radiomics.blockSize[0] >= 1, radiomics.blockSize[0] <= radiomics.blockSize[1],
              radiomics.blockLoading.count == 2, radiomics.itemLoading.count == 2, radiomics.perView > 0 else {
            throw fail("radiomics", "", "block_size, block_loading and item_loading as [low, high]")
        }
        guard deep.factorLoading.count == 2, deep.informativeFactors <= deep.factors, deep.positions >= 1, deep.count > 0 else {
            throw fail("deep", "", "factor_loading as [low, high], informative_factors <= factors, positions >= 1")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return "missing key \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "bad value at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\": \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
