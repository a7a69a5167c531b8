import SentinelStudy

/// Everything a report is built from. `sentinel evaluate` fills the prediction parts
/// only; `sentinel run` adds Table 1, the selection trail and the frozen models.
public struct ReportInputs: Sendable {
    public var title: String
    /// Shown under the title, e.g. the study file or predictions file name.
    public var subtitle: String
    /// Set when the data are simulated (the demo): the report says so plainly.
    public var simulatedDataNotice: String?
    /// Provenance key/values (tool version, seed, platform, date, study file).
    public var provenance: [(key: String, value: String)]
    /// Every input file and its SHA-256.
    public var inputHashes: [(path: String, sha256: String)]
    public var results: StudyResults
    public var table1: Table1Summary?
    /// Paragraphs describing the frozen model (how to score a new patient).
    public var modelDescription: [String]
    /// How patients were assigned to cohorts (a cohort column, or the seeded split), said in
    /// "Cohorts and flow"; nil for predictions alone, whose cohorts the file names.
    public var cohortAssignment: String?
    /// Figures by kind ("roc", "calibration", "dca", "lasso", "forest"), each in cohort order.
    public var figures: [String: [ReportFigure]]
    public var generator: String
    public var date: String

    public init(title: String, subtitle: String, simulatedDataNotice: String? = nil,
                provenance: [(key: String, value: String)], inputHashes: [(path: String, sha256: String)],
                results: StudyResults, table1: Table1Summary? = nil, modelDescription: [String] = [],
                cohortAssignment: String? = nil, figures: [String: [ReportFigure]] = [:], generator: String, date: String) {
        self.title = title
        self.subtitle = subtitle
        self.simulatedDataNotice = simulatedDataNotice
        self.provenance = provenance
        self.inputHashes = inputHashes
        self.results = results
        self.table1 = table1
        self.modelDescription = modelDescription
        self.cohortAssignment = cohortAssignment
        self.figures = figures
        self.generator = generator
        self.date = date
    }
}
