/// A problem with an input data file (CSV), reported with the file, the row as a spreadsheet
/// shows it (the header is row 1, so the first data row is row 2), the column, and the fix.
///
/// `exitCode` is 66 (`EX_NOINPUT`) for a missing or unreadable file and 65 (`EX_DATAERR`) for
/// everything about the contents.
public enum DataError: ExitStatusError, Equatable, Sendable {
    /// The file does not exist.
    case fileNotFound(file: String)
    /// The file exists but cannot be read (a folder, no permission, I/O error).
    case unreadableFile(file: String, reason: String)
    /// The bytes are not valid UTF-8.
    case notUTF8(file: String)
    /// No header row at all.
    case emptyFile(file: String)
    /// A header but no data rows.
    case noRows(file: String)
    /// A row with a different number of fields than the header.
    case raggedRow(file: String, row: Int, fields: Int, expected: Int)
    /// A header name that is empty.
    case emptyHeader(file: String, position: Int)
    /// The same header name twice.
    case duplicateHeader(file: String, column: String, positions: [Int])
    /// A required column is absent.
    case missingColumn(file: String, column: String, available: [String])
    /// An id that occurs twice in one file.
    case duplicateID(file: String, column: String, id: String, rows: [Int])
    /// An empty id.
    case emptyID(file: String, row: Int, column: String)
    /// A cell that should be a finite number.
    case invalidNumber(file: String, row: Int, column: String, value: String)
    /// An outcome / label cell that is not 0 or 1.
    case invalidLabel(file: String, row: Int, column: String, value: String)
    /// A probability outside [0, 1].
    case probabilityOutOfRange(file: String, row: Int, column: String, value: Double)
    /// A predictions file with only id, cohort and label.
    case noModelColumns(file: String)
    /// A model's probability left empty for a patient.
    case missingPrediction(file: String, row: Int, column: String, id: String)
    /// An empty cohort name.
    case emptyCohort(file: String, row: Int, column: String)
    /// A cohort without at least 2 cases and 2 controls (AUC and its CI need both).
    case tooFewCases(file: String, cohort: String, cases: Int, controls: Int)
    /// An id present in one data file but not in another.
    case unmatchedID(id: String, presentIn: String, missingFrom: String, idColumn: String)
    /// The same (non-id) column in two data files.
    case duplicateColumnAcrossFiles(column: String, first: String, second: String)
    /// A categorical level seen outside training that training never had.
    case unseenLevel(file: String, row: Int, column: String, level: String, known: [String])
    /// A feature with no observed value in the training cohort (nothing to impute from).
    case allMissingInTraining(column: String, file: String)
    /// Too few events (or non-events) in the training cohort to select features and fit models.
    case tooFewEvents(file: String, column: String, cohort: String, events: Int, nonEvents: Int, minimum: Int)
    /// The header is one column holding `;` or a tab: the file is not comma-separated.
    case wrongDelimiter(file: String, delimiter: String)
    /// A quoted field that is never closed (the rest of the file would be read into it).
    case unclosedQuote(file: String, row: Int, column: String)
    /// Text after the closing quote of a quoted field (`"ab"c`).
    case textAfterQuote(file: String, row: Int, column: String)
    /// A readable file given as a Sentinel output (`model.json`, `results.json`, `packet.json`)
    /// that is not one (not JSON, other keys, another schema).
    case notSentinelOutput(file: String, kind: String, reason: String)

    /// 66 for a missing or unreadable file, 65 for data problems.
    public var exitCode: Int32 {
        switch self {
        case .fileNotFound, .unreadableFile: return ExitStatus.noInput
        default: return ExitStatus.dataError
        }
    }

