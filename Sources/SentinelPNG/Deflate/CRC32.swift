import CDeflate

/// CRC-32 as PNG chunks use it (ISO 3309 / ITU-T V.42: reflected polynomial 0xEDB88320,
/// initial value and final XOR 0xFFFFFFFF), computed by libdeflate (carry-less multiplication
/// where the CPU has it).
struct CRC32: Sendable {
    /// The running register (already XORed with 0xFFFFFFFF); read `value` for the checksum.
    private var register: UInt32 = 0xFFFF_FFFF

    init() {}

    /// The checksum of the bytes seen so far.
    var value: UInt32 { register ^ 0xFFFF_FFFF }

    /// Adds `count` bytes at `bytes`.
    mutating func update(_ bytes: UnsafeRawPointer, count: Int) {
        register = libdeflate_crc32(value, bytes, count) ^ 0xFFFF_FFFF
    }

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        if let base = bytes.baseAddress { crc.update(base, count: bytes.count) }
        return crc.value
    }
}
