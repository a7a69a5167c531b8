import CSV
import Foundation

/// A CSV file read per RFC 4180 into a header and a grid of string cells.
///
/// Reading rules:
/// - UTF-8 only; a leading UTF-8 byte-order mark is dropped (Excel's "CSV UTF-8" writes one).
/// - Fields may be quoted with `"`; quoted fields may hold commas, line breaks and `""`
///   (an escaped quote). Records end with LF, CRLF or a lone CR. Parsing of any file that
///   contains a quote character goes through the CSV.swift library (yaslab/CSV.swift);
///   a file with no quote at all is split directly on commas and line ends, which gives the
///   identical cells for such files and is ~10x faster for large numeric tables.
/// - The first record is the header; header names must be non-empty and unique.
/// - Blank records (an empty line) are skipped but still counted for row numbers, and every
///   other record must have as many fields as the header.
/// - Cells are kept verbatim (no trimming); `numbers(column:)` trims spaces for parsing.
///
/// Rows are numbered as a spreadsheet shows them: the header is row 1, so data row `i`
/// (0-based) is usually row `i + 2`; `rowNumber(_:)` gives the exact value when blank lines
/// were skipped. Every error names the file (`source`), row and column.
public struct CSVTable: Sendable, Equatable {
    /// The file name used in messages (the path as the user wrote it).
    public let source: String
    /// Column names, in file order.
    public let header: [String]
    /// Spreadsheet row number (header = 1) of each data row.
    public let rowNumbers: [Int]

    /// All cell bytes, row-major, unescaped; cell k spans `offsets[k] ..< offsets[k + 1]`.
    private let bytes: [UInt8]
    private let offsets: [Int]

    /// Number of data rows (the header excluded).
    public var rowCount: Int { rowNumbers.count }
    /// Number of columns.
    public var columnCount: Int { header.count }

    /// Builds a table from cells already in memory (validated like a parsed file).
    /// - Throws: `DataError` for an empty or duplicate header name or a ragged row.
    public init(source: String, header: [String], rows: [[String]]) throws {
        var builder = RecordBuilder(source: source)
        builder.addRecord(header.map { Array($0.utf8) }, number: 1)
        for (i, row) in rows.enumerated() {
            builder.addRecord(row.map { Array($0.utf8) }, number: i + 2)
        }
        self = try builder.finish(allowNoRows: true)
    }

    fileprivate init(source: String, header: [String], rowNumbers: [Int], bytes: [UInt8], offsets: [Int]) {
        self.source = source
        self.header = header
        self.rowNumbers = rowNumbers
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Reads and parses the CSV file at `url`.
    /// - Parameters:
    ///   - url: the file.
    ///   - name: the name to use in messages (default: the path as given in `url`).
    ///   - allowNoRows: accept a header-only file (default `false`: that is a `noRows` error).
    /// - Throws: `DataError.fileNotFound` / `.unreadableFile` (exit 66); `.notUTF8`,
    ///   `.emptyFile`, `.noRows`, `.emptyHeader`, `.duplicateHeader`, `.raggedRow`, `.wrongDelimiter` (exit 65).
    public static func read(contentsOf url: URL, name: String? = nil, allowNoRows: Bool = false) throws -> CSVTable {
        let source = name ?? url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataError.fileNotFound(file: source)
        }
        if isDirectory.boolValue {
            throw DataError.unreadableFile(file: source, reason: "it is a folder")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError.unreadableFile(file: source, reason: FileManager.default.isReadableFile(atPath: url.path)
                                           ? "I/O error" : "permission denied")
        }
        return try CSVTable(data: data, source: source, allowNoRows: allowNoRows)
    }

