import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes output files with plain POSIX calls (open, write, close), without waiting for the
/// disk.
///
/// On Linux, Foundation's non-atomic `Data.write(to:)` ends with an `fsync`, which blocks the
/// writing thread until the device has the data: on an ordinary disk, milliseconds per file,
/// and a report writes some sixty files from two workers, so one core or both sat idle for a
/// good part of the writing stage. Sentinel's outputs go into a staging folder that is renamed
/// into place only when complete (`OutputFolder`), which is what keeps a failed or interrupted
/// run from leaving half-written results; forcing each file to the disk on the way adds no
/// protection against that, only against a power cut, which no other step guards against either.
public enum FileOutput {
    /// Writes `data` to `url`, creating the file or truncating an existing one (mode 0644
    /// less the umask).
    /// - Throws: `FileOutputError` naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws {
        let handle = try create(url)
        do {
            try handle.write(contentsOf: data)
            try handle.close()
        } catch {
            throw FileOutputError(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Opens `url` for writing (created, or truncated when it exists; mode 0644 less the
    /// umask); the handle closes its descriptor when released. Nothing is synced to the disk.
    /// - Throws: `FileOutputError` naming the path and the system's reason.
    public static func create(_ url: URL) throws -> FileHandle {
        let fd = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw FileOutputError(path: url.path, reason: String(cString: strerror(errno)))
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }
}

/// A file could not be created or written.
public struct FileOutputError: LocalizedError, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
    /// The system's reason alone (callers name the path in their own messages).
    public var errorDescription: String? { reason }
}
