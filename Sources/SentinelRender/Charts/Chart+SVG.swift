import Foundation

extension Chart {
    /// The chart as an SVG fragment ready to inline in HTML: no XML prolog, ids prefixed with
    /// `idPrefix` (use a distinct prefix per figure so several SVGs can share one page),
    /// `role="img"`, an `aria-label` and a `<title>` carrying `altText`.
    public func inlineSVG(idPrefix: String, size: Size? = nil, style: ChartStyle = .standard) throws -> String {
        let data = try render(format: .svg, size: size, style: style, svgIDPrefix: idPrefix)
        return SVGAccessibility.labelled(String(decoding: data, as: UTF8.self), altText: altText, dropProlog: true)
    }
}

/// Adds an accessible name to Cairo's SVG output.
enum SVGAccessibility {
    /// Inserts `role="img" aria-label="…"` into the `<svg>` tag and a `<title>` as its first
    /// child; optionally drops the `<?xml …?>` prolog.
    static func labelled(_ svg: String, altText: String, dropProlog: Bool) -> String {
        var text = svg
        if dropProlog, text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
            text = String(text[end.upperBound...]).trimmingCharacters(in: .newlines)
        }
        guard let open = text.range(of: "<svg"), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) else {
            return text
        }
        let escaped = escape(altText)
        text.replaceSubrange(close, with: " role=\"img\" aria-label=\"\(escaped)\">\n<title>\(escaped)</title>")
        return text
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
