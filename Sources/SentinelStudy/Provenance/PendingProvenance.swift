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
