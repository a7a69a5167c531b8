import Dispatch
import Foundation

/// `Provenance.collect` running on a background thread, so that hashing the input files
/// overlaps the (single-threaded) loading of the same files; `wait()` returns exactly what
/// `collect` would have returned, or throws its error.
public final class PendingProvenance: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Provenance, Error>?

    /// Starts fingerprinting `files` (see `Provenance.collect`).
    public init(files: [(url: URL, path: String)], seed: UInt64) {
        let files = files.map { SendableFile(url: $0.url, path: $0.path) }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try Provenance.collect(files: files.map { ($0.url, $0.path) }, seed: seed) }
            done.signal()
        }
    }

    /// One input file that `init(writing:seed:)` fingerprints from its bytes as they are made.
    public struct MadeFile: Sendable {
        public var url: URL
        /// The path as the study names it (see `Provenance.InputFile.path`).
        public var path: String
        /// Whether `bytes` are already in the file at `url` (then it is not written again).
        public var written: Bool
        public var bytes: @Sendable () throws -> Data

        public init(url: URL, path: String, written: Bool = false, bytes: @escaping @Sendable () throws -> Data) {
            self.url = url
            self.path = path
            self.written = written
            self.bytes = bytes
        }
    }

    /// Starts making `files` on a background thread: each file's bytes are made, hashed and
    /// written atomically (concurrently with the other files; a file appears complete or not at
    /// all), so the study need not wait for its inputs to be written nor read them back. `wait()`
    /// returns what `Provenance.collect` would return for the written files, once they all are
    /// written, or throws the first failure (a write failure as `OutputError.cannotCreate`).
    public init(writing files: [MadeFile], seed: UInt64) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result {
                let inputs = try ConcurrentMap.map(files.count) { i -> Provenance.InputFile in
                    let file = files[i]
                    let data = try file.bytes()
                    let digest = SHA256.hash(data)
                    if !file.written {
                        do {
                            try data.write(to: file.url, options: .atomic)
                        } catch {
                            throw OutputError.cannotCreate(path: file.url.path, reason: error.localizedDescription)
                        }
                    }
                    return Provenance.InputFile(path: file.path, sha256: digest.hex, bytes: data.count)
                }
                return try Provenance.stamp(inputs: inputs, seed: seed)
            }
            done.signal()
        }
    }

    /// Blocks until the fingerprints are ready (call once).
    /// - Throws: what `Provenance.collect` throws.
    public func wait() throws -> Provenance {
        done.wait()
        done.signal()
        guard let result else { throw CancellationError() }
        return try result.get()
    }

    private struct SendableFile: Sendable {
        var url: URL
        var path: String
    }
}
