import Foundation
import SentinelImaging
import SentinelNumerics
import SentinelStudy

/// `sentinel demo --out DIR`: simulates a cohort shaped like the paper's (from the Table 1
/// specification in `data/demo-cohort.yaml`), writes it to `DIR/data/` with its study file,
/// and runs the full study on it. The report says plainly that the data are simulated.
public struct DemoJob {
    public var output: URL
    public var seed: UInt64
    public var force: Bool
    public var version: String
    public var progress: Bool
    /// `--images`: simulate mammograms and masks, extract their features, and study those
    /// instead of the directly simulated feature tables.
    public var images: Bool
    /// ResNet18 weights for `--images` (nil: a seeded, randomly initialised network).
    public var weights: URL?

    public init(output: URL, seed: UInt64, force: Bool, version: String, progress: Bool,
                images: Bool = false, weights: URL? = nil) {
        self.output = output
        self.seed = seed
        self.force = force
        self.version = version
        self.progress = progress
        self.images = images
        self.weights = weights
    }

    public static let notice = "The data in this report are simulated: a synthetic cohort shaped like Liu et al. 2025 (Front. Med. 12:1659422), Table 1. No patient data were used; the numbers demonstrate the method, not a clinical finding."

    /// What the report says about the simulated feature tables (`notice`, then how they are written).
    public static let tablesNotice = notice + " Radiomics and deep feature values are rounded to 6 significant digits, as an extraction table prints them."

    /// What the report says about the `--images` path, after `notice`.
    public static func imagesNotice(weights: URL?) -> String {
        let network = weights.map { "Deep features come from the ResNet18 weights in '\($0.lastPathComponent)'." }
            ?? "Deep features come from a randomly initialised ResNet18 (seeded He initialisation, no training, no ImageNet weights), so they carry only what random convolution filters pick up; they are not the paper's pretrained features."
        return notice + " The images are simulated too: synthetic mammogram-like pictures (breast outline, smooth fibroglandular texture, one lesion whose size follows the simulated diameter and whose margin, texture and contrast depend on the simulated SLN status), from which Sentinel extracted the radiomics (Original image, PyRadiomics default classes and settings) and deep features itself. " + network
    }

    public func run() throws {
        LargeAllocations.returnToSystemWhenFreed()
        if images { return try runWithImages() }
        let folder = try OutputFolder(destination: output, force: force)
        let reporter = ProgressReporter(enabled: progress)
        reporter.stage("simulating the demo cohort (seed \(seed))")
        let specification = try DemoSpecification.bundled()
        let cohort = DemoSimulator(specification: specification, seed: seed).simulate()
        let dataFolder = try folder.url("data/.keep").deletingLastPathComponent()
        let studyURL = dataFolder.appendingPathComponent(DemoCohort.studyFile)
        let studyYAML = Data(cohort.studyYAML().utf8)
        try FileOutput.write(studyYAML, to: studyURL)
        let spec = try StudySpec.load(contentsOf: studyURL, name: "data/\(studyURL.lastPathComponent)")
        // The study gets the simulated tables as they are in memory (the same cells and numbers
        // as reading the files written here), while the data files are formatted, written and
        // fingerprinted in the background (the same inputs, in the same order, as `run` hashes).
        let files = [PendingProvenance.MadeFile(url: studyURL, path: studyURL.lastPathComponent, written: true) { studyYAML }]
            + zip(spec.dataURLs, spec.data).map { url, path in
                PendingProvenance.MadeFile(url: url, path: path, stream: { emit in
                    guard try cohort.streamFile(named: url.lastPathComponent, emit: emit) else { throw DataError.fileNotFound(file: path) }
                })
            }
        let writing = PendingProvenance(writing: files, seed: spec.seed)
        do {
            _ = try RunJob(study: studyURL, output: output, force: force, version: version, progress: progress,
                           notice: Self.tablesNotice).run(spec: spec, into: folder, reporter: reporter, tables: cohort.tables(),
                                                    provenance: writing)
        } catch {
            // The staging folder is removed on failure (when `folder` is released): not while
            // files are still being written into it.
            withExtendedLifetime(folder) { _ = try? writing.wait() }
            throw error
        }
        try folder.commit()
    }

