/// The key check of PyRadiomics parameter files (its schema refuses keys it does not define).
enum ParameterKeys {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws `ImagingError.invalidSetting` for the first key of the mapping being decoded that
    /// is unsupported or not in `known`, naming its section and, for a likely typo, the known key
    /// within two edits. A value that is not a mapping is left to the typed decoding.
    static func check(_ decoder: any Decoder, known: Set<String>, unsupported: Set<String>) throws {
        guard let container = try? decoder.container(keyedBy: AnyKey.self) else { return }
        let section = decoder.codingPath.map(\.stringValue).joined(separator: ".")
        let place = section.isEmpty ? "at the top level" : "in '\(section)'"
        for key in container.allKeys.map(\.stringValue).sorted() where !known.contains(key) {
            if unsupported.contains(key) {
                throw ImagingError.invalidSetting("'\(key)' \(place) is a PyRadiomics setting Sentinel does not implement; remove it")
            }
            let nearest = known.map { ($0, distance(key, $0)) }.filter { $0.1 <= 2 }.min { ($0.1, $0.0) < ($1.1, $1.0) }
            let hint = nearest.map { "; did you mean '\($0.0)'?" } ?? "; the known keys are \(known.sorted().joined(separator: ", "))"
            throw ImagingError.invalidSetting("unknown key '\(key)' \(place)\(hint)")
        }
    }

    /// Levenshtein distance (insertions, deletions, substitutions), case-sensitive.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0 ... b.count)
        for i in 1 ... max(1, a.count) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1 ... max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
