import ArgumentParser
import Foundation
import SentinelImaging
import SentinelNumerics
import Yams

/// `sentinel extract`: PyRadiomics-compatible radiomics features from a manifest of ROIs
/// (`sentinel extract MANIFEST --out FEATURES.csv ...`, the default `run` subcommand), and
/// `sentinel extract merge` to join shard outputs.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract radiomics features for every ROI of a manifest, or merge shard outputs.",
        subcommands: [Run.self, Merge.self],
        defaultSubcommand: Run.self
    )
}

extension Extract {
    /// `sentinel extract [run] MANIFEST --out FEATURES.csv [--params P] [--deep WEIGHTS [--no-radiomics]]
    /// [--jobs N] [--shard I/N]`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract radiomics and/or deep (ResNet18) features for every ROI of a manifest (id,view,image,mask[,label]).",
            discussion: """
                Exit code 65 if any ROI failed (the failures are listed on stderr and in FEATURES.failures.csv), \
                66 if the manifest or the weights file is missing. `--describe` prints the deep-feature preprocessing.
                """
        )

        @Argument(help: "Manifest CSV with columns id, view, image, mask and optional label.")
        var manifest: String?

        @Option(help: "Output feature table (CSV).")
        var out: String?

        @Option(help: "PyRadiomics parameter file (YAML or JSON).")
        var params: String?

        @Option(help: "ResNet18 weights (safetensors, torchvision key names): adds <view>_dl_0 ... <view>_dl_511.")
        var deep: String?

        @Flag(name: .customLong("no-radiomics"), help: "With --deep: write only the deep features.")
        var noRadiomics = false

        @Option(name: .customLong("batch-size"), help: "Images per network pass for --deep.")
        var batchSize: Int = 32

        @Flag(help: "Print the deep-feature preprocessing and exit.")
        var describe = false

        @Option(help: "Parallel ROIs (default: all cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Process shard I of N of the patients (e.g. 3/100), for job arrays.")
        var shard: String?

        @Flag(help: "No progress bar on stderr (failed ROIs are still listed).")
        var quiet = false

        func validate() throws {
            if describe { return }
            guard manifest != nil else { throw ValidationError("Missing expected argument '<manifest>'.") }
            guard out != nil else { throw ValidationError("Missing expected argument '--out <out>'.") }
            if noRadiomics && deep == nil { throw ValidationError("--no-radiomics needs --deep WEIGHTS.safetensors.") }
            // A malformed --shard is a usage error (64), not bad data.
            if let shard, (try? Shard(parsing: shard)) == nil { throw ValidationError("\(ImagingError.invalidShard(shard))") }
            if let manifest, let out {
                try Extract.refuseOverwriting([out, Extract.failuresPath(out)], inputs: [manifest, params, deep].compactMap { $0 })
            }
        }

        func run() throws {
            if describe {
                print(Extract.describe(DeepPreprocessing()))
                return
            }
            guard let manifest, let out else { return }
            try Extract.requireFile(manifest, what: "manifest")
            if let deep { try Extract.requireFile(deep, what: "weights file") }
            if let params { try Extract.requireFile(params, what: "parameter file") }
            let table = try Extract.orDataError { try RadiomicsManifest.load(URL(fileURLWithPath: manifest)) }
            // Before any work: the output must not replace an image or mask the manifest names.
            try Extract.refuseOverwriting([out, Extract.failuresPath(out)],
                                          inputs: table.rows.flatMap { [$0.image, $0.mask] }.compactMap { try? table.resolve($0).path })
            // Before any work: an output that cannot be written fails now, not after hours of extraction.
            try Extract.requireWritable(out)
            let part = try Extract.orDataError { try shard.map { try Shard(parsing: $0) } }
            let progress: (@Sendable (Int, Int) -> Void)? = quiet ? nil : { @Sendable in Extract.progress($0, $1) }
            var result: ExtractionResult?
            // Every ROI allocates and frees the same large image, mask and filter buffers.
            LargeAllocations.keepForReuse()
            if !noRadiomics {
                let settings = try Extract.orDataError { try params.map { try Extract.loadSettings($0) } ?? RadiomicsSettings() }
                result = RadiomicsExtractor(settings: settings).extract(
                    manifest: table, jobs: max(1, jobs), shard: part, progress: progress)
            }
            if let deep {
                let features = try Extract.orDataError {
                    try DeepFeatureExtractor.extract(manifest: table, weights: URL(fileURLWithPath: deep),
                                                     batchSize: max(1, batchSize), jobs: max(1, jobs), shard: part,
                                                     progress: progress)
                }
                result = result.map { $0.joined(with: features) } ?? features
            }
            guard let result else { return }
            try Extract.write(result.csv(), to: out)
            let failures = Extract.failuresPath(out)
            guard result.failures.isEmpty else {
                try Extract.write(result.failuresCSV(), to: failures)
                for f in result.failures { FileHandle.standardError.write(Data("failed: \(f.id) \(f.view): \(f.reason)\n".utf8)) }
                throw ExitCode(65)
            }
            // A failures table left by an earlier run would list ROIs that have now succeeded.
            try? FileManager.default.removeItem(atPath: failures)
        }
    }

    /// `sentinel extract merge PART... --out FEATURES.csv`: joins shard outputs in the order given.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Join the feature tables of several shards.")

        @Argument(help: "Shard feature tables, in shard order.")
        var parts: [String]

        @Option(help: "Merged feature table (CSV).")
        var out: String

        func validate() throws {
            try Extract.refuseOverwriting([out], inputs: parts)
        }

        func run() throws {
            for part in parts { try Extract.requireFile(part, what: "shard table") }
            try Extract.requireWritable(out)
            let merged = try Extract.orDataError {
                try ExtractionResult.merge(parts.map { part in
                    do { return try ExtractionResult.parse(String(contentsOfFile: part, encoding: .utf8)) } catch {
                        throw ImagingError.unreadable(path: part, reason: "not a feature table written by sentinel extract (\(error))")
                    }
                })
            }
            try Extract.write(merged.csv(), to: out)
        }
    }

    /// `FEATURES.failures.csv` beside `FEATURES.csv`.
    static func failuresPath(_ out: String) -> String {
        (out.hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".failures.csv"
    }

    /// A usage error (exit 64) when an output path names one of the inputs (symlinks resolved):
    /// inputs are never overwritten.
    static func refuseOverwriting(_ outputs: [String], inputs: [String]) throws {
        func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }
        let taken = Set(inputs.map(resolved))
        for output in outputs where taken.contains(resolved(output)) {
            throw ValidationError("--out \(output) is one of the inputs (the manifest, an image or mask it names, --params, --deep or a shard table); choose another file.")
        }
    }

    /// Writes `text` atomically; failure is exit 73 (cannot create output) with the reason.
    static func write(_ text: String, to path: String) throws {
        if outputProblem(path) == nil {
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return
            } catch {}
        }
        try cannotCreate(path, reason: outputProblem(path) ?? "the folder is not writable")
    }

    /// Exit 73 with the reason unless a file can be written at `path` (checked before the work).
    static func requireWritable(_ path: String) throws {
        if let reason = outputProblem(path) { try cannotCreate(path, reason: reason) }
    }

    /// Why no file can be written at `path` (it is a folder; its folder is missing, not a folder
    /// or not writable), or nil.
    static func outputProblem(_ path: String) -> String? {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "it is a folder; give a file name such as features.csv"
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard files.fileExists(atPath: folder, isDirectory: &isDirectory) else { return "the folder \(folder) does not exist" }
        guard isDirectory.boolValue else { return "\(folder) is not a folder" }
        return files.isWritableFile(atPath: folder) ? nil : "the folder is not writable"
    }

    private static func cannotCreate(_ path: String, reason: String) throws -> Never {
        FileHandle.standardError.write(Data("sentinel: error: cannot create \(path): \(reason).\n".utf8))
        throw ExitCode(73)
    }

    /// Reads a PyRadiomics parameter file (YAML, or JSON by extension).
    static func loadSettings(_ path: String) throws -> RadiomicsSettings {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        do {
            let file = path.lowercased().hasSuffix(".json")
                ? try JSONDecoder().decode(RadiomicsParameterFile.self, from: Data(text.utf8))
                : try YAMLDecoder().decode(RadiomicsParameterFile.self, from: text)
            let settings = try file.settings()
            // Once, before any ROI: a bad setting would otherwise fail every ROI alike.
            try RadiomicsExtractor(settings: settings).validate()
            return settings
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is ImagingError {
            // The decoder wraps the key check's own error as "not valid YAML"; report it as is.
            throw ParameterFileError(path: path, reason: "\(context.underlyingError!)")
        } catch let error as ImagingError {
            throw ParameterFileError(path: path, reason: "\(error)")
        } catch let error as DecodingError {
            throw ParameterFileError(path: path, reason: readable(error))
        }
    }

    /// A decoding error in words: the key path and what was expected (not Swift's debug dump).
    private static func readable(_ error: DecodingError) -> String {
        func key(_ path: [any CodingKey]) -> String { path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch error {
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            let expected = type == Double.self || type == Int.self ? "a number" : type == Bool.self ? "true or false"
                : type == String.self ? "text" : "\(type)"
            return "key '\(key(context.codingPath))' must be \(expected); fix its value (PyRadiomics' parameter-file schema)"
        case let .keyNotFound(missing, context):
            return "key '\(key(context.codingPath + [missing]))' is missing"
        case let .dataCorrupted(context):
            return "not valid YAML or JSON at '\(key(context.codingPath))' (\(context.debugDescription))"
        @unknown default:
            return "\(error)"
        }
    }

    /// A parameter file's problem, naming the file.
    struct ParameterFileError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "parameter file \(path): \(reason)" }
    }

    /// Exits 66 (missing input) when `path` is not a readable file (a folder is not).
    static func requireFile(_ path: String, what: String) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        guard exists, !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            let problem = isDirectory.boolValue && exists ? "is a folder, not a file" : "does not exist or is not readable"
            FileHandle.standardError.write(Data("sentinel: error: \(what) '\(path)' \(problem)\n".utf8))
            throw ExitCode(66)
        }
    }

    /// Runs `body`; a thrown error becomes a message on stderr and exit code 65 (bad data).
    static func orDataError<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            FileHandle.standardError.write(Data("sentinel: error: \(error)\n".utf8))
            throw ExitCode(65)
        }
    }

    /// The deep-feature preprocessing in words (printed by `--describe`).
    static func describe(_ p: DeepPreprocessing) -> String {
        """
        Deep features: ResNet18 penultimate layer (global average pool, 512 values per view: <view>_dl_0 ... <view>_dl_511).
        Preprocessing of each ROI:
          1. ROI = pixels where mask == label (manifest label column, default 1); an empty ROI is an error.
             3D volumes: the axial (z) slice with the most ROI voxels is used (lowest z on ties).
          2. Bounding box of the ROI in array rows/columns (spacing, origin, direction ignored), widened on each side
             by floor(\(p.marginFraction) x w + 0.5) columns and floor(\(p.marginFraction) x h + 0.5) rows, clamped to the image.
          3. Crop intensities min-max scaled to [0, 1] (all zeros when max == min).
          4. Resized to \(p.outputWidth) x \(p.outputHeight) per axis by bilinear interpolation, half-pixel centres, no antialiasing
             (PyTorch F.interpolate(mode="bilinear", align_corners=False)).
          5. Replicated to 3 channels, normalised (v - mean) / std with mean \(p.channelMean) and std \(p.channelStd) (RGB).
        Inference in float32; batch norm folded into the convolutions.
        """
    }

    /// A one-line progress bar on stderr.
    static func progress(_ done: Int, _ total: Int) {
        let width = 30, filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) ROIs\(done == total ? "\n" : "")".utf8))
    }
}
