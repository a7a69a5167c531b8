import Dispatch
import Foundation
import SentinelNumerics

/// Synthetic mammograms and lesion masks for a simulated cohort (`sentinel demo --images`),
/// written as gzip NRRD files with a manifest for `sentinel extract`.
///
/// Each patient's lesion follows its simulated clinical values: the radius is half the
/// clinical tumour diameter (clamped to 2.5–15 mm); margin irregularity, internal
/// heterogeneity and contrast are higher on average for SLN-positive patients (outcome 1),
/// with Gaussian patient-to-patient spread. Both views of a patient show the same lesion,
/// placed and outlined independently. Everything is determined by `seed`.
public struct SyntheticImageCohort: Sendable {
    /// One simulated patient.
    public struct Patient: Sendable, Equatable {
        public var id: String
        /// 1 = positive outcome.
        public var outcome: Int
        /// Clinical tumour diameter in mm (nil: 20 mm).
        public var diameter: Double?

        public init(id: String, outcome: Int, diameter: Double?) {
            self.id = id; self.outcome = outcome; self.diameter = diameter
        }
    }

    public var patients: [Patient]
    public var views: [String] = ["CC", "MLO"]
    /// Image size in pixels (columns × rows) and pixel spacing in mm.
    public var width: Int = 320
    public var height: Int = 400
    public var spacing: Double = 0.2
    public var seed: UInt64

    public init(patients: [Patient], seed: UInt64) {
        self.patients = patients
        self.seed = seed
    }

    /// The manifest file name written by `write(to:)`.
    public static let manifestFile = "manifest.csv"

    /// The lesion of `patient`, drawn from `generator`.
    public static func lesion(for patient: Patient, generator: inout SeededGenerator) -> SyntheticLesion {
        let positive = Double(patient.outcome == 1 ? 1 : 0)
        func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { min(hi, max(lo, v)) }
        let radius = clamp((patient.diameter ?? 20) / 2 * (1 + 0.1 * generator.nextGaussian()), 2.5, 15)
        return SyntheticLesion(
            radius: radius,
            irregularity: clamp(0.3 + 0.15 * positive + 0.2 * generator.nextGaussian(), 0, 1),
            contrast: clamp(600 + 110 * positive + 150 * generator.nextGaussian(), 150, 1600),
            heterogeneity: clamp(0.35 + 0.15 * positive + 0.2 * generator.nextGaussian(), 0, 1))
    }

    /// Generates every view of every patient (in parallel, `jobs` workers) and writes
    /// `<id>_<view>.nrrd`, `<id>_<view>_mask.nrrd` and `manifest.csv` (id,view,image,mask)
    /// into `folder` (created if needed).
    /// - Returns: the manifest URL.
    @discardableResult
    public func write(to folder: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tasks = patients.indices.flatMap { p in views.indices.map { (p, $0) } }
        let errors = WriteErrors()
        let cohort = self
        let next = TaskCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, tasks.count))) { _ in
            while let k = next.claim(below: tasks.count) {
                let (p, v) = tasks[k]
                do { try cohort.writeView(patient: p, view: v, folder: folder) } catch { errors.record(k, error) }
            }
        }
        if let error = errors.first { throw error }
        var manifest = "id,view,image,mask\n"
        for (p, v) in tasks {
            let name = fileStem(patient: p, view: v)
            manifest += "\(SimpleCSV.escape(patients[p].id)),\(SimpleCSV.escape(views[v])),\(name).nrrd,\(name)_mask.nrrd\n"
        }
        let url = folder.appendingPathComponent(Self.manifestFile)
        try Data(manifest.utf8).write(to: url, options: .atomic)
        return url
    }

    private func fileStem(patient p: Int, view v: Int) -> String {
        let safe = patients[p].id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return "\(String(safe))_\(views[v])"
    }

    private func writeView(patient p: Int, view v: Int, folder: URL) throws {
        var patientGenerator = SeededGenerator(seed: seed).derived(UInt64(p))
        let lesion = Self.lesion(for: patients[p], generator: &patientGenerator)
        var viewGenerator = patientGenerator.derived(UInt64(v + 1))
        let (image, mask) = try SyntheticMammogram.generate(width: width, height: height, spacing: spacing,
                                                            view: views[v], lesion: lesion, generator: &viewGenerator)
        let stem = fileStem(patient: p, view: v)
        try NRRDWriter.write(image, to: folder.appendingPathComponent("\(stem).nrrd"), pixelType: .uint16)
        try NRRDWriter.write(mask, to: folder.appendingPathComponent("\(stem)_mask.nrrd"), pixelType: .uint8)
    }
}

/// A shared task counter for the parallel writers.
private final class TaskCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func claim(below count: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// Errors of the parallel writers; the lowest task index wins, so the report is stable.
private final class WriteErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Int: Error] = [:]

    func record(_ k: Int, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        errors[k] = error
    }

    var first: Error? { errors.keys.min().flatMap { errors[$0] } }
}
