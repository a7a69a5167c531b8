import Dispatch
import Foundation

extension RadiomicsExtractor {
    /// Extracts every ROI of `manifest` (or of one shard of its patients) in parallel.
    ///
    /// - ROIs are processed by `jobs` workers (default: all cores) with
    ///   `DispatchQueue.concurrentPerform`; the output does not depend on `jobs`.
    /// - A ROI that fails (unreadable file, path outside the manifest folder, label absent,
    ///   size/spacing mismatch, ROI too small) is listed in `failures` with its reason; the
    ///   patient keeps its other views. Patients without any successful ROI have no row.
    /// - `progress(done, total)` is called after each ROI (from worker threads, serialised).
    public func extract(
        manifest: RadiomicsManifest, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        shard: Shard? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> ExtractionResult {
        var patientOrder: [String] = [], seen = Set<String>()
        for row in manifest.rows where seen.insert(row.id).inserted { patientOrder.append(row.id) }
        let patients = shard.map { $0.select(patientOrder) } ?? patientOrder
        let chosen = Set(patients)
        let rows = manifest.rows.filter { chosen.contains($0.id) }
        let outcomes = OutcomeStore(count: rows.count)
        let workers = max(1, min(jobs, rows.count))
        let extractor = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = outcomes.claim() {
                let outcome = extractor.extractRow(rows[k], manifest: manifest)
                let done = outcomes.store(outcome, at: k)
                progress?(done, rows.count)
            }
        }
        return assemble(rows: rows, patients: patients, outcomes: outcomes.results())
    }

    private func extractRow(_ row: RadiomicsManifest.Row, manifest: RadiomicsManifest) -> Result<[(name: String, value: Double)], ImagingError> {
        do {
            let image = try ImageReader.read(try manifest.resolve(row.image))
            let mask = try ImageReader.read(try manifest.resolve(row.mask))
            return .success(try extract(image: image, mask: mask, label: row.label ?? settings.label))
        } catch let error as ImagingError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(path: row.image, reason: "\(error)"))
        }
    }

    private func assemble(rows: [RadiomicsManifest.Row], patients: [String],
                          outcomes: [Result<[(name: String, value: Double)], ImagingError>]) -> ExtractionResult {
        var views: [String] = []
        for row in rows where !views.contains(row.view) { views.append(row.view) }
        // Columns per view: from the first successful ROI of that view.
        var viewColumns: [String: [String]] = [:]
        var failures: [ROIFailure] = []
        var perPatient: [String: [String: Double]] = [:]
        for (row, outcome) in zip(rows, outcomes) {
            switch outcome {
            case let .success(features):
                if viewColumns[row.view] == nil { viewColumns[row.view] = features.map { "\(row.view)_\($0.name)" } }
                var cells = perPatient[row.id, default: [:]]
                for f in features { cells["\(row.view)_\(f.name)"] = f.value }
                perPatient[row.id] = cells
            case let .failure(error):
                failures.append(ROIFailure(id: row.id, view: row.view, image: row.image, reason: error.description))
            }
        }
        var columns: [String] = []
        var known = Set<String>()
        for view in views {
            for c in viewColumns[view] ?? [] where known.insert(c).inserted { columns.append(c) }
        }
        for cells in perPatient.values { for c in cells.keys.sorted() where known.insert(c).inserted { columns.append(c) } }
        let ids = patients.filter { perPatient[$0] != nil }
        let values = ids.map { id in columns.map { perPatient[id]![$0] ?? .nan } }
        return ExtractionResult(columns: columns, ids: ids, values: values, failures: failures)
    }
}

/// Work queue and result slots shared by the extraction workers.
private final class OutcomeStore: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var slots: [Result<[(name: String, value: Double)], ImagingError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ outcome: Result<[(name: String, value: Double)], ImagingError>, at k: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[k] = outcome; done += 1
        return done
    }

    func results() -> [Result<[(name: String, value: Double)], ImagingError>] {
        slots.map { $0 ?? .failure(.invalidSetting("internal: ROI was not processed")) }
    }
}
