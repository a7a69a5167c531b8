import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// Tests/Fixtures/audit/edge-claims.yaml: each claim id starts with its expected verdict.
final class AuditEdgeCaseTests: XCTestCase {
    func testVerdictsMatchTheirIDs() throws {
        let claims = try ClaimsFile.load(contentsOf: Fixtures.url("audit/edge-claims.yaml"))
        let verdicts = ClaimsAuditor(claims: claims).audit()
        XCTAssertEqual(claims.cohort("odd")?.effectiveControls, 6)
        for verdict in verdicts where !verdict.id.hasPrefix("cohort/") {
            let expected: AuditVerdict = verdict.id.hasPrefix("pass/") ? .pass : verdict.id.hasPrefix("fail/") ? .fail : .cannotCheck
            XCTAssertEqual(verdict.verdict, expected, "\(verdict.id): \(verdict.findings.map { "\($0.check) \($0.verdict.rawValue): \($0.reason)" })")
        }
        let tie = verdicts.first { $0.id == "pass/ci-at-one" }
        XCTAssertEqual(tie?.findings.first { $0.check == "ci-symmetry" }?.verdict, .cannotCheck)
        let bootstrap = verdicts.first { $0.id == "pass/bootstrap-asymmetric" }
        XCTAssertEqual(bootstrap?.findings.first { $0.check == "ci-symmetry" }?.verdict, .cannotCheck)
        XCTAssertEqual(verdicts.first { $0.id == "cohort/odd" }?.verdict, .cannotCheck)
    }
}
