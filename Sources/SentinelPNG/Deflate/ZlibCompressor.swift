import CDeflate

/// Whole-buffer zlib compression (RFC 1950: DEFLATE with header and Adler-32) by libdeflate,
/// for other formats' compressed streams (a PDF's `/FlateDecode` streams). Level 1–12; level 6
/// compresses like zlib's default in about a third of the time. Not thread-safe: use one
/// compressor per thread (each holds libdeflate's match-finder state, ~0.5 MB at level 6).
public final class ZlibCompressor {
    private let compressor: OpaquePointer
    public let level: Int

    /// Nil when libdeflate cannot allocate its state.
    public init?(level: Int = 6) {
        self.level = min(12, max(1, level))
        guard let compressor = libdeflate_alloc_compressor(Int32(self.level)) else { return nil }
        self.compressor = compressor
    }

    deinit {
        libdeflate_free_compressor(compressor)
    }

    /// The zlib stream of `bytes`.
    public func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
            count = libdeflate_zlib_compress(compressor, bytes.baseAddress, bytes.count, out.baseAddress, bound)
        }
    }

    public func compress(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { compress($0) }
    }
}
