import Foundation

/// Mustache templates rendered straight to UTF-8 bytes, for the part of Mustache the report's
/// templates use: text, `{{name}}` (HTML-escaped), `{{{name}}}` and `{{&name}}` (raw),
/// sections `{{#name}}`…`{{/name}}`, inverted sections `{{^name}}`…`{{/name}}`, comments
/// `{{! … }}`, partials `{{> name}}` and `{{.}}`.
///
/// The bytes are those of the Mustache library (hummingbird's swift-mustache) for the same
/// templates and context, at a small fraction of its cost (it looks every name up through
/// dynamic casts and escapes text character by character): templates are parsed with the
/// library's algorithm (its standalone-line rules, quirks included) and rendered with its
/// rules: a name is looked up in the objects of the context stack from the top; a list
/// renders a section once per item (pushed), a flag renders it or not, any other value is
/// pushed and renders it once; an inverted section renders for a missing name, `false` or
/// an empty list; a missing partial renders nothing.
///
/// `init` returns nil for templates outside that part (transforms, dotted names, set
/// delimiters, inheritance blocks, pragmas, dynamic partials, standalone partials with
/// indentation, characters other than ASCII, or CR, VT, FF) or malformed ones: the caller
/// then renders with the library, which also reports the errors.
struct TemplateSet {
    indirect enum Node {
        case text([UInt8])
        case variable(String, escaped: Bool)
        case section(String, inverted: Bool, [Node])
        case partial(String)
    }

    /// Thrown by `render` for a value the library would print with `String(describing:)`
    /// (a list or an object as a variable): render with the library instead.
    struct Unsupported: Error {}

    private var templates: [String: [Node]] = [:]

    /// The templates (text by name), or nil when one is outside the supported part.
    init?(_ texts: [String: String]) {
        for (name, text) in texts {
            guard let nodes = TemplateParser.parse(Array(text.utf8)) else { return nil }
            templates[name] = nodes
        }
    }

    /// The bytes of template `name` rendered with `root`; nil when there is no such template.
    func render(_ root: TemplateValue, template name: String) throws -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        var stack: [TemplateValue] = [root]
        try render(nodes, stack: &stack, into: &out)
        return out
    }

    private func lookup(_ name: String, in stack: [TemplateValue]) -> TemplateValue? {
        if name == "." { return stack.last }
        for value in stack.reversed() {
            if case .object(let values) = value, let found = values[name] { return found }
        }
        return nil
    }

    private func render(_ nodes: [Node], stack: inout [TemplateValue], into out: inout [UInt8]) throws {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                switch lookup(name, in: stack) {
                case nil: break
                case .text(let text)?:
                    if escaped { HTMLEscape.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
                case .flag(let flag)?:
                    out.append(contentsOf: (flag ? "true" : "false").utf8)
                case .list?, .object?:
                    throw Unsupported()
                }
            case .section(let name, let inverted, let children):
                let value = lookup(name, in: stack)
                if inverted {
                    switch value {
                    case nil: try render(children, stack: &stack, into: &out)
                    case .flag(let flag)?: if !flag { try render(children, stack: &stack, into: &out) }
                    case .list(let items)?:
                        if items.isEmpty { try push(value!, children, stack: &stack, into: &out) }
                    case .text?, .object?: break
                    }
                } else {
                    switch value {
                    case nil: break
                    case .flag(let flag)?: if flag { try render(children, stack: &stack, into: &out) }
                    case .list(let items)?:
                        for item in items { try push(item, children, stack: &stack, into: &out) }
                    case let other?:
                        try push(other, children, stack: &stack, into: &out)
                    }
                }
            case .partial(let name):
                if let partial = templates[name] { try render(partial, stack: &stack, into: &out) }
            }
        }
    }

    private func push(_ value: TemplateValue, _ nodes: [Node], stack: inout [TemplateValue], into out: inout [UInt8]) throws {
        stack.append(value)
        defer { stack.removeLast() }
        try render(nodes, stack: &stack, into: &out)
    }
}