    /// Parses CSV bytes (UTF-8, optional BOM).
    /// - Throws: as `read(contentsOf:)`, minus the file-system errors.
    public init(data: Data, source: String, allowNoRows: Bool = false) throws {
        // Parsed in place from the data's bytes (no copy of the file).
        self = try data.withUnsafeBytes { buffer -> CSVTable in
            var raw = buffer.bindMemory(to: UInt8.self)
            if raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw = UnsafeBufferPointer(rebasing: raw[3...]) }
            var high: UInt8 = 0, hasQuote = false
            for byte in raw {
                high |= byte
                if byte == UInt8(ascii: "\"") { hasQuote = true }
            }
            let isASCII = high < 0x80
            // ASCII is valid UTF-8; anything else is validated (and, when quoted, parsed as text).
            let text: String? = isASCII && !hasQuote ? nil : String(validating: raw, as: UTF8.self)
            if !isASCII && text == nil { throw DataError.notUTF8(file: source) }
            if hasQuote, let text {
                return try CSVTable.parseQuoted(text, source: source, allowNoRows: allowNoRows)
            }
            return try CSVTable.parseUnquoted(raw, source: source, allowNoRows: allowNoRows)
        }
    }

    /// Parses CSV text (an optional leading BOM is dropped).
    public init(text: String, source: String, allowNoRows: Bool = false) throws {
        try self.init(data: Data(text.utf8), source: source, allowNoRows: allowNoRows)
    }

    // MARK: Cells

    /// The cell at data row `row` (0-based) and column `column` (0-based), verbatim.
    public func cell(row: Int, column: Int) -> String {
        let k = row * header.count + column
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[k] ..< offsets[k + 1]]), as: UTF8.self)
        }
    }

    /// All cells of column `column` (0-based), top to bottom.
    public func column(_ column: Int) -> [String] {
        (0 ..< rowCount).map { cell(row: $0, column: column) }
    }

    /// All cells of data row `row` (0-based), left to right.
    public func row(_ row: Int) -> [String] {
        (0 ..< columnCount).map { cell(row: row, column: $0) }
    }

    /// The 0-based index of the column named `name` (exact, case-sensitive), if any.
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// The 0-based index of the column named `name`.
    /// - Throws: `DataError.wrongDelimiter` when the header is a single column holding `;` or a
    ///   tab (a spreadsheet's semicolon- or tab-separated export), else `DataError.missingColumn`
    ///   listing the available columns.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = columnIndex(name) else {
            if let delimiter = CSVTable.otherDelimiter(header) {
                throw DataError.wrongDelimiter(file: source, delimiter: delimiter)
            }
            throw DataError.missingColumn(file: source, column: name, available: header)
        }
        return index
    }

    /// `;` or a tab when the header is a single name holding it (a semicolon- or tab-separated
    /// export read as CSV), else nil.
    static func otherDelimiter(_ header: [String]) -> String? {
        guard header.count == 1 else { return nil }
        return [";", "\t"].first { header[0].contains($0) }
    }

    /// Spreadsheet row number (header = 1) of data row `row` (0-based).
    public func rowNumber(_ row: Int) -> Int { rowNumbers[row] }

    /// Calls `body` with the raw UTF-8 bytes of a cell, without making a `String`.
    func withCellBytes<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let k = row * header.count + column
        return try bytes.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[offsets[k] ..< offsets[k + 1]]))
        }
    }
}

// MARK: - Parsing

