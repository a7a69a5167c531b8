/// Table 1 of a validation site beside the development training cohort: the development
/// study's first (clinical) modality summarised by `Table1Builder` over one combined table
/// whose two cohorts are "Development training" and the site (scored patients only).
public enum ValidationTable1 {
    static let cohortColumn = "__sentinel_cohort"

    /// - Throws: `DataError.missingColumn` when the site lacks a clinical column, and the
    ///   checks of `Cohort(spec:data:)`.
    public static func build(development: Cohort, site: JoinedTable, siteName: String) throws -> Table1Summary {
        let clinical = development.spec.modalities[0]
        let columns = [development.spec.outcome] + clinical.continuous + clinical.categorical
        let developmentName = "Development training"
        var rows: [[String]] = []
        for row in development.trainingRows {
            rows.append(["dev:\(development.ids[row])", developmentName] + columns.map { development.data.cell(row: row, column: $0) ?? "" })
        }
        if let missing = columns.first(where: { !site.hasColumn($0) }) {
            throw DataError.missingColumn(file: site.file(of: missing), column: missing, available: site.columns)
        }
        for row in 0 ..< site.rowCount {
            rows.append(["site:\(site.ids[row])", siteName] + columns.map { site.cell(row: row, column: $0) ?? "" })
        }
        let idColumn = development.data.idColumn
        let table = try CSVTable(source: "validation Table 1", header: [idColumn, cohortColumn] + columns, rows: rows)
        var spec = development.spec
        spec.cohort = StudySpec.CohortColumn(column: cohortColumn, training: developmentName)
        spec.modalities = [clinical]
        let cohort = try Cohort(spec: spec, data: JoinedTable(tables: [table], idColumn: idColumn))
        return try Table1Builder().build(cohort)
    }
}
