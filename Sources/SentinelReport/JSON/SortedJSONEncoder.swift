import Foundation

/// Encodes an `Encodable` value to exactly the bytes Foundation's `JSONEncoder` writes with
/// `outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and default
/// strategies, several times faster (results.json and model.json are large trees of numbers).
///
/// The layout is JSONEncoder's: two spaces per level, `"key" : value`, keys sorted by their
/// UTF-8 bytes (a key written twice keeps its last value), `[\n\n]` and `{\n\n}` for empty
/// containers; numbers are Swift's `description` with a trailing `.0` dropped; strings
/// escape `"`, `\`, and control characters (`\b \f \n \r \t`, others `\u00xx`), never `/`.
/// Values JSONEncoder treats specially (`Date`, `Data`, `URL`, `Decimal`) and non-finite
/// numbers are handed to JSONEncoder itself, so the bytes, and the errors, are always its.
public enum SortedJSONEncoder {
    /// The encoded bytes of `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        do {
            let root = JSONNodeEncoder(parent: nil, key: nil)
            try value.encode(to: root)
            guard let node = root.node else { return try fallback(value) }
            var writer = JSONNodeWriter()
            writer.write(node)
            return writer.bytes
        } catch is JSONNodeEncoder.NeedsFoundation {
            return try fallback(value)
        }
    }

    /// JSONEncoder with the same options.
    static func fallback<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }
}

/// A JSON value being built.
enum JSONNode {
    case null
    case bool(Bool)
    /// A number's text (already formatted).
    case number(String)
    case double(Double)
    case string(String)
    case array(JSONArrayBox)
    case object(JSONObjectBox)
    /// What a `superEncoder` encodes (an empty object if nothing), read when written.
    case encoder(JSONNodeEncoder)
}

final class JSONArrayBox {
    var items: [JSONNode] = []
}

final class JSONObjectBox {
    /// The keys and values in the order written (one array: one allocation for a small object).
    var entries: [(key: String, value: JSONNode)] = []

    func set(_ key: String, _ value: JSONNode) {
        if entries.isEmpty { entries.reserveCapacity(8) }
        entries.append((key, value))
    }
}

/// The `Encoder` building a `JSONNode` tree; its coding path is kept as a parent chain and
/// built only when asked for.
final class JSONNodeEncoder: Encoder {
    /// Thrown for a value only JSONEncoder encodes the way JSONEncoder does.
    struct NeedsFoundation: Error {}

    let parent: JSONNodeEncoder?
    let key: CodingKey?
    var node: JSONNode?

    init(parent: JSONNodeEncoder?, key: CodingKey?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [CodingKey] {
        var path: [CodingKey] = []
        var e: JSONNodeEncoder? = self
        while let current = e, let key = current.key {
            path.append(key)
            e = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONObjectBox
        if case .object(let existing)? = node {
            box = existing
        } else {
            box = JSONObjectBox()
            node = .object(box)
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self, box: box))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let box: JSONArrayBox
        if case .array(let existing)? = node {
            box = existing
        } else {
            box = JSONArrayBox()
            node = .array(box)
        }
        return JSONUnkeyedContainer(encoder: self, box: box)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }

    /// The node of `value`, encoded under `key` below this encoder.
    @inline(__always)
    func box<T: Encodable>(_ value: T, key: CodingKey?) throws -> JSONNode {
        if T.self == Double.self { return try Self.number(unsafeBitCast(value, to: Double.self)) }
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .number(unsafeBitCast(value, to: Int.self).description) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == [Double].self {
            let values = unsafeBitCast(value, to: [Double].self)
            let array = JSONArrayBox()
            array.items.reserveCapacity(values.count)
            for v in values { array.items.append(try Self.number(v)) }
            return .array(array)
        }
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw NeedsFoundation()
        }
        let child = JSONNodeEncoder(parent: self, key: key)
        try value.encode(to: child)
        // A value that encoded nothing is an empty object, as in JSONEncoder.
        return child.node ?? .object(JSONObjectBox())
    }

    @inline(__always)
    static func number(_ value: Double) throws -> JSONNode {
        guard value.isFinite else { throw NeedsFoundation() }
        return .double(value)
    }

