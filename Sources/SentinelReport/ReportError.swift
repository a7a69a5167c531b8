/// Errors raised while writing a report.
public enum ReportError: Error, CustomStringConvertible, Sendable {
    case templatesNotFound(searched: [String])
    case templateInvalid(name: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .templatesNotFound(let searched):
            return "report templates not found (looked for report.mustache in: \(searched.prefix(4).joined(separator: ", "))...). "
                + "Set SENTINEL_TEMPLATES to a folder holding report.mustache (or unset it to use the built-in templates)."
        case .templateInvalid(let name, let reason):
            return "template \(name) is invalid: \(reason). Restore it from the repository."
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason). Choose an output folder you can write to."
        }
    }
}
