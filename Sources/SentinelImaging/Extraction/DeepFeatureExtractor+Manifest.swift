import Dispatch
import Foundation
import SentinelNumerics

extension DeepFeatureExtractor {
    /// Deep features (`<view>_dl_<k>`, k = 0 ..< `network.featureCount`) of every ROI of
    /// `manifest` (or of one shard of its patients), one row per patient id in manifest order.
    ///
    /// - Each ROI's image and mask are read with `readCrop(image:mask:label:preprocessing:)` (in
    ///   parallel, `jobs` workers, the next batch while the network runs on the current one;
    ///   with a single batch the network keeps no Winograd-transformed weights, see
    ///   `ResNet18.keepsTransformedWeights`);
    ///   the mask must have the image's size. The label is the row's `label`, else `label`.
    /// - 2D images are used as they are. For a 3D volume the network sees one axial plane: the
    ///   z-slice holding the most ROI voxels (the lowest z on ties); see `plane(image:mask:label:)`.
    /// - The ROI is then cropped to `preprocessing.cropBox` (identical network input, far less
    ///   memory), and crops go through the network in batches of `batchSize` (all cores).
    /// - A ROI that fails (unreadable file, path outside the manifest folder, size mismatch,
    ///   label absent, non-finite intensities) is listed in `failures`; the others are written.
    /// - `progress(done, total)` is called after each batch.
    public func extract(
        manifest: RadiomicsManifest, label: Int = 1, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        shard: Shard? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> ExtractionResult {
        Self.pipeline(manifest: manifest, preprocessing: preprocessing, batchSize: batchSize, label: label,
                           jobs: jobs, shard: shard, progress: progress) { self }
    }

    /// `extract(manifest:label:jobs:shard:progress:)` of a network loaded from `weights` (see
    /// `init(weights:preprocessing:batchSize:)`), the loading overlapping the reading of the
    /// first batch of ROIs. Same result as loading first, then extracting.
    /// - Throws: the weights loading error (`DeepError`), after the first batch was read.
    public static func extract(
        manifest: RadiomicsManifest, weights: URL, preprocessing: DeepPreprocessing = DeepPreprocessing(),
        batchSize: Int = 32, label: Int = 1, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        shard: Shard? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> ExtractionResult {
        try pipeline(manifest: manifest, preprocessing: preprocessing, batchSize: max(1, batchSize), label: label,
                     jobs: jobs, shard: shard, progress: progress) {
            try DeepFeatureExtractor(weights: weights, preprocessing: preprocessing, batchSize: batchSize)
        }
    }

    /// Reads batch k + 1 of ROIs (`jobs` workers) while batch k goes through the network; the
    /// first batch is read while `network()` runs. Batches, and so results, are those of a
    /// sequential run.
    private static func pipeline(
        manifest: RadiomicsManifest, preprocessing: DeepPreprocessing, batchSize: Int, label: Int, jobs: Int,
        shard: Shard?, progress: (@Sendable (Int, Int) -> Void)?, network: () throws -> DeepFeatureExtractor
    ) rethrows -> ExtractionResult {
        OpenBLASKernels.ensureSelected()
        var patientOrder: [String] = [], seen = Set<String>()
        for row in manifest.rows where seen.insert(row.id).inserted { patientOrder.append(row.id) }
        let patients = shard.map { $0.select(patientOrder) } ?? patientOrder
        let chosen = Set(patients)
        let rows = manifest.rows.filter { chosen.contains($0.id) }
        let batches = stride(from: 0, to: rows.count, by: batchSize).map { $0..<min(rows.count, $0 + batchSize) }
        let read = { (batch: Range<Int>) in
            BatchRead(Array(rows[batch]), manifest: manifest, preprocessing: preprocessing, label: label, jobs: jobs)
        }
        var pending = batches.first.map(read)
        var extractor: DeepFeatureExtractor
        do { extractor = try network() } catch {
            pending?.wait()
            throw error
        }
        if batches.count < 2 && extractor.network.keepsTransformedWeights {
            // One pass: no use keeping the Winograd-transformed weights after it.
            var once = extractor.network
            once.keepsTransformedWeights = false
            extractor = DeepFeatureExtractor(network: once, preprocessing: extractor.preprocessing, batchSize: extractor.batchSize)
        }
        var outcomes = [Result<[Float], Error>?](repeating: nil, count: rows.count)
        for (b, batch) in batches.enumerated() {
            var ready: [Int] = [], inputs: [DeepInput] = []
            for (k, crop) in pending!.wait().enumerated() {
                switch crop {
                case let .success(input):
                    ready.append(k)
                    inputs.append(input)
                case let .failure(error):
                    outcomes[batch.lowerBound + k] = .failure(error)
                }
            }
            pending = b + 1 < batches.count ? read(batches[b + 1]) : nil
            // Each crop is freed once preprocessed; a crop that fails is its ROI's failure.
            for (k, outcome) in zip(ready, extractor.featuresReleasingImages(&inputs)) {
                outcomes[batch.lowerBound + k] = outcome
            }
            progress?(batch.upperBound, rows.count)
        }
        return assemble(rows: rows, patients: patients, outcomes: outcomes, featureCount: extractor.network.featureCount)
    }

    /// The 2D plane of `image`/`mask` the network sees: the image itself when 2D; for a 3D
    /// volume the z-slice with the largest number of voxels whose mask value is `label`
    /// (lowest z on ties). Rows are y, columns x; spacing, origin and direction are ignored.
    /// - Throws: `ImagingError.geometryMismatch` when the sizes differ,
    ///   `ImagingError.labelAbsent` when no voxel carries `label`.
    public static func plane(image: ImageVolume, mask: ImageVolume, label: Int) throws -> DeepInput {
        guard image.sizeXYZ == mask.sizeXYZ else {
            throw ImagingError.geometryMismatch("image size \(image.sizeXYZ) vs mask size \(mask.sizeXYZ)")
        }
        let (w, h, depth) = image.size
        let planeSize = w * h
        let target = Double(label)
        var bestSlice = -1, bestArea = 0
        for z in 0..<depth {
            var area = 0
            for i in (z * planeSize)..<((z + 1) * planeSize) where mask.voxels[i] == target { area += 1 }
            if area > bestArea { bestArea = area; bestSlice = z }
        }
        guard bestSlice >= 0 else { throw ImagingError.labelAbsent(label: label, present: mask.presentLabels) }
        let range = (bestSlice * planeSize)..<((bestSlice + 1) * planeSize)
        return DeepInput(pixels: image.voxels[range].map { Float($0) }, width: w, height: h,
                         mask: mask.voxels[range].map { $0 == target ? 1 : 0 }, label: 1)
    }

    /// `plane(image:mask:label:)` cut down to its `DeepPreprocessing.cropBox` (the network
    /// input is unchanged: the box of the cut-down ROI widens to the same rectangle), without
    /// full-size intermediate arrays (mask values become 1 on the ROI, 0 elsewhere).
    /// `path` names the image in errors.
    static func croppedPlane(image: ImageVolume, mask: ImageVolume, label: Int, path: String = "the image",
                             preprocessing: DeepPreprocessing) throws -> DeepInput {
        try preprocessing.validate()
        guard image.sizeXYZ == mask.sizeXYZ else {
            throw ImagingError.geometryMismatch("image size \(image.sizeXYZ) vs mask size \(mask.sizeXYZ)")
        }
        let (w, h, depth) = image.size
        let target = Double(label)
        var best: (slice: Int, area: Int, rows: ClosedRange<Int>, columns: ClosedRange<Int>)?
        mask.voxels.withUnsafeBufferPointer { m in
            for z in 0..<depth {
                var area = 0, r0 = Int.max, r1 = -1, c0 = Int.max, c1 = -1
                for row in 0..<h {
                    let base = (z * h + row) * w
                    for column in 0..<w where m[base + column] == target {
                        area += 1
                        r0 = min(r0, row); r1 = row
                        c0 = min(c0, column); c1 = max(c1, column)
                    }
                }
                if area > (best?.area ?? 0) { best = (z, area, r0...r1, c0...c1) }
            }
        }
        guard let best else { throw ImagingError.labelAbsent(label: label, present: mask.presentLabels) }
        let box = preprocessing.widened(
            DeepPreprocessing.Box(firstRow: best.rows.lowerBound, lastRow: best.rows.upperBound,
                                  firstColumn: best.columns.lowerBound, lastColumn: best.columns.upperBound),
            width: w, height: h)
        let rows = box.firstRow...box.lastRow, columns = box.firstColumn...box.lastColumn
        var pixels = [Float](), labels = [Int32]()
        pixels.reserveCapacity(rows.count * columns.count)
        labels.reserveCapacity(rows.count * columns.count)
        for row in rows {
            let base = (best.slice * h + row) * w
            for column in columns {
                pixels.append(Float(image.voxels[base + column]))
                labels.append(mask.voxels[base + column] == target ? 1 : 0)
            }
        }
        guard pixels.allSatisfy(\.isFinite) else {
            throw ImagingError.malformed(path: path, detail: "the ROI crop holds non-finite intensities (NaN or infinity)")
        }
        return DeepInput(pixels: pixels, width: columns.count, height: rows.count, mask: labels, label: 1)
    }

    private static func assemble(rows: [RadiomicsManifest.Row], patients: [String],
                                 outcomes: [Result<[Float], Error>?], featureCount count: Int) -> ExtractionResult {
        var views: [String] = []
        for row in rows where !views.contains(row.view) { views.append(row.view) }
        let columns = views.flatMap { Self.columnNames(view: $0, count: count) }
        let viewOffset = Dictionary(uniqueKeysWithValues: views.enumerated().map { ($1, $0 * count) })
        var perPatient: [String: [Double]] = [:]
        var failures: [ROIFailure] = []
        for (row, outcome) in zip(rows, outcomes) {
            switch outcome {
            case let .success(vector):
                var cells = perPatient[row.id] ?? [Double](repeating: .nan, count: columns.count)
                let offset = viewOffset[row.view]!
                // Shortest decimal that round-trips the Float: exact, ≥ 7 significant digits.
                for (k, v) in vector.enumerated() { cells[offset + k] = Double("\(v)") ?? Double(v) }
                perPatient[row.id] = cells
            case let .failure(error):
                failures.append(ROIFailure(id: row.id, view: row.view, image: row.image, reason: "\(error)"))
            case .none:
                failures.append(ROIFailure(id: row.id, view: row.view, image: row.image, reason: "internal: ROI was not processed"))
            }
        }
        let ids = patients.filter { perPatient[$0] != nil }
        return ExtractionResult(columns: columns, ids: ids, values: ids.map { perPatient[$0]! }, failures: failures)
    }
}

extension ExtractionResult {
    /// Joins two feature tables of the same manifest by patient id: columns of `self` then of
    /// `other`; ids in the order of `self`, then ids only in `other`; missing cells NaN;
    /// failures concatenated.
    public func joined(with other: ExtractionResult) -> ExtractionResult {
        var ids = self.ids, known = Set(self.ids)
        for id in other.ids where known.insert(id).inserted { ids.append(id) }
        let mine = Dictionary(uniqueKeysWithValues: zip(self.ids, values))
        let theirs = Dictionary(uniqueKeysWithValues: zip(other.ids, other.values))
        let values = ids.map { id in
            (mine[id] ?? [Double](repeating: .nan, count: columns.count))
                + (theirs[id] ?? [Double](repeating: .nan, count: other.columns.count))
        }
        return ExtractionResult(columns: columns + other.columns, ids: ids, values: values, failures: failures + other.failures)
    }
}

/// The parallel reading of one batch of ROIs, started on a background thread at creation.
private final class BatchRead: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var next = 0
    private var slots: [Result<DeepInput, Error>?]
    private var finished = false

    init(_ rows: [RadiomicsManifest.Row], manifest: RadiomicsManifest, preprocessing: DeepPreprocessing,
         label: Int, jobs: Int) {
        slots = Array(repeating: nil, count: rows.count)
        DispatchQueue.global().async { [self] in
            DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, rows.count))) { _ in
                while let k = self.claim() {
                    let row = rows[k]
                    self.store(Result {
                        try DeepFeatureExtractor.readCrop(
                            image: try manifest.resolve(row.image), mask: try manifest.resolve(row.mask),
                            label: row.label ?? label, preprocessing: preprocessing)
                    }, at: k)
                }
            }
            self.done.signal()
        }
    }

    private func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    private func store(_ value: Result<DeepInput, Error>, at k: Int) {
        lock.lock(); defer { lock.unlock() }
        slots[k] = value
    }

    /// Blocks until every ROI of the batch is read; the crops (or errors) in row order.
    @discardableResult
    func wait() -> [Result<DeepInput, Error>] {
        if !finished {
            done.wait()
            finished = true
        }
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0 ?? .failure(ImagingError.invalidSetting("internal: ROI was not read")) }
    }
}