    /// One line: where, what, and the fix.
    public var description: String {
        switch self {
        case let .fileNotFound(file):
            return "\(file): file not found. Fix: check the path (relative paths in a study file are relative to the study file)."
        case let .unreadableFile(file, reason):
            return "\(file): cannot read the file (\(reason)). Fix: make it a readable regular file."
        case let .notUTF8(file):
            return "\(file): the file is not valid UTF-8 text. Fix: save it as CSV UTF-8."
        case let .emptyFile(file):
            return "\(file): the file is empty. Fix: a header row and one row per patient are needed."
        case let .noRows(file):
            return "\(file): the file has a header but no data rows. Fix: add one row per patient."
        case let .raggedRow(file, row, fields, expected):
            return "\(file), row \(row): \(fields) fields but the header has \(expected). Fix: quote fields that contain commas and give every row \(expected) fields."
        case let .emptyHeader(file, position):
            return "\(file), row 1, column \(position): empty column name. Fix: name every column."
        case let .duplicateHeader(file, column, positions):
            return "\(file), row 1: column \"\(column)\" appears \(positions.count) times (columns \(list(positions))). Fix: give every column a unique name."
        case let .missingColumn(file, column, available):
            let near = available.first { $0.lowercased() == column.lowercased() }
            let hint = near.map { " (\"\($0)\" differs only in case.)" } ?? ""
            return "\(file): no column \"\(column)\" (columns: \(preview(available))). Fix: add the column or correct its name (names are case-sensitive).\(hint)"
        case let .duplicateID(file, column, id, rows):
            return "\(file), column \"\(column)\": id \"\(id)\" occurs in rows \(list(rows)). Fix: one row per patient, unique ids."
        case let .emptyID(file, row, column):
            return "\(file), row \(row), column \"\(column)\": empty id. Fix: give every patient an id."
        case let .invalidNumber(file, row, column, value):
            return "\(file), row \(row), column \"\(column)\": \(describe(value)) is not a finite number. Fix: write a plain decimal number such as 0.25\(value.isEmpty ? "" : " (leave the cell empty or write NA only where missing values are allowed)")."
        case let .invalidLabel(file, row, column, value):
            return "\(file), row \(row), column \"\(column)\": \(describe(value)) is not 0 or 1. Fix: code the outcome as 1 (event) or 0 (no event)."
        case let .probabilityOutOfRange(file, row, column, value):
            return "\(file), row \(row), column \"\(column)\": \(value) is outside [0, 1]. Fix: give predicted probabilities, not scores or percentages; if \"\(column)\" is not a model, leave it out by naming the model columns with --model."
        case let .missingPrediction(file, row, column, id):
            return "\(file), row \(row), column \"\(column)\": no probability for patient \"\(id)\". Fix: every model needs a probability for every patient (the paired DeLong tests compare models on the same patients): fill the cell in, remove the row, or leave the model out with --model."
        case let .noModelColumns(file):
            return "\(file): no model columns. Fix: after id, cohort and label, add one column per model with its predicted probabilities."
        case let .emptyCohort(file, row, column):
            return "\(file), row \(row), column \"\(column)\": empty cohort name. Fix: name the cohort of every patient (e.g. train, validation, test)."
        case let .tooFewCases(file, cohort, cases, controls):
            return "\(file): cohort \"\(cohort)\" has \(cases) cases and \(controls) controls. Fix: every cohort needs at least 2 of each (merge or drop the cohort)."
        case let .unmatchedID(id, presentIn, missingFrom, idColumn):
            return "\(missingFrom), column \"\(idColumn)\": id \"\(id)\" from \(presentIn) is missing. Fix: every data file must have exactly the same patients."
        case let .duplicateColumnAcrossFiles(column, first, second):
            return "\(second), row 1: column \"\(column)\" is also in \(first). Fix: only the id column may be shared between data files; rename or drop one."
        case let .unseenLevel(file, row, column, level, known):
            return "\(file), row \(row), column \"\(column)\": level \"\(level)\" never occurs in the training cohort (training levels: \(list(known.map { "\"\($0)\"" }))). Fix: recode it to a training level or make it missing."
        case let .allMissingInTraining(column, file):
            return "\(file), column \"\(column)\": no value in the training cohort, so nothing to impute from. Fix: drop the column from the study or supply values."
        case let .tooFewEvents(file, column, cohort, events, nonEvents, minimum):
            return "\(file), column \"\(column)\": the training cohort \"\(cohort)\" has \(events) events and \(nonEvents) non-events; at least \(minimum) of each are needed. Fix: a larger training cohort (or a different split)."
        case let .wrongDelimiter(file, delimiter):
            let name = delimiter == ";" ? "semicolons" : "tabs"
            return "\(file), row 1: the header is a single column of names separated by \(name), so the file is not comma-separated. Fix: save it as CSV with commas (e.g. Excel's \"CSV UTF-8 (Comma delimited)\")."
        case let .unclosedQuote(file, row, column):
            return "\(file), row \(row), column \"\(column)\": a quoted field opens here and is never closed, so the rest of the file would be read into this cell. Fix: close the quote or remove it (a quote inside a quoted field is written twice: \"\")."
        case let .textAfterQuote(file, row, column):
            return "\(file), row \(row), column \"\(column)\": text follows the closing quote of a quoted field. Fix: quote the whole cell (\"5 \"\"big\"\" lesions\"), or remove the quotes."
        case let .notSentinelOutput(file, kind, reason):
            let producer = ["model.json": "sentinel run", "results.json": "sentinel run or evaluate", "packet.json": "sentinel validate"][kind]
            return "\(file): not a Sentinel \(kind) (\(reason)). Fix: pass the \(kind) that \(producer ?? "Sentinel") wrote."
        }
    }
}

extension DataError {
    /// A JSON decoding failure in a few words: what is wrong and at which key path.
    public static func decodingProblem(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case let .dataCorrupted(context)?:
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        case let .keyNotFound(key, context)?:
            return "no key \"\(key.stringValue)\" at \(path(context.codingPath))"
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            return "unexpected value at \(path(context.codingPath))"
        default:
            return "\(error)"
        }
    }
}

private func list<T>(_ items: [T]) -> String {
    items.map { "\($0)" }.joined(separator: ", ")
}

private func preview(_ names: [String]) -> String {
    let shown = names.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
    return names.count > 12 ? shown + ", ... (\(names.count) in all)" : shown
}

private func describe(_ value: String) -> String {
    value.isEmpty ? "an empty cell" : "\"\(value)\""
}
