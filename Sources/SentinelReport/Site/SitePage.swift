import Foundation
import Mustache

/// One page of the static site: paragraphs, links, tables and inline-SVG figures, rendered by
/// `site/page.mustache` with `site/site.css` inlined. Every `{{value}}` is HTML-escaped; only
/// the CSS and the SVG (produced by SentinelRender, not from input text) are inserted raw, so
/// a page makes no external request.
struct SitePage {
    struct Link { var href: String; var text: String; var note: String? }
    struct Table { var caption: String; var headers: [String]; var rows: [[(text: String, numeric: Bool)]] }
    struct Figure { var svg: String; var caption: String; var alt: String }
    struct Block { var heading: String?; var table: Table?; var figure: Figure? }

    var title: String
    var subtitle: String
    /// Relative path from this page to the site root ("" or "../").
    var root: String
    var paragraphs: [String] = []
    var links: [Link] = []
    var blocks: [Block] = []

    func context(generator: String, footer: String, css: String) -> [String: Any] {
        [
            "title": title, "subtitle": subtitle, "root": root, "generator": generator, "footer": footer, "css": css,
            "paragraphs": paragraphs,
            "hasLinks": !links.isEmpty,
            "links": links.map { l -> [String: Any] in
                var c: [String: Any] = ["href": l.href, "text": l.text]
                if let note = l.note { c["note"] = note }
                return c
            },
            "blocks": blocks.map { b -> [String: Any] in
                var c: [String: Any] = [:]
                if let h = b.heading { c["heading"] = h }
                if let t = b.table {
                    c["table"] = ["caption": t.caption, "headers": t.headers,
                                  "rows": t.rows.map { ["cells": $0.map { ["text": $0.text, "numeric": $0.numeric] }] }] as [String: Any]
                }
                if let f = b.figure { c["figure"] = ["svg": f.svg, "caption": f.caption, "alt": f.alt] }
                return c
            },
        ]
    }
}

/// Finds the site templates (`page.mustache`, `site.css`): `SENTINEL_SITE_TEMPLATES`, else
/// `site/` beside the report templates' folder (a checkout or an installed `share/sentinel/`),
/// else the copies compiled into the executable.
enum SiteTemplates {
    static func files(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TemplateFiles {
        if let path = environment["SENTINEL_SITE_TEMPLATES"] { return TemplateFiles(directory: URL(fileURLWithPath: path)) }
        if let report = try? TemplateLocator.templatesDirectory(environment: environment) {
            let site = TemplateFiles(directory: report.deletingLastPathComponent().appendingPathComponent("site"))
            if site.contains("page.mustache") { return site }
        }
        return .bundledSite
    }

    /// Loads `page.mustache` and `site.css`.
    static func load(_ files: TemplateFiles) throws -> (MustacheLibrary, String) {
        let text = try files.text("page.mustache")
        var library = MustacheLibrary()
        do { try library.register(text, named: "page") } catch {
            throw ReportError.templateInvalid(name: "page", reason: "\(error)")
        }
        let css = (try? files.text("site.css")) ?? ""
        return (library, css)
    }
}
