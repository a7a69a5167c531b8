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
    }

    /// The bytes of the file at `url`, read to its end (also when it grew since it was sized).
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
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failure = errno }
                if got <= 0 { break }
                count += got
            }
        }
        if let failure { throw ReadError(code: failure) }
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
            while true {
                let got = read(descriptor, chunk.baseAddress!, chunk.count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { throw ReadError(code: errno) }
                if got == 0 { return }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<got]))
            }
        }
        return bytes
    }
}
