import Foundation

/// A growable byte buffer that deflate bit fields are written into, least significant bit
/// first (RFC 1951 §3.1.1). Up to 31 pending bits wait in `bitBuffer`; whole 32-bit words go
/// to the buffer as soon as they fill. The caller reserves room before writing (`reserve`),
/// so the hot `put` only shifts, ORs and occasionally stores a word.
struct DeflateBitWriter {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written to `bytes` (pending bits not included). Hot loops may copy `count`,
    /// `bitBuffer` and `bitCount` into locals, write as `put` does, and store them back.
    var count = 0
    /// Pending bits, least significant first, fewer than 32 between calls.
    var bitBuffer: UInt64 = 0
    var bitCount = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        bytes = .allocate(capacity: self.capacity)
    }

    /// Frees the buffer; the writer must not be used afterwards.
    func release() { bytes.deallocate() }

    /// Makes room for `extra` more bytes (pending bits included) without further checks.
    mutating func reserve(_ extra: Int) {
        let needed = count + extra + 8
        guard needed > capacity else { return }
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = moved
        capacity = grown
    }

    /// Appends the low `length` bits of `bits` (length ≤ 32, higher bits of `bits` zero).
    @inline(__always)
    mutating func put(_ bits: UInt64, _ length: Int) {
        bitBuffer |= bits << UInt64(bitCount)
        bitCount += length
        if bitCount >= 32 {
            UnsafeMutableRawPointer(bytes + count).storeBytes(of: UInt32(truncatingIfNeeded: bitBuffer).littleEndian,
                                                              as: UInt32.self)
            count += 4
            bitBuffer >>= 32
            bitCount -= 32
        }
    }

    /// Pads the pending bits with zeros to a whole byte and writes them out.
    mutating func alignToByte() {
        while bitCount > 0 {
            bytes[count] = UInt8(truncatingIfNeeded: bitBuffer)
            count += 1
            bitBuffer >>= 8
            bitCount -= 8
        }
        bitBuffer = 0
        bitCount = 0
    }

    /// Appends whole bytes; only valid right after `alignToByte()`.
    mutating func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        precondition(bitCount == 0)
        (bytes + count).update(from: source, count: length)
        count += length
    }

    /// Appends one byte; only valid right after `alignToByte()`.
    mutating func append(_ byte: UInt8) {
        precondition(bitCount == 0)
        bytes[count] = byte
        count += 1
    }
}