extension CSVTable {
    /// Through CSV.swift: handles quotes, embedded separators and line breaks.
    private static func parseQuoted(_ text: String, source: String, allowNoRows: Bool) throws -> CSVTable {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw DataError.emptyFile(file: source)
        }
        var builder = RecordBuilder(source: source)
        var number = 0
        while let record = reader.next() {
            number += 1
            builder.addRecord(record.map { Array($0.utf8) }, number: number)
        }
        if reader.error != nil { throw DataError.notUTF8(file: source) }
        return try builder.finish(allowNoRows: allowNoRows)
    }

    /// Direct split for files without any `"`: commas separate fields; LF, CRLF or CR end records.
    private static func parseUnquoted(_ buffer: UnsafeBufferPointer<UInt8>, source: String, allowNoRows: Bool) throws -> CSVTable {
        var builder = RecordBuilder(source: source)
        builder.reserve(bytes: buffer.count)
        let comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        do {
            let n = buffer.count
            var i = 0
            var number = 0
            while i < n {
                number += 1
                builder.beginRecord(number: number)
                var fieldStart = i
                while i < n, buffer[i] != lf, buffer[i] != cr {
                    if buffer[i] == comma {
                        builder.addField(UnsafeBufferPointer(rebasing: buffer[fieldStart ..< i]))
                        fieldStart = i + 1
                    }
                    i += 1
                }
                builder.addField(UnsafeBufferPointer(rebasing: buffer[fieldStart ..< i]))
                builder.endRecord()
                if i < n, buffer[i] == cr { i += 1; if i < n, buffer[i] == lf { i += 1 } } else { i += 1 }
            }
        }
        return try builder.finish(allowNoRows: allowNoRows)
    }
}

/// Accumulates parsed records into the flat cell storage, validating as it goes.
private struct RecordBuilder {
    let source: String
    var header: [String]?
    var rowNumbers: [Int] = []
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]
    var error: DataError?

    // The record being built.
    private var recordNumber = 0
    private var recordStart = 0
    private var recordFields = 0
    private var recordBytes = 0

    init(source: String) { self.source = source }

    mutating func reserve(bytes count: Int) { bytes.reserveCapacity(count) }

    mutating func addRecord(_ fields: [[UInt8]], number: Int) {
        beginRecord(number: number)
        for field in fields {
            field.withUnsafeBufferPointer { addField($0) }
        }
        endRecord()
    }

    mutating func beginRecord(number: Int) {
        recordNumber = number
        recordStart = offsets.count - 1
        recordFields = 0
        recordBytes = 0
    }

    mutating func addField(_ field: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: field)
        offsets.append(bytes.count)
        recordFields += 1
        recordBytes += field.count
    }

    mutating func endRecord() {
        let isBlank = recordFields == 1 && recordBytes == 0
        if isBlank || error != nil {
            drop()
            return
        }
        guard let header else {
            let names = (recordStart ..< recordStart + recordFields).map {
                String(decoding: bytes[offsets[$0] ..< offsets[$0 + 1]], as: UTF8.self)
            }
            drop()
            validateHeader(names)
            self.header = names
            return
        }
        if recordFields != header.count {
            // "id;cohort;label" with decimal commas ("0,5") is ragged only because it is not comma-separated.
            error = CSVTable.otherDelimiter(header).map { .wrongDelimiter(file: source, delimiter: $0) }
                ?? .raggedRow(file: source, row: recordNumber, fields: recordFields, expected: header.count)
            drop()
            return
        }
        rowNumbers.append(recordNumber)
    }

    /// Removes the current record's cells from storage.
    private mutating func drop() {
        let keep = offsets[recordStart]
        bytes.removeSubrange(keep...)
        offsets.removeSubrange((recordStart + 1)...)
    }

    private mutating func validateHeader(_ names: [String]) {
        if let empty = names.firstIndex(where: { $0.isEmpty }) {
            error = .emptyHeader(file: source, position: empty + 1)
            return
        }
        var seen: [String: [Int]] = [:]
        for (i, name) in names.enumerated() { seen[name, default: []].append(i + 1) }
        if let duplicate = names.first(where: { seen[$0, default: []].count > 1 }) {
            error = .duplicateHeader(file: source, column: duplicate, positions: seen[duplicate, default: []])
        }
    }

    func finish(allowNoRows: Bool) throws -> CSVTable {
        if let error { throw error }
        guard let header else { throw DataError.emptyFile(file: source) }
        if rowNumbers.isEmpty && !allowNoRows { throw DataError.noRows(file: source) }
        return CSVTable(source: source, header: header, rowNumbers: rowNumbers, bytes: bytes, offsets: offsets)
    }
}
