import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file straight into a byte array (one buffer of the file's size, no
/// intermediate `Data`), so a parsed table can keep it as its storage.
enum FileBytes {
    /// The failure of a read, with the C library's `errno`.
    struct ReadError: Error {
        var code: Int32
        /// Whether opening the file failed (rather than reading it).
        var opening = false
    }

    /// The bytes of the file at `url`, read to its end (also when it grew since it was sized).
    /// A large file is read in regions concurrently (the page faults of the fresh buffer and
    /// the copies from the page cache shared by the cores).
    /// - Throws: `ReadError` when the file cannot be opened, sized or read.
    static func contents(of url: URL) throws -> [UInt8] {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(code: errno) }
        let size = Int(status.st_size)
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let base = buffer.baseAddress, size > 0 else { return }
            let regions = min(8, max(1, size >> 22))
            let address = UInt(bitPattern: base)
            let got = ConcurrentMap.values(regions) { k -> Result<Int, ReadError> in
                let from = size * k / regions, to = size * (k + 1) / regions
                let target = UnsafeMutablePointer<UInt8>(bitPattern: address)!
                return FileBytes.read(descriptor, into: target + from, count: to - from, at: from)
            }
            for (k, result) in got.enumerated() {
                switch result {
                case let .success(read):
                    count += read
                    // A short region (the file shrank): the bytes after it are not contiguous.
                    if read < size * (k + 1) / regions - size * k / regions { return }
                case let .failure(error):
                    failure = error.code
                    return
                }
            }
        }
        if let failure { throw ReadError(code: failure) }
        // Whatever follows (the file grew, or shrank and is re-read from the first gap).
        try forEachChunk(of: descriptor, from: bytes.count, chunkSize: 65536) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Calls `body` with the file's bytes in order, `chunkSize` bytes at a time (less at the
    /// end), all read into one buffer reused from chunk to chunk: no fresh pages per chunk.
    /// - Throws: `ReadError` (`opening` true when the file could not be opened); errors of `body`.
    static func forEachChunk(of url: URL, chunkSize: Int = 1 << 20,
                             _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(code: errno, opening: true) }
        defer { close(descriptor) }
        try forEachChunk(of: descriptor, from: 0, chunkSize: chunkSize, body)
    }

    /// `forEachChunk(of:chunkSize:_:)` on an open file, from byte `offset` to its end.
    private static func forEachChunk(of descriptor: Int32, from offset: Int, chunkSize: Int,
                                     _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, chunkSize)) { chunk in
            var offset = offset
            while true {
                let got = try read(descriptor, into: chunk.baseAddress!, count: chunk.count, at: offset).get()
                if got > 0 { try body(UnsafeBufferPointer(rebasing: chunk[..<got])) }
                if got < chunk.count { return }
                offset += got
            }
        }
    }

    /// Reads up to `count` bytes at file offset `offset` into `target`; the number read (less
    /// only at the end of the file).
    private static func read(_ descriptor: Int32, into target: UnsafeMutablePointer<UInt8>, count: Int,
                             at offset: Int) -> Result<Int, ReadError> {
        var done = 0
        while done < count {
            let got = pread(descriptor, target + done, count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return .failure(ReadError(code: errno)) }
            if got == 0 { break }
            done += got
        }
        return .success(done)
    }
}
