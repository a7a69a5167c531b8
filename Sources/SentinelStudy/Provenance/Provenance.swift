import Foundation

/// Where a result came from: input files with their SHA-256, the run date, the seed and the
/// platform, for the report's provenance section and `model.json`.
///
/// The run date honours `SOURCE_DATE_EPOCH` (reproducible-builds.org: integer seconds since
/// 1970-01-01 UTC) so that two runs give byte-identical documents; without it, the clock.
public struct Provenance: Codable, Sendable, Equatable {
    /// One input file's fingerprint.
    public struct InputFile: Codable, Sendable, Equatable {
        /// The path as the user wrote it (relative paths stay relative, for portability).
        public var path: String
        /// Lower-case hex SHA-256 of the file's bytes.
        public var sha256: String
        /// Size in bytes.
        public var bytes: Int

        public init(path: String, sha256: String, bytes: Int) {
            self.path = path
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    /// Input files in the order given.
    public var inputs: [InputFile]
    /// The run date, ISO 8601 UTC (`2025-09-09T00:00:00Z`).
    public var runDate: String
    /// `"SOURCE_DATE_EPOCH"` or `"clock"`.
    public var runDateSource: String
    /// The study seed.
    public var seed: UInt64
    /// Operating system and architecture, e.g. `Linux x86_64`.
    public var platform: String

    public init(inputs: [InputFile], runDate: String, runDateSource: String, seed: UInt64, platform: String) {
        self.inputs = inputs
        self.runDate = runDate
        self.runDateSource = runDateSource
        self.seed = seed
        self.platform = platform
    }

    /// Fingerprints `files` (URL and display path) and stamps the date and platform.
    /// - Throws: `DataError` for a missing/unreadable file, `ProvenanceError` for a bad
    ///   `SOURCE_DATE_EPOCH`.
    public static func collect(files: [(url: URL, path: String)], seed: UInt64,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               now: Date = Date()) throws -> Provenance {
        // Files are hashed concurrently (each on its own; the order of `inputs` is that of `files`).
        let inputs = try ConcurrentMap.map(files.count) { i -> InputFile in
            let file = files[i]
            let digest = try SHA256.hash(fileAt: file.url, name: file.path)
            let size = (try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int) ?? 0
            return InputFile(path: file.path, sha256: digest.hex, bytes: size)
        }
        return try stamp(inputs: inputs, seed: seed, environment: environment, now: now)
    }

    /// The provenance of already fingerprinted `inputs`: `collect` without the hashing.
    /// - Throws: `ProvenanceError` for a bad `SOURCE_DATE_EPOCH`.
    public static func stamp(inputs: [InputFile], seed: UInt64,
                             environment: [String: String] = ProcessInfo.processInfo.environment,
                             now: Date = Date()) throws -> Provenance {
        let (date, source) = try runDate(environment: environment, now: now)
        return Provenance(inputs: inputs, runDate: iso8601(date), runDateSource: source, seed: seed,
                          platform: currentPlatform())
    }

    /// The run date: `SOURCE_DATE_EPOCH` when set (then `source` is `"SOURCE_DATE_EPOCH"`),
    /// else today at 00:00 UTC (`"clock"`): whole days, so reruns on the same day give
    /// byte-identical outputs.
    /// - Throws: `ProvenanceError.invalidSourceDateEpoch` when set but not a non-negative integer.
    public static func runDate(environment: [String: String] = ProcessInfo.processInfo.environment,
                               now: Date = Date()) throws -> (date: Date, source: String) {
        guard let text = environment["SOURCE_DATE_EPOCH"] else {
            let day = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
            return (Date(timeIntervalSince1970: day), "clock")
        }
        guard let seconds = Int64(text.trimmingSpaces()), seconds >= 0 else {
            throw ProvenanceError.invalidSourceDateEpoch(value: text)
        }
        return (Date(timeIntervalSince1970: TimeInterval(seconds)), "SOURCE_DATE_EPOCH")
    }

    /// `date` as ISO 8601 UTC with whole seconds, e.g. `2025-09-09T00:00:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `uname` system name and machine, e.g. `Linux x86_64`.
    public static func currentPlatform() -> String {
        var info = utsname()
        uname(&info)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
        }
        return "\(field(info.sysname)) \(field(info.machine))"
    }
}

/// A bad provenance setting (exit 78).
public enum ProvenanceError: ExitStatusError, Equatable, Sendable {
    /// `SOURCE_DATE_EPOCH` is set but is not a non-negative integer.
    case invalidSourceDateEpoch(value: String)

    public var exitCode: Int32 { ExitStatus.configError }

    public var description: String {
        switch self {
        case let .invalidSourceDateEpoch(value):
            return "SOURCE_DATE_EPOCH=\"\(value)\" is not a number of seconds since 1970. Fix: set it to an integer such as 1757376000, or unset it."
        }
    }
}
