import Dispatch
import Foundation

/// Times the reading of a manifest's ROI crops alone (`DeepFeatureExtractor.readCrop`: image
/// and mask decoding, label box, crop), on `jobs` workers as `extract --deep` reads a batch, for
/// the `make bench` line that shows how much of the whole `extract --deep` process is decoding
/// rather than inference (through the hidden `sentinel bench-deep --reading`).
public struct CropReadingBenchmark: Sendable {
    public let manifest: RadiomicsManifest
    public var jobs: Int
    /// Timed passes over all ROIs (the fastest is reported), after one untimed pass that warms
    /// the file cache.
    public var repetitions: Int

    public init(manifest: RadiomicsManifest, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, repetitions: Int = 3) {
        self.manifest = manifest
        self.jobs = max(1, jobs)
        self.repetitions = max(1, repetitions)
    }

    /// ROIs read per second (wall clock, fastest pass).
    /// - Throws: the first ROI's reading error (`ImagingError`, `DeepError`).
    public func run() throws -> Double {
        var best = Double.infinity
        for pass in 0...repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            try readAll()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            if pass > 0 { best = min(best, seconds) }
        }
        return Double(manifest.rows.count) / best
    }

    /// Every ROI read once, `jobs` at a time; each crop dropped as soon as it is read.
    private func readAll() throws {
        let rows = manifest.rows, manifest = self.manifest
        let outcomes = ResultSlots<Void>(count: rows.count)
        let queue = WorkQueue(count: rows.count)
        Parallel.forEach(min(jobs, max(1, rows.count))) { _ in
            while let k = queue.next() {
                outcomes.set(k, Result {
                    _ = try DeepFeatureExtractor.readCrop(image: manifest.resolve(rows[k].image),
                                                          mask: manifest.resolve(rows[k].mask), label: rows[k].label ?? 1)
                })
            }
        }
        for k in rows.indices { try outcomes.get(k) }
    }
}
