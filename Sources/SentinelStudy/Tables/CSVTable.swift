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
    ///   `.emptyFile`, `.noRows`, `.emptyHeader`, `.duplicateHeader`, `.raggedRow` (exit 65).
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
    /// - Throws: `DataError.missingColumn` listing the available columns.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = columnIndex(name) else {
            throw DataError.missingColumn(file: source, column: name, available: header)
        }
        return index
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

    /// Files at least this large (bytes) are split in parallel.
    static let parallelThreshold = 1 << 20

    /// Direct split for files without any `"`: commas separate fields; LF, CRLF or CR end records.
    /// Large files are cut after line feeds into one piece per core, the pieces split
    /// concurrently and joined in file order (same cells, row numbers and first error as the
    /// serial split: with no quotes in the file, every line feed ends a record).
    private static func parseUnquoted(_ buffer: UnsafeBufferPointer<UInt8>, source: String, allowNoRows: Bool) throws -> CSVTable {
        let pieces = min(8, ProcessInfo.processInfo.activeProcessorCount)
        if buffer.count >= parallelThreshold, pieces > 1 {
            return try parseUnquotedInPieces(buffer, pieces: pieces, source: source, allowNoRows: allowNoRows)
        }
        return try parseUnquotedSerially(buffer, source: source, allowNoRows: allowNoRows)
    }

    /// The serial split (also the reference the parallel one is tested against).
    static func parseUnquotedSerially(_ buffer: UnsafeBufferPointer<UInt8>, source: String, allowNoRows: Bool) throws -> CSVTable {
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

extension CSVTable {
    /// The cells of one piece of an unquoted file: its non-blank records, numbered from 1
    /// within the piece (blank records count but are not stored).
    private struct Piece: Sendable {
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        /// Per stored record: its number within the piece and its first field and field count.
        var records: [(number: Int, firstField: Int, fields: Int)] = []
        var recordCount = 0
    }

    /// Splits `buffer` (no quotes) into `pieces` parts ending after a line feed, splits them
    /// concurrently and joins them; the result equals `parseUnquotedSerially`.
    static func parseUnquotedInPieces(_ buffer: UnsafeBufferPointer<UInt8>, pieces: Int, source: String,
                                      allowNoRows: Bool) throws -> CSVTable {
        let n = buffer.count, lf = UInt8(ascii: "\n")
        var cuts = [0]
        for k in 1 ..< max(1, pieces) {
            var i = max(cuts[cuts.count - 1], n * k / pieces)
            while i < n, buffer[i] != lf { i += 1 }
            if i + 1 < n { cuts.append(i + 1) }
        }
        cuts.append(n)
        let bounds = cuts
        let address = UInt(bitPattern: buffer.baseAddress)
        let parts = ConcurrentMap.values(cuts.count - 1) { k -> Piece in
            let base = UnsafePointer<UInt8>(bitPattern: address)!
            return splitPiece(UnsafeBufferPointer(start: base + bounds[k], count: bounds[k + 1] - bounds[k]))
        }
        // Join: the first stored record is the header; then every record must match its width.
        var header: [String]?
        var rowNumbers: [Int] = []
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        offsets.reserveCapacity(parts.reduce(0) { $0 + $1.offsets.count })
        rowNumbers.reserveCapacity(parts.reduce(0) { $0 + $1.records.count })
        var numberBase = 0
        for part in parts {
            var keepFrom = 0  // first record of this piece that goes into the table
            if header == nil, let first = part.records.first {
                let names = (first.firstField ..< first.firstField + first.fields).map {
                    String(decoding: part.bytes[part.offsets[$0] ..< part.offsets[$0 + 1]], as: UTF8.self)
                }
                if let error = RecordBuilder.headerError(names, source: source) { throw error }
                header = names
                keepFrom = 1
            }
            guard let width = header?.count else { numberBase += part.recordCount; continue }
            for record in part.records[keepFrom...] where record.fields != width {
                throw DataError.raggedRow(file: source, row: numberBase + record.number, fields: record.fields, expected: width)
            }
            if keepFrom < part.records.count {
                let firstField = part.records[keepFrom].firstField
                let byteStart = part.offsets[firstField], shift = bytes.count - byteStart
                bytes.append(contentsOf: part.bytes[byteStart...])
                for k in (firstField + 1) ..< part.offsets.count { offsets.append(part.offsets[k] + shift) }
                for record in part.records[keepFrom...] { rowNumbers.append(numberBase + record.number) }
            }
            numberBase += part.recordCount
        }
        guard let header else { throw DataError.emptyFile(file: source) }
        if rowNumbers.isEmpty && !allowNoRows { throw DataError.noRows(file: source) }
        return CSVTable(source: source, header: header, rowNumbers: rowNumbers, bytes: bytes, offsets: offsets)
    }

    /// One piece's records, split as `parseUnquotedSerially` splits them, without validation.
    private static func splitPiece(_ buffer: UnsafeBufferPointer<UInt8>) -> Piece {
        var piece = Piece()
        piece.bytes.reserveCapacity(buffer.count)
        let comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let n = buffer.count
        var i = 0
        while i < n {
            piece.recordCount += 1
            let firstField = piece.offsets.count - 1
            var fieldStart = i
            while i < n, buffer[i] != lf, buffer[i] != cr {
                if buffer[i] == comma {
                    piece.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[fieldStart ..< i]))
                    piece.offsets.append(piece.bytes.count)
                    fieldStart = i + 1
                }
                i += 1
            }
            piece.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[fieldStart ..< i]))
            piece.offsets.append(piece.bytes.count)
            let fields = piece.offsets.count - 1 - firstField
            if fields == 1 && piece.offsets[firstField + 1] == piece.offsets[firstField] {
                piece.offsets.removeLast()  // a blank record: counted, not stored
            } else {
                piece.records.append((piece.recordCount, firstField, fields))
            }
            if i < n, buffer[i] == cr { i += 1; if i < n, buffer[i] == lf { i += 1 } } else { i += 1 }
        }
        return piece
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
            error = .raggedRow(file: source, row: recordNumber, fields: recordFields, expected: header.count)
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
        if let headerError = RecordBuilder.headerError(names, source: source) { error = headerError }
    }

    /// The error for an empty or duplicate header name, if any.
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
        guard let header else { throw DataError.emptyFile(file: source) }
        if rowNumbers.isEmpty && !allowNoRows { throw DataError.noRows(file: source) }
        return CSVTable(source: source, header: header, rowNumbers: rowNumbers, bytes: bytes, offsets: offsets)
    }
}
