import Foundation
import Mustache

/// Bytes rendered by a template as base64 text, encoded only when the template reaches them:
/// the report's inlined SVG figures are encoded one at a time while the page is written,
/// not all held as text at once beside it.
struct Base64Text: MustacheCustomRenderable, CustomStringConvertible {
    var bytes: [UInt8]

    var renderText: String { Data(bytes).base64EncodedString() }
    var isNull: Bool { false }
    var description: String { renderText }
}
