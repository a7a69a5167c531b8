import Foundation

/// A set of template files read by name: a folder on disk (the checkout's `templates/` or
/// `site/`, or a user's own copy), or the copies compiled into the executable
/// (`BundledTemplates`), so a binary moved out of its checkout still writes reports.
public struct TemplateFiles: Sendable {
    /// Where the files come from.
    public enum Source: Sendable, Equatable {
        case directory(URL)
        case bundled
    }

    public let source: Source
    private let bundled: [String: String]

    /// The files of `directory`.
    public init(directory: URL) {
        source = .directory(directory)
        bundled = [:]
    }

    private init(bundled: [String: String]) {
        source = .bundled
        self.bundled = bundled
    }

    /// The report templates compiled into the executable (`templates/` at build time).
    public static let bundledReport = TemplateFiles(bundled: BundledTemplates.report)
    /// The site templates compiled into the executable (`site/` at build time).
    public static let bundledSite = TemplateFiles(bundled: BundledTemplates.site)

    /// The text of the file `name` (e.g. `report.mustache`).
    /// - Throws: `ReportError.templatesNotFound` naming the path (or the bundled name) when absent.
    public func text(_ name: String) throws -> String {
        switch source {
        case .directory(let directory):
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ReportError.templatesNotFound(searched: [url.path])
            }
            return text
        case .bundled:
            guard let text = bundled[name] else { throw ReportError.templatesNotFound(searched: ["(built in) \(name)"]) }
            return text
        }
    }

    /// True when the file `name` exists.
    public func contains(_ name: String) -> Bool {
        switch source {
        case .directory(let directory): FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
        case .bundled: bundled[name] != nil
        }
    }
}
