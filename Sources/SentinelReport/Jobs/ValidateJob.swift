import Foundation
import SentinelStudy

/// `sentinel validate MODEL.json COHORT.csv... --site NAME --out DIR`: external validation of
/// a frozen study at one site.
///
/// Joins the site's files on the model's id column, screens every patient (`SiteScreening`:
/// missing predictors are imputed as in training; non-numeric values, unseen levels and a
/// missing outcome exclude the patient, counted per reason and column), scores the others with
/// the frozen models exactly as `sentinel predict` does (no refitting), and evaluates them with
/// the development Youden thresholds stored in `model.json` (fixed, not re-chosen). Writes
/// `packet.json` (aggregate numbers only, see `ValidationPacket`), `report.html`/`report.pdf`
/// with figures and tables, and, only when asked, the row-level `predictions.csv` and
/// `excluded.csv` (id, reason, column of every excluded patient's problems).
///
/// Case mix needs the development data: pass the development study's YAML as `development`;
/// its training cohort is compared with the scored site patients (`CaseMix`).
public struct ValidateJob {
    public var model: URL
    public var data: [URL]
    public var site: String
    public var output: URL
    public var force: Bool
    public var includePredictions: Bool
    public var development: URL?
    public var bootstrapReplicates: Int
    public var version: String
    /// Bootstrap generator stream of the site cohort (see `PredictionEvaluator.evaluate(_:fixedThresholds:...)`).
    public var bootstrapStream: UInt64

    public init(model: URL, data: [URL], site: String, output: URL, force: Bool = false, includePredictions: Bool = false,
                development: URL? = nil, bootstrapReplicates: Int = 2000, version: String, bootstrapStream: UInt64 = 0) {
        self.model = FrozenStudy.modelFile(model)  // a run's output folder stands for its model.json
        self.data = data
        self.site = site
        self.output = output
        self.force = force
        self.includePredictions = includePredictions
        self.development = development
        self.bootstrapReplicates = bootstrapReplicates
        self.version = version
        self.bootstrapStream = bootstrapStream
    }

    /// Runs the validation into a fresh output folder and returns the packet.
    @discardableResult
    public func run() throws -> ValidationPacket {
        let frozen = try FrozenStudy.load(contentsOf: model)
        let folder = try OutputFolder(destination: output, force: force, inputs: [model] + data + (development.map { [$0] } ?? []))
        let table = try JoinedTable.read(data.map { (url: $0, name: $0.lastPathComponent) }, idColumn: frozen.idColumn)
        let screening = try SiteScreening.screen(table, preprocessor: frozen.preprocessor, outcomeColumn: frozen.outcomeColumn)
        guard !screening.scoredRows.isEmpty else { throw ValidationJobError.nobodyScored(site: site, screening: screening) }
        let scored = try table.selecting(rows: screening.scoredRows)
        let all = Array(0 ..< scored.rowCount)
        let probabilities = try score(frozen, scored, rows: all)
        let names = frozen.fitted.models.map(\.name)
        let thresholds = try names.map { name -> Double in
            guard let t = frozen.thresholds[name] else { throw ValidationJobError.missingThreshold(model: name) }
            return t
        }
        let input = EvaluationInput(modelNames: names, cohorts: [.init(name: site, labels: screening.labels, scores: probabilities)],
                                    thresholdCohort: 0)
        let results = try PredictionEvaluator(
            settings: EvaluationSettings(bootstrapReplicates: bootstrapReplicates, seed: frozen.settings.seed),
            toolName: "Sentinel \(version)"
        ).evaluate(input, fixedThresholds: thresholds, thresholdSource: "development training",
                   bootstrapStreams: [bootstrapStream])
        let developmentCohort = try development.map { url -> Cohort in
            let spec = try StudySpec.load(contentsOf: url)
            try Self.checkDevelopment(spec, studyFile: url, trainedOn: frozen)
            return try Cohort.load(spec: spec)
        }
        let caseMix = try developmentCohort.map { try compareCaseMix(frozen, development: $0, site: scored, rows: all) }
        let table1 = try developmentCohort.map { try ValidationTable1.build(development: $0, site: scored, siteName: site) }
        let modelHash = try SHA256.hash(fileAt: model).hex
        let packet = ValidationPacket(tool: "Sentinel \(version)", site: site, modelTitle: frozen.title, modelSHA256: modelHash,
                                      screening: screening, results: results, caseMix: caseMix)
        try folder.write(packet.encoded(), to: "packet.json")
        if includePredictions {
            let ids = scored.ids
            try folder.write(PredictionTable.csvData(
                ids: ids, cohorts: ids.map { _ in site }, labels: screening.labels.map { $0 ? 1 : 0 },
                models: zip(names, probabilities).map { PredictionTable.Model(name: $0, probabilities: $1) }), to: "predictions.csv")
            var csv = CSVBuilder(header: [frozen.idColumn, "reason", "column"])
            for p in screening.rowProblems { csv.appendRow([table.ids[p.row], p.reason.rawValue, p.column]) }
            try folder.write(csv.data, to: "excluded.csv")
        }
        try writeReport(packet, results: results, table1: table1, scores: probabilities, into: folder)
        try folder.commit()
        return packet
    }

