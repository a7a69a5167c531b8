extension JoinedTable {
    /// The joined table restricted to `rows` (in that order), as one in-memory table named
    /// after the first file. Used to score only the patients a screening kept, since whole
    /// columns are parsed at once and an excluded patient's bad cell would otherwise throw.
    public func selecting(rows: [Int]) throws -> JoinedTable {
        let header = [idColumn] + columns
        let cells = rows.map { row in [ids[row]] + columns.map { cell(row: row, column: $0) ?? "" } }
        let table = try CSVTable(source: tables[0].source, header: header, rows: cells)
        return try JoinedTable(tables: [table], idColumn: idColumn)
    }
}
