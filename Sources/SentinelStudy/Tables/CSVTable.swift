import CSV
import Foundation

/// A CSV file read per RFC 4180 into a header and a grid of string cells.
///
/// Reading rules:
/// - UTF-8 only; a leading UTF-8 byte-order mark is dropped (Excel's "CSV UTF-8" writes one).
/// - Fields may be quoted with `"`; quoted fields may hold commas, line breaks and `""`
///   (an escaped quote). Records end with LF, CRLF or a lone CR. Parsing of any file that
///   contains a quote character goes through the CSV.swift library (yaslab/CSV.swift);
///   a file with no quote at all is split directly on commas and line ends (`UnquotedScan`,
///   stretches of a large file concurrently), which gives the identical cells for such files,
///   and each cell is read as a number on the way (kept, so numeric columns are not parsed again).
/// - The first record is the header; header names must be non-empty and unique.
/// - Blank records (an empty line) are skipped but still counted for row numbers, and every
///   other record must have as many fields as the header.
/// - Cells are kept verbatim (no trimming); `numbers(column:)` trims spaces for parsing.
///
/// Rows are numbered as a spreadsheet shows them: the header is row 1, so data row `i`
/// (0-based) is usually row `i + 2`; `rowNumber(_:)` gives the exact value when blank lines
/// were skipped. Every error names the file (`source`), row and column.
public struct CSVTable: Sendable {
    /// The file name used in messages (the path as the user wrote it).
    public let source: String
    /// Column names, in file order.
    public let header: [String]
    /// Spreadsheet row number (header = 1) of each data row.
    public let rowNumbers: [Int]

    /// The cells' bytes: for a file without quotes the file itself (cells are read in place,
    /// no copy), otherwise the unescaped cells one after another.
    private let bytes: [UInt8]
    /// Cell k (row-major) starts at `bytes[starts[k]]` and ends one separator byte before the
    /// next cell of its row starts; a row's last cell ends at `rowEnds[row]`. The 32-bit
    /// offsets keep the index at 4 bytes per cell (tables are limited to 4 GiB, `maximumBytes`).
    private let starts: [UInt32]
    private let rowEnds: [UInt32]
    /// The text cells above cover the first `textColumns` columns; the others are numbers only
    /// (`init(source:header:text:numbers:)`), shown as `CSVBuilder.format` gives them.
    private let textColumns: Int
    /// Columns `firstNumberColumn...` have their cells' numbers in `numbers`: the number, NaN
    /// for a missing cell, +infinity (or an infinity held in memory) where the text decides (an
    /// invalid cell, reported from its text). Row-major, or column by column when
    /// `numbersByColumn` (a parsed file's: a column's numbers are read together).
    private let firstNumberColumn: Int
    private let numbers: [Double]
    private let numbersByColumn: Bool

    /// The largest file (or cell text) a table holds.
    public static let maximumBytes = Int(UInt32.max)

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

    /// Builds a table whose first columns are text (`text[i]` is row i's) and whose remaining
    /// columns are numbers (`numbers`, row-major), as if read from the file `CSVBuilder` writes
    /// for them: a cell reads as `CSVBuilder.format` of its number, and parses back to the same
    /// bits (shortest round-trip text), NaN as a missing cell, an infinity as invalid text.
    /// The numbers are kept, not copied or formatted.
    /// - Throws: `DataError` for an empty or duplicate header name or a ragged row.
    public init(source: String, header: [String], text: [[String]], numbers: [Double]) throws {
        let textColumns = text.first?.count ?? header.count
        var builder = RecordBuilder(source: source)
        builder.addRecord(header.map { Array($0.utf8) }, number: 1)
        for (i, row) in text.enumerated() {
            builder.addRecord(row.map { Array($0.utf8) }, number: i + 2, expected: textColumns)
        }
        let table = try builder.finish(allowNoRows: true)
        precondition(numbers.count == (header.count - textColumns) * text.count, "one number per numeric cell")
        self.init(source: source, header: table.header, rowNumbers: table.rowNumbers, bytes: table.bytes,
                  starts: table.starts, rowEnds: table.rowEnds, textColumns: textColumns,
                  firstNumberColumn: textColumns, numbers: numbers)
    }

