#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

extension CSVTable {
    /// Cells read as a missing value by `optionalNumbers(column:)` (and by the study loader):
    /// an empty cell (spaces only count as empty), `NA`, `N/A`, `na`, `n/a`.
    /// `NaN` is deliberately not a missing marker: it usually means a failed computation.
    public static let missingMarkers: Set<String> = ["", "NA", "N/A", "na", "n/a"]

    /// Parses a decimal number the way a spreadsheet user writes it: optional sign, digits,
    /// optional fraction and exponent (`12`, `-0.5`, `.5`, `5.`, `1e-5`, `+3E2`), surrounding
    /// spaces and tabs ignored. Returns `nil` for text, an empty cell, hexadecimal, `NaN`,
    /// infinities and values that overflow to infinity. The digits are converted by the C
    /// library's `strtod` (correctly rounded), like pandas' round-trip parser.
    public static func parseNumber(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes in
            if case let .number(value) = classify(bytes) { return value }
            return nil
        }
    }

    /// A 0/1 outcome cell: any number equal to 0 or 1 (`0`, `1`, `0.0`, `1.0`, ` 1 `), else `nil`.
    /// The one rule for outcomes everywhere (study data, predictions, new sites), so a file
    /// that `sentinel run` accepts is read the same way by `predict` and `validate`.
    public static func parseOutcome(_ text: String) -> Int? {
        switch parseNumber(text) {
        case 0: return 0
        case 1: return 1
        default: return nil
        }
    }

    /// What a cell holds: a missing marker, a finite number, or something else.
    enum CellValue: Equatable {
        case missing
        case number(Double)
        case invalid
    }

    /// Classifies raw cell bytes (see `missingMarkers` and `parseNumber`).
    static func classify(_ cell: UnsafeBufferPointer<UInt8>) -> CellValue {
        guard let base = cell.baseAddress else { return .missing }
        return classify(base, count: cell.count)
    }

    /// `classify` of the `count` bytes at `base`.
    @inline(__always)
    static func classify(_ base: UnsafePointer<UInt8>, count: Int) -> CellValue {
        classify(base, count: count, readable: base + count)
    }

    /// `classify` of the `count` bytes at `base`, where the bytes up to `readable` may be read
    /// (a cell inside its file: `DecimalText(_:count:readable:)` reads words past its end).
    @inline(__always)
    static func classify(_ base: UnsafePointer<UInt8>, count: Int, readable: UnsafePointer<UInt8>) -> CellValue {
        var start = base, end = base + count
        while start < end, start.pointee == 0x20 || start.pointee == 0x09 { start += 1 }
        while end > start, end[-1] == 0x20 || end[-1] == 0x09 { end -= 1 }
        let length = end - start
        if length == 0 { return .missing }
        if length <= 3 && isMissingMarker(start, length) { return .missing }
        guard let decimal = DecimalText(start, count: length, readable: readable) else { return .invalid }
        if let value = decimal.fastValue { return .number(value) }
        guard length < 400 else { return .invalid }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> CellValue in
            for i in 0 ..< length { buffer[i] = CChar(bitPattern: start[i]) }
            buffer[length] = 0
            guard let text = buffer.baseAddress else { return .invalid }
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(text, &stop)
            guard stop == text + length, value.isFinite else { return .invalid }
            return .number(value)
        }
    }

    /// `classify` of the `count` bytes at `base` as one double, the encoding of
    /// `CSVTable.numbers`: the number, NaN for a missing cell, +infinity for anything else.
    @inline(__always)
    static func cellNumber(_ base: UnsafePointer<UInt8>, count: Int) -> Double {
        cellNumber(base, count: count, readable: base + count)
    }

    /// `cellNumber(_:count:)` where the bytes up to `readable` may be read (see `classify`).
    @inline(__always)
    static func cellNumber(_ base: UnsafePointer<UInt8>, count: Int, readable: UnsafePointer<UInt8>) -> Double {
        switch classify(base, count: count, readable: readable) {
        case let .number(value): return value
        case .missing: return .nan
        case .invalid: return .infinity
        }
    }

    private static func isMissingMarker(_ cell: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        // NA, na, N/A, n/a: compared byte by byte (no allocation; this runs for every short cell).
        let first = cell[0], last = cell[length - 1]
        switch length {
        case 2: return (first == 0x4E && last == 0x41) || (first == 0x6E && last == 0x61)
        case 3: return cell[1] == 0x2F && ((first == 0x4E && last == 0x41) || (first == 0x6E && last == 0x61))
        default: return false
        }
    }

    /// Whether a cell counts as missing (see `missingMarkers`).
    public static func isMissing(_ text: String) -> Bool {
        missingMarkers.contains(text.trimmingSpaces())
    }

    /// The finite number in a cell.
    /// - Throws: `DataError.invalidNumber` naming file, spreadsheet row and column.
    public func number(row: Int, column: Int) throws -> Double {
        if let value = storedNumber(row: row, column: column), value.isFinite { return value }
        if case let .number(value) = withCellBytes(row: row, column: column, CSVTable.classify) { return value }
        throw DataError.invalidNumber(file: source, row: rowNumber(row), column: header[column], value: cell(row: row, column: column))
    }

    /// The finite number in a cell, or `nil` where missing (see `missingMarkers`).
    /// - Throws: `DataError.invalidNumber` for text, NaN or infinity.
    public func optionalNumber(row: Int, column: Int) throws -> Double? {
        if let value = storedNumber(row: row, column: column), !value.isInfinite { return value.isNaN ? nil : value }
        switch withCellBytes(row: row, column: column, CSVTable.classify) {
        case .missing: return nil
        case let .number(value): return value
        case .invalid:
            throw DataError.invalidNumber(file: source, row: rowNumber(row), column: header[column], value: cell(row: row, column: column))
        }
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
        for row in 0 ..< rowCount { values.append(try optionalNumber(row: row, column: column)) }
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
