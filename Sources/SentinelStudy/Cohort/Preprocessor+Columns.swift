extension Preprocessor {
    /// `rows` of `data` (default: all) encoded as in training, as one column per encoded
    /// feature, by feature name: what frozen models read their selected features from.
    public func encodedColumns(_ data: JoinedTable, rows: [Int]? = nil) throws -> [String: [Double]] {
        var columns: [String: [Double]] = [:]
        for matrix in try transform(data, rows: rows) {
            for (name, column) in zip(matrix.names, matrix.columns) { columns[name] = column }
        }
        return columns
    }
}