    /// The frozen models' probabilities for `rows` of `table` (models × patients).
    func score(_ frozen: FrozenStudy, _ table: JoinedTable, rows: [Int]) throws -> [[Double]] {
        let columns = try frozen.preprocessor.encodedColumns(table, rows: rows)
        return try frozen.fitted.predictProbabilities(columns: columns, patients: rows.count)
    }

    /// The development study must be the one `model.json` was trained on: its data files must
    /// have exactly the SHA-256 digests `model.json` records (paths may differ; files can move).
    static func checkDevelopment(_ spec: StudySpec, studyFile: URL, trainedOn frozen: FrozenStudy) throws {
        let recorded = Set(frozen.trainingData.values)
        guard !recorded.isEmpty else { return }
        let digests = try zip(spec.data, spec.dataURLs).map { path, url in (path: path, sha256: try SHA256.hash(fileAt: url, name: path).hex) }
        guard Set(digests.map(\.sha256)) != recorded else { return }
        // Name a file model.json does not know; if all are known, some training file is missing.
        let named = digests.first { !recorded.contains($0.sha256) } ?? digests[0]
        throw ValidationJobError.developmentMismatch(study: studyFile.lastPathComponent, file: named.path,
                                                     recorded: frozen.trainingData.keys.sorted())
    }

    func compareCaseMix(_ frozen: FrozenStudy, development cohort: Cohort, site: JoinedTable, rows: [Int]) throws -> CaseMix {
        var predictors: [String] = []
        for name in frozen.fitted.models.compactMap(\.linear).flatMap(\.featureNames) where !predictors.contains(name) {
            predictors.append(name)
        }
        return try CaseMix.compare(development: cohort.data, developmentRows: cohort.trainingRows, site: site, siteRows: rows,
                                   preprocessor: frozen.preprocessor, predictors: predictors, seed: frozen.settings.seed)
    }

    func writeReport(_ packet: ValidationPacket, results: StudyResults, table1: Table1Summary?, scores: [[Double]],
                     into folder: OutputFolder) throws {
        let provenance: [(key: String, value: String)] = [
            ("Tool", "Sentinel \(version)"), ("Site", site), ("Model", packet.modelTitle),
            ("Model SHA-256", packet.modelSHA256), ("Thresholds", results.thresholdCohort),
        ]
        var inputs = ReportInputs(
            title: "External validation at \(site)", subtitle: "Frozen models of \(packet.modelTitle), applied without refitting",
            provenance: provenance, inputHashes: [(model.lastPathComponent, packet.modelSHA256)], results: results,
            generator: "Sentinel \(version)",
            date: try Provenance.collect(files: [(model, model.lastPathComponent)], seed: results.methods.seed).runDate)
        inputs.table1 = table1
        try ReportWriter(progress: ProgressReporter(enabled: false))
            .write(inputs, into: folder, risks: [site: scores]) { document in
                if let s = document.sections.firstIndex(where: { $0.id == "summary" }) {
                    document.sections[s].paragraphs.insert(contentsOf: Self.headline(packet), at: 0)
                    document.sections.insert(Self.transportability(packet), at: s + 1)
                }
            }
    }
}

/// A validation that cannot run for the data given (exit 65).
public enum ValidationJobError: Error, CustomStringConvertible, ExitStatusError {
    case nobodyScored(site: String, screening: SiteScreening)
    case missingThreshold(model: String)
    case developmentMismatch(study: String, file: String, recorded: [String])

    public var exitCode: Int32 { 65 }

    public var description: String {
        switch self {
        case let .nobodyScored(site, screening):
            let reasons = screening.exclusions.map { "\($0.patients) \($0.reason.rawValue) in \($0.column)" }.joined(separator: "; ")
            return "no patient of site \(site) could be scored (\(screening.patientsRead) read: \(reasons)); fix the listed columns or levels"
        case let .missingThreshold(model):
            return "model.json has no threshold for model \(model); re-run sentinel run to write a complete model.json"
        case let .developmentMismatch(study, file, recorded):
            return "--development \(study) is not the study model.json was trained on: its data file \(file) is not one of the "
                + "training files model.json records by SHA-256 (\(recorded.joined(separator: ", "))); pass the study file that produced model.json"
        }
    }
}
