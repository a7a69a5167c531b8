import Foundation
import SentinelTestSupport

/// A feature table in CSV: first column feature name, one column per configuration.
struct ReferenceTable {
    let columns: [String]
    let rows: [String: [String]]

    init(_ path: String) throws {
        let text = try String(contentsOf: Fixtures.url(path), encoding: .utf8)
        var lines = ReferenceTable.parse(text)
        let header = lines.removeFirst()
        columns = Array(header.dropFirst())
        var rows: [String: [String]] = [:]
        for line in lines where !line.isEmpty { rows[line[0]] = Array(line.dropFirst()) }
        self.rows = rows
    }

    /// Numeric values of `column` keyed by feature name (empty and non-numeric cells skipped).
    func values(_ column: String) -> [String: Double] {
        guard let k = columns.firstIndex(of: column) else { return [:] }
        var out: [String: Double] = [:]
        for (name, cells) in rows where k < cells.count {
            if let v = Double(cells[k]) { out[name] = v }
        }
        return out
    }

    /// Minimal RFC-4180 parser (quoted cells may hold commas).
    static func parse(_ text: String) -> [[String]] {
        var result: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var chars = text.unicodeScalars.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" { quoted = false } else { cell.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(cell); cell = ""
            } else if c == "\n" { row.append(cell); result.append(row); row = []; cell = ""
            } else if c != "\r" { cell.unicodeScalars.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); result.append(row) }
        return result
    }
}
