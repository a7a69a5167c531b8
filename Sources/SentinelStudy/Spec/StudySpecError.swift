/// A problem with the study file (YAML): exit 78 (`EX_CONFIG`). Every message names the
/// study file, the key (as a path such as `modalities[1].columns`), the line where known,
/// and the fix.
public enum StudySpecError: ExitStatusError, Equatable, Sendable {
    /// The YAML does not parse.
    case invalidYAML(file: String, line: Int?, problem: String)
    /// A key the study format does not have (often a typo).
    case unknownKey(file: String, key: String, line: Int?, allowed: [String])
    /// A required key is absent.
    case missingKey(file: String, key: String)
    /// A value of the wrong shape (e.g. a list where text is expected).
    case wrongType(file: String, key: String, line: Int?, expected: String)
    /// A value out of its range.
    case invalidValue(file: String, key: String, line: Int?, value: String, expected: String)
    /// A column named in the study file that no data file has.
    case unknownColumn(file: String, key: String, column: String, suggestion: String?)
    /// A glob that matches no column.
    case globMatchesNothing(file: String, key: String, pattern: String)
    /// A modality without any feature column.
    case emptyModality(file: String, key: String, name: String)
    /// Two modalities with the same name.
    case duplicateModality(file: String, key: String, name: String)
    /// A column used twice (two modalities, continuous and categorical, or the id/outcome/cohort column as a feature).
    case columnUsedTwice(file: String, column: String, firstKey: String, secondKey: String)
    /// `cohort.training` names a cohort that no row has.
    case unknownTrainingCohort(file: String, value: String, available: [String])

    public var exitCode: Int32 { ExitStatus.configError }

    public var description: String {
        switch self {
        case let .invalidYAML(file, line, problem):
            return "\(file)\(at(line)): not valid YAML (\(problem)). Fix: check indentation, colons and brackets."
        case let .unknownKey(file, key, line, allowed):
            return "\(file)\(at(line)): unknown key \"\(key)\". Fix: use one of \(allowed.joined(separator: ", "))."
        case let .missingKey(file, key):
            return "\(file): missing key \"\(key)\". Fix: add it (see the study file format in README)."
        case let .wrongType(file, key, line, expected):
            return "\(file)\(at(line)), key \"\(key)\": expected \(expected)."
        case let .invalidValue(file, key, line, value, expected):
            return "\(file)\(at(line)), key \"\(key)\": \"\(value)\" is not valid. Fix: \(expected)."
        case let .unknownColumn(file, key, column, suggestion):
            let hint = suggestion.map { " Did you mean \"\($0)\"?" } ?? ""
            return "\(file), key \"\(key)\": no data file has a column \"\(column)\".\(hint) Fix: correct the name (names are case-sensitive) or add the column."
        case let .globMatchesNothing(file, key, pattern):
            return "\(file), key \"\(key)\": the pattern \"\(pattern)\" matches no column. Fix: check the pattern (* any text, ? one character, [abc] one of) against the data files' headers."
        case let .emptyModality(file, key, name):
            return "\(file), key \"\(key)\": modality \"\(name)\" has no columns. Fix: give it continuous, categorical or columns."
        case let .duplicateModality(file, key, name):
            return "\(file), key \"\(key)\": a second modality named \"\(name)\". Fix: give every modality a unique name."
        case let .columnUsedTwice(file, column, firstKey, secondKey):
            return "\(file): column \"\(column)\" is used by both \"\(firstKey)\" and \"\(secondKey)\". Fix: use each column in one place only."
        case let .unknownTrainingCohort(file, value, available):
            return "\(file), key \"cohort.training\": no row has cohort \"\(value)\" (cohorts: \(available.map { "\"\($0)\"" }.joined(separator: ", "))). Fix: name the training cohort exactly as in the data."
        }
    }
}

private func at(_ line: Int?) -> String {
    line.map { ", line \($0)" } ?? ""
}
