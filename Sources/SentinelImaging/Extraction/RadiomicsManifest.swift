import Foundation

/// A manifest of ROIs: a CSV with header columns `id`, `view`, `image`, `mask` and optional
/// `label` (mask value; default the settings' label), one row per patient and view. Image and mask paths are relative to the
/// manifest's folder; a path that leaves that folder tree (`..`, absolute elsewhere, symlinks
/// resolved) is refused for that row.
public struct RadiomicsManifest: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var id: String
        public var view: String
        public var image: String
        public var mask: String
        public var label: Int?
        public init(id: String, view: String, image: String, mask: String, label: Int? = nil) {
            self.id = id; self.view = view; self.image = image; self.mask = mask; self.label = label
        }
    }

    /// The folder paths are resolved against.
    public var folder: URL
    public var rows: [Row]

    public init(folder: URL, rows: [Row]) { self.folder = folder; self.rows = rows }

    /// Reads a manifest CSV.
    /// - Throws: `ImagingError.manifest` for a missing column, a bad label or no rows.
    public static func load(_ url: URL) throws -> RadiomicsManifest {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ImagingError.manifest("cannot read '\(url.path)': \(error.localizedDescription)")
        }
        return try parse(text, folder: url.deletingLastPathComponent())
    }

    /// Parses manifest CSV text.
    public static func parse(_ text: String, folder: URL) throws -> RadiomicsManifest {
        var lines = SimpleCSV.parse(text).filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
        guard !lines.isEmpty else { throw ImagingError.manifest("the manifest is empty; it needs a header id,view,image,mask[,label]") }
        let header = lines.removeFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String) throws -> Int {
            guard let k = header.firstIndex(of: name) else {
                throw ImagingError.manifest("missing column '\(name)' (header is \(header.joined(separator: ",")); need id,view,image,mask[,label])")
            }
            return k
        }
        let id = try column("id"), view = try column("view"), image = try column("image"), mask = try column("mask")
        let label = header.firstIndex(of: "label")
        var rows: [Row] = []
        var rowOfROI: [String: Int] = [:]
        for (n, cells) in lines.enumerated() {
            func cell(_ k: Int) -> String { k < cells.count ? cells[k].trimmingCharacters(in: .whitespaces) : "" }
            var value: Int? = nil
            if let label, !cell(label).isEmpty {
                // `Int(exactly:)`: "2.0" is label 2; "1e300", "inf" and "nan" are not integers (no trap).
                guard let v = Int(cell(label)) ?? Double(cell(label)).flatMap({ Int(exactly: $0) }) else {
                    throw ImagingError.manifest("row \(n + 2): label '\(cell(label))' is not an integer")
                }
                // Label 0 is the background: extracting it silently describes everything but the lesion.
                // A column of 0/1 outcomes put here by mistake would do just that for every control.
                guard v >= 1 else {
                    throw ImagingError.manifest("row \(n + 2): label \(v) is not a region (0 is the background); the label column is the mask value of the ROI (e.g. 1), not the outcome: leave it empty for the default label or put the outcome in another column")
                }
                value = v
            }
            guard !cell(id).isEmpty, !cell(view).isEmpty, !cell(image).isEmpty, !cell(mask).isEmpty else {
                throw ImagingError.manifest("row \(n + 2): id, view, image and mask must all be filled")
            }
            // One ROI per patient and view: a repeat would silently replace the first one's features.
            let key = cell(id) + "\u{1}" + cell(view)
            if let first = rowOfROI[key] {
                throw ImagingError.manifest("rows \(first) and \(n + 2) are both patient '\(cell(id))', view '\(cell(view))'; keep one row per patient and view")
            }
            rowOfROI[key] = n + 2
            rows.append(Row(id: cell(id), view: cell(view), image: cell(image), mask: cell(mask), label: value))
        }
        guard !rows.isEmpty else { throw ImagingError.manifest("the manifest has a header but no rows") }
        return RadiomicsManifest(folder: folder, rows: rows)
    }

    /// Resolves `path` inside the manifest folder, refusing paths that leave it.
    public func resolve(_ path: String) throws -> URL {
        let base = folder.standardizedFileURL.resolvingSymlinksInPath()
        let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path))
            .standardizedFileURL.resolvingSymlinksInPath()
        let root = base.path.hasSuffix("/") ? base.path : base.path + "/"
        guard url.path.hasPrefix(root) else {
            throw ImagingError.pathOutsideManifest(path)
        }
        return url
    }
}

/// Minimal RFC 4180 CSV reader/writer (quoted cells, doubled quotes, CRLF).
enum SimpleCSV {
    static func parse(_ text: String) -> [[String]] {
        var result: [[String]] = [], row: [String] = [], cell = String.UnicodeScalarView()
        var quoted = false, pendingQuote = false
        for c in text.unicodeScalars {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if c == "\"" { cell.append(c); continue }
                    quoted = false
                } else if c == "\"" { pendingQuote = true; continue
                } else { cell.append(c); continue }
            }
            if c == "\"" { quoted = true
            } else if c == "," { row.append(String(cell)); cell = .init()
            } else if c == "\n" { row.append(String(cell)); result.append(row); row = []; cell = .init()
            } else if c != "\r" { cell.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(String(cell)); result.append(row) }
        return result
    }

    static func escape(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
