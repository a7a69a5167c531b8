import CZlib
import Foundation

/// Inflates zlib- or gzip-wrapped data (via the system zlib).
enum Gzip {
    /// Decompresses `data`; `expectedSize` is a capacity hint (capped by deflate's largest ratio,
    /// 1032:1, so a damaged header cannot reserve more than the data can expand to). Throws on
    /// corrupt data.
    static func inflate(_ data: Data, expectedSize: Int = 0, path: String) throws -> Data {
        var stream = z_stream()
        guard sentinel_inflate_init(&stream) == Z_OK else {
            throw ImagingError.unreadable(path: path, reason: "zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        var output = Data(count: max(min(expectedSize, data.count * 1032 + 1024), data.count * 4, 1024))
        var produced = 0
        var status: Int32 = Z_OK
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            while status == Z_OK {
                if produced == output.count { output.count *= 2 }
                // zlib counts in 32 bits: at most 4 GiB of output per call.
                let given = min(output.count - produced, Int(UInt32.max))
                status = output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
                    stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                    stream.avail_out = uInt(given)
                    let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced += given - Int(stream.avail_out)
                    return result
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { break }
                if status == Z_BUF_ERROR { status = Z_OK }
            }
            guard status == Z_STREAM_END else {
                throw ImagingError.malformed(path: path, detail: "gzip data is corrupt or truncated (zlib status \(status))")
            }
        }
        output.count = produced
        return output
    }
}

extension Gzip {
    /// Compresses `data` into gzip format (zlib level 6).
    static func deflate(_ data: Data, path: String) throws -> Data {
        var stream = z_stream()
        guard sentinel_deflate_init(&stream, 6) == Z_OK else {
            throw ImagingError.unreadable(path: path, reason: "zlib could not be initialised for writing")
        }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        let capacity = output.count
        let status: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(capacity)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw ImagingError.unreadable(path: path, reason: "gzip compression failed (zlib status \(status))")
        }
        output.count = capacity - Int(stream.avail_out)
        return output
    }
}
