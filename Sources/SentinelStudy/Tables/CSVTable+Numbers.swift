extension CSVTable {
    /// Cells read as a missing value by `optionalNumbers(column:)` (and by the study loader):
    /// an empty cell (spaces only count as empty), `NA`, `N/A`, `na`, `n/a`.
    /// `NaN` is deliberately not a missing marker: it usually means a failed computation.
    public static let missingMarkers: Set<String> = ["", "NA", "N/A", "na", "n/a"]

    /// Parses a decimal number the way a spreadsheet user writes it: optional sign, digits,
    /// optional fraction and exponent, surrounding spaces and tabs ignored. Returns `nil` for
    /// text, an empty cell, hexadecimal, `NaN` and infinities.
    public static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty,
              !trimmed.contains(where: { $0 == "x" || $0 == "X" || $0 == "p" || $0 == "P" || $0 == "_" }),
              let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// Whether a cell counts as missing (see `missingMarkers`).
    public static func isMissing(_ text: String) -> Bool {
        missingMarkers.contains(text.trimmingSpaces())
    }

    /// The finite number in a cell.
    /// - Throws: `DataError.invalidNumber` naming file, spreadsheet row and column.
    public func number(row: Int, column: Int) throws -> Double {
        let text = cell(row: row, column: column)
        guard let value = CSVTable.parseNumber(text) else {
            throw DataError.invalidNumber(file: source, row: rowNumber(row), column: header[column], value: text)
        }
        return value
    }

    /// Every cell of a column as a finite number (no missing values allowed).
    /// - Throws: `DataError.invalidNumber` at the first empty, text, NaN or infinite cell.
    public func numbers(column: Int) throws -> [Double] {
        var values = [Double]()
        values.reserveCapacity(rowCount)
        for row in 0 ..< rowCount { values.append(try number(row: row, column: column)) }
        return values
    }

    /// Every cell of a column as a finite number or `nil` where missing (see `missingMarkers`).
    /// - Throws: `DataError.invalidNumber` at the first text, NaN or infinite cell.
    public func optionalNumbers(column: Int) throws -> [Double?] {
        var values = [Double?]()
        values.reserveCapacity(rowCount)
        for row in 0 ..< rowCount {
            let text = cell(row: row, column: column)
            if CSVTable.isMissing(text) {
                values.append(nil)
            } else if let value = CSVTable.parseNumber(text) {
                values.append(value)
            } else {
                throw DataError.invalidNumber(file: source, row: rowNumber(row), column: header[column], value: text)
            }
        }
        return values
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == startIndex && index(after: last) == endIndex { return self }
        return String(self[first ... last])
    }
}
