import Foundation
import Yams

/// A study file (`sentinel run STUDY.yaml`), parsed and checked for shape.
///
/// ```yaml
/// title: SLN metastasis, mammography fusion model   # default: the file name without extension
/// data: [clinical.csv, radiomics.csv, deep.csv]     # one path or a list; relative to this file
/// id: patient_id                                    # the join key, present in every data file
/// outcome: sln                                      # 0/1
/// cohort:                                           # optional (default: seeded stratified 7:3 split)
///   column: cohort
///   training: train                                 # other values: evaluation cohorts
/// modalities:                                       # the first is the fusion models' anchor
///   - name: Clinical
///     continuous: [age, diameter, bmi, nlr]         # numeric features
///     categorical: [shape, margin, mg_reported_ln, grade]
///   - name: Rad
///     columns: "rad_*"                              # numeric features: a glob or a list of names/globs
/// selection: {p: 0.05, correlation: 0.75, lasso_folds: 5}   # defaults: the paper's
/// seed: 20250909                                    # default 20250909
/// bootstrap: 2000                                   # default 2000; 0: no bootstrap CIs
/// ```
///
/// Every entry of `continuous`, `categorical` and `columns` is a column name or a glob
/// (`*` any run of characters, `?` one character, `[abc]`/`[a-z]`/`[!abc]` one of / none of);
/// `columns` entries are numeric like `continuous`. Names and globs are resolved against the
/// data files' headers by `Cohort`. Unknown keys are errors (they are usually typos).
/// Shape errors are `StudySpecError` (exit 78); a missing study file is `DataError` (exit 66).
public struct StudySpec: Sendable, Equatable, Codable {
    /// How rows are assigned to cohorts when the data say so.
    public struct CohortColumn: Sendable, Equatable, Codable {
        /// The column holding each patient's cohort name.
        public var column: String
        /// The value of `column` that marks the training cohort.
        public var training: String

        public init(column: String, training: String) {
            self.column = column
            self.training = training
        }
    }

    /// One named feature group.
    public struct Modality: Sendable, Equatable, Codable {
        /// Display and model name (e.g. `Clinical`).
        public var name: String
        /// Numeric feature names / globs.
        public var continuous: [String]
        /// Categorical feature names / globs (encoded by `Preprocessor`).
        public var categorical: [String]
        /// More numeric feature names / globs (same as `continuous`).
        public var columns: [String]

        public init(name: String, continuous: [String] = [], categorical: [String] = [], columns: [String] = []) {
            self.name = name
            self.continuous = continuous
            self.categorical = categorical
            self.columns = columns
        }
    }

    /// The three-step feature selection settings.
    public struct Selection: Sendable, Equatable, Codable {
        /// Univariate p-value threshold (keep p < this). Default 0.05.
        public var p: Double
        /// Correlation filter threshold on |r|. Default 0.75.
        public var correlation: Double
        /// LASSO cross-validation folds. Default 5.
        public var lassoFolds: Int

        public init(p: Double = 0.05, correlation: Double = 0.75, lassoFolds: Int = 5) {
            self.p = p
            self.correlation = correlation
            self.lassoFolds = lassoFolds
        }
    }

    /// Default seed when the study file has none.
    public static let defaultSeed: UInt64 = 20_250_909
    /// Default number of bootstrap replicates.
    public static let defaultBootstrap = 2000

    /// The study file as the user named it (used in messages).
    public var file: String
    /// The folder data paths are relative to (the study file's folder).
    public var baseDirectory: URL
    /// Report title.
    public var title: String
    /// Data file paths as written in the study file.
    public var data: [String]
    /// The id column shared by all data files.
    public var id: String
    /// The 0/1 outcome column.
    public var outcome: String
    /// Cohort assignment from a column, or `nil` for the seeded stratified 7:3 split.
    public var cohort: CohortColumn?
    /// Feature groups, in order (the first is the anchor of the fusion models).
    public var modalities: [Modality]
    /// Feature selection settings.
    public var selection: Selection
    /// Seed of every random choice in the study.
    public var seed: UInt64
    /// Bootstrap replicates.
    public var bootstrap: Int

