/// Renames the ids in Cairo's SVG output so they depend only on the document itself.
///
/// Cairo numbers some ids (e.g. `surface12`) from per-process counters, so the same drawing
/// gives different bytes in a second render. Every `id="…"` is renamed, in order of first
/// appearance, to `<prefix><kind><n>` (kind = the id's leading letters: `glyph`, `clip`,
/// `surface`, …), and every `href="#…"`, `xlink:href="#…"` and `url(#…)` reference follows.
enum SVGIdentifiers {
    static func normalize(_ svg: [UInt8], prefix: String) -> [UInt8] {
        svg.withUnsafeBufferPointer { normalize($0, prefix: prefix) } ?? svg
    }

    /// The renamed bytes, nil when there is no id. Only the bytes that anchor a reference —
    /// "=" of ` id="` and `href="#`, "(" of `url(#` — are looked at closely; path data, most
    /// of the file, holds neither.
    private static func normalize(_ s: UnsafeBufferPointer<UInt8>, prefix: String) -> [UInt8]? {
        let quote = UInt8(ascii: "\""), close = UInt8(ascii: ")")
        var renamed: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counters: [String: Int] = [:]
        var q = 0
        while let anchor = nextAnchor(s, from: q) {
            q = anchor + 1
            guard let valueStart = idValueStart(s, anchor) else { continue }
            guard let end = firstIndex(of: quote, in: s, from: valueStart) else { break }
            let old = ArraySlice(s[valueStart..<end])
            if renamed[old] == nil {
                let kind = String(decoding: old.prefix { isLetter($0) }, as: UTF8.self)
                let n = (counters[kind] ?? 0) + 1
                counters[kind] = n
                renamed[old] = Array("\(prefix)\(kind.isEmpty ? "id" : kind)\(n)".utf8)
            }
            q = end
        }
        guard !renamed.isEmpty else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(s.count + s.count / 50)
        var copied = 0
        q = 0
        while let anchor = nextAnchor(s, from: q) {
            q = anchor + 1
            let value: (start: Int, closer: UInt8)?
            if s[anchor] == UInt8(ascii: "=") {
                value = idValueStart(s, anchor).map { ($0, quote) } ?? hrefValueStart(s, anchor).map { ($0, quote) }
            } else {
                value = urlValueStart(s, anchor).map { ($0, close) }
            }
            guard let value, let end = firstIndex(of: value.closer, in: s, from: value.start),
                  let new = renamed[ArraySlice(s[value.start..<end])] else { continue }
            output.append(contentsOf: s[copied..<value.start])
            output.append(contentsOf: new)
            copied = end
            q = end
        }
        output.append(contentsOf: s[copied...])
        return output
    }

    /// The next "=" or "(" at or after `from`.
    private static func nextAnchor(_ s: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while k < s.count {
            let b = s[k]
            if b == UInt8(ascii: "=") || b == UInt8(ascii: "(") { return k }
            k += 1
        }
        return nil
    }

    /// Where the value of ` id="` starts, if the "=" at `anchor` is one.
    private static func idValueStart(_ s: UnsafeBufferPointer<UInt8>, _ anchor: Int) -> Int? {
        guard s[anchor] == UInt8(ascii: "="), anchor >= 3, anchor + 1 < s.count, s[anchor + 1] == UInt8(ascii: "\""),
              s[anchor - 3] == UInt8(ascii: " "), s[anchor - 2] == UInt8(ascii: "i"), s[anchor - 1] == UInt8(ascii: "d")
        else { return nil }
        return anchor + 2
    }

    /// Where the value of `href="#` starts, if the "=" at `anchor` is one.
    private static func hrefValueStart(_ s: UnsafeBufferPointer<UInt8>, _ anchor: Int) -> Int? {
        guard anchor >= 4, anchor + 2 < s.count, s[anchor + 1] == UInt8(ascii: "\""), s[anchor + 2] == UInt8(ascii: "#"),
              s[anchor - 4] == UInt8(ascii: "h"), s[anchor - 3] == UInt8(ascii: "r"), s[anchor - 2] == UInt8(ascii: "e"),
              s[anchor - 1] == UInt8(ascii: "f")
        else { return nil }
        return anchor + 3
    }

    /// Where the value of `url(#` starts, if the "(" at `anchor` is one.
    private static func urlValueStart(_ s: UnsafeBufferPointer<UInt8>, _ anchor: Int) -> Int? {
        guard anchor >= 3, anchor + 1 < s.count, s[anchor + 1] == UInt8(ascii: "#"),
              s[anchor - 3] == UInt8(ascii: "u"), s[anchor - 2] == UInt8(ascii: "r"), s[anchor - 1] == UInt8(ascii: "l")
        else { return nil }
        return anchor + 2
    }

    private static func firstIndex(of byte: UInt8, in s: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while k < s.count {
            if s[k] == byte { return k }
            k += 1
        }
        return nil
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }
}
