import Foundation

/// `model.json`: everything needed to score a new patient with the study's models, and
/// nothing row-level: the data schema (id, outcome and modality columns), the training
/// imputation values and encodings, each model's selected features, scaler, coefficients
/// or support vectors and Platt parameters, the Youden thresholds, and the SHA-256 of the
/// training data files.
public struct FrozenStudy: Codable, Sendable {
    public static let schemaIdentifier = "sentinel.model/1"
    public var schema: String
    public var tool: String
    public var title: String
    public var idColumn: String
    public var outcomeColumn: String
    public var cohortColumn: String?
    public var modalities: [Cohort.Modality]
    public var preprocessor: Preprocessor
    public var fitted: FittedStudy
    /// Youden thresholds chosen on the training cohort, by model name.
    public var thresholds: [String: Double]
    /// SHA-256 of each training data file, by file name.
    public var trainingData: [String: String]
    public var settings: PipelineSettings

    public init(tool: String, title: String, idColumn: String, outcomeColumn: String, cohortColumn: String?,
                modalities: [Cohort.Modality], preprocessor: Preprocessor, fitted: FittedStudy,
                thresholds: [String: Double], trainingData: [String: String], settings: PipelineSettings) {
        self.schema = Self.schemaIdentifier
        self.tool = tool
        self.title = title
        self.idColumn = idColumn
        self.outcomeColumn = outcomeColumn
        self.cohortColumn = cohortColumn
        self.modalities = modalities
        self.preprocessor = preprocessor
        self.fitted = fitted
        self.thresholds = thresholds
        self.trainingData = trainingData
        self.settings = settings
    }

    enum CodingKeys: String, CodingKey {
        case schema, tool, title
        case idColumn = "id_column", outcomeColumn = "outcome_column", cohortColumn = "cohort_column"
        case modalities, preprocessor, fitted, thresholds
        case trainingData = "training_data_sha256"
        case settings
    }

    /// Deterministic JSON (sorted keys).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// `url` itself, or `url/model.json` when `url` is a folder (a `sentinel run` output).
    public static func modelFile(_ url: URL) -> URL {
        var isDirectory: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        return folder ? url.appendingPathComponent("model.json") : url
    }

    /// Reads a `model.json` (or the one inside a `sentinel run` output folder), with a clear
    /// error for a missing file or another schema.
    public static func load(contentsOf url: URL) throws -> FrozenStudy {
        let url = modelFile(url)
        guard let data = try? Data(contentsOf: url) else { throw DataError.fileNotFound(file: url.path) }
        do {
            let model = try JSONDecoder().decode(FrozenStudy.self, from: data)
            guard model.schema == schemaIdentifier else {
                throw DataError.notSentinelOutput(file: url.path, kind: "model.json", reason: "schema \(model.schema) is not \(schemaIdentifier); re-run sentinel run with this version")
            }
            return model
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError.notSentinelOutput(file: url.path, kind: "model.json", reason: DataError.decodingProblem(error))
        }
    }
}