    /// Absolute URLs of the data files (resolved against `baseDirectory`).
    public var dataURLs: [URL] {
        data.map { path in
            path.hasPrefix("/") ? URL(fileURLWithPath: path)
                : baseDirectory.appendingPathComponent(path)
        }
    }

    /// Creates a spec in code (no validation of columns; `Cohort` does that).
    public init(file: String, baseDirectory: URL, title: String, data: [String], id: String, outcome: String,
                cohort: CohortColumn?, modalities: [Modality], selection: Selection = Selection(),
                seed: UInt64 = StudySpec.defaultSeed, bootstrap: Int = StudySpec.defaultBootstrap) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.title = title
        self.data = data
        self.id = id
        self.outcome = outcome
        self.cohort = cohort
        self.modalities = modalities
        self.selection = selection
        self.seed = seed
        self.bootstrap = bootstrap
    }

    /// Reads and parses the study file at `url`.
    /// - Parameter name: the name used in messages (default: the path as given).
    /// - Throws: `DataError.fileNotFound`/`.unreadableFile` (66), `StudySpecError` (78).
    public static func load(contentsOf url: URL, name: String? = nil) throws -> StudySpec {
        let file = name ?? url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataError.fileNotFound(file: file)
        }
        guard !isDirectory.boolValue, let data = try? Data(contentsOf: url) else {
            throw DataError.unreadableFile(file: file, reason: isDirectory.boolValue ? "it is a folder" : "permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError.notUTF8(file: file) }
        return try StudySpec(yaml: text, file: file, baseDirectory: url.deletingLastPathComponent())
    }

    /// Parses study YAML text.
    /// - Parameters:
    ///   - file: the name used in messages; its last path component gives the default title.
    ///   - baseDirectory: the folder relative data paths are resolved against.
    /// - Throws: `StudySpecError` (78).
    public init(yaml: String, file: String, baseDirectory: URL) throws {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw StudySpecError.invalidYAML(file: file, line: nil, problem: "the file is empty")
            }
            root = node
        } catch let error as StudySpecError {
            throw error
        } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _),
                let YamlError.composer(_, problem, mark, _) {
            throw StudySpecError.invalidYAML(file: file, line: mark.line, problem: problem)
        } catch {
            throw StudySpecError.invalidYAML(file: file, line: nil, problem: "\(error)")
        }
        let reader = SpecReader(file: file)
        let top = try reader.mapping(root, key: "(top level)",
                                     allowed: ["title", "data", "id", "outcome", "cohort", "modalities",
                                               "selection", "seed", "bootstrap"])
        let defaultTitle = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        self.file = file
        self.baseDirectory = baseDirectory
        self.title = try top["title"].map { try reader.text($0, key: "title") } ?? defaultTitle
        self.data = try reader.texts(reader.require(top, "data"), key: "data")
        guard !data.isEmpty else {
            throw StudySpecError.invalidValue(file: file, key: "data", line: nil, value: "[]",
                                              expected: "list at least one CSV file")
        }
        self.id = try reader.text(reader.require(top, "id"), key: "id")
        self.outcome = try reader.text(reader.require(top, "outcome"), key: "outcome")
        self.cohort = try top["cohort"].map { try reader.cohortColumn($0) }
        self.modalities = try reader.modalities(reader.require(top, "modalities"))
        self.selection = try top["selection"].map { try reader.selection($0) } ?? Selection()
        self.seed = try top["seed"].map { try reader.seed($0) } ?? StudySpec.defaultSeed
        self.bootstrap = try top["bootstrap"].map {
            try reader.integer($0, key: "bootstrap", range: 0 ... EvaluationSettings.maximumBootstrapReplicates,
                               expected: "a whole number of replicates from 0 (no bootstrap CIs, as `evaluate --bootstrap 0`) to \(EvaluationSettings.maximumBootstrapReplicates)")
        } ?? StudySpec.defaultBootstrap
    }
}
