import Foundation

/// A claims file that cannot be read as the `sentinel.claims/1` schema. Exit status 65 (data error).
public enum ClaimsError: ExitStatusError, Equatable, Sendable {
    /// The YAML itself does not parse.
    case invalidYAML(file: String, detail: String)
    /// A key holds the wrong kind of value, or a required key is missing.
    case invalidValue(file: String, line: Int, key: String, problem: String, fix: String)
    /// A key the schema does not know (often a typo).
    case unknownKey(file: String, line: Int, key: String, allowed: [String])
    /// A claim names a cohort or model that `cohorts:` / `models:` does not define.
    case unknownReference(file: String, line: Int, key: String, value: String, known: [String])

    public var exitCode: Int32 { ExitStatus.dataError }

    public var description: String {
        switch self {
        case let .invalidYAML(file, detail):
            return "\(file): not valid YAML (\(detail)). Fix: check indentation and quoting at that line."
        case let .invalidValue(file, line, key, problem, fix):
            return "\(file), line \(line), key \"\(key)\": \(problem). Fix: \(fix)."
        case let .unknownKey(file, line, key, allowed):
            return "\(file), line \(line): unknown key \"\(key)\". Fix: use one of \(allowed.joined(separator: ", "))."
        case let .unknownReference(file, line, key, value, known):
            return "\(file), line \(line), key \"\(key)\": \"\(value)\" is not defined (defined: \(known.isEmpty ? "none" : known.joined(separator: ", "))). Fix: define it or correct the name."
        }
    }
}
