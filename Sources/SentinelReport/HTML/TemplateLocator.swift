import Foundation

/// Finds the report templates.
///
/// Order: the `SENTINEL_TEMPLATES` environment variable (an error when it names a folder
/// without `report.mustache`); then `templates/` beside the executable or in any folder above
/// it (a build in `.build/<config>/` of a checkout finds the checkout's `templates/`); then
/// `share/sentinel/templates` above the executable's folder (an installed layout); else the
/// copies compiled into the executable.
public enum TemplateLocator {
    public static let requiredFile = "report.mustache"

    /// The report templates found in the order above.
    public static func reportTemplates(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TemplateFiles {
        if environment["SENTINEL_TEMPLATES"] != nil {
            return TemplateFiles(directory: try templatesDirectory(environment: environment))
        }
        guard let directory = try? templatesDirectory(environment: environment) else { return .bundledReport }
        return TemplateFiles(directory: directory)
    }

    /// The folder on disk holding the report templates (no built-in fallback).
    public static func templatesDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let fm = FileManager.default
        if let path = environment["SENTINEL_TEMPLATES"] {
            let url = URL(fileURLWithPath: path)
            if fm.fileExists(atPath: url.appendingPathComponent(requiredFile).path) { return url }
            throw ReportError.templatesNotFound(searched: [url.path])
        }
        var searched: [String] = []
        var dir = executableURL().deletingLastPathComponent()
        for _ in 0..<8 {
            for candidate in [dir.appendingPathComponent("templates"),
                              dir.appendingPathComponent("share/sentinel/templates")] {
                searched.append(candidate.path)
                if fm.fileExists(atPath: candidate.appendingPathComponent(requiredFile).path) {
                    return candidate
                }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        throw ReportError.templatesNotFound(searched: searched)
    }

    private static func executableURL() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