    static func number(_ value: Float) throws -> JSONNode {
        guard value.isFinite else { throw NeedsFoundation() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONNodeEncoder
    let box: JSONObjectBox

    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.set(key.stringValue, try JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { box.set(key.stringValue, try JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.set(key.stringValue, .number(value.description)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(key.stringValue, try encoder.box(value, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        box.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: JSONNodeEncoder(parent: encoder, key: key), box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        box.set(key.stringValue, .array(nested))
        return JSONUnkeyedContainer(encoder: JSONNodeEncoder(parent: encoder, key: key), box: nested)
    }

    mutating func superEncoder() -> Encoder {
        let inner = JSONNodeEncoder(parent: encoder, key: JSONIndexKey(stringValue: "super"))
        box.set("super", .encoder(inner))
        return inner
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let inner = JSONNodeEncoder(parent: encoder, key: key)
        box.set(key.stringValue, .encoder(inner))
        return inner
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONNodeEncoder
    let box: JSONArrayBox

    var codingPath: [CodingKey] { encoder.codingPath }
    var count: Int { box.items.count }

    private var nextKey: JSONIndexKey { JSONIndexKey(index: box.items.count) }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.items.append(try JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { box.items.append(try JSONNodeEncoder.number(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int8) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int16) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int32) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: Int64) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt8) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt16) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt32) throws { box.items.append(.number(value.description)) }
    mutating func encode(_ value: UInt64) throws { box.items.append(.number(value.description)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.items.append(try encoder.box(value, key: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        let nested = JSONObjectBox()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: JSONNodeEncoder(parent: encoder, key: key), box: nested))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let key = nextKey
        let nested = JSONArrayBox()
        box.items.append(.array(nested))
        return JSONUnkeyedContainer(encoder: JSONNodeEncoder(parent: encoder, key: key), box: nested)
    }

    mutating func superEncoder() -> Encoder {
        let inner = JSONNodeEncoder(parent: encoder, key: nextKey)
        box.items.append(.encoder(inner))
        return inner
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONNodeEncoder

    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.node = try JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Float) throws { encoder.node = try JSONNodeEncoder.number(value) }
    mutating func encode(_ value: Int) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int8) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int16) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int32) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: Int64) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt8) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt16) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt32) throws { encoder.node = .number(value.description) }
    mutating func encode(_ value: UInt64) throws { encoder.node = .number(value.description) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node = try encoder.box(value, key: nil)
    }
}

/// An array index or the `super` key on a coding path.
struct JSONIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = "Index \(intValue)"; self.intValue = intValue }
    init(index: Int) { self.init(intValue: index) }
}

/// Serialises a `JSONNode` tree with JSONEncoder's pretty layout.
struct JSONNodeWriter: TextOutputStream {
    var bytes: [UInt8] = []
    private var indent = 0

    init() {
        bytes.reserveCapacity(1 << 16)
    }

    mutating func write(_ node: JSONNode) {
        switch node {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let text): appendUTF8(text)
        case .double(let value): writeDouble(value)
        case .string(let s): writeString(s)
        case .array(let box): writeArray(box.items)
        case .object(let box): writeObject(box)
        case .encoder(let encoder): write(encoder.node ?? .object(JSONObjectBox()))
        }
    }

    @inline(__always)
    private mutating func append(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func appendUTF8(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Text written by `Double.write(to:)` (`description`'s digits, handed over as ASCII bytes).
    mutating func write(_ string: String) {
        appendUTF8(string)
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }

    /// `description` without a trailing ".0" (its digits written straight into the bytes,
    /// without making a `String`).
    private mutating func writeDouble(_ value: Double) {
        value.write(to: &self)
        let n = bytes.count
        if n >= 2, bytes[n - 1] == UInt8(ascii: "0"), bytes[n - 2] == UInt8(ascii: ".") {
            bytes.removeLast(2)
        }
    }

    private mutating func writeIndent() {
        for _ in 0..<indent { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func writeArray(_ items: [JSONNode]) {
        bytes.append(UInt8(ascii: "["))
        bytes.append(0x0A)
        indent += 1
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(0x0A) }
            writeIndent()
            write(item)
        }
        bytes.append(0x0A)
        indent -= 1
        writeIndent()
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ box: JSONObjectBox) {
        bytes.append(UInt8(ascii: "{"))
        bytes.append(0x0A)
        indent += 1
        // Sorted by the keys' UTF-8 bytes; of equal keys the last written wins.
        let entries = box.entries
        let order = entries.indices.sorted { a, b in
            let ka = entries[a].key, kb = entries[b].key
            if ka == kb { return a < b }
            return ka.utf8.lexicographicallyPrecedes(kb.utf8)
        }
        var first = true
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, entries[order[position + 1]].key == entries[index].key { continue }
            if first {
                first = false
            } else {
                bytes.append(UInt8(ascii: ","))
                bytes.append(0x0A)
            }
            writeIndent()
            writeString(entries[index].key)
            append(" : ")
            write(entries[index].value)
        }
        bytes.append(0x0A)
        indent -= 1
        writeIndent()
        bytes.append(UInt8(ascii: "}"))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var mark = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<i]))
                mark = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hex[Int(b >> 4)], Self.hex[Int(b & 15)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
