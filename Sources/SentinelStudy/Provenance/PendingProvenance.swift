import Dispatch
import Foundation
import SentinelNumerics

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
        /// Whether the bytes are already in the file at `url` (then it is not written again).
        public var written: Bool
        /// Makes the file's bytes, passing them to its argument in consecutive chunks.
        public var stream: @Sendable (_ emit: (Data) throws -> Void) throws -> Void

        /// A file whose bytes are made in consecutive chunks (never held whole).
        public init(url: URL, path: String, written: Bool = false,
                    stream: @escaping @Sendable (_ emit: (Data) throws -> Void) throws -> Void) {
            self.url = url
            self.path = path
            self.written = written
            self.stream = stream
        }

        /// A file whose bytes are made at once.
        public init(url: URL, path: String, written: Bool = false, bytes: @escaping @Sendable () throws -> Data) {
            self.init(url: url, path: path, written: written) { emit in try emit(bytes()) }
        }
    }

    /// Starts making `files` on a background thread: each file's bytes are made, hashed and
    /// written chunk by chunk to a temporary name beside it, then renamed into place
    /// (concurrently with the other files; a file appears complete or not at all), so the study
    /// need not wait for its inputs to be written nor read them back. `wait()` returns what
    /// `Provenance.collect` would return for the written files, once they all are written, or
    /// throws the first failure (a write failure as `OutputError.cannotCreate`).
    public init(writing files: [MadeFile], seed: UInt64) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result {
                let inputs = try ConcurrentMap.map(files.count) { try PendingProvenance.make(files[$0]) }
                return try Provenance.stamp(inputs: inputs, seed: seed)
            }
            done.signal()
        }
    }

    /// Makes, fingerprints and (unless already written) writes one file.
    private static func make(_ file: MadeFile) throws -> Provenance.InputFile {
        var hasher = SHA256()
        var count = 0
        guard !file.written else {
            try file.stream { hasher.update($0); count += $0.count }
            return Provenance.InputFile(path: file.path, sha256: hasher.finalize().hex, bytes: count)
        }
        let folder = file.url.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(".\(file.url.lastPathComponent).partial")
        func cannotCreate(_ error: Error) -> OutputError {
            OutputError.cannotCreate(path: file.url.path, reason: error.localizedDescription)
        }
        let handle: FileHandle
        do { handle = try FileOutput.create(partial) } catch {
            throw OutputError.cannotCreate(path: file.url.path, reason: "cannot create a file in '\(folder.path)': \(error.localizedDescription)")
        }
        var renamed = false
        defer { if !renamed { try? FileManager.default.removeItem(at: partial) } }
        do {
            try file.stream { chunk in
                hasher.update(chunk)
                count += chunk.count
                do { try handle.write(contentsOf: chunk) } catch { throw cannotCreate(error) }
            }
            do { try handle.close() } catch { throw cannotCreate(error) }
        } catch {
            try? handle.close()
            throw error
        }
        do {
            if FileManager.default.fileExists(atPath: file.url.path) { try FileManager.default.removeItem(at: file.url) }
            try FileManager.default.moveItem(at: partial, to: file.url)
            renamed = true
        } catch { throw cannotCreate(error) }
        return Provenance.InputFile(path: file.path, sha256: hasher.finalize().hex, bytes: count)
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
