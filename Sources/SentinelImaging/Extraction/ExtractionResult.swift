import Foundation

/// One shard of a job array: shard `index` (1-based) of `count`. Patients (manifest ids, in
/// order of first appearance) are split into `count` contiguous blocks, so merging the shard
/// outputs in shard order restores the manifest order.
public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else { throw ImagingError.invalidShard("\(index)/\(count)") }
        self.index = index; self.count = count
    }

    /// Parses "I/N".
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { throw ImagingError.invalidShard(text) }
        try self.init(index: i, count: n)
    }

    /// The patients of this shard among `ids` (in order).
    public func select(_ ids: [String]) -> [String] {
        let lo = ids.count * (index - 1) / count, hi = ids.count * index / count
        return Array(ids[lo..<hi])
    }
}

/// A ROI that could not be extracted, with the reason.
public struct ROIFailure: Sendable, Equatable, Codable {
    public var id: String
    public var view: String
    public var image: String
    public var reason: String
}

/// The feature table of an extraction: one row per patient, `id` then
/// `<view>_<imagetype>_<class>_<feature>` columns; a missing or failed ROI leaves empty cells.
public struct ExtractionResult: Sendable, Equatable {
    /// Feature column names (without the leading `id`).
    public var columns: [String]
    /// Patient ids, in manifest order.
    public var ids: [String]
    /// `values[r][c]` for patient `ids[r]` and `columns[c]`; NaN when missing.
    public var values: [[Double]]
    /// ROIs that failed, in manifest order.
    public var failures: [ROIFailure]

    public init(columns: [String], ids: [String], values: [[Double]], failures: [ROIFailure]) {
        self.columns = columns; self.ids = ids; self.values = values; self.failures = failures
    }

    public static func == (a: ExtractionResult, b: ExtractionResult) -> Bool {
        a.columns == b.columns && a.ids == b.ids && a.failures == b.failures
            && zip(a.values, b.values).allSatisfy { zip($0, $1).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
            && a.values.count == b.values.count
    }

    /// CSV text: header `id,<columns>`, one line per patient, shortest round-trip decimals,
    /// empty cells for missing values.
    public func csv() -> String {
        var out = "id," + columns.map(SimpleCSV.escape).joined(separator: ",") + "\n"
        for (id, row) in zip(ids, values) {
            out += SimpleCSV.escape(id)
            for v in row { out += v.isNaN ? "," : ",\(v)" }
            out += "\n"
        }
        return out
    }

    /// Failures as CSV text (`id,view,image,reason`).
    public func failuresCSV() -> String {
        "id,view,image,reason\n" + failures.map { [$0.id, $0.view, $0.image, $0.reason].map(SimpleCSV.escape).joined(separator: ",") + "\n" }.joined()
    }

    /// Reads a feature table written by `csv()` (failures are not part of it).
    public static func parse(_ text: String) throws -> ExtractionResult {
        var lines = SimpleCSV.parse(text).filter { !($0.count == 1 && $0[0].isEmpty) }
        guard let header = lines.first, header.first == "id" else {
            throw ImagingError.manifest("a feature table must start with an 'id' column")
        }
        lines.removeFirst()
        let columns = Array(header.dropFirst())
        var ids: [String] = [], values: [[Double]] = []
        for line in lines {
            ids.append(line[0])
            values.append((0..<columns.count).map { k in k + 1 < line.count ? Double(line[k + 1]) ?? .nan : .nan })
        }
        return ExtractionResult(columns: columns, ids: ids, values: values, failures: [])
    }

    /// Joins shard results in the given order: columns are the union (first appearance order),
    /// rows concatenated; an id present in two parts is an error.
    public static func merge(_ parts: [ExtractionResult]) throws -> ExtractionResult {
        var columns: [String] = [], position: [String: Int] = [:]
        for p in parts { for c in p.columns where position[c] == nil { position[c] = columns.count; columns.append(c) } }
        var ids: [String] = [], seen = Set<String>(), values: [[Double]] = [], failures: [ROIFailure] = []
        for p in parts {
            for (id, row) in zip(p.ids, p.values) {
                guard seen.insert(id).inserted else { throw ImagingError.manifest("patient '\(id)' appears in two shard outputs") }
                var full = [Double](repeating: .nan, count: columns.count)
                for (c, v) in zip(p.columns, row) { full[position[c]!] = v }
                ids.append(id); values.append(full)
            }
            failures += p.failures
        }
        return ExtractionResult(columns: columns, ids: ids, values: values, failures: failures)
    }
}
