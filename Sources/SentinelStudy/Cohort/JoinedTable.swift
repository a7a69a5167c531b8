import Foundation

/// Several CSV files joined on an id column: one row per patient, every id present in every
/// file exactly once (ids compared after trimming spaces).
///
/// Rows follow the first file's order. Columns are every non-id column of every file, in file
/// order; a non-id column name may appear in only one file. Cells are fetched from the source
/// tables, so the join costs only an id index, and every cell keeps its file and spreadsheet
/// row for error messages.
public struct JoinedTable: Sendable {
    /// The join column.
    public let idColumn: String
    /// Patient ids, in the first file's order.
    public let ids: [String]
    /// The source tables, in the order given.
    public let tables: [CSVTable]
    /// Non-id column names across all files, in file order.
    public let columns: [String]

    /// For each table, the table row of each joined row.
    private let rowInTable: [[Int]]
    /// Column name → (table, column index in that table).
    private let location: [String: (table: Int, column: Int)]

    /// Joins `tables` on `idColumn`.
    /// - Throws: `DataError.missingColumn` (a file without the id column), `.emptyID`,
    ///   `.duplicateID` (within a file), `.unmatchedID` (an id missing from a file),
    ///   `.duplicateColumnAcrossFiles`.
    public init(tables: [CSVTable], idColumn: String) throws {
        precondition(!tables.isEmpty, "JoinedTable needs at least one table")
        var rowInTable = [[Int]]()
        var indexes = [[String: Int]]()
        var idColumns = [Int]()
        for table in tables {
            let column = try table.requireColumn(idColumn)
            idColumns.append(column)
            var index = [String: Int](minimumCapacity: table.rowCount)
            for row in 0 ..< table.rowCount {
                let id = table.cell(row: row, column: column).trimmingSpaces()
                guard !id.isEmpty else {
                    throw DataError.emptyID(file: table.source, row: table.rowNumber(row), column: idColumn)
                }
                if let first = index[id] {
                    throw DataError.duplicateID(file: table.source, column: idColumn, id: id,
                                                rows: [table.rowNumber(first), table.rowNumber(row)])
                }
                index[id] = row
            }
            indexes.append(index)
        }
        let first = tables[0]
        let ids = (0 ..< first.rowCount).map { first.cell(row: $0, column: idColumns[0]).trimmingSpaces() }
        for t in tables.indices {
            var rows = [Int]()
            rows.reserveCapacity(ids.count)
            for id in ids {
                guard let row = indexes[t][id] else {
                    throw DataError.unmatchedID(id: id, presentIn: first.source, missingFrom: tables[t].source, idColumn: idColumn)
                }
                rows.append(row)
            }
            if tables[t].rowCount != ids.count {
                // An id in this file that the first file lacks: report the first such in file order.
                let known = Set(ids)
                for row in 0 ..< tables[t].rowCount {
                    let id = tables[t].cell(row: row, column: idColumns[t]).trimmingSpaces()
                    if !known.contains(id) {
                        throw DataError.unmatchedID(id: id, presentIn: tables[t].source, missingFrom: first.source, idColumn: idColumn)
                    }
                }
            }
            rowInTable.append(rows)
        }
        var columns = [String]()
        var location = [String: (table: Int, column: Int)]()
        for (t, table) in tables.enumerated() {
            for (c, name) in table.header.enumerated() where c != idColumns[t] {
                if let previous = location[name] {
                    throw DataError.duplicateColumnAcrossFiles(column: name, first: tables[previous.table].source, second: table.source)
                }
                location[name] = (t, c)
                columns.append(name)
            }
        }
        self.idColumn = idColumn
        self.ids = ids
        self.tables = tables
        self.columns = columns
        self.rowInTable = rowInTable
        self.location = location
    }

    /// Number of patients.
    public var rowCount: Int { ids.count }

    /// Whether a (non-id) column exists.
    public func hasColumn(_ name: String) -> Bool { location[name] != nil }

    /// The cell of joined row `row` in column `name` (`nil` when there is no such column).
    public func cell(row: Int, column name: String) -> String? {
        guard let (t, c) = location[name] else { return nil }
        return tables[t].cell(row: rowInTable[t][row], column: c)
    }

    /// The whole column `name`, in joined row order (`nil` when there is no such column).
    public func column(_ name: String) -> [String]? {
        guard let (t, c) = location[name] else { return nil }
        return rowInTable[t].map { tables[t].cell(row: $0, column: c) }
    }

    /// The file and spreadsheet row (header = 1) that holds column `name` for joined row `row`.
    public func origin(row: Int, column name: String) -> (file: String, row: Int) {
        guard let (t, _) = location[name] else { return (tables[0].source, tables[0].rowNumber(rowInTable[0][row])) }
        return (tables[t].source, tables[t].rowNumber(rowInTable[t][row]))
    }

    /// The file that holds column `name`.
    public func file(of name: String) -> String {
        location[name].map { tables[$0.table].source } ?? tables[0].source
    }

    /// Column `name` as numbers, `nil` where missing (see `CSVTable.missingMarkers`).
    /// - Throws: `DataError.missingColumn`, `.invalidNumber` (text, NaN, infinity) with file and row.
    public func optionalNumbers(_ name: String) throws -> [Double?] {
        guard let (t, c) = location[name] else {
            throw DataError.missingColumn(file: tables[0].source, column: name, available: columns)
        }
        return try tables[t].optionalNumbers(rows: rowInTable[t], column: c)
    }

    /// Column `name` as trimmed text, `nil` where missing (see `CSVTable.missingMarkers`).
    /// - Throws: `DataError.missingColumn`.
    public func optionalLevels(_ name: String) throws -> [String?] {
        guard let values = column(name) else {
            throw DataError.missingColumn(file: tables[0].source, column: name, available: columns)
        }
        return values.map { CSVTable.isMissing($0) ? nil : $0.trimmingSpaces() }
    }

    /// Reads the CSV files at `urls` (messages use `names`) and joins them on `idColumn`.
    /// The files are read concurrently; a failure reports the first failing file in order.
    public static func read(_ files: [(url: URL, name: String)], idColumn: String) throws -> JoinedTable {
        let urls = files.map(\.url), names = files.map(\.name)
        let tables = try ConcurrentMap.map(files.count) { try CSVTable.read(contentsOf: urls[$0], name: names[$0]) }
        return try JoinedTable(tables: tables, idColumn: idColumn)
    }
}