    fileprivate init(source: String, header: [String], rowNumbers: [Int], bytes: [UInt8], starts: [UInt32], rowEnds: [UInt32],
                     textColumns: Int? = nil, firstNumberColumn: Int? = nil, numbers: [Double] = [],
                     numbersByColumn: Bool = false) {
        self.source = source
        self.header = header
        self.rowNumbers = rowNumbers
        self.bytes = bytes
        self.starts = starts
        self.rowEnds = rowEnds
        self.textColumns = textColumns ?? header.count
        self.firstNumberColumn = firstNumberColumn ?? header.count
        self.numbers = numbers
        self.numbersByColumn = numbersByColumn
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
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(of: url)
        } catch {
            throw DataError.unreadableFile(file: source, reason: FileManager.default.isReadableFile(atPath: url.path)
                                           ? "I/O error" : "permission denied")
        }
        return try CSVTable(bytes: bytes, source: source, allowNoRows: allowNoRows)
    }

    /// Parses CSV bytes (UTF-8, optional BOM).
    /// - Throws: as `read(contentsOf:)`, minus the file-system errors.
    public init(data: Data, source: String, allowNoRows: Bool = false) throws {
        try self.init(bytes: [UInt8](data), source: source, allowNoRows: allowNoRows)
    }

    /// Parses CSV bytes (UTF-8, optional BOM). A file without quotes keeps `bytes` as its cell
    /// storage (the cells are not copied), so the table costs the file plus 12 bytes per cell (its offset
    /// and its number).
    /// - Throws: as `read(contentsOf:)`, minus the file-system errors; `DataError.unreadableFile`
    ///   for more than `maximumBytes`.
    public init(bytes: [UInt8], source: String, allowNoRows: Bool = false) throws {
        try self.init(bytes: bytes, source: source, allowNoRows: allowNoRows, stretches: nil)
    }

    /// `init(bytes:source:allowNoRows:)` scanning a file without quotes in `stretches` parts
    /// (default: about one per 2 MiB, at most 16).
    init(bytes: [UInt8], source: String, allowNoRows: Bool, stretches: Int?) throws {
        guard bytes.count <= CSVTable.maximumBytes else {
            throw DataError.unreadableFile(file: source, reason: "it is larger than 4 GiB; split it into several files joined on the id column")
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let parts = CSVTable.scanUnquoted(bytes, from: start, stretches: stretches)
        let hasQuote = parts.contains { $0.hasQuote }
        if !hasQuote && parts.allSatisfy(\.isASCII) {
            self = try CSVTable.assemble(parts, bytes: bytes, source: source, allowNoRows: allowNoRows)
            return
        }
        // ASCII is valid UTF-8; anything else is validated (and, when quoted, parsed as text).
        guard let text = bytes.withUnsafeBufferPointer({
            String(validating: UnsafeBufferPointer(rebasing: $0[start...]), as: UTF8.self)
        }) else { throw DataError.notUTF8(file: source) }
        if hasQuote {
            self = try CSVTable.parseQuoted(text, source: source, allowNoRows: allowNoRows)
        } else {
            self = try CSVTable.assemble(parts, bytes: bytes, source: source, allowNoRows: allowNoRows)
        }
    }

    /// Parses CSV text (an optional leading BOM is dropped).
    public init(text: String, source: String, allowNoRows: Bool = false) throws {
        try self.init(data: Data(text.utf8), source: source, allowNoRows: allowNoRows)
    }

    // MARK: Cells

    /// The cell at data row `row` (0-based) and column `column` (0-based), verbatim.
    public func cell(row: Int, column: Int) -> String {
        withCellBytes(row: row, column: column) { String(decoding: $0, as: UTF8.self) }
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

    /// The number held in a numeric column's cell (`init(source:header:text:numbers:)`), or nil
    /// for a text column.
    func storedNumber(row: Int, column: Int) -> Double? {
        column >= firstNumberColumn ? numbers[numberIndex(row: row, column: column)] : nil
    }

    /// Where the number of a cell in column `firstNumberColumn...` is in `numbers`.
    @inline(__always)
    private func numberIndex(row: Int, column: Int) -> Int {
        numbersByColumn ? (column - firstNumberColumn) * rowCount + row
            : row * (header.count - firstNumberColumn) + column - firstNumberColumn
    }

    /// `optionalNumber(row:column:)` of each of `rows`, in order (the same values and the same
    /// first error). A column of numbers held in memory is read straight from them.
    func optionalNumbers(rows: [Int], column: Int) throws -> [Double?] {
        guard column >= firstNumberColumn else { return try rows.map { try optionalNumber(row: $0, column: column) } }
        let stride = numbersByColumn ? 1 : header.count - firstNumberColumn
        let base = numberIndex(row: 0, column: column)
        var values = [Double?]()
        values.reserveCapacity(rows.count)
        try numbers.withUnsafeBufferPointer { stored in
            for row in rows {
                let value = stored[base + row * stride]
                if value.isInfinite {
                    values.append(try optionalNumber(row: row, column: column))  // the text's verdict
                } else {
                    values.append(value.isNaN ? nil : value)
                }
            }
        }
        return values
    }

    /// Calls `body` with the raw UTF-8 bytes of a cell, without making a `String`.
    func withCellBytes<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if column >= textColumns {
            var text = CSVBuilder.format(numbers[numberIndex(row: row, column: column)])
            return try text.withUTF8(body)
        }
        let k = row * textColumns + column
        let end = column == textColumns - 1 ? Int(rowEnds[row]) : Int(starts[k + 1]) - 1
        return try bytes.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[Int(starts[k]) ..< end]))
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
        var header: [String] = []
        while let record = reader.next() {
            number += 1
            if number == 1 { header = record }
            builder.addRecord(record.map { Array($0.utf8) }, number: number)
        }
        if reader.error != nil { throw DataError.notUTF8(file: source) }
        // CSV.swift reads an unclosed quote, or text after a closing quote, into one cell up to
        // the end of the file: rows would vanish without a word (or fail later, misleadingly).
        if let problem = quotingProblem(text) {
            let column = problem.field <= header.count ? header[problem.field - 1] : "field \(problem.field)"
            throw problem.unclosed ? DataError.unclosedQuote(file: source, row: problem.row, column: column)
                : DataError.textAfterQuote(file: source, row: problem.row, column: column)
        }
        return try builder.finish(allowNoRows: allowNoRows)
    }

    /// The first quoted field that breaks RFC 4180 (a field starting with `"` ends at the next
    /// `"` not doubled, and a delimiter, line end or the end of the file must follow): its row
    /// (record, 1-based, the header being row 1; CRLF is one line end), its 1-based position in
    /// the record, and whether it is never closed (else text follows its closing quote). Nil
    /// for a well-formed file.
    static func quotingProblem(_ text: String) -> (row: Int, field: Int, unclosed: Bool)? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var row = 1, field = 1, openRow = 0, atFieldStart = true, quoted = false, previous: UInt8 = 0
        var bytes = text.utf8.makeIterator()
        var pending: UInt8? = nil
        while let byte = pending ?? bytes.next() {
            pending = nil
            defer { previous = byte }
            if quoted {
                guard byte == quote else { continue }
                let next = bytes.next()
                if next == quote { continue }        // "" inside a quoted field
                quoted = false
                if let next, next != comma, next != lf, next != cr { return (openRow, field, false) }
                pending = next
                continue
            }
            switch byte {
            case comma: field += 1; atFieldStart = true
            case lf where previous == cr: break
            case lf, cr: row += 1; field = 1; atFieldStart = true
            case quote where atFieldStart: quoted = true; openRow = row; atFieldStart = false
            default: atFieldStart = false
            }
        }
        return quoted ? (openRow, field, true) : nil
    }

    /// Splits a file without quotes into records and cells (`UnquotedScan`): a large file in
    /// stretches of about 2 MiB scanned concurrently. A stretch that meets a `"` stops there
    /// (the file is then parsed as quoted).
    private static func scanUnquoted(_ bytes: [UInt8], from start: Int, stretches: Int?) -> [UnquotedScan] {
        bytes.withUnsafeBufferPointer { buffer -> [UnquotedScan] in
            guard let base = buffer.baseAddress, start < buffer.count else { return [] }
            let parts = stretches ?? min(16, max(1, (buffer.count - start) >> 21))
            let cuts = UnquotedScan.cuts(base, from: start, to: buffer.count, parts: parts)
            guard cuts.count > 2 else { return [UnquotedScan(base, from: start, to: buffer.count)] }
            let address = UInt(bitPattern: base)
            return ConcurrentMap.values(cuts.count - 1) { k in
                UnquotedScan(UnsafePointer<UInt8>(bitPattern: address)!, from: cuts[k], to: cuts[k + 1])
            }
        }
    }

    /// The table of scanned stretches (in file order) of `bytes`: the first non-blank record
    /// is the header, blank records are skipped (but counted for row numbers), every other
    /// record must have the header's number of fields. Cells stay in `bytes`.
    private static func assemble(_ parts: [UnquotedScan], bytes: [UInt8], source: String, allowNoRows: Bool) throws -> CSVTable {
        var header: [String]?
        var rowNumbers = [Int](), rowEnds = [UInt32](), starts = [UInt32]()
        /// Each row's stretch and first cell there.
        var kept = [(part: Int, first: Int)]()
        let cells = parts.reduce(0) { $0 + $1.starts.count }
        starts.reserveCapacity(cells)
        var number = 0
        for (p, part) in parts.enumerated() {
            for r in 0 ..< part.recordCount {
                number += 1
                let range = part.cells(ofRecord: r), end = part.recordEnd[r]
                if range.count == 1 && part.starts[range.lowerBound] == end { continue }  // a blank record
                guard let names = header else {
                    let names = range.map { k -> String in
                        let cellEnd: Int = k == range.upperBound - 1 ? Int(end) : Int(part.starts[k + 1]) - 1
                        return String(decoding: bytes[Int(part.starts[k]) ..< cellEnd], as: UTF8.self)
                    }
                    if let error = RecordBuilder.headerError(names, source: source) { throw error }
                    header = names
                    continue
                }
                guard range.count == names.count else {
                    throw CSVTable.otherDelimiter(names).map { DataError.wrongDelimiter(file: source, delimiter: $0) }
                        ?? DataError.raggedRow(file: source, row: number, fields: range.count, expected: names.count)
                }
                rowNumbers.append(number)
                rowEnds.append(end)
                starts.append(contentsOf: part.starts[range])
                kept.append((p, range.lowerBound))
            }
        }
        guard let header else { throw DataError.emptyFile(file: source) }
        if rowNumbers.isEmpty && !allowNoRows { throw DataError.noRows(file: source) }
        return CSVTable(source: source, header: header, rowNumbers: rowNumbers, bytes: bytes, starts: starts, rowEnds: rowEnds,
                        firstNumberColumn: 0, numbers: byColumn(parts, rows: kept, width: header.count), numbersByColumn: true)
    }

    /// The rows' numbers column by column (column c's at `c * rows.count`), transposed eight
    /// rows at a time (each column's eight values are one write of consecutive memory).
    private static func byColumn(_ parts: [UnquotedScan], rows: [(part: Int, first: Int)], width: Int) -> [Double] {
        let count = rows.count
        return [Double](unsafeUninitializedCapacity: count * width) { out, initialized in
            guard let target = out.baseAddress else { return }
            // The stretches' arrays are not mutated while `parts` lives: their storage stays put.
            var sources = [UnsafePointer<Double>]()
            for block in stride(from: 0, to: count, by: 8) {
                let end = min(count, block + 8)
                sources.removeAll(keepingCapacity: true)
                for i in block ..< end {
                    parts[rows[i].part].numbers.withUnsafeBufferPointer { sources.append($0.baseAddress! + rows[i].first) }
                }
                sources.withUnsafeBufferPointer { rowsInBlock in
                    for c in 0 ..< width {
                        let column = target + c * count
                        for (k, source) in rowsInBlock.enumerated() { column[block + k] = source[c] }
                    }
                }
            }
            initialized = count * width
        }
    }
}

