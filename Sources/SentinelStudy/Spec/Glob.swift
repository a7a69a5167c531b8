/// A shell-style pattern for column names, as `fnmatch` without path rules:
/// `*` any run of characters (also none), `?` exactly one character, `[abc]` one of the listed
/// characters, `[a-z]` a range, `[!abc]` (or `[^abc]`) none of them. Everything else matches
/// itself, case-sensitively. An unclosed `[` matches a literal `[`.
public struct Glob: Sendable, Equatable {
    /// The pattern text.
    public let pattern: String
    private let characters: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.characters = Array(pattern)
    }

    /// Whether `text` contains glob syntax (`*`, `?` or `[`); plain names are matched exactly.
    public static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Whether the whole of `name` matches the pattern.
    public func matches(_ name: String) -> Bool {
        let text = Array(name)
        // Iterative matcher with single-star backtracking (linear in practice).
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < characters.count {
                let c = characters[p]
                if c == "*" {
                    starP = p; starT = t; p += 1
                    continue
                }
                if c == "?" { p += 1; t += 1; continue }
                if c == "[", let (matched, next) = matchClass(at: p, text[t]) {
                    if matched { p = next; t += 1; continue }
                } else if c == text[t] {
                    p += 1; t += 1; continue
                }
            }
            guard starP >= 0 else { return false }
            starT += 1
            t = starT
            p = starP + 1
        }
        while p < characters.count && characters[p] == "*" { p += 1 }
        return p == characters.count
    }

    /// Matches a `[...]` class at `start` against `c`; `nil` when the class is not closed.
    private func matchClass(at start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < characters.count && (characters[i] == "!" || characters[i] == "^") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < characters.count {
            let x = characters[i]
            if x == "]" && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < characters.count && characters[i + 1] == "-" && characters[i + 2] != "]" {
                if x <= c && c <= characters[i + 2] { matched = true }
                i += 3
            } else {
                if x == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
