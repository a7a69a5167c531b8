extension CSVTable: Equatable {
    /// Tables are equal when their source, header, row numbers and every cell are, however
    /// the cells are stored (in place in a file's bytes or copied).
    public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
        guard lhs.source == rhs.source, lhs.header == rhs.header, lhs.rowNumbers == rhs.rowNumbers else { return false }
        for row in 0 ..< lhs.rowCount {
            for column in 0 ..< lhs.columnCount {
                let same = lhs.withCellBytes(row: row, column: column) { left in
                    rhs.withCellBytes(row: row, column: column) { right in left.elementsEqual(right) }
                }
                if !same { return false }
            }
        }
        return true
    }
}