/// Accumulates parsed records into the cell storage, validating as it goes: cells copied into
/// its own bytes, each followed by one separator byte (`addField(_:)`).
private struct RecordBuilder {
    let source: String
    var header: [String]?
    var rowNumbers: [Int] = []
    var bytes: [UInt8] = []
    var starts: [UInt32] = []
    var rowEnds: [UInt32] = []
    var error: DataError?

    // The record being built.
    private var recordNumber = 0
    private var recordStart = 0
    private var recordFields = 0
    private var recordBytes = 0
    private var recordEnd = 0

    init(source: String) {
        self.source = source
    }

    mutating func addRecord(_ fields: [[UInt8]], number: Int, expected: Int? = nil) {
        beginRecord(number: number)
        for field in fields {
            field.withUnsafeBufferPointer { addField($0) }
        }
        endRecord(expected: expected)
    }

    mutating func beginRecord(number: Int) {
        recordNumber = number
        recordStart = starts.count
        recordFields = 0
        recordBytes = 0
    }

    /// Appends a copy of `field` and a separator as the next cell.
    mutating func addField(_ field: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: field)
        bytes.append(UInt8(ascii: ","))
        addField(from: start, to: start + field.count)
    }

    /// The next cell is `bytes[start ..< end]` (one byte after the record's previous cell).
    private mutating func addField(from start: Int, to end: Int) {
        starts.append(UInt32(truncatingIfNeeded: start))
        recordEnd = end
        recordFields += 1
        recordBytes += end - start
    }

    /// Ends the record, which must have `expected` fields (default: the header's count).
    mutating func endRecord(expected: Int? = nil) {
        let isBlank = recordFields == 1 && recordBytes == 0
        if isBlank || error != nil {
            drop()
            return
        }
        guard let header else {
            let last = recordStart + recordFields - 1
            let names = (recordStart ... last).map {
                String(decoding: bytes[Int(starts[$0]) ..< ($0 == last ? recordEnd : Int(starts[$0 + 1]) - 1)], as: UTF8.self)
            }
            drop()
            validateHeader(names)
            self.header = names
            return
        }
        let expectedFields = expected ?? header.count
        if recordFields != expectedFields {
            // "id;cohort;label" with decimal commas ("0,5") is ragged only because it is not comma-separated.
            error = CSVTable.otherDelimiter(header).map { .wrongDelimiter(file: source, delimiter: $0) }
                ?? .raggedRow(file: source, row: recordNumber, fields: recordFields, expected: expectedFields)
            drop()
            return
        }
        rowNumbers.append(recordNumber)
        rowEnds.append(UInt32(truncatingIfNeeded: recordEnd))
    }

    /// Removes the current record's cells from storage.
    private mutating func drop() {
        if recordStart < starts.count { bytes.removeSubrange(Int(starts[recordStart])...) }
        starts.removeSubrange(recordStart...)
    }

    private mutating func validateHeader(_ names: [String]) {
        error = RecordBuilder.headerError(names, source: source)
    }

    /// What is wrong with header `names` of file `source`: an empty or a duplicate name.
    static func headerError(_ names: [String], source: String) -> DataError? {
        if let empty = names.firstIndex(where: { $0.isEmpty }) {
            return .emptyHeader(file: source, position: empty + 1)
        }
        var seen: [String: [Int]] = [:]
        for (i, name) in names.enumerated() { seen[name, default: []].append(i + 1) }
        if let duplicate = names.first(where: { seen[$0, default: []].count > 1 }) {
            return .duplicateHeader(file: source, column: duplicate, positions: seen[duplicate, default: []])
        }
        return nil
    }

    func finish(allowNoRows: Bool) throws -> CSVTable {
        if let error { throw error }
        guard bytes.count <= CSVTable.maximumBytes else {
            throw DataError.unreadableFile(file: source, reason: "its cells hold more than 4 GiB; split it into several files joined on the id column")
        }
        guard let header else { throw DataError.emptyFile(file: source) }
        if rowNumbers.isEmpty && !allowNoRows { throw DataError.noRows(file: source) }
        return CSVTable(source: source, header: header, rowNumbers: rowNumbers, bytes: bytes, starts: starts, rowEnds: rowEnds)
    }
}