    /// `demo --images`: clinical data simulated as usual; images, masks and a manifest in
    /// `DIR/data/images/`; radiomics and deep features extracted from them into
    /// `DIR/data/radiomics.csv` and `DIR/data/deep.csv`; then the study.
    private func runWithImages() throws {
        let folder = try OutputFolder(destination: output, force: force)
        let reporter = ProgressReporter(enabled: progress)
        reporter.stage("simulating the demo cohort (seed \(seed))")
        let specification = try DemoSpecification.bundled()
        let cohort = DemoSimulator(specification: specification, seed: seed).simulate()
        let dataFolder = try folder.url("data/.keep").deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        try FileOutput.write(cohort.clinicalCSV(), to: dataFolder.appendingPathComponent(DemoCohort.clinicalFile))

        reporter.stage("drawing \(2 * cohort.ids.count) synthetic mammograms and lesion masks")
        let diameters = cohort.clinical.first { $0.name == "diameter" }?.cells
        let patients = cohort.ids.indices.map { i in
            SyntheticImageCohort.Patient(id: cohort.ids[i], outcome: cohort.outcome[i],
                                         diameter: diameters.flatMap { CSVTable.parseNumber($0[i]) }.map { $0 * 10 })
        }
        let manifestURL = try SyntheticImageCohort(patients: patients, seed: seed)
            .write(to: dataFolder.appendingPathComponent("images"))
        let manifest = try RadiomicsManifest.load(manifestURL)

        reporter.stage("extracting radiomics features (Original image, default classes)")
        let radiomics = RadiomicsExtractor(settings: RadiomicsSettings()).extract(manifest: manifest)
        reporter.stage(weights == nil ? "extracting deep features (randomly initialised ResNet18, seed \(seed))"
                                      : "extracting deep features (\(weights!.lastPathComponent))")
        let network = try weights.map { try ResNet18(contentsOf: $0) } ?? .randomlyInitialized(seed: seed)
        let deep = DeepFeatureExtractor(network: network).extract(manifest: manifest)
        let failures = radiomics.failures + deep.failures
        guard failures.isEmpty else {
            throw DemoImagesError(reasons: failures.map { "\($0.id) \($0.view): \($0.reason)" })
        }
        try FileOutput.write(Data(Self.featureCSV(radiomics, id: specification.id).utf8),
                             to: dataFolder.appendingPathComponent(DemoCohort.radiomicsFile))
        try FileOutput.write(Data(Self.featureCSV(deep, id: specification.id).utf8),
                             to: dataFolder.appendingPathComponent(DemoCohort.deepFile))
        let studyURL = dataFolder.appendingPathComponent(DemoCohort.studyFile)
        try FileOutput.write(Data(Self.imageStudyYAML(cohort: cohort).utf8), to: studyURL)
        let spec = try StudySpec.load(contentsOf: studyURL, name: "data/\(studyURL.lastPathComponent)")
        _ = try RunJob(study: studyURL, output: output, force: force, version: version, progress: progress,
                       notice: Self.imagesNotice(weights: weights)).run(spec: spec, into: folder, reporter: reporter)
        try folder.commit()
    }

    /// A feature table with its `id` column renamed to the cohort's id column.
    private static func featureCSV(_ result: ExtractionResult, id: String) -> String {
        id + result.csv().dropFirst(2)
    }

    /// The study file of the `--images` demo: radiomics columns `*_original_*`, deep `*_dl_*`.
    static func imageStudyYAML(cohort: DemoCohort) -> String {
        let s = cohort.specification
        return """
        # SIMULATED data (DemoSimulator + SyntheticImageCohort, seed \(cohort.seed)), shaped like \(s.source).
        # Radiomics and deep features were extracted by Sentinel from synthetic images in images/.
        title: "SLN metastasis fusion model: simulated demo cohort from synthetic images (not real patients)"
        data: [\(DemoCohort.clinicalFile), \(DemoCohort.radiomicsFile), \(DemoCohort.deepFile)]
        id: \(s.id)
        outcome: \(s.outcome)
        cohort: {column: \(s.cohortColumn), training: \(s.cohorts.first?.name ?? "train")}
        modalities:
          - name: Clinical
            continuous: [\(s.continuous.map(\.name).joined(separator: ", "))]
            categorical: [\(s.categorical.map(\.name).joined(separator: ", "))]
          - name: Rad
            columns: "*_original_*"
          - name: DL
            columns: "*_dl_*"
        selection: {p: 0.05, correlation: 0.75, lasso_folds: 5}
        seed: \(cohort.seed)
        bootstrap: \(StudySpec.defaultBootstrap)

        """
    }
}

/// Some synthetic ROI could not be extracted (an internal fault of the demo).
struct DemoImagesError: Error, CustomStringConvertible {
    var reasons: [String]
    var description: String {
        "the demo's synthetic images failed to extract (\(reasons.count) ROIs), first: \(reasons.first ?? "")"
    }
}
