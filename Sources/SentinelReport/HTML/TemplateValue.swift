import Foundation

/// A value in a report template's context: text, a flag, a list or an object of named values,
/// typed while the context is built; `libraryValue` is what the Mustache library renders
/// (`String`, `Bool`, `[Any]`, `TemplateObject`).
indirect enum TemplateValue: Sendable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The value as the Mustache library's context expects it.
    var libraryValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items.map(\.libraryValue) as [Any]
        case .object(let values): TemplateObject(values.mapValues(\.libraryValue))
        }
    }

    /// A list of texts.
    static func texts(_ items: [String]) -> TemplateValue {
        .list(items.map { .text($0) })
    }
}
