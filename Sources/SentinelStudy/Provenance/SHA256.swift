private import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), incremental, for fingerprinting input files in the report and in
/// `model.json`. Matches Python's `hashlib.sha256` (pinned by fixtures). Whole blocks go
/// through the x86 SHA instructions when the CPU has them (checked once at run time), else
/// through the portable Swift compression below; both give the same digest.
///
///     var hash = SHA256()
///     hash.update(bytes)
///     let hex = hash.finalize().hex
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var byteCount: UInt64 = 0
    private let accelerated: Bool

    /// Whether this CPU has the SHA extensions (SHA-NI with SSSE3 and SSE4.1).
    static let hardwareAvailable: Bool = csha256_has_sha_ni() != 0

    /// A fresh hash of the empty message.
    public init() {
        self.init(hardware: SHA256.hardwareAvailable)
    }

    /// A fresh hash that uses the SHA instructions only when `hardware` is true (and the CPU
    /// has them); `false` forces the portable compression (for tests).
    init(hardware: Bool) {
        accelerated = hardware && SHA256.hardwareAvailable
        pending.reserveCapacity(64)
    }

    /// Feeds more bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
        if done != nil { return }
        for byte in bytes {
            byteCount &+= 1
            pending.append(byte)
            if pending.count == 64 {
                compress(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Feeds a `Data` buffer (whole 64-byte blocks are compressed without copying).
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { raw in update(buffer: raw.bindMemory(to: UInt8.self)) }
    }

    /// Feeds contiguous bytes: tops up the pending block, compresses the whole blocks in place,
    /// keeps the remainder.
    mutating func update(buffer bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var i = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeBufferPointer(start: base, count: take))
            i = take
            if pending.count == 64 {
                pending.withUnsafeBufferPointer { compressBlocks($0.baseAddress!, count: 1) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - i) / 64
        if blocks > 0 {
            compressBlocks(base + i, count: blocks)
            i += 64 * blocks
        }
        if i < bytes.count { pending.append(contentsOf: UnsafeBufferPointer(start: base + i, count: bytes.count - i)) }
        byteCount &+= UInt64(bytes.count)
    }

    /// The 32-byte digest of everything fed so far (the hash itself is left unchanged).
    public func finalize() -> Digest {
        var copy = self
        let bitLength = copy.byteCount &* 8
        var tail = copy.pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { copy.compressBlocks($0.baseAddress!, count: $0.count / 64) }
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in copy.state {
            out += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return Digest(bytes: out)
    }

    /// The digest of `data` in one call.
    public static func hash(_ data: Data) -> Digest {
        var hash = SHA256()
        hash.update(data)
        return hash.finalize()
    }

    /// The digest of the file at `url`, read in 1 MiB chunks into one reused buffer.
    /// - Throws: `DataError.fileNotFound` / `.unreadableFile`.
    public static func hash(fileAt url: URL, name: String? = nil) throws -> Digest {
        let source = name ?? url.path
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataError.fileNotFound(file: source) }
        var hash = SHA256()
        do {
            try FileBytes.forEachChunk(of: url) { hash.update(buffer: $0) }
        } catch let error as FileBytes.ReadError {
            throw DataError.unreadableFile(file: source, reason: error.opening ? "permission denied" : "I/O error")
        }
        return hash.finalize()
    }

    /// A SHA-256 digest.
    public struct Digest: Sendable, Equatable, Hashable, Codable {
        /// The 32 digest bytes.
        public let bytes: [UInt8]
        /// Lower-case hexadecimal, 64 characters (as `hashlib.sha256(...).hexdigest()`).
        public var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(64)
            for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    // MARK: Compression

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    private mutating func compress<Block: RandomAccessCollection>(_ block: Block) where Block.Element == UInt8, Block.Index == Int {
        var bytes = [UInt8](repeating: 0, count: 64)
        for i in 0 ..< 64 { bytes[i] = block[block.startIndex + i] }
        bytes.withUnsafeBufferPointer { compressBlocks($0.baseAddress!, count: 1) }
    }

    /// `count` consecutive 64-byte blocks starting at `base`.
    private mutating func compressBlocks(_ base: UnsafePointer<UInt8>, count: Int) {
        if accelerated {
            state.withUnsafeMutableBufferPointer { csha256_compress_sha_ni($0.baseAddress!, base, count) }
            return
        }
        for block in 0 ..< count { compress(UnsafeBufferPointer(start: base + 64 * block, count: 64)) }
    }

    /// One 64-byte block (FIPS 180-4 §6.2.2).
    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
        var w: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        withUnsafeMutableBytes(of: &w) { raw in
            let w = raw.bindMemory(to: UInt32.self)
            SHA256.k.withUnsafeBufferPointer { k in
                for t in 0 ..< 64 {
                    let word: UInt32
                    if t < 16 {
                        let i = 4 * t
                        word = UInt32(block[i]) &<< 24 | UInt32(block[i + 1]) &<< 16 | UInt32(block[i + 2]) &<< 8 | UInt32(block[i + 3])
                    } else {
                        // 16-word ring buffer: w[t & 15] holds w[t - 16] before the update.
                        let w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15]
                        let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)
                        let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10)
                        word = w[t & 15] &+ s0 &+ w[(t - 7) & 15] &+ s1
                    }
                    w[t & 15] = word
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ ch &+ k[t] &+ word
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    h = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ s0 &+ maj
                }
            }
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }
}