/// The Mustache library's HTML escaping (`&`, `<`, `>`, `"`, `'`), byte by byte.
enum HTMLEscape {
    /// Appends `text` escaped. The library compares whole characters (grapheme clusters): a
    /// `<` that starts or ends a cluster with non-ASCII characters (a combining mark after it,
    /// a prepended mark before it) is not a `<` to it, so text mixing both is escaped by
    /// characters as the library does.
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        let simple: Bool = text.withUTF8 { bytes in
            var special = false, ascii = true
            for b in bytes {
                if b >= 0x80 { ascii = false } else if replacement(b) != nil { special = true }
            }
            if !special {
                out.append(contentsOf: bytes)
                return true
            }
            guard ascii else { return false }
            for b in bytes {
                if let r = replacement(b) { out.append(contentsOf: r) } else { out.append(b) }
            }
            return true
        }
        if simple { return }
        for character in text {
            switch character {
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "\"": out.append(contentsOf: "&quot;".utf8)
            case "'": out.append(contentsOf: "&#39;".utf8)
            default: out.append(contentsOf: String(character).utf8)
            }
        }
    }

    @inline(__always)
    static func replacement(_ b: UInt8) -> StaticString? {
        switch b {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}

private extension Array where Element == UInt8 {
    mutating func append(contentsOf s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}

/// The Mustache library's template parser (`MustacheTemplate.parse`), ported to ASCII bytes for
/// the tags `TemplateSet` renders; nil for anything else and for malformed templates.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func parse(_ bytes: [UInt8]) -> [TemplateSet.Node]? {
        // Characters the library reads as line ends or whitespace beyond "\n", " " and "\t", and
        // non-ASCII text (grapheme clusters could join a tag's braces), are left to the library.
        guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C }) else { return nil }
        var parser = TemplateParser(bytes)
        return parser.parse(section: nil, newLine: true)
    }

    private var atEnd: Bool { position == bytes.count }
    /// The current byte, 0 at the end (the library's "\0").
    private var current: UInt8 { atEnd ? 0 : bytes[position] }

    private static let newline = UInt8(ascii: "\n")

    private mutating func parse(section: String?, newLine startsOnNewLine: Bool) -> [TemplateSet.Node]? {
        var nodes: [TemplateSet.Node] = []
        var newLine = startsOnNewLine
        var whiteSpaceBefore: ArraySlice<UInt8> = []
        while !atEnd {
            if newLine {
                let start = position
                while !atEnd, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                whiteSpaceBefore = bytes[start..<position]
            }
            let text = readUntilTagOrNewline()
            if current == Self.newline {
                nodes.append(.text(Array(whiteSpaceBefore) + text + [Self.newline]))
                newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(whiteSpaceBefore) + text))
                whiteSpaceBefore = []
                newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                guard let name = parseName() else { return nil }
                if isStandalone(newLine) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(Array(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }
                guard let children = parse(section: name, newLine: setNewLine) else { return nil }
                nodes.append(.section(name, inverted: inverted, children))
            case UInt8(ascii: "/"):
                position += 1
                guard let name = parseName(), name == section else { return nil }
                if !isStandalone(newLine), !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(Array(whiteSpaceBefore)))
                }
                return nodes
            case UInt8(ascii: "!"):
                position += 1
                guard let end = find([UInt8(ascii: "}"), UInt8(ascii: "}")]) else { return nil }
                position = end + 2
                setNewLine = isStandalone(newLine)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(Array(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }
                position += 1
                guard let name = parseName() else { return nil }
                if triple {
                    guard current == UInt8(ascii: "}") else { return nil }
                    position += 1
                }
                nodes.append(.variable(name, escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                guard let name = parsePartialName() else { return nil }
                // A standalone partial with indentation indents its lines: left to the library.
                if isStandalone(newLine) {
                    guard whiteSpaceBefore.isEmpty else { return nil }
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(Array(whiteSpaceBefore)))
                }
                nodes.append(.partial(name))
                whiteSpaceBefore = []
            case UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "%"):
                return nil
            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(Array(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }
                guard let name = parseName() else { return nil }
                nodes.append(.variable(name, escaped: true))
            }
            newLine = setNewLine
        }
        // A section not closed is an error.
        return section == nil ? nodes : nil
    }

    /// Text up to a newline (not read) or a tag's `{{` (read); the library's
    /// `readUntilDelimiterOrNewline`.
    private mutating func readUntilTagOrNewline() -> [UInt8] {
        let start = position
        while !atEnd {
            let b = bytes[position]
            if b == Self.newline { return Array(bytes[start..<position]) }
            if b == UInt8(ascii: "{"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "{") {
                let text = Array(bytes[start..<position])
                position += 2
                return text
            }
            position += 1
        }
        return Array(bytes[start..<position])
    }

    private mutating func skipWhitespace() {
        while !atEnd, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == Self.newline { position += 1 }
    }

    /// Characters the library reads as a name (it then rejects or treats specially those with
    /// brackets, dots and stars, which are left to it here).
    private static func isNameByte(_ b: UInt8, partial: Bool) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "/"):
            return partial
        default:
            return false
        }
    }

    /// A plain name or "." followed by `}}` (whitespace around it allowed); nil otherwise.
    private mutating func parseName() -> String? {
        skipWhitespace()
        let start = position
        while !atEnd, Self.isNameByte(bytes[position], partial: false) { position += 1 }
        let name = bytes[start..<position]
        skipWhitespace()
        guard readClose() else { return nil }
        if name.elementsEqual([UInt8(ascii: ".")]) { return "." }
        guard !name.isEmpty, !name.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "(")
                                                    || $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: "*") })
        else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    /// A partial's plain name followed by `}}`; nil otherwise (dynamic `*` names included).
    private mutating func parsePartialName() -> String? {
        let start = position
        while !atEnd, Self.isNameByte(bytes[position], partial: true) { position += 1 }
        let name = bytes[start..<position]
        skipWhitespace()
        guard readClose(), !name.isEmpty,
              !name.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") })
        else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    private mutating func readClose() -> Bool {
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "}"), bytes[position + 1] == UInt8(ascii: "}")
        else { return false }
        position += 2
        return true
    }

    private func find(_ needle: [UInt8]) -> Int? {
        var i = position
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i + 1] == needle[1] { return i }
            i += 1
        }
        return nil
    }

    /// The library's `isStandalone`: the tag began its line and only spaces or tabs follow it
    /// up to a newline (read) or the end.
    private mutating func isStandalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if atEnd { return true }
        var p = position
        while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
        if p < bytes.count, bytes[p] == Self.newline {
            position = p + 1
            return true
        }
        return false
    }
}
