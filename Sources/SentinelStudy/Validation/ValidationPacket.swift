import Foundation

/// `packet.json`: what a validation site sends back: aggregate numbers only.
///
/// Contents: site name, tool version, the SHA-256 of the `model.json` applied, how many
/// patients were read, scored and excluded (counts per reason and column), imputed-value
/// counts per column, the evaluation of every model on the scored patients (counts, metrics
/// with CIs, ROC and binned-calibration points, decision curves; `StudyResults` schema) and
/// the case-mix comparison when development data were given.
///
/// Privacy: no patient id and no row-level value. The smoothed calibration curve (evaluated
/// at every patient's distinct prediction) is removed; ROC points are (FPR, TPR) pairs only.
/// A calibration bin holding a single patient still reveals that patient's prediction: with
/// fewer than 10 patients per bin, consider fewer bins.
public struct ValidationPacket: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "sentinel.packet/1"

    /// Calibration-in-the-large and slope, the transportability headline, per model.
    public struct Transportability: Codable, Sendable, Equatable {
        public var model: String
        public var auc: Double
        public var aucCI: [Double]
        public var calibrationIntercept: Double?
        public var calibrationInterceptCI: [Double]?
        public var calibrationSlope: Double?
        public var calibrationSlopeCI: [Double]?

        enum CodingKeys: String, CodingKey {
            case model, auc
            case aucCI = "auc_ci"
            case calibrationIntercept = "calibration_intercept", calibrationInterceptCI = "calibration_intercept_ci"
            case calibrationSlope = "calibration_slope", calibrationSlopeCI = "calibration_slope_ci"
        }
    }

    public var schema: String
    public var tool: String
    public var site: String
    public var modelTitle: String
    public var modelSHA256: String
    public var patientsRead: Int
    public var patientsScored: Int
    public var patientsExcluded: Int
    public var exclusions: [SiteScreening.Exclusion]
    public var imputations: [SiteScreening.Imputation]
    public var transportability: [Transportability]
    public var results: StudyResults
    public var caseMix: CaseMix?

    enum CodingKeys: String, CodingKey {
        case schema, tool, site
        case modelTitle = "model_title", modelSHA256 = "model_sha256"
        case patientsRead = "patients_read", patientsScored = "patients_scored", patientsExcluded = "patients_excluded"
        case exclusions, imputations, transportability, results
        case caseMix = "case_mix"
    }

    /// Builds the packet; `results` must hold the single site cohort. Row-level curve parts are
    /// stripped here (see the type's privacy note).
    public init(tool: String, site: String, modelTitle: String, modelSHA256: String, screening: SiteScreening,
                results: StudyResults, caseMix: CaseMix?) {
        self.schema = Self.schemaIdentifier
        self.tool = tool
        self.site = site
        self.modelTitle = modelTitle
        self.modelSHA256 = modelSHA256
        self.patientsRead = screening.patientsRead
        self.patientsScored = screening.scoredRows.count
        self.patientsExcluded = screening.patientsExcluded
        self.exclusions = screening.exclusions
        self.imputations = screening.imputations
        var aggregate = results
        for c in aggregate.cohorts.indices {
            for m in aggregate.cohorts[c].models.indices {
                aggregate.cohorts[c].models[m].curves?.smoothPredicted = []
                aggregate.cohorts[c].models[m].curves?.smoothObserved = []
            }
        }
        self.results = aggregate
        self.transportability = (aggregate.cohorts.first?.models ?? []).map {
            Transportability(model: $0.name, auc: $0.auc, aucCI: $0.aucCI,
                             calibrationIntercept: $0.calibrationIntercept, calibrationInterceptCI: $0.calibrationInterceptCI,
                             calibrationSlope: $0.calibrationSlope, calibrationSlopeCI: $0.calibrationSlopeCI)
        }
        self.caseMix = caseMix
    }

    /// Deterministic JSON (sorted keys).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    /// Reads a `packet.json`.
    public static func load(contentsOf url: URL) throws -> ValidationPacket {
        guard let data = try? Data(contentsOf: url) else { throw DataError.fileNotFound(file: url.path) }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            let packet = try decoder.decode(ValidationPacket.self, from: data)
            guard packet.schema == schemaIdentifier else {
                throw DataError.notSentinelOutput(file: url.path, kind: "packet.json", reason: "schema \(packet.schema) is not \(schemaIdentifier)")
            }
            return packet
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError.notSentinelOutput(file: url.path, kind: "packet.json", reason: DataError.decodingProblem(error))
        }
    }
}
