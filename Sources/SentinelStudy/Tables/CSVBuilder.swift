import Foundation

/// Writes CSV text (RFC 4180, LF line ends, UTF-8 without BOM), row by row.
///
/// - A field is quoted only when it must be: it contains a comma, a quote, CR or LF, or starts
///   or ends with a space (which some readers would trim); quotes inside are doubled.
/// - Numbers use Swift's shortest round-trip representation (`Double.description`, e.g. `0.1`,
///   `1e-05`, `0.30000000000000004`), so reading the file back gives bit-identical values;
///   NaN is written as an empty cell (a missing value) and infinities as `inf` / `-inf`.
/// - Output depends only on the values appended, so it is stable byte for byte.
public struct CSVBuilder: Sendable {
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0

    /// An empty document; call `appendRow` for the header first.
    public init() {}

    /// A document starting with `header`.
    public init(header: [String]) {
        appendRow(header)
    }

    /// Appends one text field to the current row.
    public mutating func appendField(_ text: String) {
        separate()
        if CSVBuilder.needsQuoting(text) {
            buffer.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        } else {
            buffer.append(contentsOf: text.utf8)
        }
    }

    /// Appends one number field to the current row (see the type's rules).
    public mutating func appendField(_ value: Double) {
        separate()
        if value.isNaN { return }
        if value.isInfinite {
            buffer.append(contentsOf: (value < 0 ? "-inf" : "inf").utf8)
            return
        }
        // `write(to:)` formats with the same routine as `description` but into a stack buffer
        // that `ByteSink` copies straight into ours: no String per number (a million numbers
        // for the demo's feature tables).
        withUnsafeMutablePointer(to: &buffer) { target in
            var sink = ByteSink(target: target)
            value.write(to: &sink)
        }
    }

    /// Appends `values` as number fields to the current row: the bytes of `appendField(_:)`
    /// for each value in order, formatted straight into room reserved in the buffer for the
    /// whole run (no per-number growth checks; `Double.description` is at most 24 bytes).
    public mutating func appendFields(_ values: UnsafeBufferPointer<Double>) {
        appendFields(values, short: false)
    }

    /// `appendFields(_:)`, byte for byte, for values most of which are decimals of at most seven
    /// significant digits (`ShortDecimal.rounded`, the demo's feature tables): those are
    /// written from their integer digits, any other value as by `appendFields(_:)`.
    public mutating func appendShortFields(_ values: UnsafeBufferPointer<Double>) {
        appendFields(values, short: true)
    }

    private mutating func appendFields(_ values: UnsafeBufferPointer<Double>, short: Bool) {
        guard !values.isEmpty else { return }
        let start = buffer.count
        let room = values.count * CSVBuilder.numberRoom
        buffer.append(contentsOf: repeatElement(0, count: room))
        let (used, complete) = buffer.withUnsafeMutableBufferPointer { all -> (Int, Bool) in
            var sink = SpanSink(base: all.baseAddress! + start, capacity: room)
            var fields = fieldsInRow
            for value in values {
                if fields > 0 { sink.put(UInt8(ascii: ",")) }
                fields += 1
                if value.isNaN { continue }
                if value.isInfinite {
                    sink.put(contentsOf: value < 0 ? CSVBuilder.minusInfinity : CSVBuilder.plusInfinity)
                } else if !short || !sink.putShort(value) {
                    value.write(to: &sink)
                }
            }
            return (sink.count, !sink.overflowed)
        }
        buffer.removeLast(room - used)
        if complete {
            fieldsInRow += values.count
        } else {
            // Unreachable (the room covers the longest number text); the field-by-field path
            // gives the same bytes.
            buffer.removeLast(used)
            for value in values { appendField(value) }
        }
    }

    /// Appends one integer field to the current row.
    public mutating func appendField(_ value: Int) {
        separate()
        buffer.append(contentsOf: String(value).utf8)
    }

    /// Ends the current row.
    public mutating func endRow() {
        buffer.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    /// Appends a whole row of text fields and ends it.
    public mutating func appendRow(_ fields: [String]) {
        for field in fields { appendField(field) }
        endRow()
    }

    /// Appends the document's bytes to `data`.
    public func append(to data: inout Data) {
        data.append(contentsOf: buffer)
    }

    /// Reserves room for `count` more bytes.
    public mutating func reserve(bytes count: Int) {
        buffer.reserveCapacity(buffer.count + count)
    }

    /// Bytes written so far.
    public var byteCount: Int { buffer.count }

    /// Empties the document, keeping its storage for the next one.
    mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }

    /// Calls `body` with the bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer(body)
    }

    /// The document as UTF-8 bytes.
    public var data: Data { Data(buffer) }

    /// The document as text.
    public var text: String { String(decoding: buffer, as: UTF8.self) }

    /// Writes the document to `url` atomically.
    public func write(to url: URL) throws {
        try data.write(to: url, options: .atomic)
    }

    /// The CSV text of a number: shortest round-trip decimal, NaN → empty, ±infinity → `inf`/`-inf`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }

    /// Whether `text` must be quoted in a CSV field.
    public static func needsQuoting(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
            || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) { return true }
        return text.utf8.first == UInt8(ascii: " ") || text.utf8.last == UInt8(ascii: " ")
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }
}

extension CSVBuilder {
    /// Bytes reserved per number field by `appendFields` (separator included): the longest
    /// `Double.description` (`-2.2250738585072014e-308`) is 24 bytes.
    static let numberRoom = 32
    static let plusInfinity = Array("inf".utf8)
    static let minusInfinity = Array("-inf".utf8)
}

/// Writes ASCII text into a fixed block of memory (room reserved in `CSVBuilder`'s buffer).
/// Text that does not fit is dropped and `overflowed` set. Used only while `base` is valid.
private struct SpanSink: TextOutputStream {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0
    private(set) var overflowed = false

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    mutating func put(_ byte: UInt8) {
        guard count < capacity else { overflowed = true; return }
        base[count] = byte
        count += 1
    }

    /// Writes `value` by `ShortDecimal.write` when it applies (and fits); false otherwise.
    @inline(__always)
    mutating func putShort(_ value: Double) -> Bool {
        guard capacity - count >= 24, let written = ShortDecimal.write(value, to: base + count) else { return false }
        count += written
        return true
    }

    mutating func put(contentsOf bytes: [UInt8]) {
        for byte in bytes { put(byte) }
    }

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { _writeASCII($0) }
    }

    mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= capacity - count else { overflowed = true; return }
        (base + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
    }
}

/// Appends the text a value writes to a byte buffer. Numbers arrive through `_writeASCII`
/// (the standard library's hook for ASCII text it formatted in a stack buffer), so no String
/// is made for them; any other text through `write`. Used only while `target` is valid.
private struct ByteSink: TextOutputStream {
    let target: UnsafeMutablePointer<[UInt8]>

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { target.pointee.append(contentsOf: $0) }
    }

    mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
        target.pointee.append(contentsOf: bytes)
    }
}
