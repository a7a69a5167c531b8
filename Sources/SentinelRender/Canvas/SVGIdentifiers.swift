/// Renames the ids in Cairo's SVG output so they depend only on the document itself.
///
/// Cairo numbers some ids (e.g. `surface12`) from per-process counters, so the same drawing
/// gives different bytes in a second render. Every `id="…"` is renamed, in order of first
/// appearance, to `<prefix><kind><n>` (kind = the id's leading letters: `glyph`, `clip`,
/// `surface`, …), and every `href="#…"`, `xlink:href="#…"` and `url(#…)` reference follows.
enum SVGIdentifiers {
    static func normalize(_ svg: [UInt8], prefix: String) -> [UInt8] {
        let idMarker = Array(" id=\"".utf8)
        var renamed: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counters: [String: Int] = [:]
        var i = 0
        while let start = find(idMarker, in: svg, from: i) {
            let valueStart = start + idMarker.count
            guard let end = svg[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            let old = svg[valueStart..<end]
            if renamed[old] == nil {
                let kind = String(decoding: old.prefix { isLetter($0) }, as: UTF8.self)
                let n = (counters[kind] ?? 0) + 1
                counters[kind] = n
                renamed[old] = Array("\(prefix)\(kind.isEmpty ? "id" : kind)\(n)".utf8)
            }
            i = end
        }
        guard !renamed.isEmpty else { return svg }
        var output: [UInt8] = []
        output.reserveCapacity(svg.count + svg.count / 50)
        let openers: [([UInt8], UInt8)] = [
            (Array(" id=\"".utf8), UInt8(ascii: "\"")),
            (Array("href=\"#".utf8), UInt8(ascii: "\"")),
            (Array("url(#".utf8), UInt8(ascii: ")")),
        ]
        // Bytes between references are copied in runs; only a byte that can start an opener
        // (' ', 'h', 'u') is looked at more closely.
        var p = 0
        var copied = 0
        scan: while p < svg.count {
            let b = svg[p]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "h") || b == UInt8(ascii: "u") {
                for (opener, closer) in openers where matches(opener, in: svg, at: p) {
                    let valueStart = p + opener.count
                    if let end = svg[valueStart...].firstIndex(of: closer), let new = renamed[svg[valueStart..<end]] {
                        output.append(contentsOf: svg[copied..<p])
                        output.append(contentsOf: opener)
                        output.append(contentsOf: new)
                        p = end
                        copied = end
                        continue scan
                    }
                }
            }
            p += 1
        }
        output.append(contentsOf: svg[copied...])
        return output
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    private static func matches(_ needle: [UInt8], in haystack: [UInt8], at offset: Int) -> Bool {
        guard offset + needle.count <= haystack.count else { return false }
        for k in 0..<needle.count where haystack[offset + k] != needle[k] { return false }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var k = from
        while k + needle.count <= haystack.count {
            if haystack[k] == needle[0] && matches(needle, in: haystack, at: k) { return k }
            k += 1
        }
        return nil
    }
}
