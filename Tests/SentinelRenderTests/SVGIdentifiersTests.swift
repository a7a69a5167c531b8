import XCTest
@testable import SentinelRender

final class SVGIdentifiersTests: XCTestCase {
    func testIdsAreRenumberedInOrderAndEveryReferenceFollows() {
        let svg = ##"<svg><defs><symbol id="glyph7-3"/><clipPath id="clip12"/><image id="surface99"/></defs>"##
            + ##"<use xlink:href="#glyph7-3" x="1 2"/><g clip-path="url(#clip12)"><use href="#surface99"/>"##
            + ##"<use xlink:href="#glyph7-3"/><use href="#unknown"/> hu u( href="#x</g></svg>"##
        let out = String(decoding: SVGIdentifiers.normalize(Array(svg.utf8), prefix: "fig-"), as: UTF8.self)
        let expected = ##"<svg><defs><symbol id="fig-glyph1"/><clipPath id="fig-clip1"/><image id="fig-surface1"/></defs>"##
            + ##"<use xlink:href="#fig-glyph1" x="1 2"/><g clip-path="url(#fig-clip1)"><use href="#fig-surface1"/>"##
            + ##"<use xlink:href="#fig-glyph1"/><use href="#unknown"/> hu u( href="#x</g></svg>"##
        XCTAssertEqual(out, expected)
    }

    func testWithoutIdsTheBytesAreUnchanged() {
        let svg = Array(##"<svg><path d="M 0 0 L 1 1"/><use href="#a"/></svg>"##.utf8)
        XCTAssertEqual(SVGIdentifiers.normalize(svg, prefix: "p-"), svg)
    }
}
