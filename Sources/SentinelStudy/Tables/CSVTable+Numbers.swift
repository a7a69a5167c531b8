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
        var start = 0, end = cell.count
        while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
        while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
        let length = end - start
        if length == 0 { return .missing }
        if length <= 3 && isMissingMarker(cell, start, length) { return .missing }
        guard let decimal = DecimalText(cell, start, end) else { return .invalid }
        if let value = decimal.fastValue { return .number(value) }
        guard length < 400 else { return .invalid }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> CellValue in
            for i in 0 ..< length { buffer[i] = CChar(bitPattern: cell[start + i]) }
            buffer[length] = 0
            guard let base = buffer.baseAddress else { return .invalid }
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &stop)
            guard stop == base + length, value.isFinite else { return .invalid }
            return .number(value)
        }
    }

    private static func isMissingMarker(_ cell: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        // NA, na, N/A, n/a: compared byte by byte (no allocation; this runs for every short cell).
        let first = cell[start], last = cell[start + length - 1]
        switch length {
        case 2: return (first == 0x4E && last == 0x41) || (first == 0x6E && last == 0x61)
        case 3: return cell[start + 1] == 0x2F && ((first == 0x4E && last == 0x41) || (first == 0x6E && last == 0x61))
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

/// A cell's decimal syntax, checked and read in one pass:
/// `[+-]? digits* ('.' digits*)? ([eE] [+-]? digits+)?` with at least one mantissa digit.
struct DecimalText {
    var negative = false
    /// The first 19 significant digits as an integer.
    var significand: UInt64 = 0
    /// Whether more than 19 significant digits were given (then `significand` is truncated).
    var truncated = false
    /// Value = significand × 10^exponent (when not truncated).
    var exponent = 0

    init?(_ cell: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var i = start
        func digit(_ at: Int) -> UInt64? {
            let byte = cell[at]
            return byte >= 0x30 && byte <= 0x39 ? UInt64(byte - 0x30) : nil
        }
        if i < end, cell[i] == UInt8(ascii: "+") || cell[i] == UInt8(ascii: "-") {
            negative = cell[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits = 0, significant = 0
        var afterPoint = false
        while i < end {
            if let d = digit(i) {
                digits += 1
                if significant > 0 || d != 0 {
                    if significant < 19 {
                        significand = significand * 10 + d
                        significant += 1
                        if afterPoint { exponent -= 1 }
                    } else {
                        truncated = true
                        if !afterPoint { exponent += 1 }
                    }
                } else if afterPoint {
                    exponent -= 1
                }
            } else if cell[i] == UInt8(ascii: "."), !afterPoint {
                afterPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < end, cell[i] == UInt8(ascii: "e") || cell[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < end, cell[i] == UInt8(ascii: "+") || cell[i] == UInt8(ascii: "-") {
                exponentNegative = cell[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0, exponentDigits = 0
            while i < end, let d = digit(i) {
                if value < 100_000 { value = value * 10 + Int(d) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard i == end else { return nil }
    }

    /// The correctly rounded double when it can be had cheaply, else `nil` (use `strtod`).
    ///
    /// On x86-64, significand and 10^|e| (|e| ≤ 27) are exact in `Float80`, so one
    /// multiplication or division rounds once to 64 bits; rounding that to a double is correct
    /// unless the 64-bit result sits exactly on a double rounding midpoint (low 11 bits
    /// 0x400), which falls back. Results outside the normal double range also fall back.
    var fastValue: Double? {
        if significand == 0 && !truncated { return negative ? -0.0 : 0.0 }
        guard !truncated, exponent >= -27, exponent <= 27 else { return nil }
        #if arch(x86_64) && !os(Windows)
        let power = DecimalText.powersOfTen[abs(exponent)]
        let exact = Float80(significand)
        let rounded = exponent >= 0 ? exact * power : exact / power
        guard rounded.significandBitPattern & 0x7FF != 0x400 else { return nil }
        let value = Double(rounded)
        guard value.isNormal else { return nil }
        return negative ? -value : value
        #else
        guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let power = DecimalText.powersOfTenDouble[abs(exponent)]
        let value = exponent >= 0 ? Double(significand) * power : Double(significand) / power
        return negative ? -value : value
        #endif
    }

    #if arch(x86_64) && !os(Windows)
    /// 10^0 ... 10^27, exact in `Float80`.
    static let powersOfTen: [Float80] = {
        var powers: [Float80] = [1]
        for _ in 1 ... 27 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
    #else
    /// 10^0 ... 10^22, exact in `Double` (Clinger's fast path).
    static let powersOfTenDouble: [Double] = {
        var powers: [Double] = [1]
        for _ in 1 ... 22 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
    #endif
}
